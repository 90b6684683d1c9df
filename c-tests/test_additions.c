/* The additions: secrets_equal; the size helpers of token_chars, password,
 * passphrase and passphrase_eff; uuid4_bytes, uuid7_bytes, uuid_format;
 * token_base64 and its size; the hex, base64 and base64url decoders;
 * passphrase_eff.  Results, every status, NULL and overflowing sizes, and
 * what a failure leaves behind ("" or zeroed bytes, scalars untouched). */
#include <stdbool.h>

#include "reference.h"
#include "test.h"

#define FILL 0xA5
#define SENTINEL ((size_t)0x5eed)

static size_t ref_hex(const unsigned char *in, size_t n, int upper, char *out)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
    return 2 * n;
}

/* ---- secrets_equal ---- */

static void test_equal(void)
{
    unsigned char a[40], b[40];
    size_t i;
    EXPECT_STATUS(secrets_token_bytes(a, sizeof a), SECRETS_OK);
    memcpy(b, a, sizeof a);
    EXPECT(secrets_equal(a, 40, b, 40));
    EXPECT(secrets_equal(NULL, 0, NULL, 0));
    EXPECT(secrets_equal(a, 0, NULL, 0));
    EXPECT(!secrets_equal(a, 40, b, 39));
    EXPECT(!secrets_equal(a, 39, b, 40));
    for (i = 0; i < 40; i++) {
        b[i] ^= 0x10;
        EXPECT(!secrets_equal(a, 40, b, 40));
        EXPECT(secrets_compare_digest(a, 40, b, 40) == 0);
        b[i] ^= 0x10;
    }
    /* fail closed: compare_digest says -1 (a non-zero value), equal says false */
    EXPECT_STATUS(secrets_compare_digest(NULL, 4, b, 4), SECRETS_ERR_NULL_POINTER);
    EXPECT(!secrets_equal(NULL, 4, b, 4));
    EXPECT(!secrets_equal(b, 4, NULL, 4));
    EXPECT(!secrets_equal(NULL, 4, NULL, 4));
    EXPECT(!secrets_equal(NULL, SIZE_MAX, NULL, SIZE_MAX));
}

/* ---- size helpers ---- */

/* f at exactly `size` succeeds; one byte short is BUFFER_TOO_SMALL with "" left */
#define EXPECT_EXACT(call_with_size, size)                                     \
    do {                                                                       \
        size_t s_ = (size);                                                    \
        char *buf_ = big;                                                      \
        memset(big, FILL, sizeof big);                                         \
        { size_t out_size = s_; EXPECT_STATUS(call_with_size, SECRETS_OK); }   \
        EXPECT(strlen(buf_) < s_);                                             \
        EXPECT_BYTES(buf_ + s_, 16, FILL);                                     \
        memset(big, FILL, sizeof big);                                         \
        { size_t out_size = s_ - 1;                                            \
          EXPECT_STATUS(call_with_size, SECRETS_ERR_BUFFER_TOO_SMALL); }       \
        if (s_ >= 2) EXPECT(buf_[0] == '\0');                                  \
    } while (0)

static char big[4096];

