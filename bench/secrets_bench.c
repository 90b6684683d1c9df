/*
 * secrets_bench: libsecrets against its peers, measured side by side in one run.
 *
 * Peers: the raw getrandom(2) system call, the raw vDSO getrandom (looked up
 * here the way the library does), glibc's arc4random* (glibc >= 2.36), and
 * libsodium and OpenSSL where pkg-config found them at configure time.
 *
 * Every case runs its rows in interleaved rounds (row 1, row 2, ..., row 1,
 * row 2, ...) so that noise on a shared machine hits all of them alike; the
 * report gives the median ns per call of each row, then the ratios that the
 * performance targets name.  With `-o FILE` the same figures are written as
 * one `name value` line each, for bench/check_targets.sh.
 *
 *     build/bench/secrets_bench [-r rounds] [-o results.txt]
 *     cmake --build build --target bench_peers     (runs it and checks the targets)
 *     LIBSECRETS_NO_VDSO=1 build/bench/secrets_bench   (the system-call backend)
 */
#define _GNU_SOURCE
#include <elf.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <secrets.h>

#ifdef HAVE_SODIUM
#include <sodium.h>
#endif
#ifdef HAVE_OPENSSL
#include <openssl/crypto.h>
#include <openssl/rand.h>
#endif
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 36))
#define HAVE_ARC4RANDOM 1
#endif

#define MIB (1024 * 1024)

static volatile uint64_t sink;
static uint8_t *big; /* 1 MiB output buffer */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---- raw peers ---------------------------------------------------------- */

static void sys_getrandom(void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n > 0) {
        long r = syscall(SYS_getrandom, p, n, 0);
        if (r < 0) abort();
        p += r;
        n -= (size_t)r;
    }
}

/* The vDSO's getrandom: the symbol found in the image at AT_SYSINFO_EHDR. */
typedef ssize_t (*vgetrandom_fn)(void *, size_t, unsigned int, void *, size_t);
struct vgetrandom_params {
    uint32_t size_of_opaque_state, mmap_prot, mmap_flags, reserved[13];
};
static vgetrandom_fn vgetrandom;
static struct vgetrandom_params vparams;
static __thread void *vstate;

static vgetrandom_fn find_vdso_getrandom(void)
{
    const uint8_t *base = (const uint8_t *)getauxval(AT_SYSINFO_EHDR);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    uintptr_t bias = 0;
    int have_bias = 0, i;
    if (!base || memcmp(base, ELFMAG, SELFMAG) != 0 || base[EI_CLASS] != ELFCLASS64) return NULL;
    for (i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff + (size_t)i * eh->e_phentsize);
        if (ph->p_type == PT_LOAD && ph->p_offset == 0) {
            bias = (uintptr_t)base - ph->p_vaddr;
            have_bias = 1;
            break;
        }
    }
    if (!have_bias) return NULL;
    for (i = 0; i < eh->e_shnum; i++) {
        const Elf64_Shdr *sh = (const Elf64_Shdr *)(base + eh->e_shoff + (size_t)i * eh->e_shentsize);
        const Elf64_Shdr *strsh;
        size_t s;
        if (sh->sh_type != SHT_DYNSYM || sh->sh_entsize == 0) continue;
        strsh = (const Elf64_Shdr *)(base + eh->e_shoff + (size_t)sh->sh_link * eh->e_shentsize);
        for (s = 0; s < sh->sh_size / sh->sh_entsize; s++) {
            const Elf64_Sym *sym = (const Elf64_Sym *)(base + sh->sh_offset + s * sh->sh_entsize);
            const char *name = (const char *)(base + strsh->sh_offset + sym->st_name);
            if (sym->st_value && (!strcmp(name, "__vdso_getrandom") || !strcmp(name, "__kernel_getrandom"))) {
                vgetrandom_fn f;
                uintptr_t addr = bias + sym->st_value;
                memcpy(&f, &addr, sizeof f);
                return f;
            }
        }
    }
    return NULL;
}

