/* manual.c - a command's section of docs/bdl.1 as plain text: a small renderer of the mdoc
 * macros the COMMANDS section uses. A line is text, filled into the paragraph being built,
 * or a macro line. Block macros shape the output: .Pp (a new paragraph), .br, .Bl/.It/.El
 * (tagged lists), .Bd/.Ed (displays, -literal kept as written) and .Dl. In-line macros
 * turn into words and may stand as arguments of one another, as in mdoc: .Nm .Cm .Ar .Fl
 * .Li .Pa .Ev .Ic .Sx .No .Em .Sy .Xr .Ns, and the enclosures .Op [ ], .Dq “ ”, .Sq and
 * .Ql ‘ ’, .Pq and .Po/.Pc ( ). Closing punctuation given as its own argument (". , ; :")
 * sticks to the word before it. Roff escapes become the characters they stand for; font
 * changes and comments vanish. The text is wrapped at MANUAL_WIDTH display columns. */
#include "cli/manual.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

extern const char bdl_1[]; /* generated from docs/bdl.1 by the Makefile */

enum { MAX_ARGS = 64, MAX_LISTS = 8, DISPLAY_OFFSET = 4, TAG_WIDTH = 6 };

/* `\~` and `\ `: a space the filling never breaks at, written as a space at the end. */
static const char NBSP[] = "\xC2\xA0";

typedef struct List {
    int outer; /* the indent around the list */
    int width; /* of the tag column */
    bool compact, first;
} List;

typedef struct Render {
    Buf *out;
    Buf para;     /* the paragraph being filled: words separated by ' ' */
    bool nospace; /* the next word joins the last one */
    bool blank;   /* a blank line is due before the next line written */
    bool any;     /* a line was written */
    int indent;   /* of the text being filled */
    Buf tag;      /* an item's tag, waiting for the first line of its text */
    bool has_tag;
    List lists[MAX_LISTS];
    int nlists;
    bool literal; /* inside .Bd -literal */
    int display_outer;
} Render;

/* ---- escapes ------------------------------------------------------------------------ */

static const struct {
    const char *name, *text;
} special[] = {
    {"dq", "\""},         {"aq", "'"},           {"em", "\xE2\x80\x94"}, {"en", "\xE2\x80\x93"},
    {"lq", "\xE2\x80\x9C"}, {"rq", "\xE2\x80\x9D"}, {"oq", "\xE2\x80\x98"}, {"cq", "\xE2\x80\x99"},
    {"ga", "`"},          {"ha", "^"},           {"ti", "~"},            {"bu", "\xE2\x80\xA2"},
    {"mi", "-"},          {"Lq", "\xE2\x80\x9C"}, {"Rq", "\xE2\x80\x9D"},
};

static void named(Buf *out, const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (strlen(special[i].name) == n && strncmp(special[i].name, name, n) == 0) {
            buf_puts(out, special[i].text);
            return;
        }
    /* a character this renderer does not know is left out rather than shown as code */
}

/* The name after \( (two characters), \[ (to the ]) or a single character; returns the
 * bytes the escape took after its introducer. */
static size_t escape_name(const char *s, const char **name, size_t *len)
{
    if (s[0] == '(' && s[1] && s[2]) {
        *name = s + 1, *len = 2;
        return 3;
    }
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        *name = s + 1, *len = n ? n - 1 : 0;
        return end ? n + 1 : n;
    }
    *name = s, *len = s[0] ? 1 : 0;
    return *len;
}

/* One escape at s (after the backslash): what it stands for goes to out; returns its
 * length, or 0 for \" (a comment: the rest of the line goes). */
static size_t escape(const char *s, Buf *out)
{
    const char *name;
    size_t len;
    switch (s[0]) {
    case '"': return 0;
    case '(': case '[': {
        size_t n = escape_name(s, &name, &len);
        named(out, name, len);
        return n;
    }
    case '*': { /* a predefined string: \*(Lq */
        size_t n = escape_name(s + 1, &name, &len);
        named(out, name, len);
        return 1 + n;
    }
    case 'f': { /* a font change: plain text has none */
        size_t n = escape_name(s + 1, &name, &len);
        return 1 + n;
    }
    case 'e': buf_putc(out, '\\'); return 1;
    case '~': case ' ': buf_puts(out, NBSP); return 1;
    case '&': case '|': case '^': case 'c': return 1;
    case '\0': return 0;
    default: buf_putc(out, s[0]); return 1; /* \- \. \\ and the like */
    }
}

static void unescape(const char *s, size_t n, Buf *out)
{
    buf_put(out, "", 0);
    for (size_t i = 0; i < n;) {
        if (s[i] != '\\') {
            buf_putc(out, s[i++]);
            continue;
        }
        size_t k = escape(s + i + 1, out);
        if (k == 0)
            return;
        i += 1 + k;
    }
}

