/* import_figure.h - what bdl import reads out of a table's text: the unit a title or header
 * names (单位：万元, "($ in thousands)") and the figures written as text in cells
 * ("1,234.50", "(250)", "$75", "-"). Plain values: nothing here allocates. */
#ifndef BDL_IMPORT_FIGURE_H
#define BDL_IMPORT_FIGURE_H

#include "base/buf.h"
#include "sheet/decimal.h"

#include <stdbool.h>

typedef enum Scale { SCALE_ONE, SCALE_THOUSAND, SCALE_TEN_THOUSAND, SCALE_MILLION, SCALE_HUNDRED_MILLION } Scale;

/* A unit read from a table's text: 单位：万元 is (元, ten thousand), "($000s)" (USD,
 * thousand). currency NULL: none was named. */
typedef struct UnitInfo {
    const char *currency; /* "元", "USD", "GBP", "EUR" or NULL */
    Scale scale;
    bool found;
} UnitInfo;

/* Looks for a unit in a text: true (and *u) when it names one. */
bool unit_in_text(const char *text, UnitInfo *u);
/* The BDL name of a unit ("万元", "USD_thousands"), and its declaration lines. */
const char *unit_bdl_name(UnitInfo u);
void unit_declare(UnitInfo u, Buf *out, bool *declared /* [5] per scale */);
bool unit_same(UnitInfo a, UnitInfo b);

typedef enum FigureStatus { FIG_OK, FIG_NOT_STATED, FIG_NOT_A_FIGURE, FIG_PERCENT, FIG_TOO_LARGE } FigureStatus;

typedef struct Figure {
    char text[DECIMAL_MAX]; /* plain decimal, with "-" when negative */
    int decimals;           /* digits after the point as shown */
    bool stated;
} Figure;

/* A figure as a row keeps it. */
typedef struct Amount {
    const char *text; /* plain decimal (in the import's arena), NULL when not stated */
    int decimals;
    bool stated;
} Amount;

/* A figure as written in a cell's text: "1,234.50", "(1,234)", "$1,234", "−12", "-"
 * (not stated), "" (not stated). */
FigureStatus figure_parse(const char *text, Figure *out);
/* True when a cell's text reads as a figure or as not stated ("-", "—"). */
bool text_is_figure(const char *text);

/* How a figure is written in a spec: its digits grouped by three (22,770,776), a negative
 * in parentheses ((1,234)) or with U+2212 (−1,234) rather than '-', a currency sign before
 * the digits ($1,234); docs/language.md 2.6 and 5.2. */
typedef struct FigureStyle {
    bool grouped, parens, unicode_minus;
    const char *sign; /* "$", "¥", "£", "€", or NULL */
} FigureStyle;

/* Appends `plain` (a decimal as Figure.text holds it: "-1234.50") in style st. */
void figure_write(Buf *out, const char *plain, FigureStyle st);

#endif
