/*
 * test.h - the one assertion kit of the libsecrets C tests (c-tests/) and
 * verification programs (verify/).
 *
 * Assertions never use assert(), so they survive -DNDEBUG.  A failed check
 * prints file:line and the expression (EXPECT, EXPECT_STATUS with both
 * statuses by name, EXPECT_BYTES) or a printf-style message (CHECK), and
 * the test goes on; after 50 printed failures the rest are only counted.
 * test_finish() prints "NAME: N passed, M failed" and returns the exit
 * status; TEST_SKIP (77) is what a program that cannot run returns
 * (registered with ctest's SKIP_RETURN_CODE).
 *
 *     int main(void) {
 *         test_start("tokens");
 *         EXPECT_STATUS(secrets_token_hex(buf, sizeof buf, 16), SECRETS_OK);
 *         EXPECT(strlen(buf) == 32);
 *         return test_finish();
 *     }
 */
#ifndef LIBSECRETS_C_TESTS_TEST_H
#define LIBSECRETS_C_TESTS_TEST_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secrets.h>

static const char *test_name_ = "?";
static unsigned long test_passed_, test_failed_;

#define TEST_SKIP 77

static inline void test_start(const char *name)
{
    test_name_ = name;
    setvbuf(stdout, NULL, _IOLBF, 0); /* lines reach a log even if the test is killed */
}

static inline int test_finish(void)
{
    printf("%s: %lu passed, %lu failed\n", test_name_, test_passed_, test_failed_);
    return test_failed_ ? 1 : 0;
}

static inline int test_check_(int ok, const char *file, int line, const char *expr)
{
    if (ok) {
        test_passed_++;
    } else {
        test_failed_++;
        if (test_failed_ <= 50)
            printf("FAIL %s:%d: %s\n", file, line, expr);
        else if (test_failed_ == 51)
            printf("(further failures are counted, not printed)\n");
    }
    return ok;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static inline int test_checkf_(int ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok) {
        test_passed_++;
        return 1;
    }
    test_failed_++;
    if (test_failed_ <= 50) {
        printf("FAIL %s:%d: ", file, line);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
    } else if (test_failed_ == 51) {
        printf("(further failures are counted, not printed)\n");
    }
    return 0;
}

/* cond must hold; on failure print the printf-style message. */
#define CHECK(cond, ...) test_checkf_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* cond must hold. */
#define EXPECT(cond) ((void)test_check_(!!(cond), __FILE__, __LINE__, #cond))

/* A call must return the status `want` (printed by name on failure). */
#define EXPECT_STATUS(call, want)                                                      \
    do {                                                                               \
        int32_t got_ = (int32_t)(call), want_ = (int32_t)(want);                       \
        if (!test_check_(got_ == want_, __FILE__, __LINE__, #call))                    \
            printf("     expected %" PRId32 " (%s)\n     got      %" PRId32 " (%s)\n", \
                   want_, secrets_strerror(want_), got_, secrets_strerror(got_));      \
    } while (0)

/* Every byte of buf[0..len) equals byte. */
static inline int test_all_bytes_(const void *buf, size_t len, unsigned char byte)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i;
    for (i = 0; i < len; i++)
        if (p[i] != byte) return 0;
    return 1;
}
#define EXPECT_BYTES(buf, len, byte) EXPECT(test_all_bytes_((buf), (len), (unsigned char)(byte)))

/* The length of the longest run of `byte` in buf[0..len). */
static inline size_t test_longest_run(const unsigned char *buf, size_t len, unsigned char byte)
{
    size_t best = 0, cur = 0, i;
    for (i = 0; i < len; i++) {
        cur = buf[i] == byte ? cur + 1 : 0;
        if (cur > best) best = cur;
    }
    return best;
}

#endif
