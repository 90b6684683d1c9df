/*
 * signal_first_call.c - the async-signal-safe set, called from signal
 * handlers that interrupted malloc/free, as a thread's very first call and
 * on a warmed thread; and first calls from pthread_key destructors.
 *
 * The async-signal-safe functions (token_bytes, token_hex, token_urlsafe,
 * token_base32, randbelow_u64, randbits_u64, choice_index, random, uuid4,
 * uuid7, compare_digest, compare_digest_str, memzero, strerror) must not
 * allocate, register a thread-exit destructor or resolve a symbol, on either
 * backend, even on a thread's first call.  Two ways of seeing a violation:
 *
 *  - deterministic: this program interposes malloc, calloc, realloc, free,
 *    the aligned allocators, __cxa_thread_atexit_impl and dlsym, and counts
 *    the calls made while a handler is inside the library (a thread-local
 *    flag, local-exec TLS of the executable);
 *  - the real failure: worker threads loop over malloc/free (sizes past
 *    the tcache, so the arena lock is taken) while a signal makes the
 *    library calls; an allocation from the handler then deadlocks on the
 *    arena lock the interrupted malloc holds.  A watchdog (alarm) turns a
 *    deadlock into a failure.
 *
 * Scenarios (each in its own child process, so "cold" is a process in which
 * the library has never been called):
 *   cold-threads    FIRST_THREADS fresh threads; each one's first library
 *                   call comes from the handler (the process's very first
 *                   call among them: the system-call backend's lookups too);
 *   warm-thread     one thread that called every function normally first,
 *                   then WARM_SIGNALS signals while it loops malloc/free;
 *                   includes randbelow_u64 and choice_index just above 2^63,
 *                   whose rejection pools used to exceed the 256 inline bytes;
 *   nested-first    NESTED_THREADS fresh threads whose own first calls are
 *                   interrupted (at a random moment, registration included)
 *                   by the handler's calls: all succeed, no page is leaked
 *                   or shared (a smoke test: a double release would show as
 *                   a crash or a page count out of bounds);
 *   key-destructor  DTOR_THREADS threads whose first call comes from a
 *                   pthread_key destructor: the vDSO state page of each must
 *                   be reclaimed (the droppable mappings, "dp" in
 *                   /proc/self/smaps, must not grow with the thread count).
 * Usage: signal_first_call [SCENARIO...]
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <secrets.h>

#include "child.h"

#define FIRST_THREADS 200
#define WARM_SIGNALS 1000
#define DTOR_THREADS 3000
#define NESTED_THREADS 300
#define WATCHDOG_SECONDS 90

/* ---- interposition: what the library must not do inside a handler ---- */

static __thread int in_handler;
static atomic_long bad_alloc, bad_tls_dtor, bad_dlsym;

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
void *__libc_memalign(size_t, size_t);

#define NOTE_ALLOC() (in_handler ? (void)atomic_fetch_add(&bad_alloc, 1) : (void)0)

