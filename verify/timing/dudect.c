/*
 * dudect.c - timing leakage, measured (Reparaz, Balasch and Verbauwhede,
 * "Dude, is my code constant time?", 2017).
 *
 * For each function, millions of calls are timed (rdtsc on x86-64, else
 * clock_gettime) with inputs from two classes, interleaved at random:
 * class 0 a fixed input, class 1 a random one.  Welch's t-test between the
 * two classes' timings, on all measurements and on the measurements below
 * ten percentiles (cropping the long tail of interruptions), gives max |t|;
 * |t| > 4.5 is flagged as a leak.
 *
 *   compare_digest       a = the secret, b = a (class 0) or random (class 1)
 *   compare_digest_str   the same on NUL-terminated strings of one length
 *   equal, hex_decode, base64_decode, base64url_decode
 *                        when the header declares them (a compile probe in
 *                        verify/CMakeLists.txt): a fixed valid input against
 *                        random ones (decoders: random text of the alphabet,
 *                        half of it with one invalid character at a random
 *                        position)
 *   leaky_compare        --self-test: an early-exit byte compare written
 *                        here; it must be flagged, or the harness is blind.
 *
 *   dudect [--self-test] [measurements per function]
 *   (default 2,000,000; DUDECT_MEASUREMENTS overrides)
 *
 * Prints one line per function: name, measurements, max |t|, verdict.
 * Exit status: 0 nothing flagged (self-test: the leak flagged), 1 otherwise.
 * Timing is noisy on a shared machine: verify/run-all.sh runs this, the
 * default ctest run does not (only the self-test, whose signal is huge).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <secrets.h>

#include "args.h"

#define LEN 64
#define BATCH 10000
#define NCROP 10
#define THRESHOLD 4.5

static inline uint64_t ticks(void)
{
#if defined(__x86_64__)
    uint32_t lo, hi;
    __asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi)::"memory");
    return ((uint64_t)hi << 32) | lo;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

/* xorshift for class choice and random inputs (the inputs need not be secret) */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Welch's t-test, online (Welford). */
struct ttest {
    double n[2], mean[2], m2[2];
};

static void tt_push(struct ttest *t, int cls, double x)
{
    double d;
    t->n[cls] += 1;
    d = x - t->mean[cls];
    t->mean[cls] += d / t->n[cls];
    t->m2[cls] += d * (x - t->mean[cls]);
}

