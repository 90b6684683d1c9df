/*
 * fork_unique.c - a forked child never repeats its parent's or its siblings'
 * output (the property glibc's and OpenSSL's fork tests check for their
 * RNGs; docs/reference.md: "Fork-safe: a child process never repeats its parent's
 * output").
 *
 * ROUNDS rounds; in each the parent forks CHILDREN children which all block
 * on a pipe-based barrier (a read that returns when the parent closes the
 * write end), so they draw at the same moment, right after fork.  Every
 * child, and the parent, draws DRAWS values through each kind of entry point
 * (one getrandom request straight into the output: token_bytes, randbits;
 * a per-call entropy pool: randbelow, randbelow_u64; a text encoder:
 * token_hex) and writes them to a shared pipe, one record per write (atomic,
 * below PIPE_BUF).  All values of a kind must be distinct.
 *
 * Two parents: single-threaded, and multi-threaded (THREADS threads keep
 * drawing while the main thread forks, so a fork can land in the middle of
 * another thread's call).
 *
 * Usage: fork_unique [single|threaded] (default: both); fork_unique --self-test
 * checks that the harness catches a fork-unsafe buffered generator.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <secrets.h>

#include "test.h"

#define ROUNDS 10
#define CHILDREN 50
#define DRAWS 2
#define THREADS 4
#define KINDS 5
#define VALUE 16 /* bytes compared per value */

static const char *const kind_name[KINDS] = { "token_bytes(16)", "randbits(128)", "randbelow(2^128-159)",
                                              "randbelow_u64(2^64-1)", "token_hex(8)" };

struct record {
    uint32_t round, proc, draw, kind; /* proc == CHILDREN is the parent */
    int32_t status;
    unsigned char value[VALUE];
};

/* --self-test: kind 0 comes from a fork-unsafe userspace buffer, filled once
 * in the parent and consumed sequentially, as a careless RNG with a cache
 * would; the harness must report repeats for it. */
static int naive;
static unsigned char naive_buf[4096];
static size_t naive_pos = sizeof naive_buf;

static int32_t naive_token_bytes(unsigned char *out, size_t n)
{
    if (naive_pos + n > sizeof naive_buf) {
        int32_t st = secrets_token_bytes(naive_buf, sizeof naive_buf);
        if (st != SECRETS_OK) return st;
        naive_pos = 0;
    }
    memcpy(out, naive_buf + naive_pos, n);
    naive_pos += n;
    return SECRETS_OK;
}

static void draw(int kind, struct record *r)
{
    static const uint8_t upper[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x61 }; /* 2^128 - 159 */
    uint64_t x = 0;
    char hex[17];
    memset(r->value, 0, VALUE);
    switch (kind) {
    case 0: r->status = naive ? naive_token_bytes(r->value, 16) : secrets_token_bytes(r->value, 16); break;
    case 1: r->status = secrets_randbits(128, r->value, 16); break;
    case 2: r->status = secrets_randbelow(upper, sizeof upper, r->value); break;
    case 3:
        r->status = secrets_randbelow_u64(UINT64_MAX, &x);
        memcpy(r->value, &x, sizeof x);
        break;
    default:
        r->status = secrets_token_hex(hex, sizeof hex, 8);
        memcpy(r->value, hex, 16);
        break;
    }
}

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) _exit(3);
        c += w;
        n -= (size_t)w;
    }
}

static void draw_all(int out_fd, uint32_t round, uint32_t proc)
{
    int d, k;
    for (d = 0; d < DRAWS; d++)
        for (k = 0; k < KINDS; k++) {
            struct record r;
            memset(&r, 0, sizeof r);
            r.round = round;
            r.proc = proc;
            r.draw = (uint32_t)d;
            r.kind = (uint32_t)k;
            draw(k, &r);
            write_all(out_fd, &r, sizeof r); /* < PIPE_BUF: one atomic write */
        }
}

/* ---- background threads of the multi-threaded parent ---- */
static volatile int stop_threads;
static unsigned long thread_draws[THREADS];

static void *churn(void *arg)
{
    unsigned long *count = arg;
    unsigned char buf[64];
    uint64_t x;
    while (!stop_threads) {
        if (secrets_token_bytes(buf, sizeof buf) != SECRETS_OK) break;
        if (secrets_randbelow_u64(1000003, &x) != SECRETS_OK) break;
        (*count)++;
    }
    return NULL;
}

static int cmp_record(const void *a, const void *b)
{
    const struct record *x = a, *y = b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return memcmp(x->value, y->value, VALUE);
}