void *malloc(size_t n)
{
    NOTE_ALLOC();
    return __libc_malloc(n);
}
void *calloc(size_t a, size_t b)
{
    NOTE_ALLOC();
    return __libc_calloc(a, b);
}
void *realloc(void *p, size_t n)
{
    NOTE_ALLOC();
    return __libc_realloc(p, n);
}
void free(void *p)
{
    NOTE_ALLOC();
    __libc_free(p);
}
void *memalign(size_t al, size_t n)
{
    NOTE_ALLOC();
    return __libc_memalign(al, n);
}
void *aligned_alloc(size_t al, size_t n)
{
    NOTE_ALLOC();
    return __libc_memalign(al, n);
}
int posix_memalign(void **out, size_t al, size_t n)
{
    void *p;
    NOTE_ALLOC();
    if (al < sizeof(void *) || (al & (al - 1)) != 0) return EINVAL;
    p = __libc_memalign(al, n);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

typedef int (*cxa_fn)(void (*)(void *), void *, void *);
typedef void *(*dlsym_fn)(void *, const char *);
static cxa_fn real_cxa;
static dlsym_fn real_dlsym;

int __cxa_thread_atexit_impl(void (*f)(void *), void *obj, void *dso)
{
    if (in_handler) atomic_fetch_add(&bad_tls_dtor, 1);
    return real_cxa ? real_cxa(f, obj, dso) : 0;
}

void *dlsym(void *h, const char *name)
{
    if (in_handler) atomic_fetch_add(&bad_dlsym, 1);
    return real_dlsym ? real_dlsym(h, name) : NULL;
}

static int resolve_real(void)
{
    static const char *const versions[] = { "GLIBC_2.34", "GLIBC_2.2.5", "GLIBC_2.17" };
    size_t i;
    for (i = 0; i < sizeof versions / sizeof versions[0] && !real_dlsym; i++)
        real_dlsym = (dlsym_fn)dlvsym(RTLD_NEXT, "dlsym", versions[i]);
    if (!real_dlsym) return -1;
    real_cxa = (cxa_fn)real_dlsym(RTLD_NEXT, "__cxa_thread_atexit_impl");
    return real_cxa ? 0 : -1;
}

/* ---- the calls a handler makes ---- */

static atomic_long handler_calls, handler_failures;

static void check(int ok)
{
    if (!ok) atomic_fetch_add(&handler_failures, 1);
}

static unsigned char big[1 << 16];
static char big_text[(1 << 16) + 1];

/* Every async-signal-safe function, with arguments that exercise their
 * largest pools; returns nothing, records failures. */
static void ass_calls(void)
{
    unsigned char b[48];
    char t[160];
    uint64_t u = 0;
    size_t z = 0;
    double d = -1;
    check(secrets_token_hex(t, sizeof t, 32) == SECRETS_OK && strlen(t) == 64);
    check(secrets_token_bytes(b, sizeof b) == SECRETS_OK);
    /* large requests too (only one handler runs at a time here) */
    check(secrets_token_bytes(big, sizeof big) == SECRETS_OK);
    check(secrets_token_hex(big_text, sizeof big_text, sizeof big / 2) == SECRETS_OK);
    check(secrets_token_urlsafe(t, sizeof t, 32) == SECRETS_OK);
    check(secrets_token_base32(t, sizeof t, 32) == SECRETS_OK);
    check(secrets_randbelow_u64(((uint64_t)1 << 63) + 1, &u) == SECRETS_OK && u <= ((uint64_t)1 << 63));
    check(secrets_randbelow_u64(1000000, &u) == SECRETS_OK && u < 1000000);
    check(secrets_randbits_u64(64, &u) == SECRETS_OK);
    check(secrets_choice_index(((size_t)1 << (sizeof(size_t) * 8 - 1)) + 1, &z) == SECRETS_OK);
    check(secrets_random(&d) == SECRETS_OK && d >= 0 && d < 1);
    check(secrets_uuid4(t, sizeof t) == SECRETS_OK && strlen(t) == 36);
    check(secrets_uuid7(t, sizeof t) == SECRETS_OK && strlen(t) == 36);
    check(secrets_compare_digest(b, 16, b, 16) == 1);
    check(secrets_compare_digest_str("abc", "abd") == 0);
    secrets_memzero(b, sizeof b);
    check(secrets_strerror(SECRETS_ERR_ENTROPY_UNAVAILABLE) != NULL);
    atomic_fetch_add(&handler_calls, 1);
}

static void on_signal(int sig)
{
    int saved = errno;
    (void)sig;
    in_handler = 1;
    ass_calls();
    in_handler = 0;
    errno = saved;
}

/* ---- a thread that keeps the allocator busy ---- */

struct worker {
    pthread_t tid;
    atomic_int started, stop;
    int warm;
};

static void churn_once(unsigned *seed)
{
    /* sizes up to 64 KiB: past the tcache, so malloc/free take the arena lock */
    size_t n = 16 + (rand_r(seed) % 65536);
    unsigned char *p = malloc(n);
    if (p) {
        p[0] = p[n - 1] = 1;
        free(p);
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    unsigned seed = (unsigned)(uintptr_t)w ^ (unsigned)time(NULL);
    if (w->warm) ass_calls(); /* not from a handler: may allocate freely */
    atomic_store(&w->started, 1);
    while (!atomic_load(&w->stop)) churn_once(&seed);
    return NULL;
}

static void short_pause(unsigned *seed)
{
    struct timespec ts = { 0, (long)(rand_r(seed) % 100000) };
    nanosleep(&ts, NULL);
}

static int install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    return sigaction(SIGUSR1, &sa, NULL);
}

static void report_interposed(const char *name)
{
    long a = atomic_load(&bad_alloc), c = atomic_load(&bad_tls_dtor), d = atomic_load(&bad_dlsym);
    printf("[%s] %ld handler rounds, %ld failed calls; inside handlers: %ld allocator calls, "
           "%ld thread-exit destructor registrations, %ld dlsym calls\n",
           name, atomic_load(&handler_calls), atomic_load(&handler_failures), a, c, d);
    CHECK(atomic_load(&handler_failures) == 0, "[%s] calls from the handler failed", name);
    CHECK(a == 0, "[%s] %ld allocator calls from inside the library in a signal handler", name, a);
    CHECK(c == 0, "[%s] %ld thread-exit destructor registrations in a signal handler", name, c);
    CHECK(d == 0, "[%s] %ld dlsym calls in a signal handler", name, d);
}

/* A worker thread, running once this returns 0. */
static int start_worker(struct worker *w)
{
    if (pthread_create(&w->tid, NULL, worker_main, w) != 0) return -1;
    while (!atomic_load(&w->started)) sched_yield();
    return 0;
}

static void stop_worker(struct worker *w)
{
    atomic_store(&w->stop, 1);
    pthread_join(w->tid, NULL);
}

/* After a short random pause, interrupts the worker with SIGUSR1 and waits
 * until the handler has run its round. */
static void signal_round(struct worker *w, unsigned *seed)
{
    long before = atomic_load(&handler_calls);
    short_pause(seed);
    pthread_kill(w->tid, SIGUSR1);
    while (atomic_load(&handler_calls) == before) sched_yield();
}

static int cold_threads(void)
{
    unsigned seed = 12345;
    int i;
    for (i = 0; i < FIRST_THREADS; i++) {
        struct worker w;
        memset(&w, 0, sizeof w);
        if (start_worker(&w) != 0) return 2;
        signal_round(&w, &seed);
        stop_worker(&w);
    }
    report_interposed("cold-threads");
    CHECK(atomic_load(&handler_calls) == FIRST_THREADS, "[cold-threads] %ld handler rounds, want %d",
          atomic_load(&handler_calls), FIRST_THREADS);
    return 0;
}

static int warm_thread(void)
{
    unsigned seed = 777;
    struct worker w;
    int i;
    memset(&w, 0, sizeof w);
    w.warm = 1;
    if (start_worker(&w) != 0) return 2;
    for (i = 0; i < WARM_SIGNALS; i++) signal_round(&w, &seed);
    stop_worker(&w);
    report_interposed("warm-thread");
    return 0;
}

/* ---- a signal during the thread's own first call ---- */

static atomic_long own_failures;

static void *own_main(void *arg)
{
    struct worker *w = arg;
    char t[65];
    int k;
    atomic_store(&w->started, 1);
    for (k = 0; k < 20; k++)
        if (secrets_token_hex(t, sizeof t, 32) != SECRETS_OK) atomic_fetch_add(&own_failures, 1);
    while (!atomic_load(&w->stop)) sched_yield();
    return NULL;
}

static long droppable_bytes(int *seen);

static int nested_first(void)
{
    unsigned seed = 4242;
    int i, seen = 0;
    long before = droppable_bytes(&seen), after, page = sysconf(_SC_PAGESIZE);
    for (i = 0; i < NESTED_THREADS; i++) {
        struct worker w;
        long calls = atomic_load(&handler_calls);
        memset(&w, 0, sizeof w);
        if (pthread_create(&w.tid, NULL, own_main, &w) != 0) return 2;
        while (!atomic_load(&w.started)) {}
        if (i % 2) short_pause(&seed);
        pthread_kill(w.tid, SIGUSR1);
        while (atomic_load(&handler_calls) == calls) sched_yield();
        atomic_store(&w.stop, 1);
        pthread_join(w.tid, NULL);
    }
    after = droppable_bytes(&seen);
    report_interposed("nested-first");
    printf("[nested-first] %d threads whose first call met a signal; %ld failed calls; droppable mappings "
           "%ld -> %ld bytes\n",
           NESTED_THREADS, atomic_load(&own_failures), before, after);
    CHECK(atomic_load(&own_failures) == 0, "[nested-first] calls interrupted by the handler failed");
    CHECK(after - before < 128 * page, "[nested-first] %ld bytes of state pages leaked", after - before);
    return 0;
}

/* ---- first call from a pthread_key destructor ---- */

static pthread_key_t late_key;
static atomic_long dtor_calls, dtor_failures;

static void late_destructor(void *v)
{
    char t[65];
    (void)v;
    if (secrets_token_hex(t, sizeof t, 32) != SECRETS_OK || strlen(t) != 64) atomic_fetch_add(&dtor_failures, 1);
    atomic_fetch_add(&dtor_calls, 1);
}

static void *late_main(void *arg)
{
    (void)arg;
    pthread_setspecific(late_key, (void *)1);
    return NULL;
}

/* Bytes of droppable mappings ("dp" in VmFlags), or -1 if none is reported. */
static long droppable_bytes(int *seen)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    long size_kb = 0, total = 0;
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        long kb;
        if (sscanf(line, "Size: %ld kB", &kb) == 1) size_kb = kb;
        if (strncmp(line, "VmFlags:", 8) == 0 && strstr(line, " dp")) {
            total += size_kb * 1024;
            *seen = 1;
        }
    }
    fclose(f);
    return total;
}

