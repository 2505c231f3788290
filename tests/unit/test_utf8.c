/* test_utf8.c - strict UTF-8 decoding, encoding, display widths and counts (src/utf8.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

/* Decodes the whole of s (n bytes); returns the length utf8_decode reports. */
static size_t decode(const char *s, size_t n, uint32_t *cp)
{
    *cp = 0xDEADBEEF;
    return utf8_decode((const unsigned char *)s, n, cp);
}

static void expect_cp(const char *s, size_t n, uint32_t want)
{
    uint32_t cp;
    assert_int_equal(decode(s, n, &cp), n);
    assert_int_equal(cp, want);
}

/* "E4 B8 -> 0": the bytes and the length decoded, so a failure names its input. */
static void describe(const char *s, size_t n, size_t got, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%02X ", (unsigned char)s[i]);
    snprintf(out + o, cap - o, "-> %zu", got);
}

static void expect_malformed(const char *s, size_t n)
{
    uint32_t cp;
    char got[64], want[64];
    describe(s, n, decode(s, n, &cp), got, sizeof got);
    describe(s, n, 0, want, sizeof want);
    assert_string_equal(got, want);
}

static void decodes_each_length(void **state)
{
    (void)state;
    expect_cp("A", 1, 0x41);
    expect_cp("\x7F", 1, 0x7F);
    expect_cp("\xC3\xA9", 2, 0xE9);             /* é */
    expect_cp("\xC2\x80", 2, 0x80);             /* smallest two-byte */
    expect_cp("\xDF\xBF", 2, 0x7FF);
    expect_cp("\xE4\xB8\xAD", 3, 0x4E2D);       /* 中 */
    expect_cp("\xE0\xA0\x80", 3, 0x800);        /* smallest three-byte */
    expect_cp("\xEF\xBC\x8C", 3, 0xFF0C);       /* ， */
    expect_cp("\xF0\x9F\x98\x80", 4, 0x1F600);
    expect_cp("\xF0\x90\x80\x80", 4, 0x10000);  /* smallest four-byte */
    expect_cp("\xF4\x8F\xBF\xBF", 4, 0x10FFFF); /* largest scalar value */
}

static void decodes_only_the_first_sequence(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(decode("\xE4\xB8\xAD\xE6\x96\x87", 6, &cp), 3);
    assert_int_equal(cp, 0x4E2D);
    assert_int_equal(decode("ab", 2, &cp), 1);
    assert_int_equal(cp, 'a');
    assert_int_equal(decode("\0x", 2, &cp), 1);
    assert_int_equal(cp, 0);
}

static void rejects_overlong(void **state)
{
    (void)state;
    expect_malformed("\xC0\x80", 2);         /* NUL in two bytes */
    expect_malformed("\xC1\xBF", 2);         /* U+007F in two bytes */
    expect_malformed("\xE0\x80\x80", 3);
    expect_malformed("\xE0\x9F\xBF", 3);     /* U+07FF in three bytes */
    expect_malformed("\xF0\x80\x80\x80", 4);
    expect_malformed("\xF0\x8F\xBF\xBF", 4); /* U+FFFF in four bytes */
}

static void rejects_surrogates(void **state)
{
    (void)state;
    expect_malformed("\xED\xA0\x80", 3); /* U+D800 */
    expect_malformed("\xED\xB2\x80", 3); /* U+DC80 */
    expect_malformed("\xED\xBF\xBF", 3); /* U+DFFF */
    expect_cp("\xED\x9F\xBF", 3, 0xD7FF);
    expect_cp("\xEE\x80\x80", 3, 0xE000);
}

static void rejects_beyond_unicode(void **state)
{
    (void)state;
    expect_malformed("\xF4\x90\x80\x80", 4); /* U+110000 */
    expect_malformed("\xF5\x80\x80\x80", 4);
    expect_malformed("\xF7\xBF\xBF\xBF", 4);
    expect_malformed("\xF8\x88\x80\x80\x80", 5);
    expect_malformed("\xFE", 1);
    expect_malformed("\xFF", 1);
}

static void rejects_truncated(void **state)
{
    (void)state;
    expect_malformed("\xC3", 1);
    expect_malformed("\xE4\xB8", 2);
    expect_malformed("\xF0\x9F\x98", 3);
    expect_malformed("", 0);
    /* The buffer is long enough, but a continuation byte is missing. */
    expect_malformed("\xE4\xB8" "A", 3);
    expect_malformed("\xF0\x9F" "AB", 4);
    expect_malformed("\xC3" "A", 2);
}

static void rejects_stray_continuation(void **state)
{
    (void)state;
    expect_malformed("\x80", 1);
    expect_malformed("\xBF\x80", 2);
    /* a new lead byte where the last continuation byte should be */
    expect_malformed("\xE4\xB8\xC3\xA9", 4);
}

