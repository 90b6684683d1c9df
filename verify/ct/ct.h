/*
 * ct.h - what the valgrind constant-time gates (ct_compare.c,
 * ct_additions.c) share: reproducible test data, memcheck's error count,
 * buffers of exactly the length used (so memcheck also sees any over-read),
 * and secret copies of a pair of inputs.
 *
 * Define CT_RNG_SEED (the program's test-data seed) before including.
 * Uses CHECK from test.h.
 */
#ifndef LIBSECRETS_VERIFY_CT_H
#define LIBSECRETS_VERIFY_CT_H

#include <valgrind/memcheck.h>

#include <secrets.h>

#include "test.h"

static uint64_t rng_state = CT_RNG_SEED; /* test data only: defined, reproducible */

static inline unsigned char next_byte(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned char)(rng_state >> 24);
}

static inline unsigned char next_nonzero(void)
{
    unsigned char c;
    do c = next_byte(); while (c == 0);
    return c;
}

static inline unsigned long errors_now(void)
{
    return (unsigned long)VALGRIND_COUNT_ERRORS;
}

static inline unsigned char *alloc(size_t n)
{
    unsigned char *p = malloc(n ? n : 1);
    if (!p) {
        perror("malloc");
        exit(2);
    }
    return p;
}

/* The program prog: its self-test (the test of the test) when argv asks
 * for --self-test, else the gate; TEST_SKIP (after saying so) when not
 * under valgrind, where neither can see anything.  Returns the exit status. */
static inline int ct_main(const char *prog, int argc, char **argv, void (*self_test)(void), void (*gate)(void))
{
    static char name[64];
    int self = argc > 1 && strcmp(argv[1], "--self-test") == 0;
    snprintf(name, sizeof name, "%s%s", prog, self ? " --self-test" : "");
    test_start(name);
    if (!RUNNING_ON_VALGRIND) {
        printf("SKIP: not running under valgrind (run: valgrind --error-exitcode=99 %s)\n", argv[0]);
        return TEST_SKIP;
    }
    (self ? self_test : gate)();
    return test_finish();
}

/* Copies of two inputs whose contents are secret: marked undefined. */
struct ct_pair {
    unsigned char *a, *b;
    unsigned long before; /* memcheck's error count before the copies */
};

/* Copies a_src[0..a_len) and b_src[0..b_len) into buffers of exactly that
 * length (plus a defined NUL terminator when nul is set) and marks the
 * contents undefined. */
static inline struct ct_pair ct_pair_secret(const unsigned char *a_src, size_t a_len, const unsigned char *b_src,
                                            size_t b_len, int nul)
{
    struct ct_pair p;
    p.a = alloc(a_len + (nul != 0));
    p.b = alloc(b_len + (nul != 0));
    p.before = errors_now();
    if (a_len) memcpy(p.a, a_src, a_len);
    if (b_len) memcpy(p.b, b_src, b_len);
    if (nul) {
        p.a[a_len] = 0;
        p.b[b_len] = 0;
    }
    VALGRIND_MAKE_MEM_UNDEFINED(p.a, a_len);
    VALGRIND_MAKE_MEM_UNDEFINED(p.b, b_len);
    return p;
}

/* Checks the call's result (already marked defined) against want, and that
 * memcheck reported nothing since the copies; frees them. */
static inline void ct_pair_judge(struct ct_pair *p, const char *fn, size_t a_len, size_t b_len, const char *what,
                                 int got, int want)
{
    CHECK(got == want, "%s(a_len=%zu, b_len=%zu, %s) = %d, want %d", fn, a_len, b_len, what, got, want);
    CHECK(errors_now() == p->before,
          "%s(a_len=%zu, b_len=%zu, %s): %lu memcheck report(s) (secret-dependent branch or index)", fn, a_len, b_len,
          what, errors_now() - p->before);
    free(p->a);
    free(p->b);
}

#endif