/* Returns the number of repeated values of kind 0. */
static unsigned long run(int threaded)
{
    const size_t total = (size_t)ROUNDS * (CHILDREN + 1) * DRAWS * KINDS;
    struct record *all = calloc(total, sizeof *all);
    size_t got = 0, i;
    pthread_t th[THREADS];
    int results[2], round, t;
    unsigned long dup[KINDS] = { 0 };

    if (!all || pipe(results) != 0) {
        perror("setup");
        exit(2);
    }
    if (threaded) {
        stop_threads = 0;
        for (t = 0; t < THREADS; t++)
            if (pthread_create(&th[t], NULL, churn, &thread_draws[t]) != 0) {
                perror("pthread_create");
                exit(2);
            }
    }
    for (round = 0; round < ROUNDS; round++) {
        int barrier[2], c;
        pid_t pids[CHILDREN];
        if (pipe(barrier) != 0) {
            perror("pipe");
            exit(2);
        }
        for (c = 0; c < CHILDREN; c++) {
            pid_t pid = fork();
            if (pid < 0) {
                perror("fork");
                exit(2);
            }
            if (pid == 0) {
                char ch;
                ssize_t n;
                close(barrier[1]);
                close(results[0]);
                do n = read(barrier[0], &ch, 1); /* EOF when the parent closes: everyone goes */
                while (n < 0 && errno == EINTR);
                draw_all(results[1], (uint32_t)round, (uint32_t)c);
                _exit(0);
            }
            pids[c] = pid;
        }
        close(barrier[0]);
        close(barrier[1]); /* release the barrier */
        draw_all(results[1], (uint32_t)round, CHILDREN);
        /* drain while children finish, so a full pipe never blocks them */
        for (c = 0; c < CHILDREN; c++) {
            int st;
            while (waitpid(pids[c], &st, 0) < 0 && errno == EINTR) {}
            CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s parent, round %d: child %d ended with status 0x%x",
                  threaded ? "threaded" : "single", round, c, st);
        }
        /* this round's records: at most 51 * DRAWS * KINDS * 36 bytes, well inside the
         * pipe's 64 KiB, so the children never block on a full pipe */
        {
            size_t want = (size_t)(round + 1) * (CHILDREN + 1) * DRAWS * KINDS;
            while (got < want) {
                ssize_t n = read(results[0], (char *)&all[got], sizeof all[got]);
                if (n < 0 && errno == EINTR) continue;
                if (n != (ssize_t)sizeof all[got]) {
                    CHECK(0, "short read of a result record (%zd)", n);
                    exit(1);
                }
                got++;
            }
        }
    }
    if (threaded) {
        stop_threads = 1;
        for (t = 0; t < THREADS; t++) pthread_join(th[t], NULL);
    }
    close(results[0]);
    close(results[1]);

    for (i = 0; i < got; i++)
        if (all[i].status != SECRETS_OK) {
            CHECK(0, "round %u proc %u %s: status %d (%s)", all[i].round, all[i].proc, kind_name[all[i].kind],
                  (int)all[i].status, secrets_strerror(all[i].status));
        }
    qsort(all, got, sizeof *all, cmp_record);
    for (i = 1; i < got; i++)
        if (all[i].kind == all[i - 1].kind && memcmp(all[i].value, all[i - 1].value, VALUE) == 0) {
            dup[all[i].kind]++;
            if (!naive || all[i].kind != 0) CHECK(0, "%s parent: %s repeated: round %u proc %u draw %u and round %u proc %u draw %u",
                  threaded ? "threaded" : "single", kind_name[all[i].kind], all[i - 1].round, all[i - 1].proc,
                  all[i - 1].draw, all[i].round, all[i].proc, all[i].draw);
        }
    for (i = naive ? 1 : 0; i < KINDS; i++)
        CHECK(dup[i] == 0, "%s: %lu repeated value(s)", kind_name[i], dup[i]);
    CHECK(got == total, "records: %zu of %zu", got, total);
    printf("%s parent: %d rounds x %d children x %d draws x %d kinds = %zu values (plus the parent's), all distinct: %s\n",
           threaded ? "multi-threaded" : "single-threaded", ROUNDS, CHILDREN, DRAWS, KINDS,
           (size_t)ROUNDS * CHILDREN * DRAWS * KINDS, (dup[0] | dup[1] | dup[2] | dup[3] | dup[4]) ? "NO" : "yes");
    if (threaded) {
        unsigned long n = 0;
        for (t = 0; t < THREADS; t++) n += thread_draws[t];
        printf("  background threads drew %lu times while the parent forked\n", n);
        CHECK(n > 0, "the background threads did not run");
    }
    free(all);
    return dup[0];
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "both";
    test_start("fork_unique");
    signal(SIGPIPE, SIG_IGN);
    if (strcmp(mode, "--self-test") == 0) {
        unsigned long d;
        test_start("fork_unique --self-test");
        naive = 1;
        {
            unsigned char first[16];
            (void)naive_token_bytes(first, sizeof first); /* fills the cache in the parent, before forking */
        }
        d = run(0);
        printf("fork-unsafe buffered generator: %lu repeated value(s)\n", d);
        CHECK(d > 0, "the fork-unsafe buffered generator was not caught");
        return test_finish();
    }
    if (strcmp(mode, "threaded") != 0) run(0);
    if (strcmp(mode, "single") != 0) run(1);
    return test_finish();
}