/* ---- output ---------------------------------------------------------------------------- */

static void put_line(Render *r, int indent, const char *text, size_t n)
{
    if (r->blank && r->any)
        buf_putc(r->out, '\n');
    r->blank = false;
    for (int i = 0; i < indent; i++)
        buf_putc(r->out, ' ');
    for (size_t i = 0; i < n; i++) {
        if (strncmp(text + i, NBSP, 2) == 0)
            buf_putc(r->out, ' '), i++;
        else
            buf_putc(r->out, text[i]);
    }
    while (r->out->len && r->out->data[r->out->len - 1] == ' ')
        r->out->len--;
    buf_putc(r->out, '\n');
    r->any = true;
}

static size_t width_of(const char *s, size_t n)
{
    return utf8_width(s, n);
}

/* The tag of a list item as the start of its text's first line, or on a line of its own
 * when it is wider than the tag column. */
static void tag_prefix(Render *r, Buf *line)
{
    const List *l = &r->lists[r->nlists - 1];
    size_t w = width_of(r->tag.data, r->tag.len);
    if (w + 1 > (size_t)l->width) {
        put_line(r, l->outer, r->tag.data, r->tag.len);
        r->has_tag = false;
        return;
    }
    for (int i = 0; i < l->outer; i++)
        buf_putc(line, ' ');
    buf_put(line, r->tag.data, r->tag.len);
    for (size_t i = w; i < (size_t)l->width; i++)
        buf_putc(line, ' ');
    r->has_tag = false;
}

/* Writes the paragraph, filled: as many words on a line as fit. */
static void flush(Render *r)
{
    if (r->para.len == 0 && !r->has_tag)
        return;
    Buf line = {0};
    size_t col = 0;
    bool words = false;
    if (r->has_tag)
        tag_prefix(r, &line);
    col = line.len ? width_of(line.data, line.len) : (size_t)r->indent;
    if (!line.len)
        for (int i = 0; i < r->indent; i++)
            buf_putc(&line, ' ');
    for (size_t i = 0; i < r->para.len;) {
        size_t n = strcspn(r->para.data + i, " ");
        size_t w = width_of(r->para.data + i, n);
        if (words && col + 1 + w > MANUAL_WIDTH) {
            put_line(r, 0, line.data, line.len);
            line.len = 0;
            for (int k = 0; k < r->indent; k++)
                buf_putc(&line, ' ');
            col = (size_t)r->indent, words = false;
        }
        if (words)
            buf_putc(&line, ' '), col++;
        buf_put(&line, r->para.data + i, n);
        col += w, words = true;
        i += n + (r->para.data[i + n] == ' ');
    }
    if (line.len)
        put_line(r, 0, line.data, line.len);
    buf_free(&line);
    r->para.len = 0;
    r->nospace = false;
}

/* ---- words -------------------------------------------------------------------------------- */

static bool closing(const char *w)
{
    return w[0] && !w[1] && strchr(".,;:?!)]", w[0]);
}

static bool opening(const char *w)
{
    return w[0] && !w[1] && strchr("([", w[0]);
}

static void join(Render *r, const char *w, bool space)
{
    if (r->para.len && space && !r->nospace)
        buf_putc(&r->para, ' ');
    buf_puts(&r->para, w);
    r->nospace = false;
}

/* A word of a macro line: closing punctuation sticks to the word before, opening to the
 * word after. */
static void word(Render *r, const char *w)
{
    if (!*w)
        return;
    join(r, w, !closing(w));
    r->nospace = opening(w);
}

static void open_mark(Render *r, const char *mark)
{
    join(r, mark, true);
    r->nospace = true;
}

static void close_mark(Render *r, const char *mark)
{
    join(r, mark, false);
}

/* ---- macros --------------------------------------------------------------------------------- */

static const char *const callable[] = {"Ar", "Cm", "Dq", "Em", "Ev", "Fl", "Ic", "Li", "Nm", "No", "Ns",
                                       "Op", "Pa", "Pc", "Po", "Pq", "Ql", "Sq", "Sx", "Sy", "Xr", NULL};

static bool is_callable(const char *w)
{
    for (size_t i = 0; callable[i]; i++)
        if (strcmp(w, callable[i]) == 0)
            return true;
    return false;
}

static void args(Render *r, char **tok, size_t i, size_t n);

/* .Op, .Dq, .Sq, .Ql, .Pq: the rest of the line in marks; closing punctuation at its end
 * stays outside. */
static size_t enclosure(Render *r, char **tok, size_t i, size_t n, const char *open, const char *close)
{
    size_t end = n;
    while (end > i + 1 && closing(tok[end - 1]))
        end--;
    open_mark(r, open);
    args(r, tok, i + 1, end);
    close_mark(r, close);
    for (size_t k = end; k < n; k++)
        word(r, tok[k]);
    return n;
}

