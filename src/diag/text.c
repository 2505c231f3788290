/* text.c - diagnostics for people: location, source line, carets, notes. */
#include "diag/diag.h"

#include "base/buf.h"
#include "base/show.h"
#include "base/utf8.h"

#include <string.h>

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_BLUE "\033[1;34m"
#define C_CYAN "\033[1;36m"

typedef struct Painter {
    FILE *out;
    bool color;
} Painter;

static void paint(Painter *p, const char *color, const char *text)
{
    if (p->color)
        fprintf(p->out, "%s%s%s", color, text, C_RESET);
    else
        fputs(text, p->out);
}

/* Text of a diagnostic, which quotes the input: written escaped (show.h). */
static void put_text(Painter *p, const char *text)
{
    Buf b = {0};
    buf_puts(&b, "");
    show_str(&b, text);
    fputs(b.data, p->out);
    buf_free(&b);
}

/* A source line made safe for a terminal: control and bidirectional characters and those
 * drawn as nothing are written as escapes (\u{202e}: what a line holds is seen, and cannot
 * act on the terminal), invalid bytes as U+FFFD, tabs as a space. Widths are measured on
 * what is printed, so carets line up.
 * A line can be megabytes long (generated or hostile input): only a window of about
 * SHOWN_BYTES from a little before the span is printed, "…" marking each cut, so the
 * cost and size of one diagnostic stay bounded whatever the line. */
typedef struct ShownLine {
    Buf text;
    size_t prefix_width, span_width;
} ShownLine;

enum { SHOWN_BEFORE = 160, SHOWN_BYTES = 400 };

/* The first character boundary at or after i (a byte that is not 10xxxxxx). */
static size_t char_boundary(const char *line, size_t len, size_t i)
{
    while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
        i++;
    return i;
}

static size_t show_char(const char *line, size_t len, size_t i, ShownLine *out, size_t *width)
{
    uint32_t cp;
    size_t n = utf8_decode((const unsigned char *)line + i, len - i, &cp);
    if (n == 0 || cp == '\t') {
        buf_puts(&out->text, n ? " " : "\xEF\xBF\xBD");
        *width += 1;
        return n ? n : 1;
    }
    if (show_escapes(cp)) {
        size_t before = out->text.len;
        show_text(&out->text, line + i, n);
        *width += out->text.len - before;
        return n;
    }
    buf_put(&out->text, line + i, n);
    *width += (size_t)utf8_cp_width(cp);
    return n;
}

static void show_line(const char *line, size_t len, size_t from, size_t to, ShownLine *out)
{
    size_t first = from > SHOWN_BEFORE && from <= len ? char_boundary(line, len, from - SHOWN_BEFORE) : 0;
    size_t last = len - first > SHOWN_BYTES ? char_boundary(line, len, first + SHOWN_BYTES) : len;
    size_t i = first, width = 0;
    memset(out, 0, sizeof *out);
    buf_put(&out->text, "", 0);
    if (first > 0)
        buf_puts(&out->text, "\xE2\x80\xA6"), width = 1;
    while (i < last) {
        if (i == from)
            out->prefix_width = width;
        i += show_char(line, len, i, out, &width);
        if (i > from && i <= to) /* a zero-width span mid-line stays one column wide */
            out->span_width = width - out->prefix_width;
    }
    if (last < len)
        buf_puts(&out->text, "\xE2\x80\xA6");
    if (from >= len)
        out->prefix_width = width, out->span_width = 0;
    if (out->span_width == 0)
        out->span_width = 1;
}

static int digits(uint32_t v)
{
    int n = 1;
    while (v >= 10)
        v /= 10, n++;
    return n;
}

static void gutter(Painter *p, int width, const char *text)
{
    fprintf(p->out, "%*s ", width, "");
    paint(p, C_BLUE, text);
}

static void snippet(Painter *p, Diags *d, Span span, int gw, char mark, const char *color,
                    const char *label)
{
    Source *src = d->sources->items[span.file];
    LineCol lc = source_linecol(src, span.start);
    size_t len;
    const char *line = source_line(src, lc.line, &len);
    size_t line_start = (size_t)(line - src->text);
    ShownLine shown;
    show_line(line, len, span.start - line_start, span.end - line_start, &shown);
    char num[16];
    snprintf(num, sizeof num, "%*u |", gw, lc.line);
    paint(p, C_BLUE, num);
    fprintf(p->out, " %s\n", shown.text.data);
    gutter(p, gw, "|");
    fprintf(p->out, " %*s", (int)shown.prefix_width, "");
    Buf marks = {0};
    for (size_t i = 0; i < shown.span_width; i++)
        buf_putc(&marks, mark);
    if (label && *label) {
        buf_putc(&marks, ' ');
        show_str(&marks, label);
    }
    paint(p, color, marks.data);
    fputc('\n', p->out);
    buf_free(&marks);
    buf_free(&shown.text);
}

