/*
 * entry_points.h - calls every randomness-drawing entry point of the C API
 * (Python's secrets functions, SystemRandom, the generators, token_base64,
 * uuid4/7_bytes, passphrase_eff) once, with buffers pre-filled with a
 * pattern, and checks the outcome against an expectation:
 *
 *   EP_EXPECT_FAIL: SECRETS_ERR_ENTROPY_UNAVAILABLE, byte and array outputs
 *                   all zero, text outputs "" with nothing but NULs and the
 *                   pattern left in the buffer, scalar outputs untouched;
 *   EP_EXPECT_OK:   SECRETS_OK and a complete output;
 *   EP_EXPECT_EITHER: one or the other, per call.
 *
 * Uses CHECK from test.h.
 */
#ifndef LIBSECRETS_VERIFY_ENTRY_POINTS_H
#define LIBSECRETS_VERIFY_ENTRY_POINTS_H

#include <secrets.h>

#include "test.h"

enum ep_expect { EP_EXPECT_FAIL, EP_EXPECT_OK, EP_EXPECT_EITHER };

static enum ep_expect ep_mode;
static const char *ep_scenario = "";
static unsigned ep_calls, ep_ok, ep_failed_clean;

#define EP_FILL 0xA5

/* How this call is judged: EP_EXPECT_FAIL or EP_EXPECT_OK. */
static enum ep_expect ep_judge;

static int ep_status(const char *name, int32_t st)
{
    ep_calls++;
    ep_judge = ep_mode;
    if (ep_mode == EP_EXPECT_EITHER) {
        CHECK(st == SECRETS_OK || st == SECRETS_ERR_ENTROPY_UNAVAILABLE,
              "[%s] %s: status %d (%s), want SECRETS_OK or SECRETS_ERR_ENTROPY_UNAVAILABLE", ep_scenario, name, (int)st,
              secrets_strerror(st));
        ep_judge = st == SECRETS_OK ? EP_EXPECT_OK : EP_EXPECT_FAIL;
        if (st == SECRETS_OK) ep_ok++;
        if (st == SECRETS_ERR_ENTROPY_UNAVAILABLE) ep_failed_clean++;
    } else if (ep_mode == EP_EXPECT_FAIL) {
        CHECK(st == SECRETS_ERR_ENTROPY_UNAVAILABLE, "[%s] %s: status %d (%s), want SECRETS_ERR_ENTROPY_UNAVAILABLE",
              ep_scenario, name, (int)st, secrets_strerror(st));
        if (st == SECRETS_ERR_ENTROPY_UNAVAILABLE) ep_failed_clean++;
    } else {
        CHECK(st == SECRETS_OK, "[%s] %s: status %d (%s), want SECRETS_OK", ep_scenario, name, (int)st,
              secrets_strerror(st));
        if (st == SECRETS_OK) ep_ok++;
    }
    return st;
}

static void ep_bytes(const char *name, int32_t st, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    size_t i, nonzero = 0;
    ep_status(name, st);
    if (ep_judge == EP_EXPECT_FAIL) {
        for (i = 0; i < n; i++) nonzero += p[i] != 0;
        CHECK(nonzero == 0, "[%s] %s failed but left %zu of %zu output bytes non-zero", ep_scenario, name, nonzero, n);
    } else {
        CHECK(n < 8 || test_longest_run(p, n, EP_FILL) < 8, "[%s] %s: output not completely written", ep_scenario, name);
    }
}

static void ep_text(const char *name, int32_t st, const char *buf, size_t size)
{
    size_t i, other = 0;
    ep_status(name, st);
    if (ep_judge == EP_EXPECT_FAIL) {
        CHECK(buf[0] == 0, "[%s] %s failed but the text is not empty", ep_scenario, name);
        for (i = 0; i < size; i++) other += buf[i] != 0 && (unsigned char)buf[i] != EP_FILL;
        CHECK(other == 0, "[%s] %s failed but left %zu bytes of output in the buffer", ep_scenario, name, other);
    } else {
        CHECK(st != SECRETS_OK || (strnlen(buf, size) > 0 && strnlen(buf, size) < size), "[%s] %s: bad text", ep_scenario,
              name);
    }
}

