/*
 * ct_additions.c - constant-time gate for secrets_equal, secrets_uuid_format
 * and the decoders secrets_hex_decode, secrets_base64_decode and
 * secrets_base64url_decode, run under valgrind memcheck like ct_compare.c.
 *
 * The secret inputs are marked undefined with VALGRIND_MAKE_MEM_UNDEFINED
 * (the lengths stay defined); memcheck then reports every conditional jump
 * and every memory address that depends on them.  Results are marked
 * defined before this program looks at them.
 *
 *  - secrets_equal: both inputs undefined (as compare_digest in ct_compare.c).
 *  - secrets_uuid_format: the 16 bytes undefined.
 *  - decoders: the text undefined, valid and invalid (a bad character at the
 *    start, the middle or the end; non-zero trailing bits; bad padding
 *    inside), so that the status, the zeroed output and *decoded_len are
 *    computed without a branch on the text.  For base64 and base64url the
 *    last two characters of a text whose length is a multiple of 4 stay
 *    defined: whether they are '=' fixes the decoded length, which the call
 *    returns (the header documents the padding as public).  Every other
 *    character, and every character of a hex text, is undefined.
 *
 *     valgrind --error-exitcode=99 ./ct_additions
 *     valgrind ./ct_additions --self-test
 *
 * The self-test is the test of the test: a naive hex decoder that indexes a
 * table with the digit, a naive one that branches per digit and stops at
 * the first bad one, and a naive base64 digit decoder built on strchr must
 * each be flagged; a branch-free control decoder written here must not be.
 *
 * Without valgrind both modes exit 77 (skipped).
 */
#define CT_RNG_SEED 0x2545f4914f6cdd1du
#include "ct.h"
#include "reference.h"

static size_t ref_hex(const unsigned char *in, size_t n, char *out)
{
    static const char mixed[] = "0123456789abcdef0123456789ABCDEF";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = mixed[(in[i] >> 4) + 16 * (i & 1)];
        out[2 * i + 1] = mixed[(in[i] & 15) + 16 * ((i >> 1) & 1)];
    }
    out[2 * n] = '\0';
    return 2 * n;
}

/* ---- secrets_equal ------------------------------------------------------------- */

static unsigned long equal_cases;

static void equal_case(const unsigned char *a_src, size_t a_len, const unsigned char *b_src, size_t b_len, int want,
                       const char *what)
{
    struct ct_pair p = ct_pair_secret(a_src, a_len, b_src, b_len, 0);
    bool r = secrets_equal(p.a, a_len, p.b, b_len);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    equal_cases++;
    ct_pair_judge(&p, "secrets_equal", a_len, b_len, what, (int)r, want != 0);
}

/* ---- secrets_uuid_format -------------------------------------------------------- */

static void uuid_format_cases(void)
{
    unsigned char *u = alloc(16);
    char out[37], want[37];
    static const char hex[] = "0123456789abcdef";
    int round;
    unsigned long before, reports = 0;
    for (round = 0; round < 64; round++) {
        size_t i, o = 0;
        int32_t r;
        for (i = 0; i < 16; i++) u[i] = round < 2 ? (unsigned char)(round ? 0xff : 0) : next_byte();
        for (i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) want[o++] = '-';
            want[o++] = hex[u[i] >> 4];
            want[o++] = hex[u[i] & 15];
        }
        want[36] = '\0';
        before = errors_now();
        VALGRIND_MAKE_MEM_UNDEFINED(u, 16);
        r = secrets_uuid_format(u, 16, out, sizeof out);
        VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
        VALGRIND_MAKE_MEM_DEFINED(out, sizeof out);
        reports += errors_now() - before;
        VALGRIND_MAKE_MEM_DEFINED(u, 16);
        CHECK(r == SECRETS_OK && strcmp(out, want) == 0, "secrets_uuid_format round %d: \"%s\", want \"%s\"", round, out,
              want);
    }
    CHECK(reports == 0, "secrets_uuid_format: %lu memcheck report(s) over 64 UUIDs", reports);
    printf("uuid_format: 64 UUIDs, %lu memcheck report(s)\n", reports);
    free(u);
}

/* ---- decoders ------------------------------------------------------------------- */

enum { HEX, BASE64, BASE64URL };
static const char *const NAME[3] = { "secrets_hex_decode", "secrets_base64_decode", "secrets_base64url_decode" };

static int32_t decode(int which, void *out, size_t out_len, const char *text, size_t len, size_t *dl)
{
    switch (which) {
    case HEX: return secrets_hex_decode(out, out_len, text, len, dl);
    case BASE64: return secrets_base64_decode(out, out_len, text, len, dl);
    default: return secrets_base64url_decode(out, out_len, text, len, dl);
    }
}

static unsigned long decode_cases, decode_reports;

/* Decodes src (len bytes) with the text undefined (see the top of the file);
 * want_ok: whether it must succeed, with want[0..want_len) */
