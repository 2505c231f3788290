/* decimal.h - a workbook's numbers as exact decimal text. An .xlsx stores a number as text
 * (often Excel's shortest round-trip form, sometimes "609.35000000000002" or "1E-3"); an
 * .xls stores an IEEE double. Both become plain decimal text, rounded in decimal to what
 * the cell's number format shows. Only decimal_from_double sees a floating-point value. */
#ifndef BDL_DECIMAL_H
#define BDL_DECIMAL_H

#include <stdbool.h>

enum { DECIMAL_MAX = 128 }; /* the longest text decimal_round writes, with its NUL */
enum { GENERAL_DIGITS = 15 }; /* significant digits Excel shows in the General format */

/* Rounds `text` ([-+]digits[.digits][E[-+]digits]) half away from zero, in decimal, to
 * `decimals` places, or for DECIMALS_GENERAL (-1) to 15 significant digits with trailing
 * zeros dropped. Writes plain decimal text: no exponent, no "+", no "-0"; with `decimals`
 * places shown exactly ("609.30" for two). False when `text` is not a number or the
 * result would need more than DECIMAL_MAX - 1 characters. */
bool decimal_round(const char *text, int decimals, char out[DECIMAL_MAX]);

/* The shortest text ("%.Ng", N from 1 to 17) that strtod reads back as the same double.
 * A double has 53 bits, so 17 significant digits always suffice; any shorter text that
 * round-trips denotes the same double, and it is the text a person typed whenever that
 * had at most 15 significant digits (every such decimal round-trips). */
void decimal_from_double(double v, char out[32]);

/* An Excel date serial (days since 1899-12-30, or 1904-01-01 with date1904, with the
 * fraction as the time of day) as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS". False when the
 * text is not a serial from 0 to 2958465 (9999-12-31). */
bool decimal_date(const char *serial, bool date1904, char out[32]);

#endif
