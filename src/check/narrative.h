/* narrative.h - `text` blocks: figures written into the prose, and hand-typed numbers
 * compared with the figures they speak of. */
#ifndef BDL_NARRATIVE_H
#define BDL_NARRATIVE_H

#include "check/context.h"

void texts_check(Checker *c, Budget *b);

#endif