/* An in-line macro and its arguments, up to the next callable macro. */
static size_t inline_macro(Render *r, char **tok, size_t i, size_t n)
{
    const char *m = tok[i];
    size_t j = i + 1;
    while (j < n && !is_callable(tok[j]))
        j++;
    size_t nargs = j - i - 1;
    char **a = tok + i + 1;
    if (strcmp(m, "Fl") == 0) {
        if (nargs == 0 || closing(a[0]))
            word(r, "-");
        for (size_t k = 0; k < nargs; k++) {
            Buf f = {0};
            buf_printf(&f, "%s%s", closing(a[k]) || strcmp(a[k], "|") == 0 ? "" : "-", a[k]);
            word(r, f.data);
            buf_free(&f);
        }
        return j;
    }
    if (strcmp(m, "Xr") == 0 && nargs >= 2) {
        Buf x = {0};
        buf_printf(&x, "%s(%s)", a[0], a[1]);
        word(r, x.data);
        buf_free(&x);
        a += 2, nargs -= 2;
    } else if (strcmp(m, "Ar") == 0 && (nargs == 0 || closing(a[0]))) {
        word(r, "file"), word(r, "...");
    } else if (strcmp(m, "Nm") == 0 && (nargs == 0 || closing(a[0]))) {
        word(r, "bdl");
    } else if (strcmp(m, "Po") == 0) {
        open_mark(r, "(");
    } else if (strcmp(m, "Pc") == 0) {
        close_mark(r, ")");
    }
    for (size_t k = 0; k < nargs; k++)
        word(r, a[k]);
    return j;
}

static size_t macro(Render *r, char **tok, size_t i, size_t n)
{
    const char *m = tok[i];
    if (strcmp(m, "Ns") == 0) {
        r->nospace = true;
        return i + 1;
    }
    if (strcmp(m, "Op") == 0)
        return enclosure(r, tok, i, n, "[", "]");
    if (strcmp(m, "Dq") == 0)
        return enclosure(r, tok, i, n, "\xE2\x80\x9C", "\xE2\x80\x9D");
    if (strcmp(m, "Sq") == 0 || strcmp(m, "Ql") == 0)
        return enclosure(r, tok, i, n, "\xE2\x80\x98", "\xE2\x80\x99");
    if (strcmp(m, "Pq") == 0)
        return enclosure(r, tok, i, n, "(", ")");
    return inline_macro(r, tok, i, n);
}

static void args(Render *r, char **tok, size_t i, size_t n)
{
    while (i < n)
        i = is_callable(tok[i]) ? macro(r, tok, i, n) : (word(r, tok[i]), i + 1);
}

/* ---- lines ------------------------------------------------------------------------------------ */

/* Splits a macro line's arguments at spaces, a quoted one whole ("" inside is a quote),
 * each with its escapes resolved into a string the caller frees; returns how many. */
static size_t split(const char *s, char **tok)
{
    size_t n = 0;
    Buf raw = {0};
    while (*s && n < MAX_ARGS) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        raw.len = 0;
        buf_put(&raw, "", 0);
        bool quoted = *s == '"';
        s += quoted;
        while (*s && (quoted ? !(s[0] == '"' && s[1] != '"') : *s != ' ' && *s != '\t')) {
            if (quoted && s[0] == '"')
                s++; /* "" */
            else if (s[0] == '\\' && s[1])
                buf_putc(&raw, *s++);
            buf_putc(&raw, *s++);
        }
        s += quoted && *s == '"';
        Buf t = {0};
        unescape(raw.data, raw.len, &t);
        tok[n++] = buf_take(&t);
    }
    buf_free(&raw);
    return n;
}

static void list_begin(Render *r, char **tok, size_t n)
{
    flush(r);
    if (r->nlists == MAX_LISTS)
        return;
    List l = {.outer = r->indent, .width = TAG_WIDTH, .first = true};
    for (size_t i = 0; i < n; i++) {
        if (strcmp(tok[i], "-compact") == 0)
            l.compact = true;
        else if (strcmp(tok[i], "-width") == 0 && i + 1 < n && strcmp(tok[i + 1], "Ds") != 0)
            l.width = (int)width_of(tok[i + 1], strlen(tok[i + 1])) + 2;
    }
    r->lists[r->nlists++] = l;
    r->blank = true;
}

static void list_item(Render *r, char **tok, size_t n)
{
    flush(r);
    if (r->nlists == 0) {
        args(r, tok, 0, n);
        return;
    }
    List *l = &r->lists[r->nlists - 1];
    if (!l->first && !l->compact)
        r->blank = true;
    l->first = false;
    args(r, tok, 0, n);
    r->tag.len = 0;
    buf_put(&r->tag, r->para.data ? r->para.data : "", r->para.len);
    r->has_tag = true;
    r->para.len = 0;
    r->nospace = false;
    r->indent = l->outer + l->width;
}

