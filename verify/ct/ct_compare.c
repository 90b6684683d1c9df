/*
 * ct_compare.c - constant-time gate for secrets_compare_digest and
 * secrets_compare_digest_str, run under valgrind memcheck (the technique of
 * BoringSSL's constant-time validation and Adam Langley's ctgrind).
 *
 * The contents of both inputs are marked undefined with
 * VALGRIND_MAKE_MEM_UNDEFINED; the lengths stay defined.  memcheck then
 * reports every conditional jump and every memory address that depends on
 * the contents: that is, on the secret.  The result is marked defined
 * before this program looks at it.  Run as
 *
 *     valgrind --error-exitcode=99 --suppressions=ct_compare.supp ./ct_compare
 *
 * and any report fails the run.  compare_digest_str may depend on the
 * contents through strlen (docs/reference.md): ct_compare.supp suppresses reports whose
 * innermost frame is strlen, and nothing else.
 *
 *     valgrind --suppressions=ct_compare.supp ./ct_compare --self-test
 *
 * is the test of the test: a naive early-exit compare compiled here must be
 * flagged (memcheck's error count must grow), a naive strcmp-style one too
 * (so the strlen suppression is not hiding content-dependent branches), and
 * a branch-free compare written here must not be.
 *
 * Without valgrind both modes exit 77 (skipped).
 */
#include <valgrind/memcheck.h>

#include <secrets.h>

#include "test.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15u; /* test data only: defined, reproducible */

static unsigned char next_byte(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned char)(rng_state >> 24);
}

static unsigned char next_nonzero(void)
{
    unsigned char c;
    do c = next_byte(); while (c == 0);
    return c;
}

static unsigned long errors_now(void)
{
    return (unsigned long)VALGRIND_COUNT_ERRORS;
}

/* Buffers of exactly the length used, so memcheck also sees any over-read. */
static unsigned char *alloc(size_t n)
{
    unsigned char *p = malloc(n ? n : 1);
    if (!p) {
        perror("malloc");
        exit(2);
    }
    return p;
}

/* ---- secrets_compare_digest ---------------------------------------------- */

static unsigned long bytes_cases;

static void bytes_case(const unsigned char *a_src, size_t a_len, const unsigned char *b_src, size_t b_len,
                       int want, const char *what)
{
    unsigned char *a = alloc(a_len), *b = alloc(b_len);
    int32_t r;
    unsigned long before = errors_now();
    if (a_len) memcpy(a, a_src, a_len);
    if (b_len) memcpy(b, b_src, b_len);
    VALGRIND_MAKE_MEM_UNDEFINED(a, a_len);
    VALGRIND_MAKE_MEM_UNDEFINED(b, b_len);
    r = secrets_compare_digest(a, a_len, b, b_len);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    bytes_cases++;
    CHECK(r == want, "compare_digest(a_len=%zu, b_len=%zu, %s) = %d, want %d", a_len, b_len, what, (int)r, want);
    CHECK(errors_now() == before, "compare_digest(a_len=%zu, b_len=%zu, %s): %lu memcheck report(s) (secret-dependent branch or index)",
          a_len, b_len, what, errors_now() - before);
    free(a);
    free(b);
}

static void sweep_bytes(size_t len)
{
    unsigned char *x = alloc(len + 1), *y = alloc(len + 1);
    size_t i, pos[3];
    int p;
    for (i = 0; i <= len; i++) x[i] = next_byte();

    bytes_case(x, len, x, len, 1, "equal contents");
    /* one byte differs: first, middle, last */
    pos[0] = 0;
    pos[1] = len / 2;
    pos[2] = len ? len - 1 : 0;
    for (p = 0; p < 3 && len > 0; p++) {
        memcpy(y, x, len);
        y[pos[p]] ^= (unsigned char)(1u << (p + 2));
        bytes_case(x, len, y, len, 0, "one byte differs");
    }
    /* every byte differs */
    for (i = 0; i < len; i++) y[i] = (unsigned char)~x[i];
    if (len) bytes_case(x, len, y, len, 0, "all bytes differ");
    /* unequal lengths, one a prefix of the other (the hardest unequal case) */
    bytes_case(x, len, x, len + 1, 0, "b one longer, a is a prefix of b");
    bytes_case(x, len + 1, x, len, 0, "a one longer, b is a prefix of a");
    if (len) bytes_case(x, len, x, 0, 0, "b empty");
    if (len) bytes_case(x, 0, x, len, 0, "a empty");
    /* unequal lengths with unrelated contents */
    for (i = 0; i <= len; i++) y[i] = next_byte();
    bytes_case(x, len, y, len + 1, 0, "unequal lengths, other contents");
    free(x);
    free(y);
}

/* ---- secrets_compare_digest_str -------------------------------------------- */

static unsigned long str_cases;

