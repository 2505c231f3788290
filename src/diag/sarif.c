/* sarif.c - SARIF 2.1.0: one run, rules for the codes used (described from the
 * embedded docs/diagnostics.md), code-point columns, exclusive end columns, and
 * fingerprints that survive unrelated edits (no line numbers in them); the obligation
 * ledgers of rule sets in the run's properties. */
#include "diag/output.h"

#include "diag/explain.h"
#include "base/intern.h"
#include "base/version.h"

#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *text_object(const char *s, size_t n)
{
    cJSON *o = cJSON_CreateObject();
    char buf[4096];
    snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
    cJSON_AddStringToObject(o, "text", buf);
    return o;
}

static cJSON *rule_for(const Diag *g)
{
    cJSON *r = cJSON_CreateObject();
    Explanation ex;
    cJSON_AddStringToObject(r, "id", g->code);
    if (explain_find(g->code, &ex)) {
        cJSON_AddItemToObject(r, "shortDescription", text_object(ex.title, ex.title_len));
        cJSON_AddItemToObject(r, "fullDescription", text_object(ex.meaning, ex.meaning_len));
        cJSON_AddItemToObject(r, "help", text_object(ex.fix, ex.fix_len));
    }
    cJSON *cfg = cJSON_AddObjectToObject(r, "defaultConfiguration");
    cJSON_AddStringToObject(cfg, "level", severity_word(g->severity));
    return r;
}

/* The index of g's rule, adding the rule the first time its code is seen. */
static int rule_index(cJSON *rules, const Diag *g)
{
    int i = 0;
    for (cJSON *r = rules->child; r; r = r->next, i++)
        if (strcmp(cJSON_GetObjectItem(r, "id")->valuestring, g->code) == 0)
            return i;
    cJSON_AddItemToArray(rules, rule_for(g));
    return i;
}

/* artifactLocation.uri must be a URI reference (RFC 3986): a relative name is written as a
 * relative reference and an absolute one as a file: URI, each byte outside the unreserved
 * characters and '/' percent-encoded ("a b/收入.bdl" is "a%20b/%E6%94%B6%E5%85%A5.bdl"),
 * so that ':' or '#' in a name cannot make it a scheme or a fragment. */
static char *artifact_uri(const char *name)
{
    Buf b = {0};
    buf_puts(&b, name[0] == '/' ? "file://" : "");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                     strchr("-._~/", *p);
        if (plain)
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_take(&b);
}

static cJSON *location(Diags *d, Span s, const char *message)
{
    Source *src = d->sources->items[s.file];
    LineCol a = source_linecol(src, s.start), b = source_linecol(src, s.end);
    cJSON *loc = cJSON_CreateObject();
    cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
    cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");
    char *uri = artifact_uri(src->name);
    cJSON_AddStringToObject(art, "uri", uri);
    free(uri);
    cJSON *region = cJSON_AddObjectToObject(phys, "region");
    cJSON_AddNumberToObject(region, "startLine", a.line);
    cJSON_AddNumberToObject(region, "startColumn", a.col);
    cJSON_AddNumberToObject(region, "endLine", b.line);
    cJSON_AddNumberToObject(region, "endColumn", b.col);
    if (message)
        cJSON_AddItemToObject(loc, "message", text_object(message, strlen(message)));
    return loc;
}

/* Hash of code, file, message and the text of the primary line: moving the line does not
 * change it, editing it does. */
static cJSON *fingerprints(Diags *d, const Diag *g)
{
    Source *src = d->sources->items[g->span.file];
    LineCol lc = source_linecol(src, g->span.start);
    size_t len;
    const char *line = source_line(src, lc.line, &len);
    uint64_t h = 1469598103934665603ull;
    const char *parts[] = {g->code, src->name, g->message};
    for (int i = 0; i < 3; i++)
        h = (h ^ hash_bytes(parts[i], strlen(parts[i]))) * 1099511628211ull;
    h = (h ^ hash_bytes(line, len)) * 1099511628211ull;
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "bdlPrimary/v1", hex);
    return o;
}

/* The place (if any), the message, its notes and its help, one per line. */
static char *full_message(const Diags *d, const Diag *g)
{
    const char *place = diag_place(d, g);
    size_t n = strlen(g->message) + (place ? strlen(place) + 2 : 0) + 1;
    for (size_t i = 0; i < g->nnotes; i++)
        n += strlen(g->notes[i]) + 8;
    if (g->help)
        n += strlen(g->help) + 8;
    char *s = cJSON_malloc(n + 1);
    s[0] = '\0';
    if (place)
        strcat(strcat(s, place), ": ");
    strcat(s, g->message);
    for (size_t i = 0; i < g->nnotes; i++)
        strcat(strcat(s, "\nnote: "), g->notes[i]);
    if (g->help)
        strcat(strcat(s, "\nhelp: "), g->help);
    return s;
}

cJSON *sarif_result(Diags *d, const Diag *g, cJSON *rules)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "ruleId", g->code);
    cJSON_AddNumberToObject(r, "ruleIndex", rule_index(rules, g));
    cJSON_AddStringToObject(r, "level", severity_word(g->severity));
    char *msg = full_message(d, g);
    cJSON_AddItemToObject(r, "message", text_object(msg, strlen(msg)));
    cJSON_free(msg);
    cJSON *locs = cJSON_AddArrayToObject(r, "locations");
    cJSON_AddItemToArray(locs, location(d, g->span, g->primary_label));
    if (g->nlabels) {
        cJSON *rel = cJSON_AddArrayToObject(r, "relatedLocations");
        for (size_t i = 0; i < g->nlabels; i++) {
            cJSON *loc = location(d, g->labels[i].span, g->labels[i].text);
            cJSON_AddNumberToObject(loc, "id", (double)i);
            cJSON_AddItemToArray(rel, loc);
        }
    }
    cJSON_AddItemToObject(r, "partialFingerprints", fingerprints(d, g));
    return r;
}

cJSON *sarif_document(cJSON *rules, cJSON *results, cJSON *ledgers)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    cJSON_AddStringToObject(doc, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(doc, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = cJSON_AddObjectToObject(tool, "driver");
    cJSON_AddStringToObject(driver, "name", "bdl");
    cJSON_AddStringToObject(driver, "version", BDL_VERSION);
    cJSON_AddItemToObject(driver, "rules", rules);
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
    cJSON_AddItemToObject(run, "results", results);
    if (ledgers) /* the rule sets' obligation ledgers (language.md 16): a property bag */
        cJSON_AddItemToObject(cJSON_AddObjectToObject(run, "properties"), "bdlLedgers", ledgers);
    return doc;
}
