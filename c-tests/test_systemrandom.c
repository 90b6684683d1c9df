/*
 * SystemRandom (docs/reference.md section 5): random, uniform, randrange, randint,
 * shuffle, sample, choices and the distributions.  Results, every status of
 * every function, outputs untouched (scalars) or zeroed (arrays) on failure,
 * the ends of int64_t, negative steps, odd item sizes, population SIZE_MAX;
 * on Linux, SECRETS_ERR_ENTROPY_UNAVAILABLE under a seccomp filter that makes
 * getrandom(2) fail.
 */
#define _DEFAULT_SOURCE /* fork, waitpid, syscall, prctl */
#include "test.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#if defined(__linux__)
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#define OK SECRETS_OK
#define NP SECRETS_ERR_NULL_POINTER
#define INVAL SECRETS_ERR_INVALID_ARGUMENT
#define GUARD 0xA5

static int is_multiple_of_2_53(double x)
{
    double m = ldexp(x, 53);
    return m == floor(m);
}

static void test_random_uniform(void)
{
    double x, sum = 0;
    uint64_t bits = 0;
    int i, ok = 1;

    for (i = 0; i < 2000; i++) {
        x = -1;
        EXPECT_STATUS(secrets_random(&x), OK);
        if (!(x >= 0 && x < 1 && is_multiple_of_2_53(x))) ok = 0;
        bits |= (uint64_t)ldexp(x, 53);
        sum += x;
    }
    EXPECT(ok);
    EXPECT(bits == ((uint64_t)1 << 53) - 1);
    EXPECT(fabs(sum / 2000 - 0.5) < 0.05);
    EXPECT_STATUS(secrets_random(NULL), NP);

    ok = 1;
    for (i = 0; i < 1000; i++) {
        x = NAN;
        EXPECT_STATUS(secrets_uniform(-3.0, 5.0, &x), OK);
        if (!(x >= -3 && x < 5)) ok = 0;
        x = NAN;
        EXPECT_STATUS(secrets_uniform(5.0, -3.0, &x), OK); /* a > b: Python allows it */
        if (!(x > -3 && x <= 5)) ok = 0;
        x = NAN;
        EXPECT_STATUS(secrets_uniform(-DBL_MAX, DBL_MAX, &x), OK); /* b - a overflows */
        if (!isfinite(x)) ok = 0;
    }
    EXPECT(ok);
    EXPECT_STATUS(secrets_uniform(2.5, 2.5, &x), OK);
    EXPECT(x == 2.5);
    x = 7.0;
    EXPECT_STATUS(secrets_uniform(NAN, 1, &x), INVAL);
    EXPECT_STATUS(secrets_uniform(0, INFINITY, &x), INVAL);
    EXPECT_STATUS(secrets_uniform(-INFINITY, 0, &x), INVAL);
    EXPECT(x == 7.0);
    EXPECT_STATUS(secrets_uniform(0, 1, NULL), NP);
}

/* Every value of Python's range(start, stop, step) (listed in want[n]) is drawn, nothing else. */
static void expect_range(int64_t start, int64_t stop, int64_t step, const int64_t *want, int n)
{
    int seen[16] = { 0 }, i, d, ok = 1, all = 1;
    for (d = 0; d < 200 * n; d++) {
        int64_t x = 0;
        int found = 0;
        EXPECT_STATUS(secrets_randrange(start, stop, step, &x), OK);
        for (i = 0; i < n; i++)
            if (want[i] == x) seen[i] = found = 1;
        if (!found) ok = 0;
    }
    for (i = 0; i < n; i++) all &= seen[i];
    EXPECT(ok && all);
    if (!(ok && all)) printf("     randrange(%" PRId64 ", %" PRId64 ", %" PRId64 ")\n", start, stop, step);
}

