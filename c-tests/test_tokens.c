/* token_bytes, token_hex, token_urlsafe, token_base32: lengths, alphabets, buffers, errors. */
#include "test.h"

#define FILL 0xA5

static int in_alphabet(const char *s, size_t len, const char *alphabet)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (!s[i] || !strchr(alphabet, s[i])) return 0;
    return 1;
}

typedef int32_t (*token_fn)(char *, size_t, size_t);

static void check_text_token(token_fn f, size_t (*size)(size_t), const char *alphabet)
{
    char buf[300];
    size_t n, need;
    int seen[256] = { 0 };
    int round;

    for (n = 0; n <= 100; n++) {
        need = size(n);
        /* exact size: full length, alphabet, NUL, nothing past out_size touched */
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(f(buf, need, n), SECRETS_OK);
        EXPECT(strlen(buf) == need - 1);
        EXPECT(in_alphabet(buf, need - 1, alphabet));
        EXPECT_BYTES(buf + need, sizeof buf - need, FILL);
        for (round = 0; round < 4; round++) {
            size_t i;
            EXPECT_STATUS(f(buf, sizeof buf, n), SECRETS_OK);
            for (i = 0; i < need - 1; i++) seen[(unsigned char)buf[i]] = 1;
        }
        /* one short: BUFFER_TOO_SMALL, "" left, nothing else written */
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(f(buf, need - 1, n), SECRETS_ERR_BUFFER_TOO_SMALL);
        if (need - 1 >= 1) {
            EXPECT(buf[0] == '\0');
            EXPECT_BYTES(buf + 1, sizeof buf - 1, FILL);
        } else {
            EXPECT_BYTES(buf, sizeof buf, FILL);
        }
    }
    { /* every character of the alphabet shows up */
        const char *a;
        for (a = alphabet; *a; a++) EXPECT(seen[(unsigned char)*a]);
    }
    EXPECT_STATUS(f(NULL, 0, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(f(NULL, 10, 2), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(f(buf, sizeof buf, SIZE_MAX), SECRETS_ERR_TOO_LARGE);
    EXPECT(buf[0] == '\0');
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(f(buf, 0, 5), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_BYTES(buf, sizeof buf, FILL);
}

static int32_t hex(char *o, size_t s, size_t n) { return secrets_token_hex(o, s, n); }
static int32_t url(char *o, size_t s, size_t n) { return secrets_token_urlsafe(o, s, n); }
static int32_t b32(char *o, size_t s, size_t n) { return secrets_token_base32(o, s, n); }

int main(void)
{
    uint8_t a[64], b[64];
    size_t i;

    test_start("tokens");

    /* token_bytes */
    EXPECT_STATUS(secrets_token_bytes(NULL, 0), SECRETS_OK);
    EXPECT_STATUS(secrets_token_bytes(NULL, 1), SECRETS_ERR_NULL_POINTER);
    memset(a, FILL, sizeof a);
    EXPECT_STATUS(secrets_token_bytes(a, 0), SECRETS_OK);
    EXPECT_BYTES(a, sizeof a, FILL);
    EXPECT_STATUS(secrets_token_bytes(a, 32), SECRETS_OK);
    EXPECT_BYTES(a + 32, 32, FILL);
    EXPECT_STATUS(secrets_token_bytes(b, 32), SECRETS_OK);
    EXPECT(memcmp(a, b, 32) != 0);
    {
        /* a large request is served in full (no short reads) */
        static uint8_t big[1 << 20];
        size_t zeros = 0;
        EXPECT_STATUS(secrets_token_bytes(big, sizeof big), SECRETS_OK);
        for (i = 0; i < sizeof big; i++) zeros += big[i] == 0;
        EXPECT(zeros > 3000 && zeros < 5300); /* expected 4096, sd 64 */
    }

    check_text_token(hex, secrets_token_hex_size, "0123456789abcdef");
    {   /* 2n + 1 overflows for hex already at SIZE_MAX / 2 + 1; urlsafe and base32 do not */
        char t[8];
        EXPECT_STATUS(secrets_token_hex(t, sizeof t, SIZE_MAX / 2 + 1), SECRETS_ERR_TOO_LARGE);
        EXPECT_STATUS(secrets_token_urlsafe(t, sizeof t, SIZE_MAX / 2 + 1), SECRETS_ERR_BUFFER_TOO_SMALL);
        EXPECT_STATUS(secrets_token_base32(t, sizeof t, SIZE_MAX / 2 + 1), SECRETS_ERR_BUFFER_TOO_SMALL);
        EXPECT(t[0] == '\0');
    }
    check_text_token(url, secrets_token_urlsafe_size,
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    check_text_token(b32, secrets_token_base32_size, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

    { /* unpadded base64url of 1 byte: 2 chars, the second has its low 4 bits clear */
        char t[4];
        int r;
        for (r = 0; r < 64; r++) {
            const char *alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            EXPECT_STATUS(secrets_token_urlsafe(t, sizeof t, 1), SECRETS_OK);
            EXPECT(strlen(t) == 2);
            EXPECT(((strchr(alpha, t[1]) - alpha) & 0xf) == 0);
        }
    }
    return test_finish();
}
