/* words.h - the fixed words of the outputs that show a budget's tables, in Chinese and in
 * English: an output speaks Chinese when the budget does (layout_chinese). Static tables;
 * nothing to free. */
#ifndef BDL_EMIT_WORDS_H
#define BDL_EMIT_WORDS_H

#include <stdbool.h>

typedef struct Words {
    const char *lang;
    /* A Chinese page shows each diagnostic by its Chinese message (Diag.message_zh), else by
     * the Chinese title of its code with the English message collapsed under `original`; an
     * English page shows the compiler's English message. */
    bool zh;
    const char *original;
    /* tables */
    /* one_column heads the only column of a budget with neither `columns` nor `year` (its
     * ID is "value") */
    const char *item, *code, *unit, *change, *change_pct, *total, *subtotal_pre, *subtotal_post, *one_column;
    const char *memo, *excluded, *unit_line, *table_pre, *table_post, *others, *note, *not_stated, *zero_base, *chart;
    /* derived columns (docs/language.md 4.6) */
    const char *computed, *derived_base, *derived_failed, *formula_gives, *published, *derived_ok;
    /* title block */
    const char *entity, *authority, *year, *rounding, *colophon_pre, *colophon_post, *no_budget;
    /* checks */
    const char *checks, *failed, *warnings, *skipped, *passed, *checks_passed, *totals_ok;
    const char *within_rounding, *left, *right, *difference, *published_as, *rounds_to, *allowed, *invalid;
    const char *recon_failed, *recon_rounding, *recon_skipped, *stated, *items_sum;
    const char *not_stated_in, *diagnostics, *typed_number;
    /* the ledgers of rule sets followed (a duty's status: DutyStatus order) */
    const char *ledger, *obligation, *duty_title, *duty_status, *duty_note, *duty_source;
    const char *duty[6];
    /* views, consolidations, narrative */
    const char *view_pre, *view_by, *view_post, *view_depth_pre, *view_depth_post, *members, *narrative;
    /* the workbook: its overview sheet, the columns of its checks sheet, a check's result
     * (passed, failed, skipped, invalid) */
    const char *about, *title_key, *budget_key, *column_key, *source, *generator, *figures_note;
    const char *kind, *check, *expression, *result, *operands, *remark, *assert_kind, *warn_kind;
    const char *statuses[4];
    /* punctuation */
    const char *sep, *colon, *open, *close, *stop, *parts_sep;
} Words;

extern const Words words_zh, words_en;

/* How a `meta` key is shown: entity as 编制单位, authority as 批复文号, any other as written. */
const char *words_meta_key(const Words *w, const char *key);

#endif
