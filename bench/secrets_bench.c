/*
 * secrets_bench: the cost of libsecrets calls relative to the raw getrandom(2)
 * system call of the same size, measured side by side in one run.
 *
 * Each case runs in interleaved rounds (raw, library, raw, library, ...) so
 * that noise from a shared machine hits both sides alike; the report gives
 * the median ns/call of each side and their ratio.
 *
 *     build/bench/secrets_bench [rounds]
 *     LIBSECRETS_NO_VDSO=1 build/bench/secrets_bench   (the system-call backend)
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <secrets.h>

#define ITERS 20000

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

static volatile uint64_t sink;

static void raw_32(void) { uint8_t b[32]; if (getrandom(b, 32, 0) != 32) abort(); sink += b[0]; }
static void raw_16(void) { uint8_t b[16]; if (getrandom(b, 16, 0) != 16) abort(); sink += b[0]; }
static void raw_8(void) { uint64_t x; if (getrandom(&x, 8, 0) != 8) abort(); sink += x; }
static void lib_bytes32(void) { uint8_t b[32]; if (secrets_token_bytes(b, 32)) abort(); sink += b[0]; }
static void lib_bytes16(void) { uint8_t b[16]; if (secrets_token_bytes(b, 16)) abort(); sink += b[0]; }
static void lib_below62(void) { uint64_t x; if (secrets_randbelow_u64(62, &x)) abort(); sink += x; }
static void lib_hex16(void) { char t[33]; if (secrets_token_hex(t, sizeof t, 16)) abort(); sink += (uint8_t)t[0]; }
static void lib_url32(void) { char t[44]; if (secrets_token_urlsafe(t, sizeof t, 32)) abort(); sink += (uint8_t)t[0]; }

static char pw[SECRETS_PASSWORD_MAX_LENGTH + 1];
static secrets_password_policy policy_default16 = { 16, NULL, 0, 0, 0, 0, 0 };
static secrets_password_policy policy_default16_mins = { 16, NULL, 0, 1, 1, 1, 0 };
static secrets_password_policy policy_12_digits = { 12, NULL, 0, 0, 0, 12, 0 };
static secrets_password_policy policy_1024 = { 1024, NULL, 0, 100, 100, 100, 0 };
static void run_password(const secrets_password_policy *p)
{
    if (secrets_password(pw, sizeof pw, p)) abort();
    sink += (uint8_t)pw[0];
}
static void pw_default16(void) { run_password(&policy_default16); }
static void pw_default16_mins(void) { run_password(&policy_default16_mins); }
static void pw_12_digits(void) { run_password(&policy_12_digits); }
static void pw_1024(void) { run_password(&policy_1024); }
static void lib_uuid4(void) { char u[SECRETS_UUID_SIZE]; if (secrets_uuid4(u, sizeof u)) abort(); sink += (uint8_t)u[0]; }
static void lib_uuid7(void) { char u[SECRETS_UUID_SIZE]; if (secrets_uuid7(u, sizeof u)) abort(); sink += (uint8_t)u[0]; }
static void lib_shuffle52(void)
{
    int deck[52], i;
    for (i = 0; i < 52; i++) deck[i] = i;
    if (secrets_shuffle(deck, 52, sizeof deck[0])) abort();
    sink += (uint64_t)deck[0];
}

static int iters = ITERS;

static double time_one(void (*f)(void))
{
    double t0 = now_ns();
    int i;
    for (i = 0; i < iters; i++) f();
    return (now_ns() - t0) / iters;
}

static void compare(const char *name, void (*base)(void), const char *base_name, void (*f)(void), int rounds)
{
    double *a = malloc(sizeof(double) * (size_t)rounds), *b = malloc(sizeof(double) * (size_t)rounds);
    int r;
    if (!a || !b) abort();
    for (r = 0; r < rounds; r++) {
        a[r] = time_one(base);
        b[r] = time_one(f);
    }
    qsort(a, (size_t)rounds, sizeof *a, cmp_double);
    qsort(b, (size_t)rounds, sizeof *b, cmp_double);
    printf("%-34s %8.1f ns   %-22s %8.1f ns   ratio %.2f\n", name, b[rounds / 2], base_name,
           a[rounds / 2], b[rounds / 2] / a[rounds / 2]);
    free(a);
    free(b);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 15;
    if (rounds < 1) rounds = 1;
    printf("libsecrets %s (%s), %d rounds x %d calls, medians\n", secrets_version(),
           secrets_entropy_source(), rounds, ITERS);
    compare("secrets_token_bytes(out, 32)", raw_32, "getrandom(32)", lib_bytes32, rounds);
    compare("secrets_token_bytes(out, 16)", raw_16, "getrandom(16)", lib_bytes16, rounds);
    compare("secrets_randbelow_u64(62, &x)", raw_8, "getrandom(8)", lib_below62, rounds);
    compare("secrets_token_hex(out, 33, 16)", raw_16, "getrandom(16)", lib_hex16, rounds);
    compare("secrets_token_urlsafe(out, 44, 32)", raw_32, "getrandom(32)", lib_url32, rounds);

    printf("\nrelative to secrets_token_bytes(out, 16):\n");
    compare("password: 16, default alphabet", lib_bytes16, "token_bytes(16)", pw_default16, rounds);
    compare("password: 16, >=1 lower/upper/digit", lib_bytes16, "token_bytes(16)", pw_default16_mins, rounds);
    compare("password: 12 with 12 digits", lib_bytes16, "token_bytes(16)", pw_12_digits, rounds);
    compare("uuid4", lib_bytes16, "token_bytes(16)", lib_uuid4, rounds);
    compare("uuid7", lib_bytes16, "token_bytes(16)", lib_uuid7, rounds);
    compare("shuffle of 52 ints", lib_bytes16, "token_bytes(16)", lib_shuffle52, rounds);
    iters = 200;
    compare("password: 1024, >=100 lower/upper/digit", lib_bytes16, "token_bytes(16)", pw_1024, rounds);
    return 0;
}
