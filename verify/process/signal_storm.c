/*
 * signal_storm.c - large requests under a SIGALRM storm: a handler installed
 * WITHOUT SA_RESTART and an interval timer firing every INTERVAL_US
 * microseconds, so getrandom(2) keeps returning EINTR or a short count in
 * the middle of a request.  Each result must be complete (SECRETS_OK and
 * every byte written) or an error with nothing left behind; never short.
 *
 * Completeness: byte outputs are pre-filled with 0xA5 and must not keep a
 * run of MAX_RUN or more 0xA5 bytes (random data of 16 MiB has a longest run
 * of about 3; the chance of 16 is below 2^-100); text outputs are pre-filled
 * with '!', which no encoding uses, and must hold exactly the expected
 * number of alphabet characters then the NUL.
 *
 * The handler also draws 16 bytes per signal (up to HANDLER_DRAWS): the
 * nested calls must succeed and never repeat.  Then COLD_THREADS fresh
 * threads loop over malloc/free with SIGALRM blocked in the main thread, so
 * the handler's draw is their first library call, made from inside the
 * allocator (before the fix this deadlocked: the first call's thread-exit
 * destructor registration called calloc).
 *
 * Test of the test: the same storm must make a bare getrandom(2) of 16 MiB
 * return EINTR or a short count at least once in REPS tries, which is what a
 * library without a retry loop would pass on as a short result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <secrets.h>

#include "test.h"

#define INTERVAL_US 50
#define MAX_RUN 16
#define MiB ((size_t)1 << 20)

static volatile sig_atomic_t signals;

/* The handler itself draws too (nested use: with the vDSO backend the
 * interrupted call is inside its thread's state, so the nested call must
 * take the system call instead; see src/vdso.rs).  Its draws must succeed
 * and be distinct from each other. */
#define HANDLER_DRAWS 4096
static unsigned char handler_out[HANDLER_DRAWS][16];
static int32_t handler_status[HANDLER_DRAWS];
static volatile sig_atomic_t handler_n;

static __thread volatile sig_atomic_t got_signal;
static __thread int cold_index; /* 1 + the index of a cold thread, 0 elsewhere */
#define COLD_THREADS 64
static unsigned char cold_out[COLD_THREADS][16];
static int32_t cold_status[COLD_THREADS];

static void on_alarm(int sig)
{
    int saved = errno;
    (void)sig;
    signals++;
    if (cold_index && !got_signal) /* the thread's first library call */
        cold_status[cold_index - 1] = secrets_token_bytes(cold_out[cold_index - 1], 16);
    got_signal = 1;
    if (handler_n < HANDLER_DRAWS) {
        handler_status[handler_n] = secrets_token_bytes(handler_out[handler_n], 16);
        handler_n++;
    }
    errno = saved;
}

/* A cold thread: it never calls the library itself; it loops over
 * malloc/free until a storm signal has landed on it, so the handler's draw
 * is the thread's first call (see COLD_THREADS). */
static void *cold_main(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    time_t end = time(NULL) + 2;
    sigset_t alrm;
    cold_index = (int)(uintptr_t)arg;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    pthread_sigmask(SIG_UNBLOCK, &alrm, NULL); /* the main thread blocks it */
    while (!got_signal && time(NULL) < end) {
        size_t n = 16 + rand_r(&seed) % 65536;
        char *p = malloc(n);
        if (p) p[n - 1] = 1;
        free(p);
    }
    return (void *)(uintptr_t)got_signal;
}

static int cmp16(const void *a, const void *b)
{
    return memcmp(a, b, 16);
}

static void check_bytes(const char *what, int32_t st, const unsigned char *buf, size_t n)
{
    size_t run;
    if (st == SECRETS_ERR_ENTROPY_UNAVAILABLE) {
        size_t i, nonzero = 0;
        for (i = 0; i < n; i++) nonzero += buf[i] != 0;
        CHECK(nonzero == 0, "%s: failed but left %zu non-zero bytes", what, nonzero);
        printf("%s: SECRETS_ERR_ENTROPY_UNAVAILABLE (allowed; output zeroed)\n", what);
        return;
    }
    CHECK(st == SECRETS_OK, "%s: status %d (%s)", what, (int)st, secrets_strerror(st));
    run = test_longest_run(buf, n, 0xA5);
    CHECK(run < MAX_RUN, "%s: a run of %zu pattern bytes survived: the output was not fully written", what, run);
}