/* a_src/b_src hold a_len/b_len non-NUL bytes; copies get their NUL, contents marked undefined. */
static void str_case(const unsigned char *a_src, size_t a_len, const unsigned char *b_src, size_t b_len,
                     int want, const char *what)
{
    char *a = (char *)alloc(a_len + 1), *b = (char *)alloc(b_len + 1);
    int32_t r;
    unsigned long before = errors_now();
    if (a_len) memcpy(a, a_src, a_len);
    if (b_len) memcpy(b, b_src, b_len);
    a[a_len] = 0;
    b[b_len] = 0;
    VALGRIND_MAKE_MEM_UNDEFINED(a, a_len); /* the NUL terminators stay defined */
    VALGRIND_MAKE_MEM_UNDEFINED(b, b_len);
    r = secrets_compare_digest_str(a, b);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    str_cases++;
    CHECK(r == want, "compare_digest_str(len %zu, len %zu, %s) = %d, want %d", a_len, b_len, what, (int)r, want);
    CHECK(errors_now() == before, "compare_digest_str(len %zu, len %zu, %s): %lu memcheck report(s)", a_len, b_len, what,
          errors_now() - before);
    free(a);
    free(b);
}

static void sweep_str(size_t len)
{
    unsigned char *x = alloc(len + 1), *y = alloc(len + 1);
    size_t i;
    for (i = 0; i <= len; i++) x[i] = next_nonzero();
    str_case(x, len, x, len, 1, "equal contents");
    if (len) {
        memcpy(y, x, len);
        y[len - 1] = (unsigned char)(x[len - 1] == 1 ? 2 : 1);
        str_case(x, len, y, len, 0, "last byte differs");
        memcpy(y, x, len);
        y[0] = (unsigned char)(x[0] == 1 ? 2 : 1);
        str_case(x, len, y, len, 0, "first byte differs");
        str_case(x, len, x, 0, 0, "b empty");
    }
    str_case(x, len, x, len + 1, 0, "b one longer, a is a prefix of b");
    str_case(x, len + 1, x, len, 0, "a one longer");
    free(x);
    free(y);
}

/* ---- the test of the test ------------------------------------------------------ */

/* What a careless implementation does: memcmp-style, stops at the first difference. */
__attribute__((noinline)) static int naive_compare(const unsigned char *a, size_t a_len, const unsigned char *b,
                                                   size_t b_len)
{
    size_t i;
    if (a_len != b_len) return 0;
    for (i = 0; i < a_len; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* strcmp-style: stops at the first difference or NUL. */
__attribute__((noinline)) static int naive_compare_str(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Branch-free: OR of XORs, the result reduced with arithmetic only. */
__attribute__((noinline)) static int ct_compare_c(const unsigned char *a, const unsigned char *b, size_t len)
{
    volatile unsigned char acc = 0;
    size_t i;
    for (i = 0; i < len; i++) acc = (unsigned char)(acc | (a[i] ^ b[i]));
    return (int)(1 & ((acc - 1u) >> 8));
}

static int self_test(void)
{
    enum { N = 64 };
    unsigned char a[N], b[N];
    char sa[N + 1], sb[N + 1];
    unsigned long before, flagged;
    int r;
    size_t i;

    for (i = 0; i < N; i++) a[i] = b[i] = next_nonzero();
    b[N - 1] ^= 1;
    memcpy(sa, a, N);
    memcpy(sb, b, N);
    sa[N] = sb[N] = 0;

    before = errors_now();
    VALGRIND_MAKE_MEM_UNDEFINED(a, N);
    VALGRIND_MAKE_MEM_UNDEFINED(b, N);
    r = naive_compare(a, N, b, N);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    flagged = errors_now() - before;
    printf("naive early-exit compare: %lu memcheck report(s)\n", flagged);
    CHECK(flagged > 0, "the naive early-exit compare was not flagged: the harness cannot see secret-dependent branches");
    CHECK(r == 0, "naive_compare result");

    before = errors_now();
    VALGRIND_MAKE_MEM_UNDEFINED(sa, N);
    VALGRIND_MAKE_MEM_UNDEFINED(sb, N);
    r = naive_compare_str(sa, sb);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    flagged = errors_now() - before;
    printf("naive strcmp-style compare: %lu memcheck report(s)\n", flagged);
    CHECK(flagged > 0, "the naive strcmp-style compare was not flagged (is the strlen suppression too broad?)");

    VALGRIND_MAKE_MEM_DEFINED(a, N);
    VALGRIND_MAKE_MEM_DEFINED(b, N);
    before = errors_now();
    VALGRIND_MAKE_MEM_UNDEFINED(a, N);
    VALGRIND_MAKE_MEM_UNDEFINED(b, N);
    r = ct_compare_c(a, b, N);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    flagged = errors_now() - before;
    printf("branch-free compare (control): %lu memcheck report(s)\n", flagged);
    CHECK(flagged == 0, "the branch-free control compare was flagged: the harness reports false positives");
    CHECK(r == 0, "ct_compare_c result");
    return test_finish();
}

int main(int argc, char **argv)
{
    size_t len;
    int self = argc > 1 && strcmp(argv[1], "--self-test") == 0;
    test_start(self ? "ct_compare --self-test" : "ct_compare");
    if (!RUNNING_ON_VALGRIND) {
        printf("SKIP: not running under valgrind (run: valgrind --error-exitcode=99 %s)\n", argv[0]);
        return TEST_SKIP;
    }
    if (self) return self_test();

    for (len = 0; len <= 64; len++) {
        sweep_bytes(len);
        sweep_str(len);
    }
    sweep_bytes(4096);
    sweep_str(4096);
    printf("compare_digest: %lu cases, compare_digest_str: %lu cases (lengths 0..64 and 4096), %lu memcheck report(s)\n",
           bytes_cases, str_cases, errors_now());
    return test_finish();
}