static int key_destructor(void)
{
    int i, j, seen = 0;
    long before, after, page = sysconf(_SC_PAGESIZE);
    if (pthread_key_create(&late_key, late_destructor) != 0) return 2;
    before = droppable_bytes(&seen);
    for (i = 0; i < DTOR_THREADS; i += 4) {
        pthread_t t[4];
        for (j = 0; j < 4; j++)
            if (pthread_create(&t[j], NULL, late_main, NULL) != 0) return 2;
        for (j = 0; j < 4; j++) pthread_join(t[j], NULL);
    }
    after = droppable_bytes(&seen);
    printf("[key-destructor] backend %s: %ld first calls from a key destructor (%ld failed); droppable "
           "mappings %ld -> %ld bytes\n",
           secrets_entropy_source(), atomic_load(&dtor_calls), atomic_load(&dtor_failures), before, after);
    CHECK(atomic_load(&dtor_calls) == DTOR_THREADS, "[key-destructor] %ld destructor calls", atomic_load(&dtor_calls));
    CHECK(atomic_load(&dtor_failures) == 0, "[key-destructor] calls from a key destructor failed");
    if (strcmp(secrets_entropy_source(), "vdso-getrandom") == 0) {
        if (!seen) {
            printf("[key-destructor] the kernel does not report droppable mappings: leak check skipped\n");
            return TEST_SKIP;
        }
        /* a leak is one page per thread; reuse keeps it to the cache size */
        CHECK(after - before < 128 * page, "[key-destructor] %ld bytes of vDSO state pages leaked over %d threads",
              after - before, DTOR_THREADS);
    }
    return 0;
}