static void check_text(const char *what, int32_t st, const char *buf, size_t size, size_t want_len, const char *alphabet)
{
    size_t i, bad = 0, len = strnlen(buf, size);
    if (st == SECRETS_ERR_ENTROPY_UNAVAILABLE) {
        CHECK(buf[0] == 0, "%s: failed but the text is not empty", what);
        return;
    }
    CHECK(st == SECRETS_OK, "%s: status %d (%s)", what, (int)st, secrets_strerror(st));
    CHECK(len == want_len, "%s: %zu characters, want %zu", what, len, want_len);
    for (i = 0; i < len; i++) bad += strchr(alphabet, buf[i]) == NULL;
    CHECK(bad == 0, "%s: %zu characters outside the alphabet (pattern left behind?)", what, bad);
}

#define HEX "0123456789abcdef"
#define B64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#define B32 "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

int main(void)
{
    static const size_t byte_sizes[] = { 1 * MiB, 4 * MiB, 16 * MiB, 16 * MiB - 1 };
    struct sigaction sa;
    struct itimerval it;
    unsigned char *buf = malloc(16 * MiB + 64);
    char *text = malloc(32 * MiB + 64);
    size_t i, n;
    int rep;
    char what[96];
    unsigned long before;

    test_start("signal_storm");
    if (!buf || !text) return 2;
    /* the first call initialises the library's lookups: not inside a handler */
    CHECK(secrets_token_bytes(buf, 16) == SECRETS_OK, "warm-up call");

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: interrupted system calls fail with EINTR */
    sigaction(SIGALRM, &sa, NULL);
    memset(&it, 0, sizeof it);
    it.it_interval.tv_usec = INTERVAL_US;
    it.it_value.tv_usec = INTERVAL_US;
    setitimer(ITIMER_REAL, &it, NULL);

    for (rep = 0; rep < 2; rep++) {
        for (i = 0; i < sizeof byte_sizes / sizeof byte_sizes[0]; i++) {
            n = byte_sizes[i];
            memset(buf, 0xA5, n);
            before = (unsigned long)signals;
            snprintf(what, sizeof what, "token_bytes(%zu)", n);
            check_bytes(what, secrets_token_bytes(buf, n), buf, n);
            printf("%s: %lu signals during the call\n", what, (unsigned long)signals - before);
        }
        n = 4 * MiB;
        memset(text, '!', 2 * n + 1);
        snprintf(what, sizeof what, "token_hex(%zu)", n);
        check_text(what, secrets_token_hex(text, 2 * n + 1, n), text, 2 * n + 1, 2 * n, HEX);
        n = 3 * MiB + 1;
        memset(text, '!', secrets_token_urlsafe_size(n));
        snprintf(what, sizeof what, "token_urlsafe(%zu)", n);
        check_text(what, secrets_token_urlsafe(text, secrets_token_urlsafe_size(n), n), text,
                   secrets_token_urlsafe_size(n), secrets_token_urlsafe_size(n) - 1, B64);
        n = 5 * MiB + 2;
        memset(text, '!', secrets_token_base32_size(n));
        snprintf(what, sizeof what, "token_base32(%zu)", n);
        check_text(what, secrets_token_base32(text, secrets_token_base32_size(n), n), text,
                   secrets_token_base32_size(n), secrets_token_base32_size(n) - 1, B32);
        n = 8 * MiB;
        memset(buf, 0xA5, n);
        snprintf(what, sizeof what, "randbits(%zu)", 8 * n - 3);
        {
            int32_t st = secrets_randbits(8 * n - 3, buf, n);
            CHECK(st != SECRETS_OK || buf[0] < 0x20, "randbits: high bits of the first byte not clear");
            check_bytes(what, st, buf, n);
        }
        {
            /* randbelow with a 64 KiB bound just above a power of two (rejection about half the time) */
            size_t ulen = 65536;
            uint8_t *upper = calloc(ulen, 1);
            if (!upper) return 2;
            upper[0] = 0x80;
            upper[ulen - 1] = 1;
            memset(buf, 0xA5, ulen);
            snprintf(what, sizeof what, "randbelow(2^%zu+1)", 8 * ulen - 1);
            check_bytes(what, secrets_randbelow(upper, ulen, buf), buf, ulen);
            free(upper);
        }
        {
            /* token_chars: 1 Mi code points of 1 and 2 bytes */
            size_t length = MiB, size = 2 * MiB + 1, cps = 0, bad = 0, k;
            const unsigned char *t = (const unsigned char *)text;
            int32_t st;
            memset(text, '!', size);
            st = secrets_token_chars(text, size, length, "ab\xce\xb1", 4);
            if (st == SECRETS_OK) {
                for (k = 0; t[k]; k++) {
                    if (t[k] == 'a' || t[k] == 'b') cps++;
                    else if (t[k] == 0xce && t[k + 1] == 0xb1) cps++, k++;
                    else bad++;
                }
                CHECK(cps == length && bad == 0, "token_chars(%zu): %zu code points, %zu bad bytes", length, cps, bad);
            } else {
                check_text("token_chars", st, text, size, 0, "");
            }
        }
        {
            secrets_password_policy p;
            memset(&p, 0, sizeof p);
            p.length = 1024;
            p.min_lower = p.min_upper = p.min_digits = 100;
            memset(text, '!', 1025);
            check_text("password(1024)", secrets_password(text, 1025, &p), text, 1025, 1024,
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
        }
        {
            static const char *const words[4] = { "abc", "abc", "abc", "abc" };
            size_t nwords = 100000, size = 4 * nwords;
            memset(text, '!', size);
            check_text("passphrase(100000 words)", secrets_passphrase(text, size, nwords, words, 4, "-"), text, size,
                       4 * nwords - 1, "abc-");
        }
    }

    {
        /* cold threads: the main thread blocks SIGALRM, so the storm lands on
         * fresh threads, whose first library call is the handler's draw,
         * made while they are inside malloc/free */
        sigset_t alrm;
        int c, hit = 0;
        sigemptyset(&alrm);
        sigaddset(&alrm, SIGALRM);
        pthread_sigmask(SIG_BLOCK, &alrm, NULL);
        for (c = 0; c < COLD_THREADS; c++) {
            pthread_t t;
            void *got = NULL;
            if (pthread_create(&t, NULL, cold_main, (void *)(uintptr_t)(c + 1)) != 0) break;
            pthread_join(t, &got);
            hit += got != NULL;
        }
        pthread_sigmask(SIG_UNBLOCK, &alrm, NULL);
        printf("cold threads: %d of %d made their first library call from the handler\n", hit, COLD_THREADS);
        CHECK(hit > COLD_THREADS / 2, "the storm reached only %d of %d cold threads", hit, COLD_THREADS);
        for (c = 0; c < COLD_THREADS; c++) {
            int d;
            if (cold_status[c] == 0 && test_longest_run(cold_out[c], 16, 0) == 16) continue; /* not reached */
            CHECK(cold_status[c] == SECRETS_OK, "cold thread %d: first call from the handler: status %d", c,
                  (int)cold_status[c]);
            for (d = 0; d < c; d++)
                CHECK(memcmp(cold_out[c], cold_out[d], 16) != 0, "cold threads %d and %d drew the same bytes", c, d);
        }
    }
    {
        int interrupted = 0, r;
        for (r = 0; r < 8; r++) {
            long got = syscall(SYS_getrandom, buf, 16 * MiB, 0);
            if (got < 0 ? errno == EINTR : (size_t)got < 16 * MiB) interrupted++;
        }
        printf("bare getrandom(16 MiB) under the storm: %d of 8 calls interrupted (EINTR or short)\n", interrupted);
        CHECK(interrupted > 0, "the storm never interrupted a bare getrandom: this test cannot see a missing retry loop");
    }

    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
    printf("%lu SIGALRM delivered in total\n", (unsigned long)signals);
    {
        int k, bad = 0, dups = 0, n = handler_n;
        for (k = 0; k < n; k++) bad += handler_status[k] != SECRETS_OK;
        qsort(handler_out, (size_t)n, 16, cmp16);
        for (k = 1; k < n; k++) dups += memcmp(handler_out[k], handler_out[k - 1], 16) == 0;
        printf("draws from inside the signal handler: %d, %d failed, %d repeated\n", n, bad, dups);
        CHECK(bad == 0, "%d draws from the signal handler failed", bad);
        CHECK(dups == 0, "%d draws from the signal handler repeated a value", dups);
    }
    CHECK(signals > 100, "the storm did not happen (%lu signals)", (unsigned long)signals);
    free(buf);
    free(text);
    return test_finish();
}
