/* numfmt.h - what an Excel number format shows: how many decimals, whether the number is
 * shown as a date or time, or as a percentage. Only the first section of a format (the
 * one for positive numbers) is read; a negative number's section shows the same digits in
 * every format budget systems use ("#,##0.00;(#,##0.00)"). */
#ifndef BDL_NUMFMT_H
#define BDL_NUMFMT_H

#include <stdbool.h>

typedef struct NumFmt {
    int decimals; /* DECIMALS_GENERAL (-1) when the format shows what is needed */
    bool date;    /* a date, a time or both */
    bool percent; /* the value is shown times 100 */
} NumFmt;

/* A built-in format, by its number (0 General, 2 "0.00", 14 a date, ...). Numbers
 * without a built-in meaning read as General. */
NumFmt numfmt_builtin(int id);
/* A format code as written in styles.xml ("#,##0.00_ ", "yyyy\"年\"m\"月\"", "0.0%"). */
NumFmt numfmt_parse(const char *code);

#endif
