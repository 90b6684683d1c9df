/*
 * alloc_failure.c - no export aborts, or returns SECRETS_ERR_INTERNAL, when
 * an allocation fails (run under LD_PRELOAD=alloc_shim.so, see
 * verify/CMakeLists.txt).
 *
 * SQLite's method: for every export, called with arguments that make it use
 * the heap (pools above the inline buffer, long alphabets, many words,
 * non-ASCII password alphabets...), fail its 1st allocation, then its 2nd,
 * and so on, until a call goes through without reaching the failing one.
 * Every outcome must be a clean status -- SECRETS_OK with a complete output,
 * or SECRETS_ERR_TOO_LARGE with byte outputs zeroed and text outputs "" --
 * never a crash, never SECRETS_ERR_INTERNAL.  Each export runs in its own
 * child process, so an abort is reported with the export and the allocation
 * number, and the other exports are still checked.  Each child warms its
 * thread up first (one unarmed call), as a long-running host would be.
 *
 *   alloc_failure            every export
 *   alloc_failure NAME...    only these
 *   alloc_failure --self-test
 *       a deliberately infallible allocation (a C strdup that aborts on NULL)
 *       must be caught: checks that the shim really fails allocations.
 *
 * Exit status: 0 clean, 1 a failure, 77 when the shim is not preloaded.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <secrets.h>

static void (*shim_arm)(long);
static long (*shim_seen)(void);
static int (*shim_fired)(void);

#define FILL 0xA5
#define MAX_TRIES 4000

/* ---- outputs, and how a failed call must leave them ---- */
static unsigned char bytes[8192];
static char text[65536];
static size_t idx[2048];
static double dval;
static int64_t ival;
static uint64_t uval;
static size_t zval;

static void reset(void)
{
    memset(bytes, FILL, sizeof bytes);
    memset(text, FILL, sizeof text);
    memset(idx, FILL, sizeof idx);
    dval = -12345.5;
    ival = -12345;
    uval = 0xA5A5A5A5A5A5A5A5u;
    zval = (size_t)0xA5A5A5A5u;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i]) return 0;
    return 1;
}

enum kind { K_BYTES, K_TEXT, K_INDICES, K_SCALAR, K_NONE };

struct outcome {
    int32_t st;
    enum kind kind;
    size_t n; /* bytes of output (K_BYTES, K_INDICES) */
};

/* ---- the exports, each with arguments that need heap ---- */
static const char *const words[8] = { "correct", "horse", "battery", "staple", "\xc3\xa4pfel", "zw\xc3\xb6lf", "x",
                                      "\xe6\x97\xa5\xe6\x9c\xac" };
static char long_alphabet[3000];
static uint32_t items[1000];
static double weights[300];

#define BYTES(n_, call) \
    (struct outcome) { (call), K_BYTES, (n_) }
#define TEXT(call) \
    (struct outcome) { (call), K_TEXT, 0 }
#define INDICES(n_, call) \
    (struct outcome) { (call), K_INDICES, (n_) * sizeof(size_t) }
#define SCALAR(call) \
    (struct outcome) { (call), K_SCALAR, 0 }