static void decode_case(int which, const char *src, size_t len, int want_ok, const unsigned char *want, size_t want_len,
                        const char *what)
{
    char *text = (char *)alloc(len);
    size_t out_len = len + 4, dl = 12345, undefined = len, i;
    unsigned char *out = alloc(out_len);
    int32_t r;
    unsigned long before;
    if (len) memcpy(text, src, len);
    memset(out, 0xa5, out_len);
    if (which != HEX && len % 4 == 0 && len >= 2) undefined = len - 2; /* the padding is public */
    before = errors_now();
    VALGRIND_MAKE_MEM_UNDEFINED(text, undefined);
    r = decode(which, out, out_len, text, len, &dl);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    VALGRIND_MAKE_MEM_DEFINED(&dl, sizeof dl);
    VALGRIND_MAKE_MEM_DEFINED(out, out_len);
    decode_cases++;
    decode_reports += errors_now() - before;
    CHECK(errors_now() == before, "%s(text_len=%zu, %s): %lu memcheck report(s) (branch or index on the text)",
          NAME[which], len, what, errors_now() - before);
    if (want_ok) {
        CHECK(r == SECRETS_OK && dl == want_len && memcmp(out, want, want_len) == 0, "%s(%s): status %d, %zu bytes",
              NAME[which], what, (int)r, dl);
        for (i = want_len; i < out_len && out[i] == 0xa5; i++) {}
        CHECK(i == out_len, "%s(%s): bytes past the decoded length were changed", NAME[which], what);
    } else {
        CHECK(r == SECRETS_ERR_INVALID_ARGUMENT && dl == 12345, "%s(%s): status %d (want INVALID_ARGUMENT), "
              "*decoded_len %zu (want untouched)", NAME[which], what, (int)r, dl);
        for (i = 0; i < out_len && out[i] == 0; i++) {}
        CHECK(i == out_len, "%s(%s): out not zeroed on failure", NAME[which], what);
    }
    free(text);
    free(out);
}

static void sweep_decoders(size_t n)
{
    unsigned char *data = alloc(n + 1);
    char *t = (char *)alloc(2 * n + 8);
    size_t len, i, pos[3];
    int which, p, pad, form;
    char what[96];
    for (i = 0; i < n; i++) data[i] = next_byte();

    for (form = 0; form < 4; form++) {
            /* hex; base64 (padded); base64url unpadded; base64url padded */
            static const int forms[4][2] = { { HEX, 0 }, { BASE64, 1 }, { BASE64URL, 0 }, { BASE64URL, 1 } };
            which = forms[form][0];
            pad = forms[form][1];
            if (which == HEX) len = ref_hex(data, n, t);
            else len = ref_b64(data, n, which == BASE64 ? B64 : URL, pad, t);
            snprintf(what, sizeof what, "%zu bytes, valid%s", n, which == BASE64URL ? (pad ? ", padded" : ", unpadded") : "");
            decode_case(which, t, len, 1, data, n, what);
            if (len == 0) continue;
            /* a bad character at the start, the middle, the last digit */
            pos[0] = 0;
            pos[1] = len / 2;
            pos[2] = len - 1;
            while (pos[2] > 0 && t[pos[2]] == '=') pos[2]--;
            for (p = 0; p < 3; p++) {
                char saved = t[pos[p]];
                t[pos[p]] = p == 0 ? ' ' : p == 1 ? (which == BASE64 ? '-' : which == BASE64URL ? '+' : 'g') : '\xc3';
                snprintf(what, sizeof what, "%zu bytes, bad character at %zu", n, pos[p]);
                decode_case(which, t, len, 0, NULL, 0, what);
                t[pos[p]] = saved;
            }
            if (which != HEX && n % 3 != 0) {
                /* non-zero trailing bits in the last digit */
                const char *alphabet = which == BASE64 ? B64 : URL;
                char saved = t[pos[2]];
                t[pos[2]] = alphabet[(strchr(alphabet, saved) - alphabet) | 1];
                snprintf(what, sizeof what, "%zu bytes, non-zero trailing bits", n);
                decode_case(which, t, len, 0, NULL, 0, what);
                t[pos[2]] = saved;
            }
            if (which != HEX && len >= 8) {
                /* '=' inside the text */
                char saved = t[1];
                t[1] = '=';
                snprintf(what, sizeof what, "%zu bytes, '=' at position 1", n);
                decode_case(which, t, len, 0, NULL, 0, what);
                t[1] = saved;
            }
        }
    free(data);
    free(t);
}

/* ---- the test of the test --------------------------------------------------------- */

/* A hex decoder indexing a 256-entry table with the character. */
static signed char HEXVAL[256];

__attribute__((noinline)) static int naive_table_hex(const char *t, size_t len, unsigned char *out)
{
    size_t i;
    int bad = 0;
    for (i = 0; i + 1 < len; i += 2) {
        int hi = HEXVAL[(unsigned char)t[i]], lo = HEXVAL[(unsigned char)t[i + 1]];
        bad |= (hi | lo) < 0 ? 1 : 0;
        out[i / 2] = (unsigned char)(hi << 4 | (lo & 15));
    }
    return !bad;
}

