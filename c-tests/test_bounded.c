/*
 * test_bounded.c - every call returns, and the size checks come first.
 *
 *  1. Bounded time: every distribution and every sampler with extreme finite
 *     parameters (+-DBL_MAX, DBL_MAX/2, the smallest denormal, values next to
 *     each branch point), each call under alarm(): a call that does not
 *     return within 20 s fails the test by name (gammavariate and betavariate
 *     with a shape above DBL_MAX/2 used to loop forever).  Results must be a
 *     clean status, and never NaN.
 *  2. Error precedence: a size whose arithmetic overflows is TOO_LARGE even
 *     when the output pointer is NULL, in every function that has one.
 *  3. Passphrases of 2^40 and SIZE_MAX empty words: "" with SECRETS_OK, no
 *     abort, no message on stderr (one used to allocate a 4 TiB pool, the
 *     other to panic on a capacity overflow and print it).
 */
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#ifdef _WIN32 /* no alarm() or SIGALRM: the test runner's timeout is the watchdog there */
#define alarm(seconds) ((void)0)
#else
#include <unistd.h>
#endif

#include "test.h"

static const char *volatile current = "?";

#ifndef _WIN32
static void on_alarm(int sig)
{
    static const char msg[] = "FAIL test_bounded: a call did not return in 20 s: ";
    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0 || write(2, current, strlen(current)) < 0 || write(2, "\n", 1) < 0) {
    }
    _exit(1);
}
#endif

#define TIMED(name, call)          \
    do {                           \
        current = (name);          \
        alarm(20);                 \
        st = (call);               \
        alarm(0);                  \
    } while (0)

static double extremes[64];
static size_t nextremes;

static void add_both(double x)
{
    extremes[nextremes++] = x;
    extremes[nextremes++] = -x;
}

static void make_extremes(void)
{
    add_both(0.0);
    add_both(4.9406564584124654e-324); /* the smallest denormal */
    add_both(DBL_MIN);
    add_both(1e-300);
    add_both(1e-17);
    add_both(1e-6);                       /* vonmisesvariate's uniform branch */
    add_both(nextafter(1e-6, 1.0));
    add_both(0.5);
    add_both(nextafter(1.0, 0.0));        /* gammavariate's three branches */
    add_both(1.0);
    add_both(nextafter(1.0, 2.0));
    add_both(10.0);
    add_both(1e16);
    add_both(1e154);
    add_both(DBL_MAX / 2);
    add_both(nextafter(DBL_MAX / 2, DBL_MAX));
    add_both(DBL_MAX);
}

/* A distribution's result: OK with a non-NaN value, or INVALID_ARGUMENT. */
static void judge(const char *name, double a, double b, int32_t st, double v)
{
    if (st == SECRETS_OK) {
        if (!test_check_(!isnan(v), __FILE__, __LINE__, "result is not NaN")) printf("     %s(%g, %g)\n", name, a, b);
    } else if (!test_check_(st == SECRETS_ERR_INVALID_ARGUMENT, __FILE__, __LINE__, "OK or INVALID_ARGUMENT")) {
        printf("     %s(%g, %g): %d (%s)\n", name, a, b, (int)st, secrets_strerror(st));
    }
}

/* A timed distribution call, judged by judge() under the name shown. */
#define TIMED_JUDGED_AS(name, shown, call, a, b) \
    do {                                         \
        TIMED(name, call);                       \
        judge(shown, a, b, st, v);               \
    } while (0)
#define TIMED_JUDGED(name, call, a, b) TIMED_JUDGED_AS(name, name, call, a, b)

/* The distributions of two double parameters. */
static const struct {
    const char *name;
    int32_t (*fn)(double, double, double *);
} two_params[] = {
    { "uniform", secrets_uniform },
    { "normalvariate", secrets_normalvariate },
    { "gauss", secrets_gauss },
    { "lognormvariate", secrets_lognormvariate },
    { "vonmisesvariate", secrets_vonmisesvariate },
    { "gammavariate", secrets_gammavariate },
    { "betavariate", secrets_betavariate },
    { "weibullvariate", secrets_weibullvariate },
};

