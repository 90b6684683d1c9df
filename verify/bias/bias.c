/*
 * bias.c - statistical bias tests (chi-square goodness of fit), with a
 * fixed total false-alarm budget.
 *
 * Budget: TOTAL_ALPHA = 1e-6 for the whole suite (every mode together),
 * split evenly over the PLANNED_TESTS tests it can run (Bonferroni): a test
 * fails when its p-value is below 1e-6 / PLANNED_TESTS (about 6.9e-9).  So
 * a correct library fails a full run with probability below one in a
 * million, while the gross biases these tests exist for (modulo reduction,
 * a biased shuffle, a character position that is not uniform) give p-values
 * far below that threshold; --self-test checks that on deliberately biased
 * samplers.  p-values are exact: the regularized upper incomplete gamma
 * function Q(df/2, x/2) (series and continued fraction, as in Numerical
 * Recipes' gammq), checked against known values in --self-test.
 *
 * Modes (one ctest each, a few seconds each):
 *   integers      randbelow_u64 at the worst-case bounds 3*2^62 and 2^64-1
 *                 split into thirds, and the low byte at 3*2^62; big-endian
 *                 randbelow at 3*2^128 (thirds); randbits(13) top byte;
 *                 choice_index over 62;
 *   tokens        per-position character frequencies of token_urlsafe(32),
 *                 token_hex(16), token_base32(16) (the last character of
 *                 urlsafe and base32 carries padding bits: only its
 *                 reachable values are expected, each equally often);
 *   generators    token_chars per position (ASCII, and UTF-8 with a
 *                 repeated code point, which must count twice); password
 *                 over every string meeting small policies (uniform over the
 *                 valid strings, as docs/reference.md requires); passphrase;
 *   systemrandom  all 24 orders of a 4-element secrets_shuffle; sample
 *                 ordered pairs; choices (equal and given weights);
 *                 randrange with a step; random(): 64 buckets and its lowest
 *                 of 53 bits;
 *   ent           8 MiB of token_bytes through `ent` (Debian package):
 *                 chi-square (p not extreme, either side), mean and serial
 *                 correlation (normal approximations); skipped without ent;
 *   --self-test   the p-value function against known values, and the
 *                 integer tests against naive biased samplers, which must
 *                 fail.
 * Exit status 0 pass, 1 fail, 77 skipped (mode's functions not in the
 * library yet, or ent missing).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include <secrets.h>

#include "test.h"

#define TOTAL_ALPHA 1e-6
/* integers 6 + tokens 101 + generators 27 + systemrandom 7 + ent 3 */
#define PLANNED_TESTS 144
#define ALPHA_EACH (TOTAL_ALPHA / PLANNED_TESTS)

/* ---- regularized upper incomplete gamma Q(a, x) ---- */
static double gamma_series_p(double a, double x) /* P(a, x), x < a + 1 */
{
    double sum = 1.0 / a, del = sum, ap = a;
    int n;
    for (n = 0; n < 100000; n++) {
        ap += 1.0;
        del *= x / ap;
        sum += del;
        if (fabs(del) < fabs(sum) * 1e-16) break;
    }
    return sum * exp(-x + a * log(x) - lgamma(a));
}

static double gamma_cf_q(double a, double x) /* Q(a, x), x >= a + 1 (Lentz) */
{
    const double tiny = 1e-300;
    double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
    int i;
    for (i = 1; i < 100000; i++) {
        double an = -i * (i - a), del;
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < tiny) d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        del = d * c;
        h *= del;
        if (fabs(del - 1.0) < 1e-16) break;
    }
    return exp(-x + a * log(x) - lgamma(a)) * h;
}

static double gammq(double a, double x)
{
    if (x <= 0) return 1.0;
    if (x < a + 1.0) return 1.0 - gamma_series_p(a, x);
    return gamma_cf_q(a, x);
}

/* Upper-tail p-value of a chi-square statistic with df degrees of freedom. */
static double chi2_sf(double stat, int df)
{
    return gammq(df / 2.0, stat / 2.0);
}

