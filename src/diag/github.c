/* github.c - GitHub Actions workflow commands, one line per diagnostic:
 *   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=E0406::message
 * Data is escaped (% CR LF); property values also escape ':' and ','. */
#include "diag/output.h"

void github_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': fputs(property ? "%3A" : ":", out); break;
        case ',': fputs(property ? "%2C" : ",", out); break;
        default: fputc(*s, out);
        }
    }
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
