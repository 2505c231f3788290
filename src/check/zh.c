/* zh.c - items, classifications and columns as the checker's Chinese messages name them. */
#include "check/zh.h"

#include "base/arena.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

/* "“label”（id）", or “id” alone without a label; in c's arena. A label that holds quotes
 * itself (“三公”经费) is not quoted again. */
static const char *named(Checker *c, const char *label, const char *id)
{
    bool quoted = label && strstr(label, "“");
    char *s = !label ? str_printf("“%s”", id) : quoted ? str_printf("%s（%s）", label, id)
                                                       : str_printf("“%s”（%s）", label, id);
    const char *kept = arena_strdup(c->arena, s);
    free(s);
    return kept;
}

const char *zh_item(Checker *c, const Item *it)
{
    char *path = item_path(it);
    const char *kept = named(c, sema_given_label(c->sema, it), path);
    free(path);
    return kept;
}

const char *zh_scheme(Checker *c, const Classification *k)
{
    return named(c, k->label, k->id);
}

const char *zh_column(Checker *c, uint32_t col)
{
    const Budget *b = c->budget;
    if (b->ncolumns <= 1 || col >= b->ncolumns)
        return "";
    const Column *k = &b->columns[col];
    char *s = str_printf("[%s] ", k->label ? k->label : k->id);
    const char *kept = arena_strdup(c->arena, s);
    free(s);
    return kept;
}

const char *zh_suggestion(Checker *c, const char *suggested)
{
    if (!suggested)
        return "";
    char *s = str_printf("；是否指“%s”？", suggested);
    const char *kept = arena_strdup(c->arena, s);
    free(s);
    return kept;
}