/* Writes "<text><n>" with write(2) only (async-signal-safe). */
static void write_num(const char *text, long n)
{
    char buf[32];
    int i = (int)sizeof buf;
    (void)!write(1, text, strlen(text));
    do {
        buf[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0 && i > 0);
    (void)!write(1, buf + i, sizeof buf - (size_t)i);
}

static void on_watchdog(int sig)
{
    (void)sig;
    write_num("FAIL: watchdog: no progress after ", WATCHDOG_SECONDS);
    write_num(" s (a deadlock in a signal handler?); handler rounds done: ", atomic_load(&handler_calls));
    write_num(", allocator calls inside handlers: ", atomic_load(&bad_alloc));
    write_num(", destructor registrations: ", atomic_load(&bad_tls_dtor));
    write_num(", dlsym calls: ", atomic_load(&bad_dlsym));
    (void)!write(1, "\n", 1);
    _exit(3);
}

static const struct {
    const char *name;
    int (*run)(void);
} scenarios[] = {
    { "cold-threads", cold_threads },
    { "warm-thread", warm_thread },
    { "nested-first", nested_first },
    { "key-destructor", key_destructor },
};

static int child(size_t i)
{
    int r;
    test_start(scenarios[i].name);
    signal(SIGALRM, on_watchdog);
    alarm(WATCHDOG_SECONDS);
    if (install_handler() != 0) return 2;
    r = scenarios[i].run();
    if (r == TEST_SKIP && test_failed_ == 0) return TEST_SKIP;
    return r ? r : test_finish();
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (resolve_real() != 0) {
        printf("SKIP: cannot find the C library's dlsym/__cxa_thread_atexit_impl to interpose\n");
        return TEST_SKIP;
    }
    return CHILD_RUN_SCENARIOS("signal_first_call", argc, argv, scenarios, child, secrets_entropy_source);
}