static void test_distributions(void)
{
    size_t i, j, k, r;
    int32_t st;
    double v;
    for (i = 0; i < nextremes; i++) {
        for (j = 0; j < nextremes; j++) {
            double a = extremes[i], b = extremes[j];
            for (r = 0; r < 2; r++) {
                TIMED_JUDGED("triangular", secrets_triangular(a, b, a / 2, &v), a, b);
                TIMED_JUDGED_AS("triangular (mode outside)", "triangular", secrets_triangular(a, a / 2, b, &v), a, b);
                for (k = 0; k < sizeof two_params / sizeof two_params[0]; k++)
                    TIMED_JUDGED(two_params[k].name, two_params[k].fn(a, b, &v), a, b);
            }
        }
        TIMED_JUDGED("expovariate", secrets_expovariate(extremes[i], &v), extremes[i], 0);
        TIMED_JUDGED("paretovariate", secrets_paretovariate(extremes[i], &v), extremes[i], 0);
    }
    /* the huge shapes give sensible values, not just values */
    EXPECT_STATUS(secrets_gammavariate(DBL_MAX, 1.0, &v), SECRETS_OK);
    EXPECT(v > DBL_MAX / 2);
    EXPECT_STATUS(secrets_betavariate(DBL_MAX, DBL_MAX, &v), SECRETS_OK);
    EXPECT(v > 0.49 && v < 0.51);
    EXPECT_STATUS(secrets_betavariate(DBL_MAX / 2 * 1.5, 1.0, &v), SECRETS_OK);
    EXPECT(v > 0.99 && v <= 1.0);
}

