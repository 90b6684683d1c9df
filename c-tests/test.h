/*
 * test.h - tiny assertion helpers for the libsecrets C tests.
 *
 * Assertions never use assert(), so they survive -DNDEBUG.  A failed check
 * prints file:line, the expression and the values, and the test goes on;
 * test_finish() prints "NAME: N passed, M failed" and returns the exit status.
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
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <secrets.h>

static const char *test_name_ = "?";
static unsigned long test_passed_, test_failed_;

static inline void test_start(const char *name) { test_name_ = name; }

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
        printf("FAIL %s:%d: %s\n", file, line, expr);
    }
    return ok;
}

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

#endif
