/* build_text.c - `text` blocks: the prose is split at its {expressions}, whose source
 * ranges are kept for the parser to read where they stand (parse.c), so their
 * diagnostics point into the string. */
#include "syntax/build_text.h"

#include "base/buf.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct Splitter {
    ParseCtx *c;
    Text *text;
    const char *src; /* the whole source */
    uint32_t at, end; /* the unread part of the prose */
    Buf literal;
    uint32_t literal_start;
    TextPart *parts;
    uint32_t nparts, cap;
} Splitter;

static TextPart *new_part(Splitter *sp)
{
    ARENA_GROW(sp->c->arena, sp->parts, sp->nparts, sp->cap);
    TextPart *p = &sp->parts[sp->nparts++];
    *p = (TextPart){0};
    return p;
}

static void flush_literal(Splitter *sp, uint32_t upto)
{
    if (sp->literal.len == 0)
        return;
    TextPart *p = new_part(sp);
    p->literal = arena_strndup(sp->c->arena, sp->literal.data, sp->literal.len);
    p->span = (Span){sp->c->file, sp->literal_start, upto};
    sp->literal.len = 0;
}

static void put_char(Splitter *sp, const char *s, size_t n)
{
    if (sp->literal.len == 0)
        sp->literal_start = sp->at;
    buf_put(&sp->literal, s, n);
}

/* An escape the scanner already checked: \" \\ \n \t \u{X}; anything else is copied. */
static void escape(Splitter *sp)
{
    const char *s = sp->src + sp->at;
    uint32_t left = sp->end - sp->at;
    char c = left > 1 ? s[1] : '\\';
    if (c == 'u' && left > 2 && s[2] == '{') {
        const char *close = memchr(s, '}', left);
        if (close) {
            char out[4];
            uint32_t cp = (uint32_t)strtoul(s + 3, NULL, 16);
            put_char(sp, out, cp && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF) ? utf8_encode(cp, out) : 0);
            sp->at += (uint32_t)(close - s) + 1;
            return;
        }
    }
    const char *plain = c == 'n' ? "\n" : c == 't' ? "\t" : NULL;
    put_char(sp, plain ? plain : &s[1], 1);
    sp->at += left > 1 ? 2 : 1;
}

static void bad_interpolation(Splitter *sp, Span at, const char *what)
{
    Diag *g = diag_report(sp->c->diags, SEV_ERROR, "E0901", at, "%s", what);
    diag_help(g, "write {expression} to quote a figure, e.g. {income[2026]}; write {{ and }} for braces");
}

/* {expr} or {expr:%} at sp->at: the expression is parsed in place. */
static void interpolation(Splitter *sp)
{
    uint32_t open = sp->at;
    const char *close = memchr(sp->src + open, '}', sp->end - open);
    if (!close) {
        bad_interpolation(sp, (Span){sp->c->file, open, open + 1}, "this '{' is never closed in the text");
        put_char(sp, "{", 1);
        sp->at++;
        return;
    }
    uint32_t end = (uint32_t)(close - sp->src), expr_end = end;
    while (expr_end > open + 1 && (sp->src[expr_end - 1] == ' ' || sp->src[expr_end - 1] == '\t'))
        expr_end--;
    bool percent = expr_end > open + 2 && sp->src[expr_end - 1] == '%' && sp->src[expr_end - 2] == ':';
    if (percent)
        expr_end -= 2;
    flush_literal(sp, open);
    sp->at = end + 1;
    Span span = {sp->c->file, open, end + 1};
    bool blank = true;
    for (uint32_t i = open + 1; i < expr_end; i++)
        blank &= sp->src[i] == ' ' || sp->src[i] == '\t';
    if (blank) {
        bad_interpolation(sp, span, "an interpolation needs an expression between its braces");
        return;
    }
    TextPart *p = new_part(sp);
    p->percent = percent;
    p->span = span;
    ParseCtx *c = sp->c;
    ARENA_GROW(c->arena, c->interpolations, c->ninterpolations, c->cap_interpolations);
    c->interpolations[c->ninterpolations++] = (Interpolation){sp->text, sp->nparts - 1, open + 1, expr_end};
}

/* Indentation and surrounding blank lines belong to the layout of the file, not to the
 * prose: the text starts and ends with its words, and its lines carry no indentation. */
static void trim_layout(TextPart *parts, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        char *s = parts[i].literal, *out = s;
        if (!s)
            continue;
        bool line_start = i == 0;
        for (char *p = s; *p; p++) {
            if (line_start && (*p == ' ' || *p == '\t' || (i == 0 && out == s && *p == '\n')))
                continue;
            line_start = *p == '\n';
            *out++ = *p;
        }
        while (i == n - 1 && out > s && (out[-1] == ' ' || out[-1] == '\t' || out[-1] == '\n'))
            out--;
        *out = '\0';
    }
}

static Span content_of(ParseCtx *c, Span body)
{
    const char *s = c->source->text;
    uint32_t q = body.end - body.start >= 6 && strncmp(s + body.start, "\"\"\"", 3) == 0 ? 3 : 1;
    uint32_t end = body.end;
    if (end - body.start >= 2 * q && strncmp(s + end - q, q == 3 ? "\"\"\"" : "\"", q) == 0)
        end -= q; /* an unterminated string (already reported) has no closing quote */
    return (Span){body.file, body.start + q, end};
}

Stmt *text_new(ParseCtx *c, Name id, Label title, Span body_span, Span span)
{
    Text *t = ARENA_NEW(c->arena, Text);
    *t = (Text){.index = c->program->ntexts_made++, .id = id.text, .id_span = id.span, .span = span,
                .content = content_of(c, body_span), .title = title.text};
    Splitter sp = {c, t, c->source->text, t->content.start, t->content.end, {0}, 0, NULL, 0, 0};
    while (sp.at < sp.end) {
        const char *s = sp.src + sp.at;
        bool doubled = sp.at + 1 < sp.end && (s[0] == '{' || s[0] == '}') && s[1] == s[0];
        if (doubled) {
            put_char(&sp, s, 1);
            sp.at += 2;
        } else if (s[0] == '{') {
            interpolation(&sp);
        } else if (s[0] == '\\') {
            escape(&sp);
        } else {
            put_char(&sp, s, 1);
            sp.at++;
        }
    }
    flush_literal(&sp, sp.end);
    buf_free(&sp.literal);
    t->parts = sp.parts;
    t->nparts = sp.nparts;
    ARENA_GROW(c->arena, c->texts, c->ntexts, c->cap_texts);
    c->texts[c->ntexts++] = t;
    return setting_text(c, t, span);
}

void text_finish(Text *t)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->nparts; i++)
        if (t->parts[i].literal || t->parts[i].expr) /* else its syntax error is reported */
            t->parts[n++] = t->parts[i];
    t->nparts = n;
    trim_layout(t->parts, n);
}