static struct outcome run_case(const char *name)
{
    secrets_password_policy p;
    uint8_t upper[1024];
#define IS(s) (strcmp(name, s) == 0)
    if (IS("token_bytes")) return BYTES(4096, secrets_token_bytes(bytes, 4096));
    if (IS("token_hex")) return TEXT(secrets_token_hex(text, sizeof text, 4096));
    if (IS("token_urlsafe")) return TEXT(secrets_token_urlsafe(text, sizeof text, 4096));
    if (IS("token_base32")) return TEXT(secrets_token_base32(text, sizeof text, 4096));
    if (IS("randbelow_u64")) return SCALAR(secrets_randbelow_u64(((uint64_t)1 << 63) + 1, &uval));
    if (IS("randbelow")) {
        memset(upper, 0, sizeof upper);
        upper[0] = 0x80;
        upper[sizeof upper - 1] = 1;
        return BYTES(sizeof upper, secrets_randbelow(upper, sizeof upper, bytes));
    }
    if (IS("randbits_u64")) return SCALAR(secrets_randbits_u64(64, &uval));
    if (IS("randbits")) return BYTES(sizeof bytes, secrets_randbits(8 * sizeof bytes, bytes, sizeof bytes));
    if (IS("choice_index")) return SCALAR(secrets_choice_index(SIZE_MAX / 2 + 2, &zval));
    if (IS("choice")) return BYTES(sizeof items[0], secrets_choice(items, 1000, sizeof items[0], bytes));
    if (IS("compare_digest")) return SCALAR(secrets_compare_digest(bytes, 4096, bytes, 4096) == 1 ? 0 : -100);
    if (IS("compare_digest_str")) return SCALAR(secrets_compare_digest_str("abc", "abc") == 1 ? 0 : -100);
    if (IS("random")) return SCALAR(secrets_random(&dval));
    if (IS("uniform")) return SCALAR(secrets_uniform(-DBL_MAX, DBL_MAX, &dval));
    if (IS("randrange")) return SCALAR(secrets_randrange(INT64_MIN, INT64_MAX, 3, &ival));
    if (IS("randint")) return SCALAR(secrets_randint(INT64_MIN, INT64_MAX, &ival));
    if (IS("shuffle")) {
        /* the array is left as it was, or fully shuffled: checked as bytes */
        return SCALAR(secrets_shuffle(items, 1000, sizeof items[0]));
    }
    if (IS("sample")) return INDICES(2000, secrets_sample(SIZE_MAX, 2000, idx));
    if (IS("sample (dense)")) return INDICES(2000, secrets_sample(3000, 2000, idx));
    if (IS("choices")) return INDICES(2000, secrets_choices(NULL, 1000, 2000, idx));
    if (IS("choices (weights)")) return INDICES(2000, secrets_choices(weights, 300, 2000, idx));
    if (IS("triangular")) return SCALAR(secrets_triangular(0, 1, 0.5, &dval));
    if (IS("normalvariate")) return SCALAR(secrets_normalvariate(0, 1, &dval));
    if (IS("gauss")) return SCALAR(secrets_gauss(0, 1, &dval));
    if (IS("lognormvariate")) return SCALAR(secrets_lognormvariate(0, 1, &dval));
    if (IS("expovariate")) return SCALAR(secrets_expovariate(1, &dval));
    if (IS("vonmisesvariate")) return SCALAR(secrets_vonmisesvariate(0, 4, &dval));
    if (IS("gammavariate")) return SCALAR(secrets_gammavariate(0.5, 1, &dval));
    if (IS("betavariate")) return SCALAR(secrets_betavariate(2, 3, &dval));
    if (IS("paretovariate")) return SCALAR(secrets_paretovariate(2, &dval));
    if (IS("weibullvariate")) return SCALAR(secrets_weibullvariate(1, 2, &dval));
    if (IS("binomialvariate")) return SCALAR(secrets_binomialvariate(1000000, 0.3, &uval));
    if (IS("token_chars")) return TEXT(secrets_token_chars(text, sizeof text, 4000, long_alphabet, strlen(long_alphabet)));
    if (IS("password") || IS("password_entropy")) {
        memset(&p, 0, sizeof p);
        p.length = 300;
        p.alphabet = long_alphabet;
        p.alphabet_len = 2 * 26 + 10 + 2 * 100; /* ASCII letters, digits, 100 two-byte symbols */
        p.min_lower = 3;
        p.min_upper = 3;
        p.min_digits = 3;
        p.min_symbols = 3;
        if (IS("password")) return TEXT(secrets_password(text, sizeof text, &p));
        return SCALAR(secrets_password_entropy(&p, &dval));
    }
    if (IS("passphrase")) return TEXT(secrets_passphrase(text, sizeof text, 500, words, 8, "\xc2\xb7"));
    if (IS("uuid4")) return TEXT(secrets_uuid4(text, sizeof text));
    if (IS("uuid7")) return TEXT(secrets_uuid7(text, sizeof text));
    if (IS("info")) {
        /* the functions without failure: they must simply not allocate-and-abort */
        int ok = secrets_strerror(-6) != NULL && secrets_version() != NULL && secrets_entropy_source() != NULL &&
                 secrets_token_hex_size(10) == 21 && secrets_token_urlsafe_size(3) == 5 &&
                 secrets_token_base32_size(5) == 9 && secrets_default_entropy() == 32;
        secrets_memzero(bytes, sizeof bytes);
        return (struct outcome){ ok ? 0 : -100, K_NONE, 0 };
    }
    fprintf(stderr, "alloc_failure: no case %s\n", name);
    exit(2);
#undef IS
}