/* file:line:col, or for a stand-in file:place (the whole file: its name alone). */
static void location(Painter *p, Diags *d, Span span, const char *after)
{
    Source *src = d->sources->items[span.file];
    Buf where = {0};
    show_name(&where, src->name);
    if (src->place) {
        buf_puts(&where, *src->place ? ":" : "");
        show_str(&where, src->place);
    } else {
        LineCol lc = source_linecol(src, span.start);
        buf_printf(&where, ":%u:%u", lc.line, lc.col);
    }
    buf_puts(&where, after);
    if (p->color)
        fprintf(p->out, "%s%s%s", C_BOLD, where.data, C_RESET);
    else
        fputs(where.data, p->out);
    buf_free(&where);
}

/* A stand-in with no text (a whole file, a whole sheet) has no line to show. */
static bool has_snippet(Diags *d, Span span)
{
    const Source *src = d->sources->items[span.file];
    return !src->place || src->len > 0;
}

static int gutter_width(Diags *d, const Diag *g)
{
    int w = digits(source_line_number(d->sources->items[g->span.file], g->span.start));
    for (size_t i = 0; i < g->nlabels; i++) {
        Span s = g->labels[i].span;
        int lw = digits(source_line_number(d->sources->items[s.file], s.start));
        if (lw > w)
            w = lw;
    }
    return w;
}

static void render_one(Painter *p, Diags *d, const Diag *g)
{
    const char *color = g->severity == SEV_ERROR ? C_RED : g->severity == SEV_WARNING ? C_YELLOW : C_CYAN;
    location(p, d, g->span, ":");
    fputc(' ', p->out);
    char head[64];
    snprintf(head, sizeof head, "%s[%s]", severity_word(g->severity), g->code);
    paint(p, color, head);
    fprintf(p->out, "%s: ", p->color ? C_BOLD : "");
    put_text(p, g->message);
    fprintf(p->out, "%s\n", p->color ? C_RESET : "");
    int gw = gutter_width(d, g);
    if (has_snippet(d, g->span)) {
        gutter(p, gw, "|\n");
        snippet(p, d, g->span, gw, '^', color, g->primary_label);
    }
    for (size_t i = 0; i < g->nlabels; i++) {
        Span s = g->labels[i].span;
        fprintf(p->out, "%*s", gw, "");
        paint(p, C_BLUE, "::: ");
        location(p, d, s, "");
        fputc('\n', p->out);
        if (has_snippet(d, s))
            snippet(p, d, s, gw, '-', C_CYAN, g->labels[i].text);
    }
    for (size_t i = 0; i < g->nnotes; i++) {
        gutter(p, gw, "= ");
        fprintf(p->out, "%snote:%s ", p->color ? C_BOLD : "", p->color ? C_RESET : "");
        put_text(p, g->notes[i]);
        fputc('\n', p->out);
    }
    if (g->help) {
        gutter(p, gw, "= ");
        fprintf(p->out, "%shelp:%s ", p->color ? C_BOLD : "", p->color ? C_RESET : "");
        put_text(p, g->help);
        fputc('\n', p->out);
    }
}

void diags_render_text(Diags *d, FILE *out, TextStyle style)
{
    Painter p = {out, style.color};
    for (size_t i = 0; i < d->n; i++) {
        render_one(&p, d, d->items[i]);
        fputc('\n', out);
    }
}

static void plural(FILE *out, size_t n, const char *word)
{
    fprintf(out, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

void diags_render_summary(Diags *d, FILE *out)
{
    if (d->errors == 0 && d->warnings == 0 && d->notes == 0) {
        fputs("no errors\n", out);
        return;
    }
    plural(out, d->errors, "error");
    fputs(", ", out);
    plural(out, d->warnings, "warning");
    if (d->werror && d->warnings)
        fputs(d->warnings == 1 ? " (an error under --werror)" : " (errors under --werror)", out);
    if (d->notes) {
        fputs(", ", out);
        plural(out, d->notes, "note");
    }
    if (diags_full(d))
        fprintf(out, "; stopped at the limit of --max-errors %zu", d->max_errors);
    fputc('\n', out);
}
