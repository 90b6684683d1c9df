/* Status codes, messages, version, entropy source, sizes and their macros. */
#include "test.h"

#include <stdlib.h>

int main(void)
{
    const int32_t codes[] = { SECRETS_OK, SECRETS_ERR_NULL_POINTER, SECRETS_ERR_BUFFER_TOO_SMALL,
                              SECRETS_ERR_INVALID_ARGUMENT, SECRETS_ERR_EMPTY, SECRETS_ERR_INVALID_UTF8,
                              SECRETS_ERR_TOO_LARGE, SECRETS_ERR_ENTROPY_UNAVAILABLE,
                              SECRETS_ERR_UNSATISFIABLE, SECRETS_ERR_INTERNAL };
    const int32_t want[] = { 0, -1, -2, -3, -4, -5, -6, -7, -8, -99 };
    const size_t n = sizeof codes / sizeof codes[0];
    const char *unknown;
    char vbuf[64];
    size_t i, j, k;

    test_start("status");

    for (i = 0; i < n; i++) EXPECT(codes[i] == want[i]);

    /* strerror: static, non-empty, distinct, and a generic text for unknown values */
    unknown = secrets_strerror(12345);
    EXPECT(unknown != NULL && unknown[0] != '\0');
    EXPECT(secrets_strerror(INT32_MIN) == unknown);
    for (i = 0; i < n; i++) {
        const char *m = secrets_strerror(codes[i]);
        EXPECT(m != NULL && m[0] != '\0');
        EXPECT(m != unknown);
        EXPECT(secrets_strerror(codes[i]) == m);
        for (j = i + 1; j < n; j++) EXPECT(strcmp(m, secrets_strerror(codes[j])) != 0);
    }

    /* version: the header's macros, possibly with a suffix */
    snprintf(vbuf, sizeof vbuf, "%d.%d.%d", SECRETS_VERSION_MAJOR, SECRETS_VERSION_MINOR,
             SECRETS_VERSION_PATCH);
    EXPECT(strncmp(secrets_version(), vbuf, strlen(vbuf)) == 0);
    EXPECT(strcmp(secrets_version(), SECRETS_VERSION_STRING) == 0);
    /* the backend: the vDSO where the kernel has it, else the system call */
    /* one of the documented names; "dev-urandom" where getrandom(2) is refused */
    EXPECT(strcmp(secrets_entropy_source(), "vdso-getrandom") == 0 ||
           strcmp(secrets_entropy_source(), "getrandom") == 0 ||
           strcmp(secrets_entropy_source(), "dev-urandom") == 0);
    if (getenv("LIBSECRETS_NO_VDSO")) EXPECT(strcmp(secrets_entropy_source(), "vdso-getrandom") != 0);
    EXPECT(secrets_entropy_source() == secrets_entropy_source());

    EXPECT(SECRETS_DEFAULT_ENTROPY == 32 && secrets_default_entropy() == 32);
    EXPECT(SECRETS_UUID_SIZE == 37);

    /* sizes: function and macro agree with the formulas, and saturate */
    for (k = 0; k < 1000; k++) {
        EXPECT(secrets_token_hex_size(k) == 2 * k + 1);
        EXPECT(secrets_token_urlsafe_size(k) == (4 * k + 2) / 3 + 1);
        EXPECT(secrets_token_base32_size(k) == (8 * k + 4) / 5 + 1);
        EXPECT(SECRETS_TOKEN_HEX_SIZE(k) == secrets_token_hex_size(k));
        EXPECT(SECRETS_TOKEN_URLSAFE_SIZE(k) == secrets_token_urlsafe_size(k));
        EXPECT(SECRETS_TOKEN_BASE32_SIZE(k) == secrets_token_base32_size(k));
    }
    for (k = SIZE_MAX - 1000; k != 0; k++) { /* up to SIZE_MAX, then wraps to 0 and stops */
        EXPECT(secrets_token_hex_size(k) == SIZE_MAX && SECRETS_TOKEN_HEX_SIZE(k) == SIZE_MAX);
        EXPECT(secrets_token_urlsafe_size(k) == SIZE_MAX && SECRETS_TOKEN_URLSAFE_SIZE(k) == SIZE_MAX);
        EXPECT(secrets_token_base32_size(k) == SIZE_MAX && SECRETS_TOKEN_BASE32_SIZE(k) == SIZE_MAX);
    }
    /* the last sizes that fit */
    EXPECT(secrets_token_hex_size((SIZE_MAX - 1) / 2) == SIZE_MAX); /* 2n+1 == SIZE_MAX exactly */
    EXPECT(secrets_token_hex_size((SIZE_MAX - 1) / 2 - 1) == SIZE_MAX - 2);
    EXPECT(SECRETS_TOKEN_HEX_SIZE((SIZE_MAX - 1) / 2 - 1) == SIZE_MAX - 2);
    {
        size_t u = SIZE_MAX / 4 * 3; /* n + n/3 = SIZE_MAX - 3 (n divisible by 3) */
        EXPECT(secrets_token_urlsafe_size(u) == u + u / 3 + 1);
        EXPECT(SECRETS_TOKEN_URLSAFE_SIZE(u) == u + u / 3 + 1);
    }
    /* memzero: every byte of the range is zeroed, nothing outside it; (NULL, 0) is a no-op */
    {
        unsigned char buf[40];
        memset(buf, 0xA5, sizeof buf);
        secrets_memzero(buf + 4, 32);
        for (i = 0; i < sizeof buf; i++) EXPECT(buf[i] == ((i >= 4 && i < 36) ? 0 : 0xA5));
        secrets_memzero(NULL, 0);
        secrets_memzero(buf, 0);
        EXPECT(buf[0] == 0xA5);
    }

    return test_finish();
}
