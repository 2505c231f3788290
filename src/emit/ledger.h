/* ledger.h - the obligation ledgers of the rule sets budgets follow (language.md 16), for
 * the outputs: as JSON values (the budget's JSON document and SARIF's run properties carry
 * them) and the words every output names a status with. The caller owns (and deletes)
 * every cJSON value returned. */
#ifndef BDL_LEDGER_H
#define BDL_LEDGER_H

#include "compile/compile.h"

#include <cjson/cJSON.h>

/* "passed", "failed", "skipped", "invalid", "not_applicable", "not_implemented". */
const char *duty_word(DutyStatus s);
/* One object per `apply` of b: the rule set, each role's binding, each obligation's
 * status with its reason, and the counts. */
cJSON *ledgers_json(Compilation *c, const Budget *b);
/* For SARIF's run properties: the ledgers of every budget c outputs, with its file. */
cJSON *ledgers_sarif(Compilation *c);
/* The rule a check a rule set added comes from ({rules, obligation, file, line}), or
 * NULL for a check written in the budget. */
cJSON *check_rule_json(Compilation *c, const Check *k);

#endif
