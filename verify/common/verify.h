/*
 * verify.h - small helpers shared by the verify/ programs.
 *
 * CHECK(cond, fmt, ...) records a failure with a message and goes on;
 * verify_finish() prints "NAME: N passed, M failed" and returns the exit
 * status (0, or 1 if anything failed).  VERIFY_SKIP (77) is the status ctest
 * treats as "skipped" (SKIP_RETURN_CODE).
 */
#ifndef LIBSECRETS_VERIFY_H
#define LIBSECRETS_VERIFY_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERIFY_SKIP 77

static const char *verify_name_ = "?";
static unsigned long verify_passed_, verify_failed_;

static inline void verify_start(const char *name)
{
    verify_name_ = name;
    setvbuf(stdout, NULL, _IOLBF, 0);
}

static inline int verify_finish(void)
{
    printf("%s: %lu passed, %lu failed\n", verify_name_, verify_passed_, verify_failed_);
    return verify_failed_ ? 1 : 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static inline int verify_check_(int ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (ok) {
        verify_passed_++;
        return 1;
    }
    verify_failed_++;
    if (verify_failed_ <= 50) {
        printf("FAIL %s:%d: ", file, line);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
    } else if (verify_failed_ == 51) {
        printf("(further failures are counted, not printed)\n");
    }
    return 0;
}

#define CHECK(cond, ...) verify_check_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* The length of the longest run of `byte` in buf[0..len). */
static inline size_t verify_longest_run(const unsigned char *buf, size_t len, unsigned char byte)
{
    size_t best = 0, cur = 0, i;
    for (i = 0; i < len; i++) {
        cur = buf[i] == byte ? cur + 1 : 0;
        if (cur > best) best = cur;
    }
    return best;
}

#endif
