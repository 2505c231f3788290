/* build_rules.c - rule sets and `apply` blocks as read (language.md 16). The words of a
 * rule set (role, obligation, stated, from, ...) are plain names to the grammar, so they
 * stay free for IDs elsewhere; here each is checked, and a misspelt one is E0201 with the
 * form it belongs to. What the words mean is checked later (check/rules.c). */
#include "syntax/build_rules.h"

#include <stdio.h>
#include <string.h>

static void wrong_word(ParseCtx *c, Name got, const char *expected, const char *form)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", got.span, "expected %s, found '%s'", expected, got.text);
    diag_help(g, "%s", form);
}

DeclAttrs decl_attrs_words(ParseCtx *c, DeclAttrs a, Name word, StringList strings)
{
    ARENA_GROW(c->arena, a.items, a.n, a.cap);
    a.items[a.n++] = (DeclWord){word, strings};
    return a;
}

DeclAttrs decl_attrs_value(ParseCtx *c, DeclAttrs a, NumLit value, bool percent)
{
    Num share;
    a.has_value = true;
    a.percent = percent;
    a.value = value;
    if (!percent || !packed_has(value.value))
        return a;
    /* 10% is kept as 0.1, as in a claim; one too long to divide is left unusable (E0113) */
    bool fits = num_div(packed_num(value.value), num_int(100), &share) == NUM_OK;
    a.value.value = fits ? num_pack(c->arena, share) : packed_none();
    if (!fits)
        diag_report(c->diags, SEV_ERROR, "E0113", value.span, "percentage does not fit in exact 128-bit arithmetic");
    return a;
}

WordList words_add(ParseCtx *c, WordList l, Name word, Name arg)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = (RuleWord){word, arg};
    return l;
}

StmtList stmts_check(ParseCtx *c, StmtList l, Check *k)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = (RuleStmt){.kind = RULE_CLAIM, .check = k, .span = k->span};
    return l;
}

/* --- obligation statements ------------------------------------------------------------ */

static const char stmt_forms[] =
    "an obligation holds assert/warn claims and: stated ROLE, ...; reasons ROLE, ... from COLUMN to COLUMN "
    "over PARAM; zero_base ROLE, ... from COLUMN; sums ROLE, ... in COLUMN";

/* The words each statement takes after its roles, in order. */
static const struct {
    const char *word;
    RuleKind kind;
    const char *args[3];
} stmt_kinds[] = {
    {"stated", RULE_STATED, {NULL}},
    {"reasons", RULE_REASONS, {"from", "to", "over"}},
    {"zero_base", RULE_ZERO_BASE, {"from", NULL}},
    {"sums", RULE_SUMS, {"in", NULL}},
};

/* Where the argument of `word` goes in s. */
static Name *arg_slot(RuleStmt *s, const char *word)
{
    if (strcmp(word, "from") == 0)
        return &s->from;
    if (strcmp(word, "over") == 0)
        return &s->over;
    return &s->to; /* "to", and the total column of `sums ... in C` */
}

/* The words after the roles must be exactly those of the statement's form. */
static bool stmt_args(ParseCtx *c, RuleStmt *s, const char *const *args, WordList words, Name at)
{
    uint32_t want = 0;
    while (want < 3 && args[want])
        want++;
    for (uint32_t i = 0; i < words.n; i++) {
        if (i >= want || strcmp(words.items[i].word.text, args[i]) != 0) {
            char expected[16];
            snprintf(expected, sizeof expected, "'%s'", i < want ? args[i] : "");
            wrong_word(c, words.items[i].word, i < want ? expected : "end of line", stmt_forms);
            return false;
        }
        *arg_slot(s, args[i]) = words.items[i].arg;
    }
    if (words.n < want) {
        Name last = words.n ? words.items[words.n - 1].arg : at;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", last.span, "expected '%s' after this", args[words.n]);
        diag_help(g, "%s", stmt_forms);
        return false;
    }
    return true;
}