static void test_ranges(void)
{
    const int64_t MIN = INT64_MIN, MAX = INT64_MAX;
    int64_t x;
    uint64_t orv = 0, andv = UINT64_MAX;
    int i;

    {
        const int64_t a[] = { 10, 7, 4, 1 }, b[] = { -5, -3, -1, 1, 3 }, c[] = { 3, 2, 1, 0, -1, -2 };
        const int64_t d[] = { MIN, -1, MAX - 1 }, e[] = { MAX, -1 }, f[] = { MAX, 0, -MAX };
        const int64_t g[] = { MAX - 2, MAX - 1 }, h[] = { MIN + 2, MIN + 1 }, k[] = { 5 };
        expect_range(10, 0, -3, a, 4);
        expect_range(-5, 5, 2, b, 5);
        expect_range(3, -3, -1, c, 6);
        expect_range(MIN, MAX, MAX, d, 3);
        expect_range(MAX, MIN, MIN, e, 2); /* -step overflows int64_t */
        expect_range(MAX, MIN, -MAX, f, 3);
        expect_range(MAX - 2, MAX, 1, g, 2);
        expect_range(MIN + 2, MIN, -1, h, 2);
        expect_range(5, -100, -1000, k, 1);
    }
    for (i = 0; i < 300; i++) {
        x = 0;
        EXPECT_STATUS(secrets_randrange(MAX, MIN, -1, &x), OK);
        EXPECT(x != MIN);
        orv |= (uint64_t)x;
        andv &= (uint64_t)x;
    }
    EXPECT(orv == UINT64_MAX && andv == 0);

    /* randint: both ends included, the whole int64_t domain */
    orv = 0;
    andv = UINT64_MAX;
    for (i = 0; i < 300; i++) {
        x = 0;
        EXPECT_STATUS(secrets_randint(MIN, MAX, &x), OK);
        orv |= (uint64_t)x;
        andv &= (uint64_t)x;
    }
    EXPECT(orv == UINT64_MAX && andv == 0);
    {
        int lo = 0, hi = 0;
        for (i = 0; i < 200; i++) {
            EXPECT_STATUS(secrets_randint(MAX - 1, MAX, &x), OK);
            if (x == MAX) hi = 1;
            else if (x == MAX - 1) lo = 1;
            else EXPECT(0);
            EXPECT_STATUS(secrets_randint(MIN, MIN + 1, &x), OK);
            EXPECT(x == MIN || x == MIN + 1);
        }
        EXPECT(lo && hi);
    }
    EXPECT_STATUS(secrets_randint(MIN, MIN, &x), OK);
    EXPECT(x == MIN);
    EXPECT_STATUS(secrets_randint(-4, -4, &x), OK);
    EXPECT(x == -4);

    /* errors: out-parameter untouched */
    x = 4242;
    EXPECT_STATUS(secrets_randrange(0, 10, 0, &x), INVAL);
    EXPECT_STATUS(secrets_randrange(5, 5, 1, &x), INVAL);
    EXPECT_STATUS(secrets_randrange(5, 6, -1, &x), INVAL);
    EXPECT_STATUS(secrets_randrange(6, 5, 1, &x), INVAL);
    EXPECT_STATUS(secrets_randrange(MIN, MAX, -1, &x), INVAL);
    EXPECT_STATUS(secrets_randrange(MAX, MIN, MAX, &x), INVAL);
    EXPECT_STATUS(secrets_randint(1, 0, &x), INVAL);
    EXPECT_STATUS(secrets_randint(MAX, MIN, &x), INVAL);
    EXPECT(x == 4242);
    EXPECT_STATUS(secrets_randrange(0, 10, 1, NULL), NP);
    EXPECT_STATUS(secrets_randint(0, 10, NULL), NP);
    EXPECT_STATUS(secrets_randrange(0, 0, 0, NULL), NP); /* NULL out is checked first */
}

static int cmp_width;
static int cmp_items(const void *a, const void *b) { return memcmp(a, b, (size_t)cmp_width); }