static void ep_scalar(const char *name, int32_t st, const void *var, const void *sentinel, size_t n)
{
    ep_status(name, st);
    if (ep_judge == EP_EXPECT_FAIL)
        CHECK(memcmp(var, sentinel, n) == 0, "[%s] %s failed but changed its scalar output", ep_scenario, name);
}

#define EP_SCALAR(name, type, sentinel_value, call_with_ptr)       \
    do {                                                           \
        type v_ = sentinel_value, s_ = sentinel_value;             \
        type *p_ = &v_;                                            \
        int32_t st_ = (call_with_ptr);                             \
        ep_scalar(name, st_, &v_, &s_, sizeof v_);                 \
    } while (0)

/* Calls every drawing entry point once; returns the number of calls. */
static unsigned ep_call_all(enum ep_expect mode, const char *scenario)
{
    unsigned char bytes[64];
    char text[256];
    uint8_t upper[17] = { 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07 };
    uint32_t items[8] = { 11, 12, 13, 14, 15, 16, 17, 18 }, item;

    ep_mode = mode;
    ep_scenario = scenario;
    ep_calls = ep_ok = ep_failed_clean = 0;

    /* ---- section 4 ---- */
    memset(bytes, EP_FILL, sizeof bytes);
    ep_bytes("token_bytes", secrets_token_bytes(bytes, 32), bytes, 32);
    memset(text, EP_FILL, sizeof text);
    ep_text("token_hex", secrets_token_hex(text, sizeof text, 32), text, sizeof text);
    memset(text, EP_FILL, sizeof text);
    ep_text("token_urlsafe", secrets_token_urlsafe(text, sizeof text, 32), text, sizeof text);
    memset(text, EP_FILL, sizeof text);
    ep_text("token_base32", secrets_token_base32(text, sizeof text, 32), text, sizeof text);
    EP_SCALAR("randbelow_u64", uint64_t, 0xA5A5A5A5A5A5A5A5u, secrets_randbelow_u64(1000, p_));
    memset(bytes, EP_FILL, sizeof bytes);
    ep_bytes("randbelow", secrets_randbelow(upper, sizeof upper, bytes), bytes, sizeof upper);
    EP_SCALAR("randbits_u64", uint64_t, 0xA5A5A5A5A5A5A5A5u, secrets_randbits_u64(64, p_));
    memset(bytes, EP_FILL, sizeof bytes);
    ep_bytes("randbits", secrets_randbits(320, bytes, 40), bytes, 40);
    EP_SCALAR("choice_index", size_t, (size_t)0xA5A5A5A5u, secrets_choice_index(62, p_));
    memset(&item, EP_FILL, sizeof item);
    ep_bytes("choice", secrets_choice(items, 8, sizeof items[0], &item), &item, sizeof item);

    /* ---- section 5 ---- */
    EP_SCALAR("random", double, -12345.5, secrets_random(p_));
    EP_SCALAR("uniform", double, -12345.5, secrets_uniform(1.0, 2.0, p_));
    EP_SCALAR("randrange", int64_t, -12345, secrets_randrange(0, 1000, 7, p_));
    EP_SCALAR("randint", int64_t, -12345, secrets_randint(INT64_MIN, INT64_MAX, p_));
    {
        uint32_t orig[8], arr[8];
        size_t i, zeros = 0;
        int32_t st;
        memcpy(orig, items, sizeof orig);
        memcpy(arr, items, sizeof arr);
        st = secrets_shuffle(arr, 8, sizeof arr[0]);
        ep_status("shuffle", st);
        for (i = 0; i < 8; i++) zeros += arr[i] == 0;
        if (ep_judge == EP_EXPECT_FAIL)
            CHECK(memcmp(arr, orig, sizeof arr) == 0 || zeros == 8,
                  "[%s] shuffle failed but left the array partly shuffled", scenario);
    }
    {
        size_t out[10];
        memset(out, EP_FILL, sizeof out);
        ep_bytes("sample", secrets_sample(1000, 10, out), out, sizeof out);
        memset(out, EP_FILL, sizeof out);
        ep_bytes("choices (equal weights)", secrets_choices(NULL, 5, 10, out), out, sizeof out);
        {
            const double w[4] = { 1.0, 2.0, 0.5, 3.0 };
            memset(out, EP_FILL, sizeof out);
            ep_bytes("choices (weights)", secrets_choices(w, 4, 10, out), out, sizeof out);
        }
    }
    EP_SCALAR("triangular", double, -12345.5, secrets_triangular(0.0, 10.0, 3.0, p_));
    EP_SCALAR("normalvariate", double, -12345.5, secrets_normalvariate(0.0, 1.0, p_));
    EP_SCALAR("gauss", double, -12345.5, secrets_gauss(0.0, 1.0, p_));
    EP_SCALAR("lognormvariate", double, -12345.5, secrets_lognormvariate(0.0, 1.0, p_));
    EP_SCALAR("expovariate", double, -12345.5, secrets_expovariate(1.5, p_));
    EP_SCALAR("vonmisesvariate", double, -12345.5, secrets_vonmisesvariate(1.0, 4.0, p_));
    EP_SCALAR("vonmisesvariate (kappa ~ 0)", double, -12345.5, secrets_vonmisesvariate(1.0, 0.0, p_));
    EP_SCALAR("gammavariate (alpha < 1)", double, -12345.5, secrets_gammavariate(0.5, 2.0, p_));
    EP_SCALAR("gammavariate (alpha = 1)", double, -12345.5, secrets_gammavariate(1.0, 2.0, p_));
    EP_SCALAR("gammavariate (alpha > 1)", double, -12345.5, secrets_gammavariate(3.0, 2.0, p_));
    EP_SCALAR("betavariate", double, -12345.5, secrets_betavariate(2.0, 3.0, p_));
    EP_SCALAR("paretovariate", double, -12345.5, secrets_paretovariate(2.0, p_));
    EP_SCALAR("weibullvariate", double, -12345.5, secrets_weibullvariate(1.0, 1.5, p_));
    EP_SCALAR("binomialvariate (small n)", uint64_t, 0xA5A5A5A5A5A5A5A5u, secrets_binomialvariate(10, 0.5, p_));
    EP_SCALAR("binomialvariate (large n)", uint64_t, 0xA5A5A5A5A5A5A5A5u, secrets_binomialvariate(1000000, 0.3, p_));

    /* ---- section 6 ---- */
    memset(text, EP_FILL, sizeof text);
    ep_text("token_chars", secrets_token_chars(text, sizeof text, 20, "abc\xce\xb1\xce\xb2", 7), text, sizeof text);
    {
        secrets_password_policy p;
        memset(&p, 0, sizeof p);
        p.length = 20;
        p.min_lower = 2;
        p.min_upper = 2;
        p.min_digits = 2;
        memset(text, EP_FILL, sizeof text);
        ep_text("password", secrets_password(text, sizeof text, &p), text, sizeof text);
    }
    {
        static const char *const words[4] = { "correct", "horse", "battery", "staple" };
        memset(text, EP_FILL, sizeof text);
        ep_text("passphrase", secrets_passphrase(text, sizeof text, 6, words, 4, "-"), text, sizeof text);
    }
    memset(text, EP_FILL, sizeof text);
    ep_text("uuid4", secrets_uuid4(text, sizeof text), text, sizeof text);
    memset(text, EP_FILL, sizeof text);
    ep_text("uuid7", secrets_uuid7(text, sizeof text), text, sizeof text);

    /* ---- the 0.2 additions ---- */
    memset(text, EP_FILL, sizeof text);
    ep_text("token_base64", secrets_token_base64(text, sizeof text, 32), text, sizeof text);
    memset(bytes, EP_FILL, sizeof bytes);
    ep_bytes("uuid4_bytes", secrets_uuid4_bytes(bytes, 16), bytes, 16);
    memset(bytes, EP_FILL, sizeof bytes);
    ep_bytes("uuid7_bytes", secrets_uuid7_bytes(bytes, 16), bytes, 16);
    memset(text, EP_FILL, sizeof text);
    ep_text("passphrase_eff", secrets_passphrase_eff(text, sizeof text, 6, "-"), text, sizeof text);
    return ep_calls;
}

#endif