static void test_binomial_and_samplers(void)
{
    static const uint64_t ns[] = { 0, 1, 2, 3, 10, 11, 19, 20, 21, 1000, (uint64_t)1 << 53, ((uint64_t)1 << 53) + 1,
                                   UINT64_MAX / 2, UINT64_MAX - 1, UINT64_MAX };
    double ps[64];
    size_t nps = 0, i, j;
    int32_t st;
    uint64_t k;
    for (i = 0; i < nextremes; i++)
        if (extremes[i] >= 0 && extremes[i] <= 1) ps[nps++] = extremes[i];
    ps[nps++] = nextafter(0.5, 0.0);
    ps[nps++] = nextafter(0.5, 1.0);
    for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        for (j = 0; j < nps; j++) {
            TIMED("binomialvariate", secrets_binomialvariate(ns[i], ps[j], &k));
            EXPECT(st == SECRETS_OK && k <= ns[i]);
        }
        if (ns[i] == 0) continue;
        /* the BG / BTRS boundary n * p = 10, from both sides */
        TIMED("binomialvariate (n p = 10)", secrets_binomialvariate(ns[i], 10.0 / (double)ns[i], &k));
        EXPECT(st == SECRETS_OK || (st == SECRETS_ERR_INVALID_ARGUMENT && ns[i] < 10));
        TIMED("binomialvariate (n p < 10)", secrets_binomialvariate(ns[i], nextafter(10.0 / (double)ns[i], 0), &k));
        EXPECT(st == SECRETS_OK || (st == SECRETS_ERR_INVALID_ARGUMENT && ns[i] < 10));
    }
    /* the integer samplers at the ends of their domains */
    {
        static const uint64_t uppers[] = { 1, 2, 3, ((uint64_t)1 << 63) + 1, UINT64_MAX / 2 + 2, UINT64_MAX - 1,
                                           UINT64_MAX };
        static const int64_t ends[] = { INT64_MIN, INT64_MIN + 1, -1, 0, 1, INT64_MAX - 1, INT64_MAX };
        int64_t v;
        size_t idx, out[4];
        uint8_t big[64], upper[64];
        for (i = 0; i < sizeof uppers / sizeof uppers[0]; i++) {
            TIMED("randbelow_u64", secrets_randbelow_u64(uppers[i], &k));
            EXPECT(st == SECRETS_OK && k < uppers[i]);
            TIMED("choice_index", secrets_choice_index((size_t)uppers[i], &idx));
            EXPECT(st == SECRETS_OK);
        }
        TIMED("randbits_u64", secrets_randbits_u64(64, &k));
        EXPECT(st == SECRETS_OK);
        for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
            for (j = 0; j < sizeof ends / sizeof ends[0]; j++) {
                TIMED("randint", secrets_randint(ends[i], ends[j], &v));
                EXPECT(st == (ends[i] <= ends[j] ? SECRETS_OK : SECRETS_ERR_INVALID_ARGUMENT));
                TIMED("randrange (step 1)", secrets_randrange(ends[i], ends[j], 1, &v));
                TIMED("randrange (step INT64_MAX)", secrets_randrange(ends[i], ends[j], INT64_MAX, &v));
                TIMED("randrange (step INT64_MIN)", secrets_randrange(ends[i], ends[j], INT64_MIN, &v));
                TIMED("randrange (step -1)", secrets_randrange(ends[i], ends[j], -1, &v));
                EXPECT(st == SECRETS_OK || st == SECRETS_ERR_INVALID_ARGUMENT);
            }
        }
        /* arbitrary-precision bounds just above a power of two: the worst case */
        memset(upper, 0, sizeof upper);
        upper[0] = 0x80;
        upper[sizeof upper - 1] = 1;
        TIMED("randbelow (2^511 + 1)", secrets_randbelow(upper, sizeof upper, big));
        EXPECT(st == SECRETS_OK);
        upper[0] = 0;
        upper[sizeof upper - 1] = 1;
        TIMED("randbelow (1)", secrets_randbelow(upper, sizeof upper, big));
        EXPECT(st == SECRETS_OK);
        TIMED("sample (SIZE_MAX, 4)", secrets_sample(SIZE_MAX, 4, out));
        EXPECT(st == SECRETS_OK);
        TIMED("choices (SIZE_MAX)", secrets_choices(NULL, SIZE_MAX, 4, out));
        EXPECT(st == SECRETS_OK);
        {
            const double w[3] = { DBL_MAX / 4, 4.9406564584124654e-324, DBL_MAX / 4 };
            const double big_w[2] = { DBL_MAX, DBL_MAX };
            TIMED("choices (extreme weights)", secrets_choices(w, 3, 4, out));
            EXPECT(st == SECRETS_OK);
            TIMED("choices (weights summing past DBL_MAX)", secrets_choices(big_w, 2, 4, out));
            EXPECT(st == SECRETS_ERR_INVALID_ARGUMENT);
        }
    }
}

#define FILL 0xA5

