/* zh.h - how the checker's Chinese messages (diag_zh) name what they speak of: an item or a
 * classification by the label a Chinese reader knows it by, with its ID; a column by its label. */
#ifndef BDL_ZH_H
#define BDL_ZH_H

#include "check/context.h"

/* "“一般公共服务支出”（by_function.general）", or “by_function.general” for an item without a
 * label; in c's arena, like every text here. */
const char *zh_item(Checker *c, const Item *it);
/* "“支出功能分类科目”（functional）", or “functional” for a classification without a label. */
const char *zh_scheme(Checker *c, const Classification *k);
/* "[2026年预算数] " (the label, else the ID) to put before what a message says of column col
 * of the budget being checked; "" when the budget has one column, which needs no naming. */
const char *zh_column(Checker *c, uint32_t col);
/* "；是否指“income”？" to end a message with the name a "did you mean" help suggests; ""
 * when there is none (NULL). */
const char *zh_suggestion(Checker *c, const char *suggested);

#endif