StmtList stmts_words(ParseCtx *c, StmtList l, Name word, NameList roles, WordList words, Span span)
{
    size_t k = 0, n = sizeof stmt_kinds / sizeof stmt_kinds[0];
    while (k < n && strcmp(stmt_kinds[k].word, word.text) != 0)
        k++;
    if (k == n) {
        wrong_word(c, word, "'assert', 'warn', 'stated', 'reasons', 'zero_base' or 'sums'", stmt_forms);
        return l;
    }
    RuleStmt s = {.kind = stmt_kinds[k].kind, .roles = {roles.items, roles.n}, .span = span};
    if (!stmt_args(c, &s, stmt_kinds[k].args, words, roles.items[roles.n - 1]))
        return l;
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = s;
    return l;
}

/* --- declarations ----------------------------------------------------------------------- */

static const char decl_forms[] =
    "a rule set holds: role ID \"label\" [optional \"WORD\", ...]; column ID \"label\"; "
    "param ID \"label\" = VALUE; obligation ID \"title\" [source \"...\"] [pending \"...\"] { ... }; meta KEY \"text\"";

/* The one string of `source "..."` or `pending "..."`. */
static char *single_string(ParseCtx *c, const DeclWord *w)
{
    if (w->strings.n > 1) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", w->word.span, "'%s' takes one string", w->word.text);
        diag_help(g, "%s", decl_forms);
    }
    return w->strings.items[0];
}

/* A role takes `optional "WORD", ...`; a column and a param take no words. */
static bool decl_word(ParseCtx *c, const DeclWord *w, bool optional_allowed)
{
    if (optional_allowed && strcmp(w->word.text, "optional") == 0)
        return true;
    wrong_word(c, w->word, optional_allowed ? "'optional'" : "end of line", decl_forms);
    return false;
}

static RuleBody add_role(ParseCtx *c, RuleBody b, const RuleDecl *d, RoleKind kind)
{
    Role r = {.kind = kind, .id = d->id, .label = d->label.text, .span = d->span};
    for (uint32_t i = 0; i < d->attrs.n; i++) {
        const DeclWord *w = &d->attrs.items[i];
        if (!decl_word(c, w, kind == ROLE_FIGURE))
            continue;
        r.optional = true;
        r.empty_words = w->strings.items;
        r.nempty_words = w->strings.n;
    }
    if (d->attrs.has_value && kind != ROLE_PARAM)
        wrong_word(c, d->id, "no '=' (only a param has a default)", decl_forms);
    if (kind == ROLE_PARAM && !d->attrs.has_value) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0201", d->id.span, "param '%s' needs a default value", d->id.text);
        diag_help(g, "write its default after the label, e.g. param change_threshold \"变动幅度\" = 10%%");
    }
    r.value = d->attrs.value;
    if (d->has_block)
        wrong_word(c, d->word, "'obligation' before a block", decl_forms);
    ARENA_GROW(c->arena, b.roles, b.nroles, b.cap_roles);
    b.roles[b.nroles++] = r;
    return b;
}

static RuleBody add_obligation(ParseCtx *c, RuleBody b, const RuleDecl *d)
{
    Obligation o = {.id = d->id, .title = d->label.text, .stmts = d->stmts.items, .nstmts = d->stmts.n,
                    .span = d->span};
    for (uint32_t i = 0; i < d->attrs.n; i++) {
        const DeclWord *w = &d->attrs.items[i];
        if (strcmp(w->word.text, "source") == 0)
            o.source = single_string(c, w);
        else if (strcmp(w->word.text, "pending") == 0)
            o.pending = single_string(c, w);
        else
            wrong_word(c, w->word, "'source' or 'pending'", decl_forms);
    }
    if (d->attrs.has_value)
        wrong_word(c, d->id, "no '=' (only a param has a default)", decl_forms);
    ARENA_GROW(c->arena, b.obligations, b.nobligations, b.cap_obligations);
    b.obligations[b.nobligations++] = o;
    return b;
}