static double tt_value(const struct ttest *t)
{
    double v0, v1;
    if (t->n[0] < 2 || t->n[1] < 2) return 0;
    v0 = t->m2[0] / (t->n[0] - 1);
    v1 = t->m2[1] / (t->n[1] - 1);
    if (v0 + v1 == 0) return 0;
    return (t->mean[0] - t->mean[1]) / sqrt(v0 / t->n[0] + v1 / t->n[1]);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* A function under test: prepare(cls, input) fills one input of its class;
 * run(input) makes the call being timed. */
struct target {
    const char *name;
    void (*prepare)(int cls, unsigned char *input);
    int (*run)(const unsigned char *input);
};

static unsigned char secret[LEN + 1];
static volatile int sink;

/* ---- compare_digest ---- */
static void prep_compare(int cls, unsigned char *in)
{
    size_t i;
    if (cls == 0) {
        memcpy(in, secret, LEN);
    } else {
        for (i = 0; i < LEN; i++) in[i] = (unsigned char)next();
    }
}
static int run_compare(const unsigned char *in) { return secrets_compare_digest(secret, LEN, in, LEN); }

/* ---- compare_digest_str: non-NUL bytes, one length ---- */
static void prep_compare_str(int cls, unsigned char *in)
{
    size_t i;
    if (cls == 0) {
        memcpy(in, secret, LEN);
    } else {
        for (i = 0; i < LEN; i++) in[i] = (unsigned char)(1 + next() % 255);
    }
    in[LEN] = 0;
}
static int run_compare_str(const unsigned char *in) { return secrets_compare_digest_str((const char *)secret, (const char *)in); }

/* ---- the self-test's leaky compare ---- */
static int __attribute__((noinline)) leaky_compare(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}
static int run_leaky(const unsigned char *in) { return leaky_compare(secret, in, LEN); }

static int run_equal(const unsigned char *in) { return secrets_equal(secret, LEN, in, LEN); }

static const char hexchars[] = "0123456789abcdefABCDEF";
static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64uchars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static void prep_text(int cls, unsigned char *in, const char *alphabet, size_t nalpha)
{
    size_t i;
    for (i = 0; i < LEN; i++) in[i] = cls == 0 ? (unsigned char)alphabet[0] : (unsigned char)alphabet[next() % nalpha];
    if (cls == 1 && (next() & 1)) in[next() % LEN] = '*'; /* an invalid character, anywhere */
}
static void prep_hex(int cls, unsigned char *in) { prep_text(cls, in, hexchars, sizeof hexchars - 1); }
static void prep_b64(int cls, unsigned char *in) { prep_text(cls, in, b64chars, sizeof b64chars - 1); }
static void prep_b64u(int cls, unsigned char *in) { prep_text(cls, in, b64uchars, sizeof b64uchars - 1); }
static unsigned char decoded[LEN];
static size_t decoded_len;
static int run_hex(const unsigned char *in)
{
    return secrets_hex_decode(decoded, sizeof decoded, (const char *)in, LEN, &decoded_len);
}
static int run_b64(const unsigned char *in)
{
    return secrets_base64_decode(decoded, sizeof decoded, (const char *)in, LEN, &decoded_len);
}
static int run_b64u(const unsigned char *in)
{
    return secrets_base64url_decode(decoded, sizeof decoded, (const char *)in, LEN, &decoded_len);
}

/* Measures one target; returns max |t| over the uncropped test and the crops. */
static double measure(const struct target *tg, long total)
{
    static unsigned char inputs[BATCH][LEN + 1];
    static int classes[BATCH];
    static uint64_t times[BATCH], sorted[BATCH];
    struct ttest tests[NCROP + 1];
    uint64_t crop[NCROP];
    long done = 0;
    int first = 1, k;
    double worst = 0;
    memset(tests, 0, sizeof tests);
    while (done < total) {
        int i;
        for (i = 0; i < BATCH; i++) {
            classes[i] = (int)(next() & 1);
            tg->prepare(classes[i], inputs[i]);
        }
        for (i = 0; i < BATCH; i++) {
            uint64_t t0 = ticks();
            sink += tg->run(inputs[i]);
            times[i] = ticks() - t0;
        }
        if (first) {
            /* the first batch warms up and sets the crop thresholds (dudect's
             * percentiles 1 - 0.5^(10 (k+1) / NCROP)) */
            memcpy(sorted, times, sizeof times);
            qsort(sorted, BATCH, sizeof sorted[0], cmp_u64);
            for (k = 0; k < NCROP; k++) {
                double q = 1 - pow(0.5, 10.0 * (k + 1) / NCROP);
                crop[k] = sorted[(size_t)(q * (BATCH - 1))];
            }
            first = 0;
            continue;
        }
        for (i = 0; i < BATCH; i++) {
            tt_push(&tests[0], classes[i], (double)times[i]);
            for (k = 0; k < NCROP; k++)
                if (times[i] <= crop[k]) tt_push(&tests[k + 1], classes[i], (double)times[i]);
        }
        done += BATCH;
    }
    for (k = 0; k <= NCROP; k++) {
        double t = fabs(tt_value(&tests[k]));
        if (t > worst) worst = t;
    }
    return worst;
}

int main(int argc, char **argv)
{
    static const struct target targets[] = {
        { "compare_digest", prep_compare, run_compare },
        { "compare_digest_str", prep_compare_str, run_compare_str },
        { "equal", prep_compare, run_equal },
        { "hex_decode", prep_hex, run_hex },
        { "base64_decode", prep_b64, run_b64 },
        { "base64url_decode", prep_b64u, run_b64u },
    };
    static const struct target leaky = { "leaky_compare (self-test)", prep_compare, run_leaky };
    int self = 0, flagged = 0;
    long total = (long)verify_size_arg(argc, argv, "DUDECT_MEASUREMENTS", 2000000, &self);
    size_t i;
    if (total < 2 * BATCH) total = 2 * BATCH;
    for (i = 0; i < LEN; i++) secret[i] = (unsigned char)(1 + next() % 255);
    secret[LEN] = 0;
    if (self) {
        double t = measure(&leaky, total);
        int caught = t > THRESHOLD;
        printf("%-28s %10ld  max|t| %9.2f  %s\n", leaky.name, total, t, caught ? "flagged (as it must be)" : "NOT FLAGGED");
        return caught ? 0 : 1;
    }
    printf("%-28s %10s  %14s  %s\n", "function", "measured", "max |t|", "verdict (|t| > 4.5 flags)");
    for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        double t = measure(&targets[i], total);
        int leak = t > THRESHOLD;
        flagged += leak;
        printf("%-28s %10ld  max|t| %7.2f  %s\n", targets[i].name, total, t, leak ? "FLAGGED" : "ok");
        fflush(stdout);
    }
    return flagged ? 1 : 0;
}
