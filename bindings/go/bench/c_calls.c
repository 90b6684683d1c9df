/*
 * The C side of the Go binding's benchmarks: the same libsecrets calls as
 * BenchmarkTokenBytes16, BenchmarkTokenHex16, ... made from a C loop, so
 * the binding's per-call overhead is (Go ns/op) - (C ns/call). Not a test.
 *
 *   cc -O2 -std=c11 -I include bindings/go/bench/c_calls.c -L target/release \
 *      -Wl,-rpath,$PWD/target/release -lsecrets -o /tmp/c_calls && /tmp/c_calls
 *
 * Each line is the best of 7 timed loops (the machine is shared and noisy).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <secrets.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
static volatile unsigned sink;
#define BENCH(name, iters, stmt) do { \
    double best = 1e18; \
    for (int r = 0; r < 7; r++) { double t0 = now(); \
        for (int i = 0; i < (iters); i++) { if ((stmt) < 0) abort(); } \
        double d = (now() - t0) / (iters); if (d < best) best = d; } \
    printf("%-40s %9.1f ns (best of 7)\n", name, best); } while (0)

int main(void) {
    unsigned char b16[16], up[32], o32[32]; char hex[33], url[44], b32[33], uuid[37], tc[33], pw[17], pp[256];
    uint64_t u; size_t z; double d; int64_t i64;
    memset(up, 0, 32); up[0] = 0x80; up[31] = 0x39;
    size_t idx[100]; for (int i = 0; i < 100; i++) idx[i] = i;
    size_t s10[10]; double w[10] = {1,2,3,4,5,6,7,8,9,10};
    secrets_password_policy p = {16, NULL, 0, 1, 1, 1, 0};
    static char wordbuf[7776][12]; static const char *words[7776];
    for (int i = 0; i < 7776; i++) { snprintf(wordbuf[i], 12, "word%05d", i); words[i] = wordbuf[i]; }
    BENCH("secrets_token_bytes(16)", 200000, secrets_token_bytes(b16, 16));
    BENCH("secrets_token_hex(16)", 200000, secrets_token_hex(hex, sizeof hex, 16));
    BENCH("secrets_token_urlsafe(32)", 200000, secrets_token_urlsafe(url, sizeof url, 32));
    BENCH("secrets_token_base32(20)", 200000, secrets_token_base32(b32, sizeof b32, 20));
    BENCH("secrets_randbelow_u64(1000)", 200000, secrets_randbelow_u64(1000, &u));
    BENCH("secrets_randbelow(256-bit)", 50000, secrets_randbelow(up, 32, o32));
    BENCH("secrets_randbits(256)", 200000, secrets_randbits(256, o32, 32));
    BENCH("secrets_choice_index(10)", 200000, secrets_choice_index(10, &z));
    BENCH("secrets_compare_digest(32)", 200000, secrets_compare_digest(up, 32, o32, 32));
    BENCH("secrets_random", 200000, secrets_random(&d));
    BENCH("secrets_normalvariate", 50000, secrets_normalvariate(0, 1, &d));
    BENCH("secrets_randint(min,max)", 200000, secrets_randint(INT64_MIN, INT64_MAX, &i64));
    BENCH("secrets_shuffle(100 x size_t)", 20000, secrets_shuffle(idx, 100, sizeof(size_t)));
    BENCH("secrets_sample(1e6, 10)", 50000, secrets_sample(1000000, 10, s10));
    BENCH("secrets_choices(10 weights, 10)", 50000, secrets_choices(w, 10, 10, s10));
    BENCH("secrets_token_chars(32, 36 chars)", 50000, secrets_token_chars(tc, sizeof tc, 32, "abcdefghijklmnopqrstuvwxyz0123456789", 36));
    BENCH("secrets_password(16, 1/1/1)", 10000, secrets_password(pw, sizeof pw, &p));
    BENCH("secrets_password_entropy(16, 1/1/1)", 10000, secrets_password_entropy(&p, &d));
    BENCH("secrets_passphrase(6 of 7776)", 500, secrets_passphrase(pp, sizeof pp, 6, words, 7776, " "));
    BENCH("secrets_uuid4", 200000, secrets_uuid4(uuid, sizeof uuid));
    BENCH("secrets_uuid7", 200000, secrets_uuid7(uuid, sizeof uuid));
    /* The additions, as BenchmarkTokenBase64_32, BenchmarkEqual32, ... */
    char b64[45], ppe[128], hx64[65], b64in[45]; unsigned char dec[32]; size_t dlen; volatile int eq = 0;
    memset(hx64, '0', 64); hx64[64] = 0; memcpy(b64in, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 45);
    BENCH("secrets_token_base64(32)", 200000, secrets_token_base64(b64, sizeof b64, 32));
    BENCH("secrets_equal(32)", 200000, (eq += secrets_equal(up, 32, o32, 32), 0));
    BENCH("secrets_uuid4_bytes", 200000, secrets_uuid4_bytes(b16, 16));
    BENCH("secrets_uuid7_bytes", 200000, secrets_uuid7_bytes(b16, 16));
    BENCH("secrets_uuid_format", 200000, secrets_uuid_format(b16, 16, uuid, sizeof uuid));
    BENCH("secrets_hex_decode(64 digits)", 200000, secrets_hex_decode(dec, 32, hx64, 64, &dlen));
    BENCH("secrets_base64_decode(44 chars)", 200000, secrets_base64_decode(dec, 32, b64in, 44, &dlen));
    BENCH("secrets_passphrase_eff(6)", 200000, secrets_passphrase_eff(ppe, sizeof ppe, 6, " "));
    BENCH("secrets_passphrase_size(6 of 7776)", 500, secrets_passphrase_size(6, words, 7776, " ", &z));
    sink = b16[0] + eq;
    return 0;
}
