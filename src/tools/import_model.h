/* import_model.h - what the stages of `bdl import` share: the tables found, their rows and
 * trees, the budget made of them. Each stage owns what it makes; everything lives in the
 * Import's arena (strings, rows, nodes) or in arrays freed by import_free (import_model.c).
 *   import.c        the run (import.h): rules, workbook, tables, trees, recognition, text
 *   import_table.c  finds each sheet's tables: title, unit, header, columns, rows
 *   import_tree.c   the rows as a tree: codes, indentation, subtotal and total rows
 *   import_cn.c     recognises the standard CN 部门预算公开报表 and adds its identities
 *   import_rules.c  a rules file, for layouts that are not recognised
 *   import_write.c  the spec's text (import_names.h: its IDs, labels and strings)
 *   import_describe.c  what --dry-run prints
 *   reimport.c      --into: the figures written into an existing spec
 * import_figure.h reads figures and units out of a cell's text. */
#ifndef BDL_IMPORT_MODEL_H
#define BDL_IMPORT_MODEL_H

#include "sheet/report.h"
#include "sheet/sheet.h"
#include "tools/import_figure.h"
#include "tools/import_names.h"

#include <stdbool.h>
#include <stddef.h>

/* --- tables (import_table.c) --------------------------------------------------------- */

typedef enum ColumnRole { COL_NONE, COL_LABEL, COL_CODE, COL_CODE_PART, COL_VALUE, COL_SKIP } ColumnRole;

typedef struct TableColumn {
    uint32_t col;
    const char *header;  /* the header rows' texts joined with "/", "" when none */
    uint32_t header_row; /* where the header text is (for notes) */
    ColumnRole role;
    const char *key;  /* the budget column it goes to (a header text or a CN key) */
    const char *why;  /* why a column is skipped, for --dry-run */
} TableColumn;

typedef enum RowKind { ROW_ITEM, ROW_TOTAL, ROW_MEMO } RowKind;

typedef struct Row {
    uint32_t row, col; /* where its label is (a wide table's: its header cell) */
    const char *label;  /* cleaned; "" when the row has none */
    const char *code;   /* digits, or NULL */
    const char *total_rest; /* ROW_TOTAL: the label without the total word */
    int indent;
    RowKind kind;
    Amount *values; /* one per value column of the table */
} Row;

typedef struct Table {
    size_t sheet;
    const char *title;    /* the title line, or the sheet's name */
    const char *entity;   /* who: 编制单位：… above the table, or NULL */
    bool wide;            /* read across: its header cells are the rows (三公 tables) */
    const char *side;     /* one side of a two-sided table ("收入"), else NULL */
    UnitInfo unit;
    uint32_t header_first, header_last, first_row, last_row; /* rows, 0-based */
    uint32_t first_col, last_col;
    TableColumn *cols;
    size_t ncols, cols_cap;
    size_t label_col;     /* index into cols */
    size_t *values;       /* indexes into cols of the value columns, in order */
    size_t nvalues, values_cap;
    Row *rows;
    size_t nrows, rows_cap;
    int decimals;         /* the most decimals a figure shows */
    const char *id;       /* the group's ID (set by import_cn.c, the rules, or the writer) */
    const char *kind;     /* a CN table's kind ("summary_income"), else NULL */
} Table;

typedef struct RowRange {
    uint32_t from, to; /* 1-based, both included */
} RowRange;

/* What a rules file says about one sheet (import_rules.c); all fields optional. */
typedef struct SheetRule {
    const char *sheet;       /* a sheet name, or NULL for every sheet */
    const char *id, *title;  /* the group's ID and label */
    uint32_t header_first, header_last; /* 1-based rows; 0: found */
    uint32_t first_row, last_row;       /* 1-based data rows; 0: found */
    int label_col, code_col;            /* 0-based; -1: found */
    int *value_cols;                    /* 0-based */
    size_t nvalue_cols;
    RowRange *skips;                    /* rows to leave out */
    uint32_t nskips, skips_cap;
    UnitInfo unit;                      /* the figures' unit, when the sheet does not say */
    bool skip;                          /* the sheet is not imported */
    Span at;                            /* where the rules file names the sheet */
} SheetRule;

typedef struct Alias {
    const char *from, *to; /* a label as written, the label to use */
} Alias;

typedef struct ColumnRule {
    const char *header, *id, *label; /* a header text, the column's ID and label */
} ColumnRule;

typedef struct Rules {
    const char *budget_id, *budget_title;
    const char *year;
    char delimiter;
    bool no_cn; /* the CN layout is not recognised even where it would be */
    SheetRule *sheets; /* these arrays are in the arena the rules were read into */
    uint32_t nsheets, sheets_cap;
    Alias *aliases;
    uint32_t naliases, aliases_cap;
    ColumnRule *columns;
    uint32_t ncolumns, columns_cap;
} Rules;