/* ---- chi-square tests ---- */
static int tests_run;
static double min_p = 1.0;
static int expect_reject; /* --self-test: the test must reject */

/* obs[k], prob[k] (bins with prob 0 must stay empty); returns the p-value. */
static double chi2(const char *name, const unsigned long *obs, const double *prob, int k)
{
    unsigned long n = 0, impossible = 0;
    double stat = 0, p;
    int i, df = -1;
    for (i = 0; i < k; i++) n += obs[i];
    for (i = 0; i < k; i++) {
        if (prob[i] <= 0) {
            impossible += obs[i];
            continue;
        }
        {
            double e = prob[i] * (double)n, d = (double)obs[i] - e;
            stat += d * d / e;
            df++;
        }
    }
    p = impossible ? 0.0 : chi2_sf(stat, df);
    tests_run++;
    if (!expect_reject) {
        if (p < min_p) min_p = p;
        CHECK(impossible == 0, "%s: %lu draws fell on values that cannot occur", name, impossible);
        CHECK(p >= ALPHA_EACH, "%s: chi-square %.1f, df %d, p = %.3g < %.3g: biased", name, stat, df, p, ALPHA_EACH);
    } else {
        CHECK(p < ALPHA_EACH, "self-test: the biased sampler '%s' passed (chi-square %.1f, df %d, p = %.3g)", name, stat,
              df, p);
    }
    printf("  %-58s n=%-8lu df=%-3d chi2=%-9.1f p=%.3g\n", name, n, df, stat, p);
    return p;
}

static void uniform(double *prob, int k)
{
    int i;
    for (i = 0; i < k; i++) prob[i] = 1.0 / k;
}

static void must(int32_t st, const char *what)
{
    if (st != SECRETS_OK) {
        printf("FAIL %s: status %d (%s)\n", what, (int)st, secrets_strerror(st));
        exit(1);
    }
}

/* ---- integers ---- */
typedef int32_t (*below_u64_fn)(uint64_t upper, uint64_t *out);

static int32_t naive_modulo(uint64_t upper, uint64_t *out) /* biased: x % upper */
{
    uint64_t x;
    int32_t st = secrets_randbits_u64(64, &x);
    *out = x % upper;
    return st;
}

static int32_t naive_choice(size_t len, size_t *out) /* biased: byte % len */
{
    uint8_t b;
    int32_t st = secrets_token_bytes(&b, 1);
    *out = b % len;
    return st;
}

static void integers(below_u64_fn below, int32_t (*choice)(size_t, size_t *))
{
    const uint64_t b1 = 3ull << 62, b2 = UINT64_MAX, third2 = UINT64_MAX / 3;
    const unsigned long N = 300000;
    unsigned long thirds1[3] = { 0 }, thirds2[3] = { 0 }, low[256] = { 0 }, i;
    double p3[3], p256[256], p62[62], p32[32];
    uniform(p3, 3);
    uniform(p256, 256);
    uniform(p62, 62);
    uniform(p32, 32);
    for (i = 0; i < N; i++) {
        uint64_t x, y;
        must(below(b1, &x), "randbelow_u64(3*2^62)");
        must(below(b2, &y), "randbelow_u64(2^64-1)");
        thirds1[x >> 62]++; /* 0, 1 or 2: [0,2^62), [2^62,2^63), [2^63,3*2^62) */
        low[x & 0xff]++;    /* 3*2^62 is a multiple of 256 */
        thirds2[y / third2 < 3 ? y / third2 : 2]++; /* 2^64-1 = 3 * third2 exactly */
    }
    chi2("randbelow_u64(3*2^62): thirds", thirds1, p3, 3);
    if (expect_reject) {
        /* (x % (2^64-1) is biased on one value only, and x % (3*2^62) leaves the
         * low byte uniform: those two tests are not expected to see it) */
        /* the choice test against a biased byte % 62 */
        unsigned long c[62] = { 0 };
        for (i = 0; i < 310000; i++) {
            size_t k;
            must(choice(62, &k), "naive choice");
            c[k]++;
        }
        chi2("choice_index(62)", c, p62, 62);
        return;
    }
    chi2("randbelow_u64(2^64-1): thirds", thirds2, p3, 3);
    chi2("randbelow_u64(3*2^62): low byte", low, p256, 256);
    {
        /* big-endian randbelow: upper = 3 * 2^128 (17 bytes), thirds by the top byte */
        uint8_t upper[17] = { 3 }, out[17];
        unsigned long t[3] = { 0 };
        for (i = 0; i < 100000; i++) {
            must(secrets_randbelow(upper, sizeof upper, out), "randbelow(3*2^128)");
            if (out[0] < 3) t[out[0]]++;
            else CHECK(0, "randbelow(3*2^128) returned a value >= the bound");
        }
        chi2("randbelow(3*2^128) big-endian: thirds", t, p3, 3);
    }
    {
        uint8_t out[2];
        unsigned long t[32] = { 0 }, high = 0;
        for (i = 0; i < 100000; i++) {
            must(secrets_randbits(13, out, 2), "randbits(13)");
            if (out[0] < 32) t[out[0]]++;
            else high++;
        }
        CHECK(high == 0, "randbits(13): %lu results with bits above 2^13 set", high);
        chi2("randbits(13): top byte", t, p32, 32);
    }
    {
        unsigned long c[62] = { 0 };
        for (i = 0; i < 310000; i++) {
            size_t k;
            must(choice(62, &k), "choice_index(62)");
            if (k < 62) c[k]++;
            else CHECK(0, "choice_index(62) returned %zu", k);
        }
        chi2("choice_index(62)", c, p62, 62);
    }
}

