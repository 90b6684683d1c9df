/*
 * soak.c - every function family from two threads for a while; nothing
 * grows and nothing repeats.
 *
 *   verify_soak [SECONDS]     (default 600; SOAK_SECONDS overrides the default;
 *                              at least 4)
 *   verify_soak --self-test [SECONDS]
 *       leaks memory and descriptors and repeats a token on purpose: every
 *       detector must fire (a test that cannot fail is no test).
 *
 * Two threads call every family of the API in a loop (tokens, integers,
 * choices, floats and ranges, sequences, every distribution, token_chars,
 * passwords, passphrases, UUIDs, comparisons; every status must be
 * SECRETS_OK).  After a warm-up (a tenth of the run, at least one second)
 * the main thread records resident memory (/proc/self/statm), open
 * descriptors (/proc/self/fd) and mappings (/proc/self/maps lines); at the
 * end they must not have grown beyond a small tolerance (4 MiB resident,
 * no descriptor, 8 mappings).  Every 128-bit token_bytes output is looked up
 * in a hash set allocated and touched before the warm-up, and the first 2^21
 * are kept in it (so the set itself cannot make memory grow): none may
 * repeat.
 * Prints the figures; exit status 0 pass, 1 fail.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <secrets.h>

#include "args.h"

#define SET_BITS 22
#define SET_SIZE ((size_t)1 << SET_BITS)
#define SET_MAX (SET_SIZE / 2)

static unsigned char (*set)[16];
static size_t set_count;
static pthread_mutex_t set_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ulong repeats, failures, calls, tokens, checked;
static atomic_int stop;
static int self_test; /* leak memory, a descriptor and a mapping, repeat a token */
static const char *first_failure;

static int is_zero(const unsigned char *k)
{
    int i;
    for (i = 0; i < 16; i++)
        if (k[i]) return 0;
    return 1;
}

static void remember(const unsigned char *tok)
{
    size_t h;
    uint64_t w;
    if (is_zero(tok)) { /* 2^-128: treat as a repeat of the empty slot marker */
        atomic_fetch_add(&repeats, 1);
        return;
    }
    memcpy(&w, tok, 8);
    h = (size_t)(w >> (64 - SET_BITS));
    pthread_mutex_lock(&set_lock);
    atomic_fetch_add(&checked, 1);
    while (!is_zero(set[h])) {
        if (memcmp(set[h], tok, 16) == 0) {
            atomic_fetch_add(&repeats, 1);
            pthread_mutex_unlock(&set_lock);
            return;
        }
        h = (h + 1) & (SET_SIZE - 1);
    }
    if (set_count < SET_MAX) { /* once full, later tokens are only looked up */
        memcpy(set[h], tok, 16);
        set_count++;
        atomic_fetch_add(&tokens, 1);
    }
    pthread_mutex_unlock(&set_lock);
}

#define OK(name, call)                                      \
    do {                                                    \
        int32_t st_ = (call);                               \
        atomic_fetch_add(&calls, 1);                        \
        if (st_ != SECRETS_OK) {                            \
            if (atomic_fetch_add(&failures, 1) == 0) first_failure = name; \
        }                                                   \
    } while (0)

static void *worker(void *arg)
{
    static const char *const words[6] = { "correct", "horse", "battery", "staple", "\xc3\xa4pfel", "x" };
    uint32_t items[64];
    size_t idx[32], z, i;
    unsigned char b[64], upper[24];
    char text[512];
    double d;
    int64_t v;
    uint64_t u;
    const double w[4] = { 1, 2, 0.5, 3 };
    secrets_password_policy p;
    (void)arg;
    for (i = 0; i < 64; i++) items[i] = (uint32_t)i;
    memset(upper, 0xff, sizeof upper);
    memset(&p, 0, sizeof p);
    p.length = 24;
    p.min_lower = p.min_upper = p.min_digits = 2;
    p.alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%&*+-=?@^_";
    p.alphabet_len = strlen(p.alphabet);
    while (!atomic_load(&stop)) {
        for (i = 0; i < 8; i++) {
            OK("token_bytes", secrets_token_bytes(b, 16));
            remember(b);
        }
        OK("token_hex", secrets_token_hex(text, sizeof text, 32));
        OK("token_urlsafe", secrets_token_urlsafe(text, sizeof text, 32));
        OK("token_base32", secrets_token_base32(text, sizeof text, 32));
        OK("randbelow_u64", secrets_randbelow_u64(((uint64_t)1 << 63) + 1, &u));
        OK("randbelow", secrets_randbelow(upper, sizeof upper, b));
        OK("randbits_u64", secrets_randbits_u64(33, &u));
        OK("randbits", secrets_randbits(300, b, sizeof b));
        OK("choice_index", secrets_choice_index(1000, &z));
        OK("choice", secrets_choice(items, 64, sizeof items[0], b));
        atomic_fetch_add(&calls, 2);
        if (secrets_compare_digest(b, 16, b, 16) != 1 || secrets_compare_digest_str("ab", "ab") != 1)
            OK("compare_digest", -100);
        OK("random", secrets_random(&d));
        OK("uniform", secrets_uniform(-1, 1, &d));
        OK("randrange", secrets_randrange(-1000, 1000, 7, &v));
        OK("randint", secrets_randint(INT64_MIN, INT64_MAX, &v));
        OK("shuffle", secrets_shuffle(items, 64, sizeof items[0]));
        OK("sample", secrets_sample(1000000, 32, idx));
        OK("choices", secrets_choices(NULL, 10, 32, idx));
        OK("choices (weights)", secrets_choices(w, 4, 32, idx));
        OK("triangular", secrets_triangular(0, 1, 0.3, &d));
        OK("normalvariate", secrets_normalvariate(0, 1, &d));
        OK("gauss", secrets_gauss(0, 1, &d));
        OK("lognormvariate", secrets_lognormvariate(0, 1, &d));
        OK("expovariate", secrets_expovariate(2, &d));
        OK("vonmisesvariate", secrets_vonmisesvariate(1, 4, &d));
        OK("gammavariate", secrets_gammavariate(0.5, 1, &d));
        OK("gammavariate", secrets_gammavariate(3, 1, &d));
        OK("betavariate", secrets_betavariate(2, 3, &d));
        OK("paretovariate", secrets_paretovariate(2, &d));
        OK("weibullvariate", secrets_weibullvariate(1, 2, &d));
        OK("binomialvariate", secrets_binomialvariate(1000, 0.3, &u));
        OK("binomialvariate", secrets_binomialvariate(20, 0.1, &u));
        OK("token_chars", secrets_token_chars(text, sizeof text, 100, "abc\xce\xb1\xce\xb2", 7));
        OK("password", secrets_password(text, sizeof text, &p));
        OK("password_entropy", secrets_password_entropy(&p, &d));
        OK("passphrase", secrets_passphrase(text, sizeof text, 6, words, 6, "-"));
        OK("uuid4", secrets_uuid4(text, sizeof text));
        OK("uuid7", secrets_uuid7(text, sizeof text));
        if (self_test && atomic_load(&calls) % 4096 < 48) {
            static int once;
            char *leak = malloc(256 * 1024);
            if (leak) memset(leak, 1, 256 * 1024);
            if (fopen("/dev/null", "r") == NULL) (void)0;
            if (!once) {
                once = 1;
                remember(b); /* b still holds a token_bytes output... */
                remember(b); /* ...seen twice */
            }
        }
    }
    return NULL;
}