static const char *const cases[] = { "token_bytes", "token_hex", "token_urlsafe", "token_base32", "randbelow_u64",
                                     "randbelow", "randbits_u64", "randbits", "choice_index", "choice",
                                     "compare_digest", "compare_digest_str", "random", "uniform", "randrange",
                                     "randint", "shuffle", "sample", "sample (dense)", "choices",
                                     "choices (weights)", "triangular", "normalvariate", "gauss", "lognormvariate",
                                     "expovariate", "vonmisesvariate", "gammavariate", "betavariate",
                                     "paretovariate", "weibullvariate", "binomialvariate", "token_chars", "password",
                                     "password_entropy", "passphrase", "uuid4", "uuid7", "info" };

/* Whether a failed call left its output clean. */
static int clean(const struct outcome *o)
{
    switch (o->kind) {
    case K_BYTES:
        return all_zero(bytes, o->n);
    case K_INDICES:
        return all_zero(idx, o->n);
    case K_TEXT: {
        size_t i;
        if (text[0] != 0) return 0;
        for (i = 0; i < sizeof text; i++)
            if (text[i] != 0 && (unsigned char)text[i] != FILL) return 0;
        return 1;
    }
    case K_SCALAR:
        return dval == -12345.5 && ival == -12345 && uval == 0xA5A5A5A5A5A5A5A5u && zval == (size_t)0xA5A5A5A5u;
    default:
        return 1;
    }
}

/* In a child: fail allocation 1, 2, ... of one export.  Returns the exit status. */
static int child(const char *name)
{
    long n;
    int bad = 0;
    struct outcome o;
    reset();
    o = run_case(name); /* warm-up, unarmed: per-thread state, lazy statics */
    if (o.st != SECRETS_OK) {
        printf("FAIL %s: status %d without any injected failure\n", name, (int)o.st);
        return 1;
    }
    for (n = 1; n <= MAX_TRIES; n++) {
        int fired;
        long seen;
        reset();
        printf("  %s: failing allocation %ld\n", name, n);
        fflush(stdout);
        shim_arm(n);
        o = run_case(name);
        fired = shim_fired();
        seen = shim_seen();
        shim_arm(0);
        if (o.st != SECRETS_OK && o.st != SECRETS_ERR_TOO_LARGE) {
            printf("FAIL %s: allocation %ld failed -> status %d (%s), want OK or TOO_LARGE\n", name, n, (int)o.st,
                   secrets_strerror(o.st));
            bad = 1;
        } else if (o.st != SECRETS_OK && !clean(&o)) {
            printf("FAIL %s: allocation %ld failed -> %s, but the output is not zeroed/empty\n", name, n,
                   secrets_strerror(o.st));
            bad = 1;
        } else if (o.st != SECRETS_OK && !fired) {
            printf("FAIL %s: status %d with no allocation failed\n", name, (int)o.st);
            bad = 1;
        }
        if (!fired) {
            printf("ok   %s: %ld allocation(s) per call, each failure clean\n", name, seen);
            return bad;
        }
    }
    printf("FAIL %s: still allocating after %d tries\n", name, MAX_TRIES);
    return 1;
}