static void test_size_helpers(void)
{
    static const char *const words[3] = { "a", "\xc3\xa9t\xc3\xa9", "xyz" }; /* 1, 5, 3 bytes */
    static const char *const badword[2] = { "ok", "\xff" };
    static const char *const nullword[2] = { "ok", NULL };
    secrets_password_policy p;
    size_t sz;
    int round;

    /* token_chars: length * longest + 1 */
    sz = SENTINEL;
    EXPECT_STATUS(secrets_token_chars_size(10, "ab\xe2\x82\xac", 5, &sz), SECRETS_OK);
    EXPECT(sz == 31);
    for (round = 0; round < 3; round++)
        EXPECT_EXACT(secrets_token_chars(buf_, out_size, 10, "ab\xe2\x82\xac", 5), 31);
    sz = SENTINEL;
    EXPECT_STATUS(secrets_token_chars_size(0, NULL, 0, &sz), SECRETS_OK);
    EXPECT(sz == 1);
    sz = SENTINEL;
    EXPECT_STATUS(secrets_token_chars_size(3, "", 0, &sz), SECRETS_ERR_EMPTY);
    EXPECT_STATUS(secrets_token_chars_size(3, "a\xc3", 2, &sz), SECRETS_ERR_INVALID_UTF8);
    EXPECT_STATUS(secrets_token_chars_size(3, "a\0b", 3, &sz), SECRETS_ERR_INVALID_ARGUMENT);
    EXPECT_STATUS(secrets_token_chars_size(3, NULL, 2, &sz), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_token_chars_size(SIZE_MAX, "a", 1, &sz), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_token_chars_size(SIZE_MAX / 2 + 1, "\xc3\xa9", 2, &sz), SECRETS_ERR_TOO_LARGE);
    EXPECT(sz == SENTINEL);
    EXPECT_STATUS(secrets_token_chars_size(3, "abc", 3, NULL), SECRETS_ERR_NULL_POINTER);

    /* password: length * longest + 1, the policy checked as secrets_password does */
    memset(&p, 0, sizeof p);
    p.length = 20;
    sz = SENTINEL;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_OK);
    EXPECT(sz == 21);
    p.alphabet = "aB3\xe2\x82\xac"; /* a euro sign: 3 bytes */
    p.alphabet_len = strlen(p.alphabet);
    p.min_symbols = 1;
    p.min_digits = 1;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_OK);
    EXPECT(sz == 61);
    for (round = 0; round < 3; round++) EXPECT_EXACT(secrets_password(buf_, out_size, &p), 61);
    sz = SENTINEL;
    p.min_upper = 30;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_ERR_UNSATISFIABLE);
    p.min_upper = 0;
    p.alphabet = "abca";
    p.alphabet_len = 4;
    p.min_symbols = p.min_digits = 0;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_ERR_INVALID_ARGUMENT);
    p.alphabet = "ab\xff";
    p.alphabet_len = 3;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_ERR_INVALID_UTF8);
    p.alphabet = NULL;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_ERR_NULL_POINTER);
    p.alphabet_len = 0;
    p.length = SECRETS_PASSWORD_MAX_LENGTH + 1;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_ERR_TOO_LARGE);
    p.length = SIZE_MAX;
    EXPECT_STATUS(secrets_password_size(&p, &sz), SECRETS_ERR_TOO_LARGE);
    EXPECT_STATUS(secrets_password_size(NULL, &sz), SECRETS_ERR_NULL_POINTER);
    EXPECT(sz == SENTINEL);
    p.length = 8;
    EXPECT_STATUS(secrets_password_size(&p, NULL), SECRETS_ERR_NULL_POINTER);

    /* passphrase: nwords * longest + (nwords - 1) * separator + 1 */
    sz = SENTINEL;
    EXPECT_STATUS(secrets_passphrase_size(4, words, 3, "::", &sz), SECRETS_OK);
    EXPECT(sz == 4 * 5 + 3 * 2 + 1);
    for (round = 0; round < 3; round++)
        EXPECT_EXACT(secrets_passphrase(buf_, out_size, 4, words, 3, "::"), 27);
    EXPECT_STATUS(secrets_passphrase_size(4, words, 3, NULL, &sz), SECRETS_OK);
    EXPECT(sz == 4 * 5 + 3 + 1);
    EXPECT_STATUS(secrets_passphrase_size(0, NULL, 0, NULL, &sz), SECRETS_OK);
    EXPECT(sz == 1);
    sz = SENTINEL;
    EXPECT_STATUS(secrets_passphrase_size(2, words, 0, "-", &sz), SECRETS_ERR_EMPTY);
    EXPECT_STATUS(secrets_passphrase_size(2, badword, 2, "-", &sz), SECRETS_ERR_INVALID_UTF8);
    EXPECT_STATUS(secrets_passphrase_size(2, words, 3, "\xc3", &sz), SECRETS_ERR_INVALID_UTF8);
    EXPECT_STATUS(secrets_passphrase_size(2, nullword, 2, "-", &sz), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_passphrase_size(2, NULL, 3, "-", &sz), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_passphrase_size(SIZE_MAX / 4, words, 3, "-", &sz), SECRETS_ERR_TOO_LARGE);
    EXPECT(sz == SENTINEL);
    EXPECT_STATUS(secrets_passphrase_size(2, words, 3, "-", NULL), SECRETS_ERR_NULL_POINTER);

    /* passphrase_eff: nwords * 9 + separators + 1 */
    EXPECT_STATUS(secrets_passphrase_eff_size(6, "-", &sz), SECRETS_OK);
    EXPECT(sz == 6 * 9 + 5 + 1);
    for (round = 0; round < 3; round++) EXPECT_EXACT(secrets_passphrase_eff(buf_, out_size, 6, "-"), 60);
    EXPECT_STATUS(secrets_passphrase_eff_size(0, "\xff", &sz), secrets_passphrase_eff(big, 1, 0, "\xff"));
    sz = SENTINEL;
    EXPECT_STATUS(secrets_passphrase_eff_size(3, "\xff", &sz), SECRETS_ERR_INVALID_UTF8);
    EXPECT_STATUS(secrets_passphrase_eff_size(SIZE_MAX / 10 + 1, "-", &sz), SECRETS_ERR_TOO_LARGE);
    EXPECT(sz == SENTINEL);
    EXPECT_STATUS(secrets_passphrase_eff_size(3, " ", NULL), SECRETS_ERR_NULL_POINTER);
}

