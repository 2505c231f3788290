/* diag.h - the diagnostics engine. Every phase reports here; nothing prints directly.
 * A diagnostic has a stable code (E.... error, W.... warning), a primary span,
 * labelled secondary spans, notes, an optional help line and, where a budget page shows it,
 * its message in Chinese (diag_zh). The Diags owns every Diag and every text in it. */
#ifndef BDL_DIAG_H
#define BDL_DIAG_H

#include "base/num.h"
#include "base/source.h"

#include <stdbool.h>
#include <stdio.h>

/* A note (N....) says what the checker could not tell, so a reader knows what was not
 * checked; it never fails a run, --werror or not. */
typedef enum Severity { SEV_ERROR, SEV_WARNING, SEV_NOTE } Severity;

/* "error", "warning", "note". */
const char *severity_word(Severity s);

typedef struct DiagLabel {
    Span span;
    char *text;
} DiagLabel;

/* A replacement of the text at `span` that would fix the problem, made where the help line
 * is (editors offer it as a quick fix). text NULL: the diagnostic suggests none. */
typedef struct DiagFix {
    Span span;
    char *text;
} DiagFix;

typedef struct Diag {
    Severity severity;
    const char *code;
    Span span;
    char *message;
    char *message_zh;    /* the message in Chinese for a zh-CN page (diag_zh), may be NULL */
    char *primary_label; /* text shown under the primary caret, may be NULL */
    DiagLabel *labels;
    size_t nlabels, caplabels;
    char **notes;
    size_t nnotes, capnotes;
    char *help;
    DiagFix fix;
    size_t seq; /* report order, the tie-breaker that keeps sorting stable */
} Diag;

typedef struct Diags {
    Diag **items;
    size_t n, cap;
    size_t errors, warnings, notes; /* everything reported, kept or not */
    size_t max_errors;        /* stop keeping errors after this many (0 = no limit) */
    bool scan_stopped;        /* a scanner stopped at that limit before the end of its text */
    bool werror;
    SourceSet *sources;
} Diags;

void diags_init(Diags *d, SourceSet *sources);
void diags_free(Diags *d);

/* Reports a diagnostic. When the error limit is reached the report is counted but
 * dropped, and a scratch Diag is returned so callers can still attach notes. */
Diag *diag_report(Diags *d, Severity sev, const char *code, Span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_label(Diag *g, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_primary(Diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(Diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_help(Diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The message in Chinese, set where a budget page shows the diagnostic with its figures:
 * one text that says what the English message, notes and help say that matters to the
 * page's reader. Like every text of a Diag it is a copy owned by the Diag (freed with it);
 * the text, JSON's other keys and SARIF stay English. */
void diag_zh(Diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records the replacement the help line suggests: `text` in place of span's bytes. */
void diag_fix(Diag *g, Span span, const char *text);

/* E0404 (overflow) or E0405 (division by zero) for an arithmetic status that is not NUM_OK. */
void diag_overflow(Diags *d, Span at, NumStatus st);

/* True once max_errors errors were kept: the parser stops early then. */
static inline bool diags_full(const Diags *d) /* inline: the scanner asks per token */
{
    return d->max_errors && d->errors >= d->max_errors;
}
/* Sorts by file and position (report order breaks ties) and drops exact repeats. */
void diags_finish(Diags *d);
/* True when a kept error comes from the scanner or the parser (E01xx, E02xx), or when the
 * scan stopped at the error limit (the rest may hold any): such a file is not formatted
 * (bdl fmt, and the fuzz harness that checks its properties). */
bool diags_syntax_errors(const Diags *d);
/* Errors, counting warnings too under --werror. */
size_t diags_failures(const Diags *d);
/* The place a diagnostic's stand-in Source names in its file ("部门收支总表!C7"), or NULL
 * for a line of a text file and for a whole file. The machine formats, whose locations are
 * a file, a line and a column, write it before the message. */
const char *diag_place(const Diags *d, const Diag *g);

typedef struct TextStyle {
    bool color;
} TextStyle;

void diags_render_text(Diags *d, FILE *out, TextStyle style);
/* "2 errors, 1 warning" (or "no errors"), plus a note when errors were dropped. */
void diags_render_summary(Diags *d, FILE *out);

#endif