/* NULL output and an overflowing size: TOO_LARGE, never NULL_POINTER. */
static void test_precedence(void)
{
    static const char *const words[2] = { "alpha", "beta" };
    uint32_t items[4] = { 1, 2, 3, 4 };
    secrets_password_policy p;
    size_t sizes[2] = { 0, 64 }, i;
    for (i = 0; i < 2; i++) {
        size_t n = sizes[i];
        EXPECT_STATUS(secrets_token_hex(NULL, n, SIZE_MAX), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_hex(NULL, n, SIZE_MAX / 2 + 1), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_urlsafe(NULL, n, SIZE_MAX), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_base32(NULL, n, SIZE_MAX), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_chars(NULL, n, SIZE_MAX / 2 + 1, "\xc3\xa9", 2), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_chars(NULL, n, SIZE_MAX, "a", 1), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_chars(NULL, n, SIZE_MAX, NULL, 5), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_passphrase(NULL, n, SIZE_MAX / 2, words, 2, "-"), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_passphrase(NULL, n, SIZE_MAX, NULL, 2, "--"), SECRETS_ERR_TOO_LARGE);
        memset(&p, 0, sizeof p);
        p.length = SIZE_MAX; /* above the documented limit */
        EXPECT_STATUS(secrets_password(NULL, n, &p), SECRETS_ERR_TOO_LARGE);
    }
    EXPECT_STATUS(secrets_choice(items, SIZE_MAX / 2, 4, NULL), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_choice(NULL, SIZE_MAX / 2, 4, NULL), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_choice(NULL, SIZE_MAX, SIZE_MAX, NULL), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_shuffle(NULL, SIZE_MAX / 2 + 1, 4), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_sample(SIZE_MAX, SIZE_MAX / sizeof(size_t) + 1, NULL), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_choices(NULL, 5, SIZE_MAX / sizeof(size_t) + 1, NULL), SECRETS_ERR_TOO_LARGE);
    {
        const double w[1] = { 1.0 };
        EXPECT_STATUS(secrets_choices(w, SIZE_MAX / sizeof(double) + 1, 1, NULL), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_choices(w, SIZE_MAX, SIZE_MAX, NULL), SECRETS_ERR_TOO_LARGE);
    }
    {
        /* the element out buffer is zeroed on the overflow too */
        uint32_t out = 0xA5A5A5A5u;
        EXPECT_STATUS(secrets_choice(items, SIZE_MAX / 2, 4, &out), SECRETS_ERR_TOO_LARGE);
        EXPECT(out == 0);
    }
    {
        char buf[16];
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_token_hex(buf, sizeof buf, SIZE_MAX), SECRETS_ERR_TOO_LARGE);
        EXPECT(buf[0] == 0);
        /* and the NULL output still is NULL_POINTER when nothing overflows */
        EXPECT_STATUS(secrets_token_hex(NULL, 64, 4), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(secrets_token_chars(NULL, 64, 4, "ab", 2), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(secrets_passphrase(NULL, 64, 2, words, 2, "-"), SECRETS_ERR_NULL_POINTER);
    }
}

/* Huge counts of empty words: "" and OK, at once, with nothing printed. */
static void test_huge_nwords(void)
{
    static const char *const empty[2] = { "", "" };
    char out[8];
    int32_t st;
    memset(out, FILL, sizeof out);
    TIMED("passphrase (2^40 empty words)", secrets_passphrase(out, 8, (size_t)1 << 40, empty, 2, ""));
    EXPECT_STATUS(st, SECRETS_OK);
    EXPECT(out[0] == 0);
    memset(out, FILL, sizeof out);
    TIMED("passphrase (SIZE_MAX empty words)", secrets_passphrase(out, 8, SIZE_MAX, empty, 2, ""));
    EXPECT_STATUS(st, SECRETS_OK);
    EXPECT(out[0] == 0);
    /* with a two-byte separator the size arithmetic overflows */
    TIMED("passphrase (SIZE_MAX words, separator)", secrets_passphrase(out, 8, SIZE_MAX, empty, 2, "--"));
    EXPECT_STATUS(st, SECRETS_ERR_TOO_LARGE);
    EXPECT(out[0] == 0);
    TIMED("passphrase (2^40 words, separator)", secrets_passphrase(out, 8, (size_t)1 << 40, empty, 2, "-"));
    EXPECT_STATUS(st, SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT(out[0] == 0);
}

/* test_bounded [time|precedence|nwords]: one part, or all of them. */
int main(int argc, char **argv)
{
    const char *part = argc > 1 ? argv[1] : "all";
    int all = strcmp(part, "all") == 0;
    test_start("bounded");
#ifndef _WIN32
    signal(SIGALRM, on_alarm);
#endif
    make_extremes();
    if (all || strcmp(part, "time") == 0) {
        test_distributions();
        test_binomial_and_samplers();
    }
    if (all || strcmp(part, "precedence") == 0) test_precedence();
    if (all || strcmp(part, "nwords") == 0) test_huge_nwords();
    return test_finish();
}
