/* json.c - diagnostics as JSON. Columns count code points; ends are exclusive. */
#include "diag/json.h"

static cJSON *text_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *span_to_json(SourceSet *sources, Span s)
{
    Source *src = sources->items[s.file];
    LineCol a = source_linecol(src, s.start), b = source_linecol(src, s.end);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", src->name);
    if (src->place)
        cJSON_AddStringToObject(o, "place", src->place);
    cJSON_AddNumberToObject(o, "line", a.line);
    cJSON_AddNumberToObject(o, "column", a.col);
    cJSON_AddNumberToObject(o, "end_line", b.line);
    cJSON_AddNumberToObject(o, "end_column", b.col);
    cJSON_AddNumberToObject(o, "byte_start", s.start);
    cJSON_AddNumberToObject(o, "byte_end", s.end);
    return o;
}

static cJSON *diag_to_json(Diags *d, const Diag *g)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", g->code);
    cJSON_AddStringToObject(o, "severity", severity_word(g->severity));
    cJSON_AddStringToObject(o, "message", g->message);
    if (g->message_zh)
        cJSON_AddStringToObject(o, "message_zh", g->message_zh);
    cJSON_AddItemToObject(o, "span", span_to_json(d->sources, g->span));
    cJSON_AddItemToObject(o, "label", text_or_null(g->primary_label));
    cJSON *labels = cJSON_AddArrayToObject(o, "labels");
    for (size_t i = 0; i < g->nlabels; i++) {
        cJSON *l = span_to_json(d->sources, g->labels[i].span);
        cJSON_AddStringToObject(l, "text", g->labels[i].text);
        cJSON_AddItemToArray(labels, l);
    }
    cJSON *notes = cJSON_AddArrayToObject(o, "notes");
    for (size_t i = 0; i < g->nnotes; i++)
        cJSON_AddItemToArray(notes, cJSON_CreateString(g->notes[i]));
    cJSON_AddItemToObject(o, "help", text_or_null(g->help));
    return o;
}

cJSON *diags_to_json(Diags *d)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < d->n; i++)
        cJSON_AddItemToArray(arr, diag_to_json(d, d->items[i]));
    return arr;
}