RuleDecl *rule_decl_new(ParseCtx *c, RuleDecl d)
{
    RuleDecl *r = ARENA_NEW(c->arena, RuleDecl);
    *r = d;
    return r;
}

RuleBody rule_body_decl(ParseCtx *c, RuleBody b, const RuleDecl *d)
{
    const char *w = d->word.text;
    if (strcmp(w, "role") == 0)
        return add_role(c, b, d, ROLE_FIGURE);
    if (strcmp(w, "column") == 0)
        return add_role(c, b, d, ROLE_COLUMN);
    if (strcmp(w, "param") == 0)
        return add_role(c, b, d, ROLE_PARAM);
    if (strcmp(w, "obligation") == 0)
        return add_obligation(c, b, d);
    wrong_word(c, d->word, "'role', 'column', 'param', 'obligation' or 'meta'", decl_forms);
    return b;
}

RuleBody rule_body_meta(ParseCtx *c, RuleBody b, Name key, char *value, Span span)
{
    ARENA_GROW(c->arena, b.meta, b.nmeta, b.cap_meta);
    b.meta[b.nmeta++] = (Meta){key.text, value, span};
    return b;
}

void ruleset_add(ParseCtx *c, Name id, Label title, RuleBody body, Span span)
{
    RuleSet *r = ARENA_NEW(c->arena, RuleSet);
    *r = (RuleSet){.id = id.text, .label = title.text, .span = span, .id_span = id.span, .meta = body.meta,
                   .nmeta = body.nmeta, .roles = body.roles, .nroles = body.nroles,
                   .obligations = body.obligations, .nobligations = body.nobligations};
    PROGRAM_APPEND(c->program, rulesets, r);
}

/* --- applying a rule set ---------------------------------------------------------------- */

static BindList binds_push(ParseCtx *c, BindList l, Binding b)
{
    ARENA_GROW(c->arena, l.items, l.n, l.cap);
    l.items[l.n++] = b;
    return l;
}

BindList binds_expr(ParseCtx *c, BindList l, Name role, Expr *e, Span span)
{
    return binds_push(c, l, (Binding){.role = role, .kind = BIND_EXPR, .expr = e, .span = span});
}

BindList binds_none(ParseCtx *c, BindList l, Name role, Name none, char *reason, Span span)
{
    if (strcmp(none.text, "none") != 0) {
        wrong_word(c, none, "'none'", "bind a role: ROLE = PATH or amount; ROLE = none \"why it is absent\"; ROLE = - [\"why\"]");
        return l;
    }
    return binds_push(c, l, (Binding){.role = role, .kind = BIND_NONE, .reason = reason, .span = span});
}

BindList binds_unstated(ParseCtx *c, BindList l, Name role, Label reason, Span span)
{
    return binds_push(c, l, (Binding){.role = role, .kind = BIND_UNSTATED, .reason = reason.text, .span = span});
}

static Apply *apply_alloc(ParseCtx *c, Name rules, BindList binds, Span span)
{
    Apply *a = ARENA_NEW(c->arena, Apply);
    *a = (Apply){.rules = rules, .bindings = binds.items, .nbindings = binds.n,
                 .index = c->program->napplies_made++, .span = span};
    return a;
}

Stmt *apply_new(ParseCtx *c, Name rules, BindList binds, Span span)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    *s = (Stmt){.kind = STMT_APPLY, .span = span};
    s->u.apply = apply_alloc(c, rules, binds, span);
    return s;
}

void shared_apply_add(ParseCtx *c, Name rules, Name as, Name name, BindList binds, Span span)
{
    if (strcmp(as.text, "as") != 0) {
        wrong_word(c, as, "'as'", "at the top of a file: apply RULES as NAME { bindings }; in a budget: apply RULES { bindings }");
        return;
    }
    Apply *a = apply_alloc(c, rules, binds, span);
    a->as = name;
    PROGRAM_APPEND(c->program, shared_applies, a);
}
