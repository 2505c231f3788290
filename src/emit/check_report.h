/* check_report.h - the human summary `bdl check` prints: each check and its result per column. */
#ifndef BDL_REPORT_H
#define BDL_REPORT_H

#include "compile/compile.h"

#include <stdio.h>

void report_checks(Compilation *c, FILE *out);

#endif