static void list_end(Render *r)
{
    flush(r);
    if (r->nlists == 0)
        return;
    r->indent = r->lists[--r->nlists].outer;
    r->blank = true;
}

static void display(Render *r, char **tok, size_t n, bool begin)
{
    flush(r);
    r->blank = true;
    if (!begin) {
        r->literal = false;
        r->indent = r->display_outer;
        return;
    }
    r->display_outer = r->indent;
    for (size_t i = 0; i < n; i++) {
        r->literal |= strcmp(tok[i], "-literal") == 0;
        if (strcmp(tok[i], "-offset") == 0)
            r->indent += DISPLAY_OFFSET;
    }
}

/* .Dl: one line of literal text, offset, between blank lines. */
static void display_line(Render *r, char **tok, size_t n)
{
    flush(r);
    r->blank = true;
    args(r, tok, 0, n);
    put_line(r, r->indent + DISPLAY_OFFSET, r->para.data ? r->para.data : "", r->para.len);
    r->para.len = 0;
    r->blank = true;
}

static void macro_line(Render *r, const char *name, char **tok, size_t n)
{
    if (strcmp(name, "Pp") == 0)
        flush(r), r->blank = true;
    else if (strcmp(name, "br") == 0)
        flush(r);
    else if (strcmp(name, "Bl") == 0)
        list_begin(r, tok, n);
    else if (strcmp(name, "It") == 0)
        list_item(r, tok, n);
    else if (strcmp(name, "El") == 0)
        list_end(r);
    else if (strcmp(name, "Bd") == 0 || strcmp(name, "Ed") == 0)
        display(r, tok, n, strcmp(name, "Bd") == 0);
    else if (strcmp(name, "Dl") == 0)
        display_line(r, tok, n);
    else if (is_callable(name)) {
        char *all[MAX_ARGS + 1];
        all[0] = (char *)name;
        memcpy(all + 1, tok, n * sizeof *tok);
        args(r, all, 0, n + 1);
    } else {
        args(r, tok, 0, n); /* a macro this renderer does not know: its words only */
    }
}

static void text_line(Render *r, const char *s, size_t n)
{
    Buf t = {0};
    unescape(s, n, &t);
    if (r->literal) {
        put_line(r, r->indent, t.data, t.len);
    } else if (strspn(t.data, " ") == t.len) {
        flush(r), r->blank = true;
    } else {
        for (char *w = strtok(t.data, " "); w; w = strtok(NULL, " "))
            join(r, w, true);
    }
    buf_free(&t);
}

static void line(Render *r, const char *s, size_t n)
{
    if (n == 0 || (s[0] != '.' && s[0] != '\'')) {
        text_line(r, s, n);
        return;
    }
    char *copy = strndup(s + 1, n - 1);
    if (!copy)
        abort();
    size_t name_len = strcspn(copy, " \t");
    char *rest = copy + name_len + (copy[name_len] != '\0');
    copy[name_len] = '\0';
    char *tok[MAX_ARGS + 1];
    size_t ntok = split(rest, tok);
    if (name_len && strncmp(copy, "\\\"", 2) != 0)
        macro_line(r, copy, tok, ntok);
    for (size_t i = 0; i < ntok; i++)
        free(tok[i]);
    free(copy);
}

/* ---- the section ----------------------------------------------------------------------------- */

/* The line after p, or NULL at the end. */
static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : NULL;
}

static bool heading(const char *p, const char *macro, const char *name)
{
    size_t m = strlen(macro), n = strlen(name);
    return strncmp(p, macro, m) == 0 && strncmp(p + m, name, n) == 0 && (p[m + n] == '\n' || p[m + n] == '\0');
}

/* The first line of `.Ss command` under `.Sh COMMANDS`, or NULL. */
static const char *find(const char *page, const char *command)
{
    bool commands = false;
    for (const char *p = page; p; p = next_line(p)) {
        if (strncmp(p, ".Sh ", 4) == 0)
            commands = heading(p, ".Sh ", "COMMANDS");
        else if (commands && heading(p, ".Ss ", command))
            return next_line(p);
    }
    return NULL;
}

bool manual_section_of(const char *page, const char *command, Buf *out)
{
    const char *p = find(page, command);
    if (!p)
        return false;
    Render r = {.out = out};
    buf_put(out, "", 0);
    for (; p && strncmp(p, ".Ss ", 4) != 0 && strncmp(p, ".Sh ", 4) != 0; p = next_line(p))
        line(&r, p, strcspn(p, "\n"));
    flush(&r);
    buf_free(&r.para);
    buf_free(&r.tag);
    return true;
}

bool manual_section(const char *command, Buf *out)
{
    return manual_section_of(bdl_1, command, out);
}