/* ---- UUIDs ---- */

static void test_uuids(void)
{
    unsigned char u[24], prev[16];
    char text[48];
    size_t i;
    int k;

    for (k = 0; k < 2; k++) {
        int32_t (*f)(void *, size_t) = k ? secrets_uuid7_bytes : secrets_uuid4_bytes;
        memset(u, FILL, sizeof u);
        EXPECT_STATUS(f(u, sizeof u), SECRETS_OK);
        EXPECT((u[6] >> 4) == (k ? 7 : 4));
        EXPECT((u[8] >> 6) == 2);
        EXPECT_BYTES(u + 16, 8, FILL);
        for (i = 0; i < 16; i++) {
            memset(u, FILL, sizeof u);
            EXPECT_STATUS(f(u, i), SECRETS_ERR_BUFFER_TOO_SMALL);
            EXPECT_BYTES(u, i, 0);
            EXPECT_BYTES(u + i, sizeof u - i, FILL);
        }
        EXPECT_STATUS(f(NULL, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
        EXPECT_STATUS(f(NULL, 16), SECRETS_ERR_NULL_POINTER);
    }

    /* uuid7 text and bytes, interleaved: one strictly increasing sequence */
    memset(prev, 0, sizeof prev);
    for (k = 0; k < 2000; k++) {
        unsigned char cur[16];
        if (k % 3 == 1) {
            EXPECT_STATUS(secrets_uuid7(text, sizeof text), SECRETS_OK);
            for (i = 0; i < 16; i++) {
                static const size_t at[16] = { 0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34 };
                unsigned hi, lo;
                EXPECT(sscanf(text + at[i], "%1x%1x", &hi, &lo) == 2);
                cur[i] = (unsigned char)(hi << 4 | lo);
            }
        } else {
            EXPECT_STATUS(secrets_uuid7_bytes(cur, 16), SECRETS_OK);
        }
        EXPECT(memcmp(prev, cur, 16) < 0);
        memcpy(prev, cur, 16);
    }

    /* uuid_format */
    {
        static const unsigned char rfc7[16] = { 0x01, 0x7f, 0x22, 0xe2, 0x79, 0xb0, 0x7c, 0xc3,
                                                0x98, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f };
        memset(text, FILL, sizeof text);
        EXPECT_STATUS(secrets_uuid_format(rfc7, 16, text, 37), SECRETS_OK);
        EXPECT(strcmp(text, "017f22e2-79b0-7cc3-98c4-dc0c0c07398f") == 0);
        EXPECT_BYTES(text + 37, sizeof text - 37, FILL);
        for (i = 0; i <= 17; i++) {
            if (i == 16) continue;
            memset(text, FILL, sizeof text);
            EXPECT_STATUS(secrets_uuid_format(rfc7, i, text, 37), SECRETS_ERR_INVALID_ARGUMENT);
            EXPECT(text[0] == '\0');
        }
        memset(text, FILL, sizeof text);
        EXPECT_STATUS(secrets_uuid_format(rfc7, 16, text, 36), SECRETS_ERR_BUFFER_TOO_SMALL);
        EXPECT(text[0] == '\0');
        EXPECT_BYTES(text + 1, sizeof text - 1, FILL);
        EXPECT_STATUS(secrets_uuid_format(NULL, 16, text, 37), SECRETS_ERR_NULL_POINTER);
        EXPECT(text[0] == '\0');
        EXPECT_STATUS(secrets_uuid_format(rfc7, 16, NULL, 37), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(secrets_uuid_format(rfc7, 16, NULL, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    }
}

/* ---- token_base64 ---- */

static void test_token_base64(void)
{
    char buf[200];
    unsigned char dec[150];
    size_t n, len, dl;
    for (n = 0; n <= 100; n++) {
        size_t need = secrets_token_base64_size(n);
        EXPECT(need == 4 * ((n + 2) / 3) + 1);
        EXPECT(need == SECRETS_TOKEN_BASE64_SIZE(n));
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_token_base64(buf, need, n), SECRETS_OK);
        len = strlen(buf);
        EXPECT(len == need - 1);
        EXPECT(strspn(buf, B64) == len - (3 - n % 3) % 3);
        EXPECT_BYTES(buf + need, sizeof buf - need, FILL);
        dl = SENTINEL;
        EXPECT_STATUS(secrets_base64_decode(dec, sizeof dec, buf, len, &dl), SECRETS_OK);
        EXPECT(dl == n);
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_token_base64(buf, need - 1, n), SECRETS_ERR_BUFFER_TOO_SMALL);
        if (need >= 2) EXPECT(buf[0] == '\0');
    }
    EXPECT(secrets_token_base64_size(SIZE_MAX) == SIZE_MAX);
    EXPECT(SECRETS_TOKEN_BASE64_SIZE(SIZE_MAX) == SIZE_MAX);
    EXPECT(secrets_token_base64_size(3 * ((SIZE_MAX - 1) / 4)) == 4 * ((SIZE_MAX - 1) / 4) + 1);
    EXPECT(secrets_token_base64_size(3 * ((SIZE_MAX - 1) / 4) + 1) == SIZE_MAX);
    EXPECT_STATUS(secrets_token_base64(buf, sizeof buf, SIZE_MAX - 1), SECRETS_ERR_TOO_LARGE);
    EXPECT(buf[0] == '\0');
    EXPECT_STATUS(secrets_token_base64(NULL, 0, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(secrets_token_base64(NULL, 5, 3), SECRETS_ERR_NULL_POINTER);
}

/* ---- decoders ---- */

enum { HEX, BASE64, BASE64URL };
typedef int32_t (*decoder)(void *, size_t, const char *, size_t, size_t *);
static const decoder DEC[3] = { secrets_hex_decode, secrets_base64_decode, secrets_base64url_decode };

/* must fail with want: out zeroed (all out_len bytes), nothing past it, *decoded_len untouched */
static void rejected(int which, const char *text, size_t len, size_t out_len, int32_t want)
{
    unsigned char out[600];
    size_t dl = SENTINEL;
    memset(out, FILL, sizeof out);
    EXPECT_STATUS(DEC[which](out, out_len, text, len, &dl), want);
    EXPECT_BYTES(out, out_len, 0);
    EXPECT_BYTES(out + out_len, sizeof out - out_len, FILL);
    EXPECT(dl == SENTINEL);
}

static void decoded(int which, const char *text, size_t len, size_t out_len, const void *want, size_t want_len)
{
    unsigned char out[600];
    size_t dl = SENTINEL;
    memset(out, FILL, sizeof out);
    EXPECT_STATUS(DEC[which](out, out_len, text, len, &dl), SECRETS_OK);
    EXPECT(dl == want_len);
    EXPECT(memcmp(out, want, want_len) == 0);
    EXPECT_BYTES(out + want_len, sizeof out - want_len, FILL);
}

static void test_decoders(void)
{
    static const char *const plain[7] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    static const char *const b64[7] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
    static const char *const url[7] = { "", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy" };
    static const char *const hex[7] = { "", "66", "666F", "666f6F", "666F6F62", "666F6F6261", "666F6F626172" };
    unsigned char bytes[200];
    char text[420];
    size_t i, n, len, pos;
    int which;

    /* RFC 4648 section 10 */
    for (i = 0; i < 7; i++) {
        n = strlen(plain[i]);
        decoded(BASE64, b64[i], strlen(b64[i]), n, plain[i], n);
        decoded(BASE64URL, b64[i], strlen(b64[i]), n, plain[i], n);
        decoded(BASE64URL, url[i], strlen(url[i]), n, plain[i], n);
        decoded(HEX, hex[i], strlen(hex[i]), n, plain[i], n);
        if (n) {
            rejected(BASE64, b64[i], strlen(b64[i]), n - 1, SECRETS_ERR_BUFFER_TOO_SMALL);
            rejected(BASE64URL, url[i], strlen(url[i]), n - 1, SECRETS_ERR_BUFFER_TOO_SMALL);
            rejected(HEX, hex[i], strlen(hex[i]), n - 1, SECRETS_ERR_BUFFER_TOO_SMALL);
        }
    }
    decoded(BASE64, "+/+/", 4, 3, "\xfb\xff\xbf", 3);
    decoded(BASE64URL, "-_-_", 4, 3, "\xfb\xff\xbf", 3);
    rejected(BASE64, "-_-_", 4, 3, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64URL, "+/+/", 4, 3, SECRETS_ERR_INVALID_ARGUMENT);

    /* round trips, lengths 0..150, and a bad character at every position */
    for (n = 0; n <= 150; n++) {
        EXPECT_STATUS(secrets_token_bytes(bytes, n), SECRETS_OK);
        for (which = 0; which < 4; which++) {
            int w = which == 3 ? BASE64URL : which;
            if (which == HEX) len = ref_hex(bytes, n, n % 2, text);
            else len = ref_b64(bytes, n, w == BASE64 ? B64 : URL, which != BASE64URL, text);
            decoded(w, text, len, n, bytes, n);
            decoded(w, text, len, n + 10, bytes, n);
            if (n) rejected(w, text, len, n - 1, SECRETS_ERR_BUFFER_TOO_SMALL);
            if (n > 20) continue;
            for (pos = 0; pos < len; pos++) {
                static const char bad[] = " \n=.\x80\xff";
                size_t k;
                char saved = text[pos];
                if (saved == '=') continue;
                for (k = 0; k < sizeof bad - 1; k++) {
                    /* '=' in the last two places of a multiple of 4 can make
                     * a valid, shorter text: those are padding tests below */
                    if (bad[k] == '=' && w != HEX && len % 4 == 0 && pos + 2 >= len) continue;
                    text[pos] = bad[k];
                    rejected(w, text, len, n, SECRETS_ERR_INVALID_ARGUMENT);
                }
                text[pos] = w == BASE64 ? '-' : w == BASE64URL ? '+' : 'g';
                rejected(w, text, len, n, SECRETS_ERR_INVALID_ARGUMENT);
                text[pos] = '\0';
                rejected(w, text, len, n, SECRETS_ERR_INVALID_ARGUMENT);
                text[pos] = saved;
            }
        }
    }

    /* lengths, padding, trailing bits, whitespace */
    rejected(HEX, "abc", 3, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(HEX, "0x00", 4, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Zg", 2, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Zg=", 3, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Zh==", 4, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Zm9=", 4, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Z===", 4, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "====", 4, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Zg==Zg==", 8, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64, "Zm9v\n", 5, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64URL, "Z", 1, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64URL, "Zh", 2, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64URL, "Zg=", 3, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64URL, "Zm9vY", 5, 8, SECRETS_ERR_INVALID_ARGUMENT);
    rejected(BASE64URL, " Zg", 3, 8, SECRETS_ERR_INVALID_ARGUMENT);

    /* NULLs: (NULL, 0) is the empty text; out zeroed on every failure */
    for (which = 0; which < 3; which++) {
        size_t dl = SENTINEL;
        unsigned char out[8];
        EXPECT_STATUS(DEC[which](NULL, 0, NULL, 0, &dl), SECRETS_OK);
        EXPECT(dl == 0);
        rejected(which, NULL, 4, 8, SECRETS_ERR_NULL_POINTER);
        memset(out, FILL, sizeof out);
        EXPECT_STATUS(DEC[which](out, sizeof out, "4142", 4, NULL), SECRETS_ERR_NULL_POINTER);
        EXPECT_BYTES(out, sizeof out, 0);
        EXPECT_STATUS(DEC[which](NULL, 3, "QUJD", 4, &dl), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(DEC[which](NULL, 0, "QUJD", 4, &dl), SECRETS_ERR_BUFFER_TOO_SMALL);
        EXPECT(dl == 0);
    }
}

/* ---- passphrase_eff ---- */

static void test_passphrase_eff(void)
{
    char buf[200], *p, *save = NULL;
    int round, words;
    size_t sz;
    for (round = 0; round < 50; round++) {
        EXPECT_STATUS(secrets_passphrase_eff_size(6, NULL, &sz), SECRETS_OK);
        EXPECT(sz == 60);
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_passphrase_eff(buf, sz, 6, NULL), SECRETS_OK);
        words = 0;
        for (p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
            size_t l = strlen(p);
            EXPECT(l >= 3 && l <= 9 && strspn(p, "abcdefghijklmnopqrstuvwxyz-") == l);
            words++;
        }
        EXPECT(words == 6);
    }
    EXPECT(SECRETS_EFF_WORDLIST_LEN == 7776);
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_passphrase_eff(buf, sizeof buf, 3, "\xc3"), SECRETS_ERR_INVALID_UTF8);
    EXPECT(buf[0] == '\0');
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_passphrase_eff(buf, 9 + 1, 1, NULL), SECRETS_OK);
    EXPECT_STATUS(secrets_passphrase_eff(buf, 9, 1, NULL), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT(buf[0] == '\0');
    EXPECT_STATUS(secrets_passphrase_eff(buf, 1, 0, "-"), SECRETS_OK);
    EXPECT(buf[0] == '\0');
    EXPECT_STATUS(secrets_passphrase_eff(NULL, 100, 3, NULL), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_passphrase_eff(buf, sizeof buf, SIZE_MAX / 10 + 1, "-"), SECRETS_ERR_TOO_LARGE);
    EXPECT(buf[0] == '\0');
}

int main(void)
{
    test_start("additions");
    test_equal();
    test_size_helpers();
    test_uuids();
    test_token_base64();
    test_decoders();
    test_passphrase_eff();
    return test_finish();
}