static void encode_round_trips(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x1, 0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x4E2D, 0xD7FF,
                            0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    const size_t lens[] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char out[4];
        uint32_t back = 0;
        size_t n = utf8_encode(cps[i], out);
        assert_int_equal(n * 0x1000000 + cps[i], lens[i] * 0x1000000 + cps[i]);
        assert_int_equal(utf8_decode((const unsigned char *)out, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

static void encode_bytes(void **state)
{
    (void)state;
    char out[4];
    assert_int_equal(utf8_encode(0x4E2D, out), 3);
    assert_memory_equal(out, "\xE4\xB8\xAD", 3);
    assert_int_equal(utf8_encode(0x1F600, out), 4);
    assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
}

static void code_point_widths(void **state)
{
    (void)state;
    assert_int_equal(utf8_cp_width('A'), 1);
    assert_int_equal(utf8_cp_width(0xE9), 1);     /* é */
    assert_int_equal(utf8_cp_width(0x4E2D), 2);   /* 中 */
    assert_int_equal(utf8_cp_width(0x9884), 2);   /* 预 */
    assert_int_equal(utf8_cp_width(0x3400), 2);   /* CJK extension A */
    assert_int_equal(utf8_cp_width(0x20000), 2);  /* CJK extension B */
    assert_int_equal(utf8_cp_width(0xFF0C), 2);   /* full-width comma */
    assert_int_equal(utf8_cp_width(0x3001), 2);   /* 、 */
    assert_int_equal(utf8_cp_width(0xAC00), 2);   /* Hangul 가 */
    assert_int_equal(utf8_cp_width(0x3042), 2);   /* Hiragana あ */
    assert_int_equal(utf8_cp_width(0x1F600), 2);  /* emoji */
    assert_int_equal(utf8_cp_width(0x0301), 0);   /* combining acute accent */
    assert_int_equal(utf8_cp_width(0x200B), 0);   /* zero width space */
    assert_int_equal(utf8_cp_width(0xFEFF), 0);
    assert_int_equal(utf8_cp_width(0), 0);
    assert_int_equal(utf8_cp_width(0xFF61), 1);   /* half-width katakana stop */
}

static void string_widths(void **state)
{
    (void)state;
    const char *mixed = "一般公共服务支出 x1";
    assert_int_equal(utf8_width(mixed, strlen(mixed)), 19);
    assert_int_equal(utf8_width("abc", 3), 3);
    assert_int_equal(utf8_width("", 0), 0);
    assert_int_equal(utf8_width("e\xCC\x81", 3), 1);         /* e + combining accent */
    assert_int_equal(utf8_width("609.35，", 9), 8);
    /* malformed bytes take one column each */
    assert_int_equal(utf8_width("a\xFF" "b", 3), 3);
    assert_int_equal(utf8_width("\xE4\xB8", 2), 2);
    assert_int_equal(utf8_width("\xE4\xB8\xAD", 2), 2);      /* only n bytes are read */
}

static void code_point_counts(void **state)
{
    (void)state;
    const char *s = "中文abc";
    assert_int_equal(utf8_count(s, strlen(s)), 5);
    assert_int_equal(utf8_count("", 0), 0);
    assert_int_equal(utf8_count("\xF0\x9F\x98\x80!", 5), 2);
    assert_int_equal(utf8_count("a\xFF\xFE" "b", 4), 4);
    assert_int_equal(utf8_count("\xE4\xB8", 2), 2);
    assert_int_equal(utf8_count("\xC0\x80", 2), 2);           /* overlong: two bad bytes */
    assert_int_equal(utf8_count("\xE4\xB8\xAD\xE6\x96\x87", 3), 1);
}

/* The full Levenshtein table, capped: what the banded edit_distance must agree with. */
static size_t full_distance(const char *a, const char *b, size_t cap)
{
    size_t n = strlen(a), m = strlen(b), row[32], prev[32];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
        }
        memcpy(prev, row, sizeof row);
    }
    return prev[m] < cap ? prev[m] : cap;
}

static void edit_distance_matches_the_full_table(void **state)
{
    (void)state;
    unsigned seed = 7;
    for (int round = 0; round < 20000; round++) {
        char a[16], b[16];
        size_t n = (seed = seed * 1103515245u + 12345u) >> 16 & 15, m = (seed = seed * 1103515245u + 12345u) >> 16 & 15;
        for (size_t i = 0; i < n; i++)
            a[i] = (char)('a' + ((seed = seed * 1103515245u + 12345u) >> 16) % 3);
        for (size_t i = 0; i < m; i++)
            b[i] = (char)('a' + ((seed = seed * 1103515245u + 12345u) >> 16) % 3);
        a[n] = b[m] = '\0';
        for (size_t cap = 1; cap <= 6; cap++)
            assert_int_equal(edit_distance(a, b, cap, NULL), full_distance(a, b, cap));
    }
    size_t work = 0; /* 64 code points of a long shared prefix: a band, not a 64 x 64 table */
    char long_a[80], long_b[80];
    memset(long_a, 'x', 79), memset(long_b, 'x', 79);
    long_a[79] = long_b[79] = '\0';
    long_b[70] = 'y';
    assert_int_equal(edit_distance(long_a, long_b, 3, &work), 0);
    assert_true(work <= 64 + 64 + 64 * 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edit_distance_matches_the_full_table),
        cmocka_unit_test(decodes_each_length),
        cmocka_unit_test(decodes_only_the_first_sequence),
        cmocka_unit_test(rejects_overlong),
        cmocka_unit_test(rejects_surrogates),
        cmocka_unit_test(rejects_beyond_unicode),
        cmocka_unit_test(rejects_truncated),
        cmocka_unit_test(rejects_stray_continuation),
        cmocka_unit_test(encode_round_trips),
        cmocka_unit_test(encode_bytes),
        cmocka_unit_test(code_point_widths),
        cmocka_unit_test(string_widths),
        cmocka_unit_test(code_point_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
