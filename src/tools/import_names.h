/* import_names.h - labels as a table shows them (list numbers, total and memo rows) and the
 * BDL names and strings bdl import writes. Strings returned live in the arena given. */
#ifndef BDL_IMPORT_NAMES_H
#define BDL_IMPORT_NAMES_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/intern.h"
#include "base/map.h"

#include <stdbool.h>

/* A label as shown: white space collapsed, line breaks between CJK characters dropped. */
char *label_clean(Arena *a, const char *text);
/* The label without its list number ("一、", "（二）", "3.", "(4)") or "其中：". */
const char *label_unnumbered(const char *label);
/* True for 合计/总计/小计 rows and "Total …", "Subtotal": *rest is the label without
 * the total word ("本年收入合计" -> "本年收入", "Total General Fund" -> "General Fund"). */
bool label_is_total(const char *label, Arena *a, const char **rest);
/* The level a list number gives: 一、 1, （一） 2, 1. 3, (1) 4; none 0. */
int label_level(const char *label);
/* True for "其中：…" and "Of which …" rows. */
bool label_is_memo(const char *label);
/* A valid BDL name made from a label: letters, digits, _ and CJK kept, the rest '_';
 * never a keyword; `fallback` when nothing is left. */
char *name_from_label(Arena *a, const char *label, const char *fallback);
/* The names given among siblings, to keep them unique: a hash set of interned names. */
typedef struct NameSet {
    Interns names;
    Map taken;
} NameSet;
void names_init(NameSet *s, Arena *a);
void names_free(NameSet *s);
/* Makes `name` unique in the set (appending _2, _3, …) and records it. */
const char *name_unique(NameSet *s, const char *name);
/* Appends s as a BDL string literal. */
void put_string(Buf *b, const char *s);

#endif
