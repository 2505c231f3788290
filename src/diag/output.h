/* output.h - diagnostics of one or more compilations, rendered in the format the
 * user asked for: text (people), json, sarif (code-scanning tools), github (workflow
 * annotations), codeclimate (GitLab's code quality report). Text and github lines are
 * printed as each compilation finishes; json, sarif and codeclimate are one document
 * printed at the end. */
#ifndef BDL_DIAG_OUTPUT_H
#define BDL_DIAG_OUTPUT_H

#include "diag/diag.h"

#include <cjson/cJSON.h>
#include <stdio.h>

typedef enum DiagFormat { DIAG_TEXT, DIAG_JSON, DIAG_SARIF, DIAG_GITHUB, DIAG_CODECLIMATE } DiagFormat;

typedef struct DiagOutput {
    DiagFormat format;
    FILE *out;
    TextStyle style;
    bool quiet; /* text: only the summary line */
    size_t errors, warnings, notes;
    cJSON *items; /* json: diagnostics; sarif: results; codeclimate: issues */
    cJSON *rules; /* sarif: tool.driver.rules */
    cJSON *ledgers; /* sarif: the run's property bdlLedgers (the rule sets' ledgers), or NULL */
} DiagOutput;

/* "text", "json", "sarif", "github" or "codeclimate"; false for anything else. */
bool diag_format_parse(const char *name, DiagFormat *out);
/* "text, json, sarif, github or codeclimate", for messages. */
const char *diag_format_list(void);
void diag_output_begin(DiagOutput *o, DiagFormat format, FILE *out, TextStyle style, bool quiet);
void diag_output_add(DiagOutput *o, Diags *d, const char *file);
/* sarif: the obligation ledgers of one compilation (an array, taken over), for the run's
 * properties; any other format deletes them. */
void diag_output_ledgers(DiagOutput *o, cJSON *ledgers);
void diag_output_end(DiagOutput *o);

/* SARIF 2.1.0 pieces (diag_sarif.c). */
cJSON *sarif_result(Diags *d, const Diag *g, cJSON *rules);
cJSON *sarif_document(cJSON *rules, cJSON *results, cJSON *ledgers);
/* GitHub workflow commands (diag_github.c). */
void diags_render_github(Diags *d, FILE *out);
void github_escape(FILE *out, const char *s, bool property);
/* GitLab code quality issues (diag_codeclimate.c); the document is the array of issues,
 * their fingerprints made unique. */
cJSON *codeclimate_issue(Diags *d, const Diag *g);
cJSON *codeclimate_document(cJSON *issues);

#endif