/* Shuffles `count` distinct elements of `width` bytes; checks the result is a permutation. */
static void expect_shuffle(size_t count, size_t width)
{
    unsigned char *orig = malloc(count * width + 8), *cur = malloc(count * width + 8);
    size_t i, j;
    if (!orig || !cur) {
        EXPECT(0);
        free(orig);
        free(cur);
        return;
    }
    for (i = 0; i < count; i++)
        for (j = 0; j < width; j++) orig[i * width + j] = (unsigned char)(j < sizeof(size_t) ? i >> (8 * j) : 0x3C);
    memset(orig + count * width, GUARD, 8);
    memcpy(cur, orig, count * width + 8);
    EXPECT_STATUS(secrets_shuffle(cur, count, width), OK);
    EXPECT_BYTES(cur + count * width, 8, GUARD);
    if (count >= 50) EXPECT(memcmp(cur, orig, count * width) != 0);
    cmp_width = (int)width;
    qsort(orig, count, width, cmp_items);
    qsort(cur, count, width, cmp_items);
    EXPECT(memcmp(orig, cur, count * width) == 0);
    free(orig);
    free(cur);
}

static void test_shuffle(void)
{
    static const char *perms[6] = { "abc", "acb", "bac", "bca", "cab", "cba" };
    int seen[6] = { 0 }, i, k, all = 1;
    char s[4];

    expect_shuffle(1000, 4);
    expect_shuffle(257, 3);
    expect_shuffle(100, 5);
    expect_shuffle(64, 13);
    expect_shuffle(300, 1);
    expect_shuffle(2, 7);
    for (i = 0; i < 600; i++) {
        memcpy(s, "abc", 4);
        EXPECT_STATUS(secrets_shuffle(s, 3, 1), OK);
        for (k = 0; k < 6; k++)
            if (memcmp(s, perms[k], 3) == 0) seen[k]++;
        EXPECT(s[3] == '\0');
    }
    for (k = 0; k < 6; k++) all &= seen[k] > 0;
    EXPECT(all);

    memcpy(s, "xyz", 4);
    EXPECT_STATUS(secrets_shuffle(s, 1, 3), OK);
    EXPECT_STATUS(secrets_shuffle(s, 0, 1), OK);
    EXPECT_STATUS(secrets_shuffle(NULL, 0, 4), OK);
    EXPECT(memcmp(s, "xyz", 4) == 0);
    EXPECT_STATUS(secrets_shuffle(NULL, 3, 4), NP);
    EXPECT_STATUS(secrets_shuffle(s, 3, 0), INVAL);
    EXPECT_STATUS(secrets_shuffle(NULL, 0, 0), INVAL);
    /* checked before the array is touched: the small buffer is safe */
    EXPECT_STATUS(secrets_shuffle(s, SIZE_MAX / 2 + 1, 4), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_shuffle(s, SIZE_MAX, SIZE_MAX), SECRETS_ERR_TOO_LARGE);
    EXPECT(memcmp(s, "xyz", 4) == 0);
}

static int distinct_below(const size_t *v, size_t k, size_t population)
{
    size_t i, j;
    for (i = 0; i < k; i++) {
        if (v[i] >= population) return 0;
        for (j = 0; j < i; j++)
            if (v[i] == v[j]) return 0;
    }
    return 1;
}

