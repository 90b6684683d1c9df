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

/* The pairs of inputs a comparison gate tries at length len: equal; one
 * byte differs (first, middle, last); every byte differs; unequal lengths,
 * one a prefix of the other or empty; unequal lengths with other contents.
 * Each goes to pair_case(a, a_len, b, b_len, want, what). */
static inline void ct_sweep_pairs(size_t len, void (*pair_case)(const unsigned char *, size_t, const unsigned char *,
                                                                  size_t, int, const char *))
{
    unsigned char *x = alloc(len + 1), *y = alloc(len + 1);
    size_t i, pos[3];
    int p;
    for (i = 0; i <= len; i++) x[i] = next_byte();

    pair_case(x, len, x, len, 1, "equal contents");
    /* one byte differs: first, middle, last */
    pos[0] = 0;
    pos[1] = len / 2;
    pos[2] = len ? len - 1 : 0;
    for (p = 0; p < 3 && len > 0; p++) {
        memcpy(y, x, len);
        y[pos[p]] ^= (unsigned char)(1u << (p + 2));
        pair_case(x, len, y, len, 0, "one byte differs");
    }
    /* every byte differs */
    for (i = 0; i < len; i++) y[i] = (unsigned char)~x[i];
    if (len) pair_case(x, len, y, len, 0, "all bytes differ");
    /* unequal lengths, one a prefix of the other (the hardest unequal case) */
    pair_case(x, len, x, len + 1, 0, "b one longer, a is a prefix of b");
    pair_case(x, len + 1, x, len, 0, "a one longer, b is a prefix of a");
    if (len) pair_case(x, len, x, 0, 0, "b empty");
    if (len) pair_case(x, 0, x, len, 0, "a empty");
    /* unequal lengths with unrelated contents */
    for (i = 0; i <= len; i++) y[i] = next_byte();
    pair_case(x, len, y, len + 1, 0, "unequal lengths, other contents");
    free(x);
    free(y);
}

#endif