/* The self-test: a C routine that aborts when malloc fails must be caught. */
static int self_test(void)
{
    pid_t pid = fork();
    int ws;
    if (pid == 0) {
        char *s;
        shim_arm(1);
        s = malloc(64);
        shim_arm(0);
        if (s == NULL) abort(); /* the "infallible" allocation */
        free(s);
        _exit(0);
    }
    if (waitpid(pid, &ws, 0) < 0) return 1;
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGABRT) {
        printf("alloc_failure self-test: the injected failure aborted an infallible allocation: caught\n");
        return 0;
    }
    printf("alloc_failure self-test: FAIL, the shim did not make malloc fail\n");
    return 1;
}

int main(int argc, char **argv)
{
    size_t i, ncases = sizeof cases / sizeof cases[0], checked = 0;
    int failed = 0, a;
    char *q;
    shim_arm = (void (*)(long))(uintptr_t)dlsym(RTLD_DEFAULT, "alloc_shim_arm");
    shim_seen = (long (*)(void))(uintptr_t)dlsym(RTLD_DEFAULT, "alloc_shim_seen");
    shim_fired = (int (*)(void))(uintptr_t)dlsym(RTLD_DEFAULT, "alloc_shim_fired");
    if (!shim_arm || !shim_seen || !shim_fired) {
        printf("SKIP: alloc_shim.so is not preloaded (LD_PRELOAD)\n");
        return 77;
    }
    if (argc > 1 && strcmp(argv[1], "--self-test") == 0) return self_test();
    /* a long UTF-8 alphabet: ASCII letters and digits, then two-byte symbols */
    q = long_alphabet;
    for (i = 0; i < 26; i++) *q++ = (char)('a' + i);
    for (i = 0; i < 26; i++) *q++ = (char)('A' + i);
    for (i = 0; i < 10; i++) *q++ = (char)('0' + i);
    for (i = 0; i < 900; i++) {
        unsigned cp = 0xC0 + (unsigned)i; /* U+00C0 onwards, all distinct */
        *q++ = (char)(0xC0 | (cp >> 6));
        *q++ = (char)(0x80 | (cp & 0x3F));
    }
    *q = 0;
    for (i = 0; i < 1000; i++) items[i] = (uint32_t)i;
    for (i = 0; i < 300; i++) weights[i] = 1.0 + (double)(i % 7);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < ncases; i++) {
        pid_t pid;
        int ws, pipefd[2];
        int want = argc <= 1;
        for (a = 1; a < argc; a++) want |= strcmp(argv[a], cases[i]) == 0;
        if (!want) continue;
        checked++;
        if (pipe(pipefd) != 0) return 1;
        pid = fork();
        if (pid == 0) {
            close(pipefd[0]);
            dup2(pipefd[1], 1);
            _exit(child(cases[i]));
        }
        close(pipefd[1]);
        {
            /* keep the child's last progress line; print its verdicts */
            char buf[512], last[512] = "";
            FILE *in = fdopen(pipefd[0], "r");
            while (in && fgets(buf, sizeof buf, in)) {
                if (strncmp(buf, "  ", 2) == 0)
                    strcpy(last, buf);
                else
                    fputs(buf, stdout);
            }
            if (in) fclose(in);
            if (waitpid(pid, &ws, 0) < 0) return 1;
            if (WIFSIGNALED(ws)) {
                printf("FAIL %s: killed by signal %d while%s", cases[i], WTERMSIG(ws), last[0] ? last + 1 : " warming up\n");
                failed++;
            } else if (WEXITSTATUS(ws) != 0) {
                failed++;
            }
        }
    }
    printf("alloc_failure: %zu export case(s), %d failed\n", checked, failed);
    return failed ? 1 : 0;
}