static void test_sample(void)
{
    size_t out[16], i;
    int d, ok = 1, high = 0, first[10] = { 0 }, all = 1;

    for (d = 0; d < 400; d++) {
        for (i = 0; i < 16; i++) out[i] = 777;
        EXPECT_STATUS(secrets_sample(10, 4, out), OK);
        if (!distinct_below(out, 4, 10) || out[4] != 777) ok = 0;
        if (out[0] < 10) first[out[0]] = 1;
    }
    EXPECT(ok);
    for (i = 0; i < 10; i++) all &= first[i];
    EXPECT(all); /* random order: every value comes first sometimes */
    EXPECT_STATUS(secrets_sample(10, 10, out), OK);
    EXPECT(distinct_below(out, 10, 10));
    EXPECT_STATUS(secrets_sample(1, 1, out), OK);
    EXPECT(out[0] == 0);

    /* huge populations: O(k) memory */
    for (d = 0; d < 50; d++) {
        EXPECT_STATUS(secrets_sample(SIZE_MAX, 8, out), OK);
        EXPECT(distinct_below(out, 8, SIZE_MAX));
        for (i = 0; i < 8; i++)
            if (out[i] > SIZE_MAX / 2) high = 1;
        EXPECT_STATUS(secrets_sample((size_t)1 << (SIZE_MAX > UINT32_MAX ? 60 : 31), 16, out), OK);
        EXPECT(distinct_below(out, 16, (size_t)1 << (SIZE_MAX > UINT32_MAX ? 60 : 31)));
    }
    EXPECT(high);

    EXPECT_STATUS(secrets_sample(5, 0, NULL), OK);
    EXPECT_STATUS(secrets_sample(0, 0, NULL), OK);
    for (i = 0; i < 16; i++) out[i] = 777;
    EXPECT_STATUS(secrets_sample(5, 6, out), INVAL);
    EXPECT(out[0] == 0 && out[5] == 0 && out[6] == 777); /* the k slots are zeroed */
    for (i = 0; i < 16; i++) out[i] = 777;
    EXPECT_STATUS(secrets_sample(0, 1, out), INVAL);
    EXPECT(out[0] == 0 && out[1] == 777);
    EXPECT_STATUS(secrets_sample(10, 3, NULL), NP);
    out[0] = 777;
    EXPECT_STATUS(secrets_sample(SIZE_MAX, SIZE_MAX / sizeof(size_t) + 1, out), SECRETS_ERR_TOO_LARGE);
    EXPECT(out[0] == 777); /* no buffer can be that large: nothing written */
}

static void test_choices(void)
{
    size_t out[1000 + 4], i, counts[5] = { 0 };
    int seen[7] = { 0 }, ok = 1, all = 1;

    for (i = 0; i < 1004; i++) out[i] = 999;
    EXPECT_STATUS(secrets_choices(NULL, 7, 1000, out), OK);
    for (i = 0; i < 1000; i++) {
        if (out[i] >= 7) ok = 0;
        else seen[out[i]] = 1;
    }
    for (i = 0; i < 7; i++) all &= seen[i];
    EXPECT(ok && all && out[1000] == 999);

    {
        const double w[5] = { 0, 1, 0, 3, 0 };
        EXPECT_STATUS(secrets_choices(w, 5, 1000, out), OK);
        for (i = 0; i < 1000; i++)
            if (out[i] < 5) counts[out[i]]++;
        EXPECT(counts[0] == 0 && counts[2] == 0 && counts[4] == 0);
        EXPECT(counts[1] + counts[3] == 1000);
        EXPECT(counts[3] > 650 && counts[3] < 850); /* 750 +- 13.7 */
    }
    {
        const double huge[2] = { 1e307, 1e307 }, one[1] = { 2.5 };
        EXPECT_STATUS(secrets_choices(huge, 2, 100, out), OK);
        EXPECT_STATUS(secrets_choices(one, 1, 10, out), OK);
        EXPECT(out[0] == 0 && out[9] == 0);
    }
    EXPECT_STATUS(secrets_choices(NULL, 5, 0, NULL), OK);
    EXPECT_STATUS(secrets_choices(NULL, 0, 0, NULL), OK);
    {
        const double neg[2] = { 1, -1 }, nan2[2] = { NAN, 1 }, inf2[2] = { 1, INFINITY };
        const double zero[3] = { 0, 0, 0 }, over[2] = { DBL_MAX, DBL_MAX };
        const double *bad[5] = { neg, nan2, inf2, zero, over };
        const size_t n[5] = { 2, 2, 2, 3, 2 };
        for (i = 0; i < 5; i++) {
            out[0] = out[1] = out[2] = 999;
            EXPECT_STATUS(secrets_choices(bad[i], n[i], 2, out), INVAL);
            EXPECT(out[0] == 0 && out[1] == 0 && out[2] == 999);
        }
        EXPECT_STATUS(secrets_choices(neg, 2, 0, NULL), INVAL); /* weights checked even for k = 0 */
        out[0] = 999;
        EXPECT_STATUS(secrets_choices(NULL, 0, 1, out), SECRETS_ERR_EMPTY);
        EXPECT(out[0] == 0);
        out[0] = 999;
        EXPECT_STATUS(secrets_choices(neg, 0, 1, out), SECRETS_ERR_EMPTY);
        EXPECT(out[0] == 0);
        EXPECT_STATUS(secrets_choices(NULL, 5, 3, NULL), NP);
        EXPECT_STATUS(secrets_choices(neg, 2, 3, NULL), NP);
        out[0] = 999;
        EXPECT_STATUS(secrets_choices(NULL, 5, SIZE_MAX / sizeof(size_t) + 1, out), SECRETS_ERR_TOO_LARGE);
        EXPECT(out[0] == 999);
        EXPECT_STATUS(secrets_choices(neg, SIZE_MAX / sizeof(double) + 1, 1, out), SECRETS_ERR_TOO_LARGE);
        EXPECT(out[0] == 0);
    }
}

