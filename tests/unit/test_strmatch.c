/* test_strmatch.c - the matcher against a brute-force search: after every byte of a
 * text, the longest string ending there, over small alphabets where strings overlap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/strmatch.h"

#include <stdlib.h>
#include <string.h>

static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7FFF;
}

/* The index of the longest pattern ending at text[0..end), the first added among equals. */
static int brute_longest(char pats[][8], int npats, const char *text, size_t end)
{
    int best = -1;
    size_t best_len = 0;
    for (int k = 0; k < npats; k++) {
        size_t n = strlen(pats[k]);
        if (n <= end && n > best_len && memcmp(text + end - n, pats[k], n) == 0) {
            best = k;
            best_len = n;
        }
    }
    return best;
}

static void longest_match_after_every_byte(void **state)
{
    (void)state;
    unsigned seed = 21;
    for (int round = 0; round < 300; round++) {
        char pats[12][8], text[200];
        int npats = 1 + (int)(next_random(&seed) % 12), ids[12];
        Matcher m = {0};
        for (int k = 0; k < npats; k++) {
            size_t n = 1 + next_random(&seed) % 6;
            for (size_t i = 0; i < n; i++)
                pats[k][i] = (char)('a' + next_random(&seed) % 2);
            pats[k][n] = '\0';
            ids[k] = k;
            matcher_add(&m, pats[k], n, &ids[k]);
        }
        matcher_build(&m);
        size_t len = next_random(&seed) % sizeof text;
        for (size_t i = 0; i < len; i++)
            text[i] = (char)('a' + next_random(&seed) % 3); /* 'c' matches nothing */
        uint32_t at = MATCH_START;
        for (size_t i = 0; i < len; i++) {
            at = matcher_step(&m, at, (unsigned char)text[i]);
            size_t n = 0;
            int *got = matcher_longest(&m, at, &n);
            int want = brute_longest(pats, npats, text, i + 1);
            /* equal strings keep the first value: compare the strings themselves */
            if (want < 0) {
                assert_null(got);
                continue;
            }
            assert_non_null(got);
            assert_int_equal(n, strlen(pats[want]));
            assert_string_equal(pats[*got], pats[want]);
            assert_true(*got <= want);
        }
        matcher_free(&m);
    }
}

static void empty_matcher_matches_nothing(void **state)
{
    (void)state;
    Matcher m = {0};
    matcher_build(&m);
    size_t n;
    assert_null(matcher_longest(&m, matcher_step(&m, MATCH_START, 'x'), &n));
    matcher_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(longest_match_after_every_byte),
        cmocka_unit_test(empty_matcher_matches_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
