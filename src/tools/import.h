/* import.h - `bdl import` as the command line runs it: a request in, the product (a spec,
 * the figures written into a spec, or a dry run's report) and what happened out. The
 * stages are in import_model.h. */
#ifndef BDL_IMPORT_H
#define BDL_IMPORT_H

#include "sheet/report.h"
#include "tools/import_model.h"

/* What `bdl import` was asked to do. */
typedef struct ImportRequest {
    const char *table;  /* the workbook or CSV ("-": a CSV on standard input) */
    const char *rules;  /* --rules FILE, or NULL */
    const char *into;   /* --into SPEC: the spec whose figures are rewritten, or NULL */
    bool dry_run;       /* describe what would be read (with --into: what would change) */
} ImportRequest;

typedef enum ImportStatus { IMPORT_OK, IMPORT_ERRORS, IMPORT_UNREADABLE } ImportStatus;

typedef struct ImportResult {
    size_t tables;          /* tables found */
    ReimportCounts counts;  /* --into */
    const char *failed;     /* IMPORT_UNREADABLE: the file that could not be read, */
    const char *why;        /* and why (static, or the Report's) */
} ImportResult;

/* Runs an import, its problems reported to `report`. IMPORT_OK: *out holds the spec in
 * bdl fmt's layout, or with --into the spec's text with the workbook's figures, or for a
 * dry run the description (with --into: a unified diff of what would change). The caller
 * frees *out. */
ImportStatus import_run(const ImportRequest *req, Report *report, Buf *out, ImportResult *result);

#endif