typedef int32_t (*dist1)(double, double *);
typedef int32_t (*dist2)(double, double, double *);

/* 500 draws: all OK, finite and in [lo, hi]. */
static void draws(const char *name, dist2 f, double a, double b, double lo, double hi)
{
    int d, ok = 1;
    for (d = 0; d < 500; d++) {
        double x = NAN;
        if (f(a, b, &x) != OK || !isfinite(x) || x < lo || x > hi) ok = 0;
    }
    EXPECT(ok);
    if (!ok) printf("     %s(%g, %g)\n", name, a, b);
}

/* An invalid call leaves *out untouched; NaN and infinities are invalid; NULL out is NP. */
static void invalid2(dist2 f, double a, double b)
{
    double x = 42.0;
    EXPECT_STATUS(f(a, b, &x), INVAL);
    EXPECT(x == 42.0);
}

static void nonfinite2(dist2 f)
{
    invalid2(f, NAN, 1);
    invalid2(f, 1, NAN);
    invalid2(f, INFINITY, 1);
    invalid2(f, 1, -INFINITY);
    EXPECT_STATUS(f(1, 1, NULL), NP);
}

static void nonfinite1(dist1 f)
{
    double x = 42.0;
    EXPECT_STATUS(f(NAN, &x), INVAL);
    EXPECT_STATUS(f(INFINITY, &x), INVAL);
    EXPECT_STATUS(f(-INFINITY, &x), INVAL);
    EXPECT(x == 42.0);
    EXPECT_STATUS(f(1, NULL), NP);
}

static int32_t tri_mid(double low, double high, double *out) { return secrets_triangular(low, high, (low + high) / 2, out); }

