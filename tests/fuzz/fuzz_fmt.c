/* fuzz_fmt.c - the properties of `bdl fmt`, as tests/fmt_props.py states them:
 *   a file that parses formats to a file that parses, with the same JSON (locations
 *   aside), and formatting that again changes nothing.
 * Inputs with syntax errors are skipped, as bdl fmt refuses them. */
#include "fuzz.h"

#include "emit/json.h"
#include "tools/fmt.h"

#include <cjson/cJSON.h>
#include <string.h>

/* fmt_props.py drops these keys: formatting may move what they point at. A ledger's
 * `apply_line` is the line of its apply block, which moves like any other. */
static bool location_key(const char *k)
{
    return k && (strcmp(k, "line") == 0 || strcmp(k, "apply_line") == 0 ||
                 strcmp(k, "span") == 0 || strcmp(k, "labels") == 0);
}

/* Keys (NULL: an array element) whose white space fmt may change, in expressions (a
 * derived column's `formula` is one). */
static bool spacing_key(const char *k)
{
    return !k || strcmp(k, "expr") == 0 || strcmp(k, "formula") == 0 || strcmp(k, "message") == 0 || strcmp(k, "message_zh") == 0 ||
           strcmp(k, "label") == 0 || strcmp(k, "help") == 0;
}

static size_t digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* re.sub(r":\d+:\d+", ":L:C") and, for spacing keys, re.sub(r"\s+", "") over ASCII space. */
static char *normal_text(const char *s, bool strip)
{
    char *out = malloc(strlen(s) * 2 + 1), *o = out;
    while (*s) {
        size_t a = s[0] == ':' ? digits(s + 1) : 0;
        size_t b = a && s[1 + a] == ':' ? digits(s + 2 + a) : 0;
        if (b) {
            memcpy(o, ":L:C", 4), o += 4, s += 2 + a + b;
            continue;
        }
        if (!(strip && strchr(" \t\n\r\f\v", *s)))
            *o++ = *s;
        s++;
    }
    *o = '\0';
    return out;
}

static void normalise(cJSON *v, const char *key)
{
    if (cJSON_IsString(v)) {
        char *t = normal_text(v->valuestring, spacing_key(key));
        cJSON_SetValuestring(v, t);
        free(t);
        return;
    }
    cJSON *child = v->child;
    while (child) {
        cJSON *next = child->next;
        if (cJSON_IsObject(v) && location_key(child->string))
            cJSON_Delete(cJSON_DetachItemViaPointer(v, child));
        else
            normalise(child, cJSON_IsObject(v) ? child->string : NULL);
        child = next;
    }
}

/* The JSON document of a compilation, normalised; NULL when it is not valid JSON. */
static cJSON *meaning(Compilation *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem || !emit_json(c, NULL, mem))
        fuzz_fail("emit_json failed on a memory stream", NULL, 0);
    fclose(mem);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    if (doc)
        normalise(doc, NULL);
    return doc;
}

static void check_formatted(Compilation *before, const char *text, size_t len)
{
    Compilation after;
    fuzz_compile(&after, (const unsigned char *)text, len, 50);
    if (diags_syntax_errors(&after.diags))
        fuzz_fail("formatted text has syntax errors", text, len);
    cJSON *a = meaning(before), *b = meaning(&after);
    if (!a || !b || !cJSON_Compare(a, b, true))
        fuzz_fail("formatting changed the meaning (JSON differs, locations aside)", text, len);
    cJSON_Delete(a);
    cJSON_Delete(b);
    size_t len2;
    char *again = fmt_source(after.sources.items[0], &len2);
    if (len2 != len || memcmp(again, text, len) != 0)
        fuzz_fail("formatting is not idempotent", again, len2);
    free(again);
    compilation_free(&after);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size, 50);
    if (!diags_syntax_errors(&c.diags)) {
        size_t len;
        char *text = fmt_source(c.sources.items[0], &len);
        check_formatted(&c, text, len);
        free(text);
    }
    compilation_free(&c);
    return 0;
}
