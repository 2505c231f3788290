/* output.c - choosing and driving a diagnostics format. */
#include "diag/output.h"

#include "base/show.h"
#include "diag/json.h"

#include <string.h>

/* In DiagFormat's order. */
static const char *const format_names[] = {"text", "json", "sarif", "github", "codeclimate"};
enum { NFORMATS = sizeof format_names / sizeof format_names[0] };

const char *diag_format_list(void)
{
    static char list[64];
    if (!list[0])
        for (int i = 0; i < NFORMATS; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i == 0 ? "" : i == NFORMATS - 1 ? " or " : ", ",
                     format_names[i]);
    return list;
}

bool diag_format_parse(const char *name, DiagFormat *out)
{
    const char *const *names = format_names;
    for (int i = 0; i < NFORMATS; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (DiagFormat)i;
            return true;
        }
    }
    return false;
}

void diag_output_begin(DiagOutput *o, DiagFormat format, FILE *out, TextStyle style, bool quiet)
{
    memset(o, 0, sizeof *o);
    o->format = format;
    o->out = out;
    o->style = style;
    o->quiet = quiet;
    if (format == DIAG_JSON || format == DIAG_SARIF || format == DIAG_CODECLIMATE)
        o->items = cJSON_CreateArray();
    if (format == DIAG_SARIF)
        o->rules = cJSON_CreateArray();
}

void diag_output_add(DiagOutput *o, Diags *d, const char *file)
{
    o->errors += d->errors;
    o->warnings += d->warnings;
    o->notes += d->notes;
    switch (o->format) {
    case DIAG_TEXT:
        if (!o->quiet)
            diags_render_text(d, o->out, o->style);
        if (file) {
            Buf name = {0};
            show_name(&name, file);
            fprintf(o->out, "%s: ", name.data);
            buf_free(&name);
        }
        diags_render_summary(d, o->out);
        break;
    case DIAG_GITHUB:
        diags_render_github(d, o->out);
        break;
    case DIAG_JSON: {
        cJSON *arr = diags_to_json(d), *g;
        while ((g = cJSON_DetachItemFromArray(arr, 0)))
            cJSON_AddItemToArray(o->items, g);
        cJSON_Delete(arr);
        break;
    }
    case DIAG_SARIF:
        for (size_t i = 0; i < d->n; i++)
            cJSON_AddItemToArray(o->items, sarif_result(d, d->items[i], o->rules));
        break;
    case DIAG_CODECLIMATE:
        for (size_t i = 0; i < d->n; i++)
            cJSON_AddItemToArray(o->items, codeclimate_issue(d, d->items[i]));
        break;
    }
}

void diag_output_ledgers(DiagOutput *o, cJSON *ledgers)
{
    if (o->format != DIAG_SARIF || !cJSON_GetArraySize(ledgers)) { /* none: no property at all */
        cJSON_Delete(ledgers);
        return;
    }
    if (!o->ledgers) {
        o->ledgers = ledgers;
        return;
    }
    cJSON *l;
    while ((l = cJSON_DetachItemFromArray(ledgers, 0)))
        cJSON_AddItemToArray(o->ledgers, l);
    cJSON_Delete(ledgers);
}

static void print_document(DiagOutput *o, cJSON *doc)
{
    char *text = cJSON_Print(doc);
    if (text) {
        fputs(text, o->out);
        fputc('\n', o->out);
        cJSON_free(text);
    }
    cJSON_Delete(doc);
}

void diag_output_end(DiagOutput *o)
{
    if (o->format == DIAG_JSON) {
        cJSON *doc = cJSON_CreateObject();
        cJSON_AddItemToObject(doc, "diagnostics", o->items);
        cJSON *counts = cJSON_AddObjectToObject(doc, "counts");
        cJSON_AddNumberToObject(counts, "errors", (double)o->errors);
        cJSON_AddNumberToObject(counts, "warnings", (double)o->warnings);
        if (o->notes) /* notes are rare: the counts of a run without any stay as they were */
            cJSON_AddNumberToObject(counts, "notes", (double)o->notes);
        print_document(o, doc);
    } else if (o->format == DIAG_SARIF) {
        print_document(o, sarif_document(o->rules, o->items, o->ledgers));
    } else if (o->format == DIAG_CODECLIMATE) {
        print_document(o, codeclimate_document(o->items));
    }
    if (o->format != DIAG_SARIF)
        cJSON_Delete(o->ledgers);
    o->items = o->rules = o->ledgers = NULL;
}