static void test_distributions(void)
{
    const double inf = INFINITY, twopi = 6.283185307179586;
    double x, sum;
    int d;

    draws("triangular", tri_mid, 0, 10, 0, 10);
    draws("triangular", tri_mid, 10, 0, 0, 10);
    draws("triangular", tri_mid, -DBL_MAX, DBL_MAX, -DBL_MAX, DBL_MAX);
    EXPECT_STATUS(secrets_triangular(2, 2, 2, &x), OK);
    EXPECT(x == 2);
    x = 42;
    EXPECT_STATUS(secrets_triangular(NAN, 1, 0, &x), INVAL);
    EXPECT_STATUS(secrets_triangular(0, inf, 0, &x), INVAL);
    EXPECT_STATUS(secrets_triangular(0, 1, NAN, &x), INVAL);
    EXPECT(x == 42);
    EXPECT_STATUS(secrets_triangular(0, 1, 0.5, NULL), NP);

    draws("normalvariate", secrets_normalvariate, 5, 2, -inf, inf);
    draws("normalvariate", secrets_normalvariate, 5, -2, -inf, inf); /* Python accepts sigma < 0 */
    draws("normalvariate", secrets_normalvariate, 3, 0, 3, 3);
    draws("gauss", secrets_gauss, 5, 2, -inf, inf);
    draws("gauss", secrets_gauss, -1, 0, -1, -1);
    draws("lognormvariate", secrets_lognormvariate, 0, 1, 0, inf);
    draws("vonmisesvariate", secrets_vonmisesvariate, 1, 4, 0, twopi);
    draws("vonmisesvariate", secrets_vonmisesvariate, -7, 0, 0, twopi);
    draws("vonmisesvariate", secrets_vonmisesvariate, 1, -1, 0, twopi); /* kappa <= 0: uniform */
    draws("gammavariate", secrets_gammavariate, 0.5, 2, 0, inf);
    draws("gammavariate", secrets_gammavariate, 1, 2, 0, inf);
    draws("gammavariate", secrets_gammavariate, 7.5, 2, 0, inf);
    draws("betavariate", secrets_betavariate, 0.5, 3, 0, 1);
    draws("betavariate", secrets_betavariate, 2, 2, 0, 1);
    draws("weibullvariate", secrets_weibullvariate, 2, 1.5, 0, inf);
    draws("weibullvariate", secrets_weibullvariate, -2, 1.5, -inf, 0);
    nonfinite2(secrets_normalvariate);
    nonfinite2(secrets_gauss);
    nonfinite2(secrets_lognormvariate);
    nonfinite2(secrets_vonmisesvariate);
    nonfinite2(secrets_gammavariate);
    nonfinite2(secrets_betavariate);
    nonfinite2(secrets_weibullvariate);
    nonfinite1(secrets_expovariate);
    nonfinite1(secrets_paretovariate);
    invalid2(secrets_gammavariate, 0, 1);
    invalid2(secrets_gammavariate, 1, -1);
    invalid2(secrets_betavariate, -1, 1);
    invalid2(secrets_betavariate, 1, 0);
    invalid2(secrets_weibullvariate, 1, 0);
    x = 42;
    EXPECT_STATUS(secrets_expovariate(0, &x), INVAL);
    EXPECT_STATUS(secrets_expovariate(-0.0, &x), INVAL);
    EXPECT_STATUS(secrets_paretovariate(0, &x), INVAL);
    EXPECT(x == 42);

    sum = 0;
    for (d = 0; d < 4000; d++) {
        x = NAN;
        EXPECT_STATUS(secrets_expovariate(-4, &x), OK); /* negative rate: values <= 0 */
        EXPECT(x <= 0);
        sum += x;
    }
    EXPECT(fabs(sum / 4000 + 0.25) < 0.03);
    sum = 0;
    for (d = 0; d < 4000; d++) {
        x = NAN;
        EXPECT_STATUS(secrets_paretovariate(5, &x), OK);
        EXPECT(x >= 1);
        sum += x;
    }
    EXPECT(fabs(sum / 4000 - 1.25) < 0.05); /* mean 5/4, standard error 0.005 */
    EXPECT_STATUS(secrets_paretovariate(-1, &x), OK); /* Python accepts it: (0, 1] */
    EXPECT(x > 0 && x <= 1);

    {
        uint64_t k = 99, sumk = 0;
        EXPECT_STATUS(secrets_binomialvariate(0, 0.5, &k), OK);
        EXPECT(k == 0);
        EXPECT_STATUS(secrets_binomialvariate(10, 0, &k), OK);
        EXPECT(k == 0);
        EXPECT_STATUS(secrets_binomialvariate(10, 1, &k), OK);
        EXPECT(k == 10);
        EXPECT_STATUS(secrets_binomialvariate(UINT64_MAX, 1, &k), OK);
        EXPECT(k == UINT64_MAX);
        for (d = 0; d < 2000; d++) {
            EXPECT_STATUS(secrets_binomialvariate(50, 0.8, &k), OK);
            EXPECT(k <= 50);
            sumk += k;
        }
        EXPECT(sumk > 2000 * 38 && sumk < 2000 * 42); /* mean 40 */
        for (d = 0; d < 20; d++) {
            EXPECT_STATUS(secrets_binomialvariate(UINT64_MAX, 0.25, &k), OK);
            EXPECT(k > UINT64_MAX / 100 * 24 && k < UINT64_MAX / 100 * 26);
        }
        k = 4242;
        EXPECT_STATUS(secrets_binomialvariate(10, -0.5, &k), INVAL);
        EXPECT_STATUS(secrets_binomialvariate(10, 1.5, &k), INVAL);
        EXPECT_STATUS(secrets_binomialvariate(10, NAN, &k), INVAL);
        EXPECT_STATUS(secrets_binomialvariate(10, inf, &k), INVAL);
        EXPECT(k == 4242);
        EXPECT_STATUS(secrets_binomialvariate(10, 0.5, NULL), NP);
    }
}

