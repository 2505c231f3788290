/* github.c - GitHub Actions workflow commands, one line per diagnostic:
 *   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=E0406::message
 * Data is escaped (% CR LF); property values also escape ':' and ','. The log shows the
 * rest of the line as it is, so other control characters are written as escapes (\u{1b}). */
#include "diag/output.h"

#include "base/show.h"

#include <string.h>

void github_escape(FILE *out, const char *s, bool property)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (const char *p = s; *p; p++) {
        size_t plain = strcspn(p, "%\r\n:,");
        show_text(&b, p, plain);
        p += plain;
        if (!*p)
            break;
        switch (*p) {
        case '%': buf_puts(&b, "%25"); break;
        case '\r': buf_puts(&b, "%0D"); break;
        case '\n': buf_puts(&b, "%0A"); break;
        case ':': buf_puts(&b, property ? "%3A" : ":"); break;
        case ',': buf_puts(&b, property ? "%2C" : ","); break;
        }
    }
    fputs(b.data, out);
    buf_free(&b);
}

static void render_one(Diags *d, const Diag *g, FILE *out)
{
    Source *src = d->sources->items[g->span.file];
    LineCol a = source_linecol(src, g->span.start), b = source_linecol(src, g->span.end);
    fprintf(out, "::%s file=", g->severity == SEV_ERROR ? "error" : g->severity == SEV_WARNING ? "warning" : "notice");
    github_escape(out, src->name, true);
    fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", a.line, a.col, b.line, b.col);
    github_escape(out, g->code, true);
    fputs("::", out);
    if (diag_place(d, g)) {
        github_escape(out, diag_place(d, g), false);
        fputs(": ", out);
    }
    github_escape(out, g->message, false);
    for (size_t i = 0; i < g->nnotes; i++) {
        github_escape(out, "\nnote: ", false);
        github_escape(out, g->notes[i], false);
    }
    if (g->help) {
        github_escape(out, "\nhelp: ", false);
        github_escape(out, g->help, false);
    }
    fputc('\n', out);
}

void diags_render_github(Diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++)
        render_one(d, d->items[i], out);
}