/* --- the tree (import_tree.c) -------------------------------------------------------- */

typedef struct Node Node;
struct Node {
    const Row *row;      /* the row it was made from; NULL for a group made by a subtotal */
    const char *label;
    const char *code;
    const Amount *totals; /* a group's stated totals (a row's values), or NULL */
    const Row *totals_row;
    bool memo;
    const char *id;
    Node **kids; /* in the import's arena */
    uint32_t nkids, cap;
};

/* Appends a row (the array grows geometrically: a sheet may have a million). */
Row *table_add_row(Table *t, const Row *r);

/* The table's rows as a tree under `root` (the table itself). */
void table_tree(Arena *a, const Table *t, Node *root);

/* --- the whole import ---------------------------------------------------------------- */

typedef struct BudgetColumn {
    const char *key;   /* what value columns map to it */
    const char *id, *label;
} BudgetColumn;

typedef struct Assertion {
    const char *expr, *message;
} Assertion;

typedef struct Import {
    Arena arena;
    Workbook *wb;
    Report *d;
    const Rules *rules;
    Table *tables;
    size_t ntables, tables_cap;
    const char **skipped; /* sheets without a table, for --dry-run */
    size_t nskipped, skipped_cap;
    BudgetColumn *columns;
    size_t ncolumns, columns_cap;
    Node *roots; /* one per table */
    UnitInfo unit; /* the budget's */
    const char *budget_id, *budget_title, *year;
    const char *imports[2]; /* library catalogues to import, or NULL */
    Assertion *asserts;
    size_t nasserts, asserts_cap;
    bool cn; /* the CN standard workbook was recognised */
} Import;

/* What --into did to the spec. */
typedef struct ReimportCounts {
    size_t changed; /* figures rewritten */
    size_t added;   /* rows added (a new group counts its rows too) */
    size_t tables;  /* tables added: the spec had no group for them */
    size_t missing; /* items of the spec the workbook does not have */
} ReimportCounts;

void import_init(Import *im, Workbook *wb, Report *d, const Rules *rules);
void import_free(Import *im);
/* Finds every table of the workbook; false after an error diagnostic. */
bool find_tables(Import *im);
/* Recognises the CN standard workbook's tables (their kinds, IDs and columns), before
 * the trees are built; then, after, the rows' IDs, the catalogues and the identities. */
void cn_tables(Import *im);
void cn_recognise(Import *im);
/* The label of a budget column a CN table's column was mapped to ("基本支出"). */
const char *cn_column_label(Import *im, const char *key);
/* Where a CN budget column goes after the years' columns (SIZE_MAX: unknown, last). */
size_t cn_column_rank(const char *key);
/* The budget's columns from the tables' value columns (those import_cn.c set kept). */
void collect_columns(Import *im);
/* The budget column a table column's key goes to, or SIZE_MAX. */
size_t import_column(const Import *im, const char *key);
/* The spec's text, before formatting. */
void write_spec(Import *im, Buf *out);

/* How write_node lays out a table's rows: the budget column each of the table's value
 * columns goes to (SIZE_MAX: none) among ncolumns, the unit written after each figure
 * (NULL: the budget's), and the margin that stands for the indentation of depth `base`
 * (each depth below it indents two spaces more). */
typedef struct Layout {
    const size_t *slot;
    size_t ncolumns;
    const char *unit;
    const char *margin;
    int base;
} Layout;

/* Node n of table t as spec lines (depth 1: the table's own group), with a comment
 * naming the cell each line comes from; the kids without an ID get one. */
void write_node(Import *im, const Table *t, const Layout *l, Node *n, int depth, Buf *out);
/* "# SHEET!A3:E18 (万元)" and a line break: where table t is. */
void write_table_place(Import *im, const Table *t, Buf *out);
/* The unit to write after table t's figures in a budget whose unit is budget_unit: the
 * table's own when it names another one, else NULL. */
const char *table_unit(Import *im, const Table *t, const char *budget_unit);
/* An ID for node k unique in `used` (and recorded there): the one recognition gave, else
 * one made from its label, its code or its row. */
const char *node_id(Import *im, NameSet *used, const Node *k);
/* What would be read, for --dry-run. */
void describe_import(const Import *im, Buf *out);
void add_assert(Import *im, const char *message, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The rules file at `path`, its problems reported to d (its Source kept there); false
 * with *err set when it cannot be read at all. */
bool rules_read(Rules *r, Arena *a, const char *path, Report *d, const char **err);
/* Every sheet the rules name is in the workbook (E1015 otherwise). */
bool rules_check_sheets(const Rules *r, const Workbook *wb, Report *d);

#endif