struct usage {
    long rss_kib;
    long fds;
    long maps;
};

static struct usage usage(void)
{
    struct usage u = { -1, 0, 0 };
    unsigned long size, resident;
    FILE *f = fopen("/proc/self/statm", "r");
    DIR *dir;
    int c;
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &resident) == 2) u.rss_kib = (long)(resident * (unsigned long)sysconf(_SC_PAGESIZE) / 1024);
        fclose(f);
    }
    dir = opendir("/proc/self/fd");
    if (dir) {
        while (readdir(dir)) u.fds++;
        closedir(dir);
    }
    f = fopen("/proc/self/maps", "r");
    if (f) {
        while ((c = getc(f)) != EOF) u.maps += c == '\n';
        fclose(f);
    }
    return u;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double seconds = verify_size_arg(argc, argv, "SOAK_SECONDS", 600, &self_test), warm, start;
    pthread_t t[2];
    struct usage a, b;
    int i, bad = 0;
    if (seconds < 4) seconds = 4;
    warm = seconds / 10 < 2 ? 2 : seconds / 10;
    set = calloc(SET_SIZE, 16);
    if (!set) {
        printf("soak: cannot allocate the token set\n");
        return 1;
    }
    memset(set, 0, SET_SIZE * 16); /* resident before the first measurement */
    start = now();
    for (i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, worker, NULL) != 0) return 1;
    while (now() - start < warm) usleep(50000);
    a = usage();
    while (now() - start < seconds) usleep(100000);
    b = usage();
    atomic_store(&stop, 1);
    for (i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("soak: %.0f s, 2 threads, %lu calls (%.0f per second), %lu tokens of 128 bits checked against %lu kept, %lu "
           "repeats, %lu failed calls%s%s\n",
           seconds, atomic_load(&calls), (double)atomic_load(&calls) / seconds, atomic_load(&checked), atomic_load(&tokens),
           atomic_load(&repeats), atomic_load(&failures), first_failure ? ", first: " : "",
           first_failure ? first_failure : "");
    printf("soak: after warm-up (%.0f s): rss %ld KiB, %ld fds, %ld mappings; at the end: rss %ld KiB, %ld fds, %ld "
           "mappings\n",
           warm, a.rss_kib, a.fds, a.maps, b.rss_kib, b.fds, b.maps);
    if (b.rss_kib > a.rss_kib + 4096) {
        printf("FAIL soak: resident memory grew by %ld KiB\n", b.rss_kib - a.rss_kib);
        bad = 1;
    }
    if (b.fds > a.fds) {
        printf("FAIL soak: %ld more open descriptors\n", b.fds - a.fds);
        bad = 1;
    }
    if (b.maps > a.maps + 8) {
        printf("FAIL soak: %ld more mappings\n", b.maps - a.maps);
        bad = 1;
    }
    if (atomic_load(&repeats) || atomic_load(&failures)) bad = 1;
    if (self_test) {
        /* every detector must have fired on the deliberate leaks */
        int caught = b.rss_kib > a.rss_kib + 4096 && b.fds > a.fds && atomic_load(&repeats) > 0;
        printf("soak self-test: the deliberate memory, descriptor and repeat were %s\n",
               caught ? "all caught" : "NOT all caught");
        return caught ? 0 : 1;
    }
    printf("soak: %s\n", bad ? "FAIL" : "pass");
    return bad;
}