#if defined(__linux__) && defined(__NR_getrandom)
/* In a child: makes getrandom(2) fail with EPERM and refuses to open files,
 * then expects
 * SECRETS_ERR_ENTROPY_UNAVAILABLE with the failure rules applied. */
static int entropy_failure_child(void)
{
    /* getrandom(2) fails with EPERM, and opening files (the /dev/urandom
     * fallback both backends take when getrandom is refused) with EACCES */
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getrandom, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
#ifdef __NR_open
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_open, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
#endif
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { (unsigned short)(sizeof filter / sizeof filter[0]), filter };
    const int32_t E = SECRETS_ERR_ENTROPY_UNAVAILABLE;
    uint32_t items[50], orig[50];
    size_t out[4], i;
    int64_t i64 = 5;
    uint64_t u64 = 5;
    double x = 5.0;
    const double w[2] = { 1, 2 };

    /* With the vDSO backend the child's per-thread state was wiped by fork,
     * so its first draw must re-key through the (now failing) system call. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
        return 2; /* no seccomp here: skip */
    {
        unsigned char probe[4];
        if (syscall(__NR_getrandom, probe, sizeof probe, 0) != -1) return 2;
    }
    for (i = 0; i < 50; i++) orig[i] = items[i] = (uint32_t)i * 7919u;
    EXPECT_STATUS(secrets_random(&x), E);
    EXPECT_STATUS(secrets_uniform(0, 1, &x), E);
    EXPECT_STATUS(secrets_gauss(0, 1, &x), E);
    EXPECT_STATUS(secrets_gammavariate(0.5, 1, &x), E);
    EXPECT(x == 5.0);
    EXPECT_STATUS(secrets_randrange(0, 10, 3, &i64), E);
    EXPECT_STATUS(secrets_randint(INT64_MIN, INT64_MAX, &i64), E);
    EXPECT(i64 == 5);
    EXPECT_STATUS(secrets_binomialvariate(100, 0.5, &u64), E);
    EXPECT(u64 == 5);
    EXPECT_STATUS(secrets_shuffle(items, 50, sizeof items[0]), E);
    EXPECT(memcmp(items, orig, sizeof items) == 0); /* untouched: no partial shuffle */
    for (i = 0; i < 4; i++) out[i] = 9;
    EXPECT_STATUS(secrets_sample(100, 3, out), E);
    EXPECT(out[0] == 0 && out[2] == 0 && out[3] == 9);
    for (i = 0; i < 4; i++) out[i] = 9;
    EXPECT_STATUS(secrets_choices(NULL, 100, 3, out), E);
    EXPECT(out[0] == 0 && out[2] == 0 && out[3] == 9);
    for (i = 0; i < 4; i++) out[i] = 9;
    EXPECT_STATUS(secrets_choices(w, 2, 3, out), E);
    EXPECT(out[0] == 0 && out[2] == 0 && out[3] == 9);
    /* calls that need no randomness still succeed */
    EXPECT_STATUS(secrets_shuffle(items, 1, sizeof items[0]), OK);
    EXPECT_STATUS(secrets_randint(3, 3, &i64), OK);
    EXPECT(i64 == 3);
    return test_failed_ ? 1 : 0;
}

static void test_entropy_failure(void)
{
    int st = 0;
    pid_t pid;
    fflush(stdout);
    pid = fork();
    if (pid == 0) _exit(entropy_failure_child());
    EXPECT(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st));
    if (WIFEXITED(st) && WEXITSTATUS(st) == 2)
        printf("note: no seccomp here: SECRETS_ERR_ENTROPY_UNAVAILABLE not tested\n");
    else
        EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
#else
static void test_entropy_failure(void) {}
#endif

int main(void)
{
    test_start("systemrandom");
    test_random_uniform();
    test_ranges();
    test_shuffle();
    test_sample();
    test_choices();
    test_distributions();
    test_entropy_failure();
    return test_finish();
}