/* ---- per-position character frequencies ---- */
static int index_in(const char *alphabet, char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

/* A token of `nchars` characters, each `width` bits, carrying nbits bits:
 * the last character's low (width*nchars - nbits) bits are zero. */
static void token_positions(const char *name, const char *alphabet, int width, size_t nbytes,
                            int32_t (*fn)(char *, size_t, size_t))
{
    enum { N = 64000, MAXC = 64 };
    size_t nchars = ((size_t)8 * nbytes + (size_t)width - 1) / (size_t)width;
    int k = 1 << width, pad = (int)(nchars * (size_t)width - 8 * nbytes), pos, v;
    static unsigned long counts[MAXC][64];
    char buf[MAXC + 1];
    unsigned long i, outside = 0, bad_len = 0;
    memset(counts, 0, sizeof counts);
    for (i = 0; i < N; i++) {
        must(fn(buf, sizeof buf, nbytes), name);
        bad_len += strlen(buf) != nchars;
        for (pos = 0; pos < (int)nchars; pos++) {
            int c = index_in(alphabet, buf[pos]);
            if (c < 0) outside++;
            else counts[pos][c]++;
        }
    }
    CHECK(outside == 0, "%s: %lu characters outside the alphabet", name, outside);
    CHECK(bad_len == 0, "%s: %lu tokens of the wrong length", name, bad_len);
    for (pos = 0; pos < (int)nchars; pos++) {
        double prob[64];
        char label[96];
        int last = pos == (int)nchars - 1, reachable = 0;
        for (v = 0; v < k; v++) {
            prob[v] = (!last || v % (1 << pad) == 0) ? 1.0 : 0.0;
            reachable += prob[v] > 0;
        }
        for (v = 0; v < k; v++) prob[v] /= reachable;
        snprintf(label, sizeof label, "%s: position %d%s", name, pos, last && pad ? " (padding bits)" : "");
        chi2(label, counts[pos], prob, k);
    }
}

static int32_t hex16(char *b, size_t s, size_t n) { return secrets_token_hex(b, s, n); }
static int32_t url32(char *b, size_t s, size_t n) { return secrets_token_urlsafe(b, s, n); }
static int32_t b32(char *b, size_t s, size_t n) { return secrets_token_base32(b, s, n); }

static void tokens(void)
{
    token_positions("token_urlsafe(32)", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 6, 32, url32);
    token_positions("token_hex(16)", "0123456789abcdef", 4, 16, hex16);
    token_positions("token_base32(16)", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, 16, b32);
}

/* Index of the string s (length len over alphabet chars of 1 byte) in base |alphabet|. */
static long string_index(const char *s, size_t len, const char *alphabet)
{
    long idx = 0, k = (long)strlen(alphabet);
    size_t i;
    for (i = 0; i < len; i++) {
        int c = index_in(alphabet, s[i]);
        if (c < 0) return -1;
        idx = idx * k + c;
    }
    return idx;
}

static void password_uniform(const char *name, const char *alphabet, size_t length, size_t min_lower,
                             size_t min_upper, size_t min_digits, unsigned long n)
{
    secrets_password_policy p;
    long k = (long)strlen(alphabet), total = 1, idx;
    size_t i;
    unsigned long *obs, j;
    double *prob;
    int valid = 0;
    char buf[64];
    for (i = 0; i < length; i++) total *= k;
    obs = calloc((size_t)total, sizeof *obs);
    prob = calloc((size_t)total, sizeof *prob);
    if (!obs || !prob) exit(2);
    /* the valid strings: those meeting every minimum */
    for (idx = 0; idx < total; idx++) {
        long x = idx;
        size_t lo = 0, up = 0, dg = 0;
        for (i = 0; i < length; i++) {
            char c = alphabet[x % k];
            x /= k;
            lo += c >= 'a' && c <= 'z';
            up += c >= 'A' && c <= 'Z';
            dg += c >= '0' && c <= '9';
        }
        prob[idx] = lo >= min_lower && up >= min_upper && dg >= min_digits;
        valid += prob[idx] > 0;
    }
    for (idx = 0; idx < total; idx++) prob[idx] /= valid;
    memset(&p, 0, sizeof p);
    p.length = length;
    p.alphabet = alphabet;
    p.alphabet_len = strlen(alphabet);
    p.min_lower = min_lower;
    p.min_upper = min_upper;
    p.min_digits = min_digits;
    for (j = 0; j < n; j++) {
        must(secrets_password(buf, sizeof buf, &p), name);
        idx = strlen(buf) == length ? string_index(buf, length, alphabet) : -1;
        if (idx < 0) {
            CHECK(0, "%s: output \"%s\" is not %zu characters of the alphabet", name, buf, length);
            continue;
        }
        /* string_index reads most significant first; the enumeration above
         * decoded least significant first: reverse to match */
        {
            long r = 0, x = idx;
            for (i = 0; i < length; i++) {
                r = r * k + x % k;
                x /= k;
            }
            obs[r]++;
        }
    }
    {
        char label[128];
        snprintf(label, sizeof label, "%s (%d valid strings)", name, valid);
        chi2(label, obs, prob, (int)total);
    }
    free(obs);
    free(prob);
}

static void generators(void)
{
    enum { N = 64000 };
    unsigned long i;
    int pos;
    {
        /* ASCII alphabet of 10 */
        static unsigned long c[16][10];
        double prob[10];
        char buf[17], label[64];
        uniform(prob, 10);
        for (i = 0; i < N; i++) {
            must(secrets_token_chars(buf, sizeof buf, 16, "abcdefghij", 10), "token_chars");
            for (pos = 0; pos < 16; pos++) {
                int k = index_in("abcdefghij", buf[pos]);
                if (k < 0) CHECK(0, "token_chars: character outside the alphabet");
                else c[pos][k]++;
            }
        }
        for (pos = 0; pos < 16; pos++) {
            snprintf(label, sizeof label, "token_chars(\"abcdefghij\"): position %d", pos);
            chi2(label, c[pos], prob, 10);
        }
    }
    {
        /* UTF-8 with a repeated code point: alpha beta gamma 'a' alpha -> alpha twice as likely */
        static const char alphabet[] = "\xce\xb1\xce\xb2\xce\xb3" "a" "\xce\xb1";
        static unsigned long c[8][4];
        const double prob[4] = { 0.4, 0.2, 0.2, 0.2 };
        char buf[8 * 2 + 1], label[80];
        for (i = 0; i < N; i++) {
            const unsigned char *s;
            must(secrets_token_chars(buf, sizeof buf, 8, alphabet, sizeof alphabet - 1), "token_chars utf-8");
            s = (const unsigned char *)buf;
            for (pos = 0; pos < 8; pos++) {
                int k = -1;
                if (s[0] == 'a') {
                    k = 3;
                    s += 1;
                } else if (s[0] == 0xce && s[1] >= 0xb1 && s[1] <= 0xb3) {
                    k = s[1] - 0xb1;
                    s += 2;
                }
                if (k < 0) {
                    CHECK(0, "token_chars utf-8: unexpected output \"%s\"", buf);
                    break;
                }
                c[pos][k]++;
            }
            CHECK(*s == 0, "token_chars utf-8: more than 8 code points");
        }
        for (pos = 0; pos < 8; pos++) {
            snprintf(label, sizeof label, "token_chars(\"\\u03b1\\u03b2\\u03b3a\\u03b1\"): position %d", pos);
            chi2(label, c[pos], prob, 4);
        }
    }
    password_uniform("password(length 3, \"ab1\", min_digits 1)", "ab1", 3, 0, 0, 1, 95000);
    password_uniform("password(length 4, \"aB1\", lower, upper, digit >= 1)", "aB1", 4, 1, 1, 1, 180000);
    {
        static const char *const words[3] = { "alpha", "beta", "gamma" };
        unsigned long c[9] = { 0 };
        double prob[9];
        char buf[64];
        uniform(prob, 9);
        for (i = 0; i < 90000; i++) {
            int a = -1, b = -1, x, y;
            must(secrets_passphrase(buf, sizeof buf, 2, words, 3, " "), "passphrase");
            for (x = 0; x < 3; x++)
                for (y = 0; y < 3; y++) {
                    char want[32];
                    snprintf(want, sizeof want, "%s %s", words[x], words[y]);
                    if (strcmp(buf, want) == 0) a = x, b = y;
                }
            if (a < 0) CHECK(0, "passphrase: unexpected output \"%s\"", buf);
            else c[a * 3 + b]++;
        }
        chi2("passphrase(2 of 3 words)", c, prob, 9);
    }
}

static void systemrandom(void)
{
    unsigned long i;
    {
        unsigned long c[24] = { 0 };
        double prob[24];
        uniform(prob, 24);
        for (i = 0; i < 240000; i++) {
            int a[4] = { 0, 1, 2, 3 }, rank = 0, j, m, used[4] = { 0 };
            must(secrets_shuffle(a, 4, sizeof a[0]), "shuffle");
            /* Lehmer code of the permutation */
            for (j = 0; j < 4; j++) {
                int smaller = 0;
                if (a[j] < 0 || a[j] > 3 || used[a[j]]) {
                    CHECK(0, "shuffle: not a permutation");
                    rank = -1;
                    break;
                }
                for (m = 0; m < a[j]; m++) smaller += !used[m];
                used[a[j]] = 1;
                rank = rank * (4 - j) + smaller;
            }
            if (rank >= 0) c[rank]++;
        }
        chi2("shuffle of 4: all 24 orders", c, prob, 24);
    }
    {
        unsigned long c[25] = { 0 };
        double prob[25];
        for (i = 0; i < 25; i++) prob[i] = (i / 5 == i % 5) ? 0.0 : 1.0 / 20;
        for (i = 0; i < 200000; i++) {
            size_t out[2];
            must(secrets_sample(5, 2, out), "sample");
            if (out[0] < 5 && out[1] < 5) c[out[0] * 5 + out[1]]++;
            else CHECK(0, "sample(5, 2): index out of range");
        }
        chi2("sample(5, 2): all 20 ordered pairs", c, prob, 25);
    }
    {
        unsigned long c[7] = { 0 };
        double prob[7];
        size_t out[100];
        int j;
        uniform(prob, 7);
        for (i = 0; i < 2000; i++) {
            must(secrets_choices(NULL, 7, 100, out), "choices");
            for (j = 0; j < 100; j++) c[out[j] < 7 ? out[j] : 0]++;
        }
        chi2("choices(NULL, 7): equal weights", c, prob, 7);
    }
    {
        const double w[4] = { 1, 2, 3, 4 };
        const double prob[4] = { 0.1, 0.2, 0.3, 0.4 };
        unsigned long c[4] = { 0 };
        size_t out[100];
        int j;
        for (i = 0; i < 2000; i++) {
            must(secrets_choices(w, 4, 100, out), "choices weighted");
            for (j = 0; j < 100; j++) c[out[j] < 4 ? out[j] : 0]++;
        }
        chi2("choices(weights 1:2:3:4)", c, prob, 4);
    }
    {
        /* randrange(-10, 11, 3): -10, -7, -4, -1, 2, 5, 8 */
        unsigned long c[7] = { 0 };
        double prob[7];
        uniform(prob, 7);
        for (i = 0; i < 140000; i++) {
            int64_t x;
            must(secrets_randrange(-10, 11, 3, &x), "randrange");
            if (x >= -10 && x <= 8 && (x + 10) % 3 == 0) c[(x + 10) / 3]++;
            else CHECK(0, "randrange(-10, 11, 3) returned %lld", (long long)x);
        }
        chi2("randrange(-10, 11, 3)", c, prob, 7);
    }
    {
        unsigned long c[64] = { 0 }, lsb[2] = { 0 };
        double prob[64], p2[2] = { 0.5, 0.5 };
        uniform(prob, 64);
        for (i = 0; i < 200000; i++) {
            double x;
            must(secrets_random(&x), "random");
            if (x >= 0 && x < 1) {
                double m = x * 9007199254740992.0; /* 2^53: an integer */
                c[(int)(x * 64)]++;
                lsb[(uint64_t)m & 1]++;
            } else {
                CHECK(0, "random() returned %g", x);
            }
        }
        chi2("random(): 64 buckets", c, prob, 64);
        chi2("random(): lowest of its 53 bits", lsb, p2, 2);
    }
}

/* ---- ent ---- */
static int run_ent(void)
{
    char path[] = "/tmp/libsecrets-ent.XXXXXX", cmd[256], line[512];
    const size_t total = 8u << 20, chunk = 1u << 16;
    unsigned char *buf = malloc(chunk);
    size_t done;
    int fd = mkstemp(path);
    FILE *f;
    double bytes = 0, entropy = 0, chisq = 0, mean = 0, pi = 0, serial = 0;
    int parsed = 0;
    if (system("command -v ent >/dev/null 2>&1") != 0) {
        printf("SKIP: ent is not installed (Debian package ent)\n");
        return TEST_SKIP;
    }
    if (fd < 0 || !buf) return 2;
    for (done = 0; done < total; done += chunk) {
        must(secrets_token_bytes(buf, chunk), "token_bytes");
        if (write(fd, buf, chunk) != (ssize_t)chunk) return 2;
    }
    close(fd);
    snprintf(cmd, sizeof cmd, "ent -t %s", path);
    f = popen(cmd, "r");
    while (f && fgets(line, sizeof line, f))
        if (line[0] == '1' && line[1] == ',')
            parsed = sscanf(line, "1,%lf,%lf,%lf,%lf,%lf,%lf", &bytes, &entropy, &chisq, &mean, &pi, &serial) == 6;
    if (f) pclose(f);
    unlink(path);
    free(buf);
    CHECK(parsed && bytes == (double)total, "could not read ent's output");
    if (!parsed) return 1;
    printf("  ent: %.0f bytes, entropy %.6f bits/byte, chi-square %.2f, mean %.4f, pi %.6f, serial correlation %.6f\n",
           bytes, entropy, chisq, mean, pi, serial);
    {
        /* chi-square with 255 df: too high (biased) or too low (too regular, a counter) both fail */
        double p_hi = chi2_sf(chisq, 255), p = 2 * (p_hi < 0.5 ? p_hi : 1 - p_hi);
        /* mean of N uniform bytes: sd sqrt((256^2-1)/12/N); serial correlation: sd ~ 1/sqrt(N) */
        double z_mean = (mean - 127.5) / sqrt((65536.0 - 1) / 12.0 / bytes);
        double p_mean = erfc(fabs(z_mean) / sqrt(2.0));
        double p_serial = erfc(fabs(serial) * sqrt(bytes) / sqrt(2.0));
        tests_run += 3;
        printf("  %-58s p=%.3g (two-sided)\n", "ent chi-square", p);
        printf("  %-58s p=%.3g\n", "ent arithmetic mean", p_mean);
        printf("  %-58s p=%.3g\n", "ent serial correlation", p_serial);
        CHECK(p >= ALPHA_EACH, "ent chi-square %.2f is extreme (two-sided p = %.3g)", chisq, p);
        CHECK(p_mean >= ALPHA_EACH, "ent mean %.4f is off (p = %.3g)", mean, p_mean);
        CHECK(p_serial >= ALPHA_EACH, "ent serial correlation %.6f is off (p = %.3g)", serial, p_serial);
    }
    return 0;
}

static int self_test(void)
{
    /* known values */
    CHECK(fabs(chi2_sf(2.0, 2) - exp(-1.0)) < 1e-12, "chi2_sf(2, df 2)");
    CHECK(fabs(chi2_sf(23.2093, 10) - 0.01) < 1e-5, "chi2_sf(23.2093, df 10) = %.6g", chi2_sf(23.2093, 10));
    CHECK(fabs(chi2_sf(3.841459, 1) - 0.05) < 1e-6, "chi2_sf(3.841459, df 1) = %.6g", chi2_sf(3.841459, 1));
    CHECK(fabs(chi2_sf(293.2478, 255) - 0.05) < 1e-4, "chi2_sf(293.2478, df 255) = %.6g", chi2_sf(293.2478, 255));
    CHECK(fabs(chi2_sf(10.0, 30) - 0.99977) < 1e-4, "chi2_sf(10, df 30) = %.6g", chi2_sf(10.0, 30));
    printf("  p-value function: known values OK; threshold per test %.3g (budget %g over %d tests)\n", ALPHA_EACH,
           TOTAL_ALPHA, PLANNED_TESTS);
    /* biased samplers must be rejected: x % (3*2^62) makes the first third twice as likely
     * (thirds and low-byte tests), byte % 62 favours 0..7 */
    expect_reject = 1;
    integers(naive_modulo, naive_choice);
    expect_reject = 0;
    return test_finish();
}

static void all_integers(void)
{
    integers(secrets_randbelow_u64, secrets_choice_index);
}

/* The statistical modes: how many tests each plans (the Bonferroni budget
 * assumes the plan), and what runs them; NULL where the header lacks the
 * functions, with what is missing. */
static const struct {
    const char *name;
    int planned;
    void (*run)(void);
    const char *missing;
} modes[] = {
    { "integers", 6, all_integers, NULL },
    { "tokens", 101, tokens, NULL },
    { "generators", 27, generators, NULL },
    { "systemrandom", 7, systemrandom, NULL },
};

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    int planned = -1, r;
    size_t m;
    test_start(argc > 1 ? argv[1] : "bias");
    if (strcmp(mode, "--self-test") == 0) return self_test();
    if (strcmp(mode, "ent") == 0) {
        r = run_ent();
        if (r == TEST_SKIP) return r;
        CHECK(tests_run == 3, "ent: %d tests run, 3 planned", tests_run);
        return test_finish();
    }
    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        if (strcmp(mode, modes[m].name) != 0) continue;
        if (!modes[m].run) {
            printf("SKIP: %s\n", modes[m].missing);
            return TEST_SKIP;
        }
        planned = modes[m].planned;
        modes[m].run();
    }
    if (planned < 0) {
        fprintf(stderr, "usage: %s integers|tokens|generators|systemrandom|ent|--self-test\n", argv[0]);
        return 2;
    }
    CHECK(tests_run == planned, "%s: %d tests run, %d planned (the Bonferroni budget assumes the plan)", mode, tests_run,
          planned);
    printf("  %d tests, smallest p = %.3g, threshold %.3g per test (total false-alarm budget %g over %d tests)\n",
           tests_run, min_p, ALPHA_EACH, TOTAL_ALPHA, PLANNED_TESTS);
    return test_finish();
}