static void vdso_init(void)
{
    vgetrandom_fn f = find_vdso_getrandom();
    if (getenv("LIBSECRETS_NO_VDSO")) return;
    if (f && f(NULL, 0, 0, &vparams, ~(size_t)0) == 0 && vparams.size_of_opaque_state) vgetrandom = f;
}

static void vdso_getrandom(void *buf, size_t n)
{
    uint8_t *p = buf;
    if (!vstate) {
        vstate = mmap(NULL, 4096, (int)vparams.mmap_prot, (int)vparams.mmap_flags, -1, 0);
        if (vstate == MAP_FAILED) abort();
    }
    while (n > 0) {
        ssize_t r = vgetrandom(p, n, 0, vstate, vparams.size_of_opaque_state);
        if (r < 0) abort();
        p += r;
        n -= (size_t)r;
    }
}

/* ---- rows --------------------------------------------------------------- */

#define U __attribute__((unused))
#define BYTES_ROWS(N, LEN, BUF)                                                                          \
    U static void lib_b##N(void) { if (secrets_token_bytes(BUF, LEN)) abort(); sink += (BUF)[0]; }        \
    U static void sys_b##N(void) { sys_getrandom(BUF, LEN); sink += (BUF)[0]; }                         \
    U static void vdso_b##N(void) { vdso_getrandom(BUF, LEN); sink += (BUF)[0]; }                       \
    SODIUM_B(N, LEN, BUF) OPENSSL_B(N, LEN, BUF) ARC4_B(N, LEN, BUF)
#ifdef HAVE_SODIUM
#define SODIUM_B(N, LEN, BUF) U static void sodium_b##N(void) { randombytes_buf(BUF, LEN); sink += (BUF)[0]; }
#else
#define SODIUM_B(N, LEN, BUF)
#endif
#ifdef HAVE_OPENSSL
#define OPENSSL_B(N, LEN, BUF) U static void openssl_b##N(void) { if (RAND_bytes(BUF, LEN) != 1) abort(); sink += (BUF)[0]; }
#else
#define OPENSSL_B(N, LEN, BUF)
#endif
#ifdef HAVE_ARC4RANDOM
#define ARC4_B(N, LEN, BUF) U static void arc4_b##N(void) { arc4random_buf(BUF, LEN); sink += (BUF)[0]; }
#else
#define ARC4_B(N, LEN, BUF)
#endif

static uint8_t small[4096];
BYTES_ROWS(8, 8, small)
BYTES_ROWS(16, 16, small)
BYTES_ROWS(32, 32, small)
BYTES_ROWS(64, 64, small)
BYTES_ROWS(256, 256, small)
BYTES_ROWS(4096, 4096, small)
BYTES_ROWS(1m, MIB, big)

static void lib_hex32(void) { char t[65]; if (secrets_token_hex(t, sizeof t, 32)) abort(); sink += (uint8_t)t[0]; }
static void lib_url32(void) { char t[44]; if (secrets_token_urlsafe(t, sizeof t, 32)) abort(); sink += (uint8_t)t[0]; }
static void lib_below62(void) { uint64_t x; if (secrets_randbelow_u64(62, &x)) abort(); sink += x; }
static void lib_below1e6(void) { uint64_t x; if (secrets_randbelow_u64(1000000, &x)) abort(); sink += x; }
static void lib_uuid4(void) { char u[SECRETS_UUID_SIZE]; if (secrets_uuid4(u, sizeof u)) abort(); sink += (uint8_t)u[0]; }

static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
static char pw[64];
static const secrets_password_policy policy16 = { 16, NULL, 0, 0, 0, 0, 0 };
static const secrets_password_policy policy16_mins = { 16, NULL, 0, 1, 1, 1, 0 };
static void lib_pw16(void) { if (secrets_password(pw, sizeof pw, &policy16)) abort(); sink += (uint8_t)pw[0]; }
static void lib_pw16_mins(void) { if (secrets_password(pw, sizeof pw, &policy16_mins)) abort(); sink += (uint8_t)pw[0]; }