/* A hex decoder that branches per character and stops at the first bad one. */
__attribute__((noinline)) static int naive_branchy_hex(const char *t, size_t len, unsigned char *out)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned v;
        char c = t[i];
        if (c >= '0' && c <= '9') v = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v = (unsigned)(c - 'A' + 10);
        else return 0;
        if (i % 2) out[i / 2] = (unsigned char)(out[i / 2] | v);
        else out[i / 2] = (unsigned char)(v << 4);
    }
    return 1;
}

/* A base64 digit decoder built on strchr (a search that stops at the digit). */
__attribute__((noinline)) static int naive_strchr_b64(const char *t, size_t len, unsigned char *out)
{
    size_t i;
    int ok = 1;
    for (i = 0; i < len; i++) {
        const char *p = strchr(B64, t[i]);
        ok &= p != NULL && t[i] != '\0';
        out[i] = (unsigned char)(p ? p - B64 : 0);
    }
    return ok;
}

/* Branch-free control, the way the library does it: masks only. */
__attribute__((noinline)) static int control_hex(const char *t, size_t len, unsigned char *out)
{
    size_t i;
    unsigned bad = 0;
    for (i = 0; i < len; i++) {
        unsigned c = (unsigned char)t[i];
        unsigned num = ((c - '0') | ('9' - c)) >> 31 ^ 1u;        /* 1 if '0' <= c <= '9' */
        unsigned lc = c | 32u;
        unsigned alpha = ((lc - 'a') | ('f' - lc)) >> 31 ^ 1u;    /* 1 if a-f, either case */
        unsigned v = ((0u - num) & (c - '0')) | ((0u - alpha) & (lc - 'a' + 10));
        bad |= (num | alpha) ^ 1u;
        out[i / 2] = (unsigned char)(i % 2 ? out[i / 2] | (v & 15) : (v & 15) << 4);
    }
    return (int)(1u & (bad ^ 1u));
}

static unsigned long flagged_by(int (*f)(const char *, size_t, unsigned char *), const char *src, size_t len,
                                int *result)
{
    char *t = (char *)alloc(len + 1);
    unsigned char *out = alloc(len);
    unsigned long before;
    int r;
    memcpy(t, src, len);
    t[len] = '\0';
    before = errors_now();
    VALGRIND_MAKE_MEM_UNDEFINED(t, len);
    r = f(t, len, out);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    before = errors_now() - before;
    *result = r;
    free(t);
    free(out);
    return before;
}

/* f on a valid text must (flag) or must not (!flag) be flagged, and
 * return 1; why says what a wrong outcome would mean. */
static void expect_flagged(int (*f)(const char *, size_t, unsigned char *), const char *name, const char *src,
                           size_t len, int flag, const char *why)
{
    int r;
    unsigned long n = flagged_by(f, src, len, &r);
    printf("%s: %lu memcheck report(s)\n", name, n);
    CHECK((n > 0) == flag, "the %s was %s%s%s", name, flag ? "not flagged" : "flagged", *why ? ": " : "", why);
    CHECK(r == 1, "%s result", name);
}

static void self_test(void)
{
    static const char hex[] = "00ff7f80a5c3e1d2b4968778695a4b3c2d1e0f10";
    static const char b64[] = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=";
    unsigned long f;
    int r, i;
    for (i = 0; i < 256; i++) HEXVAL[i] = -1;
    for (i = 0; i < 10; i++) HEXVAL['0' + i] = (signed char)i;
    for (i = 0; i < 6; i++) HEXVAL['a' + i] = HEXVAL['A' + i] = (signed char)(10 + i);

    expect_flagged(naive_table_hex, "naive table-lookup hex decoder", hex, sizeof hex - 1, 1,
                   "the harness cannot see secret memory indices");
    expect_flagged(naive_branchy_hex, "naive branchy hex decoder", hex, sizeof hex - 1, 1,
                   "the harness cannot see secret-dependent branches");
    expect_flagged(naive_strchr_b64, "naive strchr base64 decoder", b64, sizeof b64 - 2, 1, "");
    expect_flagged(control_hex, "branch-free hex decoder (control)", hex, sizeof hex - 1, 0,
                   "the harness reports false positives");
    f = flagged_by(control_hex, "00fg", 4, &r);
    CHECK(f == 0 && r == 0, "the branch-free control decoder on a bad digit: %lu report(s), result %d", f, r);
}

static void gate(void)
{
    size_t n;
    for (n = 0; n <= 64; n++) ct_sweep_pairs(n, equal_case);
    ct_sweep_pairs(4096, equal_case);
    printf("equal: %lu cases (lengths 0..64 and 4096), %lu memcheck report(s) so far\n", equal_cases, errors_now());
    uuid_format_cases();
    for (n = 0; n <= 40; n++) sweep_decoders(n);
    sweep_decoders(255);
    sweep_decoders(1024);
    printf("decoders: %lu cases (0..40, 255 and 1024 bytes; valid, bad characters, trailing bits, inner '='), "
           "%lu memcheck report(s)\n", decode_cases, decode_reports);
}

int main(int argc, char **argv)
{
    return ct_main("ct_additions", argc, argv, self_test, gate);
}
