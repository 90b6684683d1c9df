/*
 * test_bignum.c - exact checks of the CLI's decimal <-> big-endian
 * conversion (cli/bignum.c): known values, leading zeros, invalid input,
 * and round trips in both directions over many lengths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secrets.h>

#include "../cli.h"

static int failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            failures++;                                                      \
        }                                                                    \
    } while (0)

static const char TWO_1000[] =
    "1071508607186267320948425049060001810561404811705533607443750388370351051124936122"
    "4931983788156958581275946729175531468251871452856923140435984577574698574803934567"
    "7748242309854210746050623711418779541821530464749835819412673987675591655439460770"
    "62914571196477686542167660429831652624386837205668069376";

/* dec_to_be(s) must give exactly `len` bytes `want`. */
static void expect_be(const char *s, const uint8_t *want, size_t len)
{
    uint8_t *be = NULL;
    size_t n = 0;
    CHECK(dec_to_be(s, &be, &n) == 0);
    CHECK(n == len);
    if (n == len)
        CHECK(memcmp(be, want, len) == 0);
    cli_free(be, n);
}

static void expect_dec(const uint8_t *be, size_t len, const char *want)
{
    size_t n = 0;
    char *d = be_to_dec(be, len, &n);
    CHECK(d != NULL);
    if (d != NULL) {
        CHECK(n == strlen(want));
        CHECK(strcmp(d, want) == 0);
        if (strcmp(d, want) != 0)
            fprintf(stderr, "  got %s, want %s\n", d, want);
    }
    cli_free(d, n + 1);
}

static void known_values(void)
{
    static const uint8_t zero[] = {0}, ff[] = {0xff}, b256[] = {1, 0},
                         b2_32[] = {1, 0, 0, 0, 0}, b2_64[] = {1, 0, 0, 0, 0, 0, 0, 0, 0},
                         b123[] = {0x7b}, bmax64[] = {0xff, 0xff, 0xff, 0xff,
                                                      0xff, 0xff, 0xff, 0xff},
                         b1e9[] = {0x3b, 0x9a, 0xca, 0x00};
    expect_be("0", zero, 1);
    expect_be("0000", zero, 1);
    expect_be("255", ff, 1);
    expect_be("256", b256, 2);
    expect_be("4294967296", b2_32, 5);
    expect_be("18446744073709551616", b2_64, 9);
    expect_be("18446744073709551615", bmax64, 8);
    expect_be("000123", b123, 1);
    expect_be("1000000000", b1e9, 4);

    expect_dec(NULL, 0, "0");
    expect_dec(zero, 1, "0");
    static const uint8_t zeros[] = {0, 0, 0, 0, 0, 0};
    expect_dec(zeros, sizeof zeros, "0");
    expect_dec(b256, 2, "256");
    static const uint8_t padded256[] = {0, 0, 0, 1, 0};
    expect_dec(padded256, sizeof padded256, "256");
    expect_dec(b2_64, 9, "18446744073709551616");
    expect_dec(bmax64, 8, "18446744073709551615");
    expect_dec(b1e9, 4, "1000000000");

    uint8_t p[126];
    memset(p, 0, sizeof p);
    p[0] = 1; /* 2^1000 */
    expect_dec(p, sizeof p, TWO_1000);
    expect_be(TWO_1000, p, sizeof p);
}

static void invalid_input(void)
{
    static const char *bad[] = {"", "-1", "+1", "12a", " 1", "1 ", "0x10", "1.5", "1e5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t *be = NULL;
        size_t n = 0;
        CHECK(dec_to_be(bad[i], &be, &n) == -1);
        CHECK(be == NULL);
    }
}

/* Deterministic digits (a simple LCG): the test needs no randomness. */
static uint32_t lcg_state = 12345;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

static void round_trips(void)
{
    char s[1300];
    for (size_t len = 1; len < sizeof s - 1; len += (len < 40 ? 1 : 37)) {
        for (int rep = 0; rep < 5; rep++) {
            for (size_t i = 0; i < len; i++)
                s[i] = (char)('0' + lcg() % 10);
            if (rep == 0)
                s[0] = '9'; /* all-nines-ish prefixes and carries */
            if (rep == 1 && len > 1)
                memset(s, '9', len); /* 10^len - 1 */
            if (rep == 2 && len > 1) {
                memset(s, '0', len); /* 10^(len-1) */
                s[0] = '1';
            }
            s[len] = '\0';
            const char *canon = s + strspn(s, "0");
            if (*canon == '\0')
                canon = s + len - 1;
            uint8_t *be = NULL;
            size_t n = 0;
            CHECK(dec_to_be(s, &be, &n) == 0);
            CHECK(n >= 1 && (n == 1 || be[0] != 0)); /* minimal */
            size_t dl = 0;
            char *d = be_to_dec(be, n, &dl);
            CHECK(d != NULL && strcmp(d, canon) == 0);
            cli_free(d, dl + 1);
            cli_free(be, n);
        }
    }
    /* Bytes -> decimal -> bytes. */
    uint8_t b[300];
    for (size_t len = 1; len <= sizeof b; len += 7) {
        for (size_t i = 0; i < len; i++)
            b[i] = (uint8_t)lcg();
        b[0] |= 1; /* no leading zero byte, so the minimal form is b itself */
        size_t dl = 0;
        char *d = be_to_dec(b, len, &dl);
        CHECK(d != NULL);
        uint8_t *back = NULL;
        size_t n = 0;
        CHECK(d != NULL && dec_to_be(d, &back, &n) == 0);
        CHECK(n == len && memcmp(back, b, len) == 0);
        cli_free(back, n);
        cli_free(d, dl + 1);
    }
}

int main(void)
{
    known_values();
    invalid_input();
    round_trips();
    if (failures != 0) {
        fprintf(stderr, "test_bignum: %d failure(s)\n", failures);
        return 1;
    }
    printf("test_bignum: ok\n");
    return 0;
}