static uint8_t dig_a[32], dig_b[32];
static void lib_cmp32(void) { sink += (uint64_t)secrets_compare_digest(dig_a, 32, dig_b, 32); }

#if defined(HAVE_SODIUM) || defined(HAVE_ARC4RANDOM)
/* A 16-character alphanumeric password the way a caller of a library's
 * uniform-below function writes it. */
static void pw16_from(uint32_t (*uniform)(uint32_t))
{
    int i;
    for (i = 0; i < 16; i++) pw[i] = ALNUM[uniform(62)];
    pw[16] = 0;
    sink += (uint8_t)pw[0];
}
#endif

#ifdef HAVE_SODIUM
static void sodium_hex32(void) { uint8_t b[32]; char t[65]; randombytes_buf(b, 32); sodium_bin2hex(t, sizeof t, b, 32); sink += (uint8_t)t[0]; }
static void sodium_url32(void)
{
    uint8_t b[32];
    char t[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    randombytes_buf(b, 32);
    sodium_bin2base64(t, sizeof t, b, 32, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sink += (uint8_t)t[0];
}
static void sodium_below62(void) { sink += randombytes_uniform(62); }
static void sodium_below1e6(void) { sink += randombytes_uniform(1000000); }
static void sodium_pw16(void) { pw16_from(randombytes_uniform); }
static void sodium_cmp32(void) { sink += (uint64_t)sodium_memcmp(dig_a, dig_b, 32); }
#endif
#ifdef HAVE_OPENSSL
static void openssl_cmp32(void) { sink += (uint64_t)CRYPTO_memcmp(dig_a, dig_b, 32); }
#endif
#ifdef HAVE_ARC4RANDOM
static void arc4_below62(void) { sink += arc4random_uniform(62); }
static void arc4_below1e6(void) { sink += arc4random_uniform(1000000); }
static void arc4_pw16(void) { pw16_from(arc4random_uniform); }
#endif

/* ---- measurement -------------------------------------------------------- */

struct row {
    const char *id;    /* machine-readable: ns.<case>.<id> */
    const char *label; /* human */
    void (*f)(void);
    double median;
};

#define MAX_ROWS 8
struct bcase {
    const char *id, *title;
    int iters;
    struct row rows[MAX_ROWS];
    int nrows;
};

static int rounds = 15;
static FILE *machine;

static double time_one(void (*f)(void), int iters)
{
    double t0 = now_ns();
    int i;
    for (i = 0; i < iters; i++) f();
    return (now_ns() - t0) / iters;
}

static void run_case(struct bcase *c)
{
    double samples[MAX_ROWS][101];
    int r, i;
    for (i = 0; i < c->nrows; i++) c->rows[i].f(); /* warm up (and map vDSO states) */
    for (r = 0; r < rounds; r++)
        for (i = 0; i < c->nrows; i++) samples[i][r] = time_one(c->rows[i].f, c->iters);
    printf("\n%s\n", c->title);
    for (i = 0; i < c->nrows; i++) {
        qsort(samples[i], (size_t)rounds, sizeof(double), cmp_double);
        c->rows[i].median = samples[i][rounds / 2];
        printf("  %-40s %12.1f ns %8.2fx\n", c->rows[i].label, c->rows[i].median,
               c->rows[i].median / c->rows[0].median);
        if (machine) fprintf(machine, "ns.%s.%s %.1f\n", c->id, c->rows[i].id, c->rows[i].median);
    }
    fflush(stdout);
}

static double ns(const struct bcase *c, const char *id)
{
    int i;
    for (i = 0; i < c->nrows; i++)
        if (!strcmp(c->rows[i].id, id)) return c->rows[i].median;
    return -1;
}

#define ROW(c, id, label, f) ((c)->rows[(c)->nrows++] = (struct row){ id, label, f, 0 })

static void add_bytes_peers(struct bcase *c, void (*sys)(void), void (*vd)(void), void (*so)(void),
                            void (*os)(void), void (*a4)(void))
{
    ROW(c, "syscall", "getrandom(2) system call", sys);
    if (vgetrandom) ROW(c, "vdso", "vDSO getrandom", vd);
#ifdef HAVE_SODIUM
    ROW(c, "sodium", "libsodium randombytes_buf", so);
#endif
#ifdef HAVE_OPENSSL
    ROW(c, "openssl", "OpenSSL RAND_bytes", os);
#endif
#ifdef HAVE_ARC4RANDOM
    ROW(c, "arc4random", "glibc arc4random_buf", a4);
#endif
    (void)so; (void)os; (void)a4;
}
#ifndef HAVE_SODIUM
#define SO(x) NULL
#else
#define SO(x) x
#endif
#ifndef HAVE_OPENSSL
#define OS(x) NULL
#else
#define OS(x) x
#endif
#ifndef HAVE_ARC4RANDOM
#define A4(x) NULL
#else
#define A4(x) x
#endif
#define BYTES_CASE(c, N, ITERS, TITLE)                                                              \
    do {                                                                                           \
        (c)->id = "bytes" #N; (c)->title = TITLE; (c)->iters = ITERS; (c)->nrows = 0;              \
        ROW(c, "libsecrets", "secrets_token_bytes", lib_b##N);                                     \
        add_bytes_peers(c, sys_b##N, vdso_b##N, SO(sodium_b##N), OS(openssl_b##N), A4(arc4_b##N)); \
    } while (0)

/* 1 MiB from two threads at once: throughput relative to one thread. */
#define THREAD_CALLS 40
static void *thread_mib(void *arg)
{
    uint8_t *buf = malloc(MIB);
    int i;
    (void)arg;
    if (!buf) abort();
    for (i = 0; i < THREAD_CALLS; i++)
        if (secrets_token_bytes(buf, MIB)) abort();
    sink += buf[0];
    free(buf);
    return NULL;
}
static double two_threads_scaling(void)
{
    double one[101], two[101];
    int r;
    for (r = 0; r < rounds; r++) {
        pthread_t a, b;
        double t0 = now_ns();
        thread_mib(NULL);
        one[r] = now_ns() - t0;
        t0 = now_ns();
        if (pthread_create(&a, NULL, thread_mib, NULL) || pthread_create(&b, NULL, thread_mib, NULL)) abort();
        pthread_join(a, NULL);
        pthread_join(b, NULL);
        two[r] = now_ns() - t0;
    }
    qsort(one, (size_t)rounds, sizeof(double), cmp_double);
    qsort(two, (size_t)rounds, sizeof(double), cmp_double);
    /* two threads do twice the work: throughput ratio = 2 * t(one) / t(two) */
    printf("\n1 MiB token_bytes, %d calls: one thread %.1f ms, two threads at once %.1f ms\n", THREAD_CALLS,
           one[rounds / 2] / 1e6, two[rounds / 2] / 1e6);
    return 2.0 * one[rounds / 2] / two[rounds / 2];
}

static void report(const char *name, double value, const char *what)
{
    printf("  %-34s %9.2f   %s\n", name, value, what);
    if (machine) fprintf(machine, "%s %.3f\n", name, value);
}

int main(int argc, char **argv)
{
    static struct bcase c_b16, c_b32, c_b64, c_b256, c_b4096, c_bmib, c_hex, c_url, c_b62, c_b1e6,
        c_pw, c_pwm, c_uuid, c_cmp;
    struct bcase *all[] = { &c_b16, &c_b32, &c_b64, &c_b256, &c_b4096, &c_bmib, &c_hex,
                            &c_url, &c_b62, &c_b1e6, &c_pw, &c_pwm, &c_uuid, &c_cmp };
    const char *out_path = NULL;
    double scaling;
    size_t i;
    int opt;

    while ((opt = getopt(argc, argv, "r:o:")) != -1) {
        if (opt == 'r') rounds = atoi(optarg);
        else if (opt == 'o') out_path = optarg;
        else {
            fprintf(stderr, "usage: %s [-r rounds] [-o results.txt]\n", argv[0]);
            return 2;
        }
    }
    if (rounds < 1) rounds = 1;
    if (rounds > 101) rounds = 101;
    if (out_path && !(machine = fopen(out_path, "w"))) {
        perror(out_path);
        return 1;
    }
#ifdef HAVE_SODIUM
    if (sodium_init() < 0) abort();
#endif
    vdso_init();
    big = malloc(MIB);
    if (!big) abort();
    memset(dig_a, 0x5a, sizeof dig_a);
    memset(dig_b, 0x5a, sizeof dig_b);

    printf("libsecrets %s (%s), %d interleaved rounds, median ns per call; ratio to the first row\n",
           secrets_version(), secrets_entropy_source(), rounds);
    printf("peers: syscall%s%s%s%s\n", vgetrandom ? " vdso" : "",
#ifdef HAVE_SODIUM
           " libsodium",
#else
           "",
#endif
#ifdef HAVE_OPENSSL
           " openssl",
#else
           "",
#endif
#ifdef HAVE_ARC4RANDOM
           " arc4random"
#else
           ""
#endif
    );

    BYTES_CASE(&c_b16, 16, 20000, "bytes: 16");
    BYTES_CASE(&c_b32, 32, 20000, "bytes: 32");
    BYTES_CASE(&c_b64, 64, 20000, "bytes: 64");
    BYTES_CASE(&c_b256, 256, 10000, "bytes: 256");
    BYTES_CASE(&c_b4096, 4096, 1000, "bytes: 4096");
    BYTES_CASE(&c_bmib, 1m, 8, "bytes: 1 MiB");

    c_hex = (struct bcase){ "hex32", "token_hex(32)", 20000, { { 0 } }, 0 };
    ROW(&c_hex, "libsecrets", "secrets_token_hex", lib_hex32);
    ROW(&c_hex, "libsecrets_bytes", "secrets_token_bytes(32) alone", lib_b32);
#ifdef HAVE_SODIUM
    ROW(&c_hex, "sodium", "randombytes_buf + sodium_bin2hex", sodium_hex32);
#endif
    c_url = (struct bcase){ "urlsafe32", "token_urlsafe(32)", 20000, { { 0 } }, 0 };
    ROW(&c_url, "libsecrets", "secrets_token_urlsafe", lib_url32);
    ROW(&c_url, "libsecrets_bytes", "secrets_token_bytes(32) alone", lib_b32);
#ifdef HAVE_SODIUM
    ROW(&c_url, "sodium", "randombytes_buf + sodium_bin2base64", sodium_url32);
#endif

    c_b62 = (struct bcase){ "below62", "randbelow(62)", 20000, { { 0 } }, 0 };
    ROW(&c_b62, "libsecrets", "secrets_randbelow_u64", lib_below62);
    if (vgetrandom) ROW(&c_b62, "vdso8", "vDSO getrandom of 8 bytes", vdso_b8);
    ROW(&c_b62, "syscall8", "getrandom(2) of 8 bytes", sys_b8);
#ifdef HAVE_SODIUM
    ROW(&c_b62, "sodium", "randombytes_uniform", sodium_below62);
#endif
#ifdef HAVE_ARC4RANDOM
    ROW(&c_b62, "arc4random", "arc4random_uniform", arc4_below62);
#endif
    c_b1e6 = (struct bcase){ "below1e6", "randbelow(10^6)", 20000, { { 0 } }, 0 };
    ROW(&c_b1e6, "libsecrets", "secrets_randbelow_u64", lib_below1e6);
    if (vgetrandom) ROW(&c_b1e6, "vdso8", "vDSO getrandom of 8 bytes", vdso_b8);
#ifdef HAVE_SODIUM
    ROW(&c_b1e6, "sodium", "randombytes_uniform", sodium_below1e6);
#endif
#ifdef HAVE_ARC4RANDOM
    ROW(&c_b1e6, "arc4random", "arc4random_uniform", arc4_below1e6);
#endif

    c_pw = (struct bcase){ "password16", "password: 16 characters, letters and digits", 10000, { { 0 } }, 0 };
    ROW(&c_pw, "libsecrets", "secrets_password", lib_pw16);
#ifdef HAVE_SODIUM
    ROW(&c_pw, "sodium", "16 x randombytes_uniform(62)", sodium_pw16);
#endif
#ifdef HAVE_ARC4RANDOM
    ROW(&c_pw, "arc4random", "16 x arc4random_uniform(62)", arc4_pw16);
#endif
    c_pwm = (struct bcase){ "password16_mins", "password: 16 characters, >= 1 lower, upper, digit", 10000,
                            { { 0 } }, 0 };
    ROW(&c_pwm, "libsecrets", "secrets_password (minimums)", lib_pw16_mins);
    ROW(&c_pwm, "libsecrets_plain", "secrets_password (no minimums)", lib_pw16);
#ifdef HAVE_SODIUM
    ROW(&c_pwm, "sodium", "16 x randombytes_uniform(62)", sodium_pw16);
#endif

    c_uuid = (struct bcase){ "uuid4", "uuid4", 20000, { { 0 } }, 0 };
    ROW(&c_uuid, "libsecrets", "secrets_uuid4", lib_uuid4);
    ROW(&c_uuid, "libsecrets_bytes", "secrets_token_bytes(16) alone", lib_b16);

    c_cmp = (struct bcase){ "compare32", "compare_digest: 32 equal bytes", 200000, { { 0 } }, 0 };
    ROW(&c_cmp, "libsecrets", "secrets_compare_digest", lib_cmp32);
#ifdef HAVE_OPENSSL
    ROW(&c_cmp, "openssl", "CRYPTO_memcmp", openssl_cmp32);
#endif
#ifdef HAVE_SODIUM
    ROW(&c_cmp, "sodium", "sodium_memcmp", sodium_cmp32);
#endif

    for (i = 0; i < sizeof all / sizeof all[0]; i++) run_case(all[i]);
    scaling = two_threads_scaling();

    printf("\ntargets (bench/check_targets.sh checks them):\n");
    if (vgetrandom) report("ratio.bytes16_over_vdso", ns(&c_b16, "libsecrets") / ns(&c_b16, "vdso"), "<= 1.2");
#ifdef HAVE_OPENSSL
    report("ratio.bytes1m_over_openssl", ns(&c_bmib, "libsecrets") / ns(&c_bmib, "openssl"), "<= 1.0");
#endif
    report("speedup.bytes1m_over_syscall", ns(&c_bmib, "syscall") / ns(&c_bmib, "libsecrets"), ">= 5");
    report("scaling.bytes1m_two_threads", scaling, ">= 1.8");
#ifdef HAVE_SODIUM
    report("speedup.password16_over_sodium", ns(&c_pw, "sodium") / ns(&c_pw, "libsecrets"), ">= 20");
#endif
    report("ratio.password16_mins_over_plain", ns(&c_pwm, "libsecrets") / ns(&c_pwm, "libsecrets_plain"), "<= 2");
    report("extra_ns.hex32_over_bytes32", ns(&c_hex, "libsecrets") - ns(&c_hex, "libsecrets_bytes"), "<= 15");
    report("extra_ns.urlsafe32_over_bytes32", ns(&c_url, "libsecrets") - ns(&c_url, "libsecrets_bytes"), "<= 15");
    report("extra_ns.uuid4_over_bytes16", ns(&c_uuid, "libsecrets") - ns(&c_uuid, "libsecrets_bytes"), "<= 15");
    if (vgetrandom) report("ratio.below62_over_vdso8", ns(&c_b62, "libsecrets") / ns(&c_b62, "vdso8"), "<= 1.5");
#ifdef HAVE_OPENSSL
    report("ratio.compare32_over_crypto_memcmp", ns(&c_cmp, "libsecrets") / ns(&c_cmp, "openssl"), "<= 1.5");
#endif
    if (machine) fclose(machine);
    free(big);
    return 0;
}
