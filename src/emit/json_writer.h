/* json_writer.h - JSON written out as it is produced, in exactly the layout of cJSON_Print
 * (members on their own lines indented with tabs, "key":<TAB>value, arrays on one line
 * with ", " between elements), so a document streamed with it is byte for byte the one a
 * cJSON tree would print, while only a small output buffer is held in memory.
 *
 * Inside an object, call json_key before each value; inside an array, just write the
 * values. Strings are written up to their first NUL, as cJSON would. Keys are written as
 * they are: they are literals or BDL names, which hold no character JSON escapes. */
#ifndef BDL_JSON_WRITER_H
#define BDL_JSON_WRITER_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct JsonWriter {
    FILE *out;
    bool failed;          /* a write to `out` failed */
    uint32_t *open;       /* per open container: values written so far << 1 | is_array */
    size_t depth, cap;
    size_t len;
    char buf[64 * 1024];
} JsonWriter;

void json_init(JsonWriter *w, FILE *out);
/* Flushes and releases the writer; false when any write failed. */
bool json_finish(JsonWriter *w);

void json_object_begin(JsonWriter *w);
void json_object_end(JsonWriter *w);
void json_array_begin(JsonWriter *w);
void json_array_end(JsonWriter *w);
/* Writes the separator, the indentation and the opening quote of a key of n bytes and
 * returns where the key goes; NULL when it wrote the whole key itself (a huge key or depth). */
char *json_key_open(JsonWriter *w, const char *key, size_t n);
/* "key":<TAB>. Always inlined, so that a literal key's length is a constant and the key is
 * copied without a call (left to itself, GCC kept it out of line in emit_json.c). */
static inline __attribute__((always_inline)) void json_key(JsonWriter *w, const char *key)
{
    size_t n = strlen(key);
    char *p = json_key_open(w, key, n);
    if (p) {
        memcpy(p, key, n);
        memcpy(p + n, "\":\t", 3);
        w->len = (size_t)(p + n + 3 - w->buf);
    }
}

void json_string(JsonWriter *w, const char *s); /* NULL writes null */
/* A string that needs no escaping - a BDL name, a dotted path, a number, a fixed word -
 * written as it is (NULL writes null). Anything else goes through json_string. */
void json_plain(JsonWriter *w, const char *s);
void json_plain_n(JsonWriter *w, const char *s, size_t n); /* s of n bytes, not NULL */
void json_null(JsonWriter *w);
void json_bool(JsonWriter *w, bool b);
void json_int(JsonWriter *w, long long v);
/* A value given as a cJSON tree, laid out as if it were part of the document. */
void json_cjson(JsonWriter *w, const cJSON *value);
/* Bytes written as they are, outside any container (e.g. the final newline). */
void json_raw(JsonWriter *w, const char *s, size_t n);

#endif
