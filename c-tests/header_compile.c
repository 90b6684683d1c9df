/* The header on its own, compiled with -pedantic as C99, C11 (and C++17 via header_compile.cpp). */
#include <secrets.h>

/* The size macros are integer constant expressions. */
static char hex[SECRETS_TOKEN_HEX_SIZE(16)];
static char url[SECRETS_TOKEN_URLSAFE_SIZE(16)];
static char b32[SECRETS_TOKEN_BASE32_SIZE(16)];
static char uuid[SECRETS_UUID_SIZE];
static unsigned char key[SECRETS_DEFAULT_ENTROPY];
static char b64[SECRETS_TOKEN_BASE64_SIZE(16)];
static char eff[SECRETS_EFF_WORDLIST_LEN > 0 ? 6 * 9 + 5 + 1 : 1];

/* Byte buffers are void *: char, signed char and unsigned char buffers pass
 * without a cast (-Werror -pedantic, which flags pointer-sign mismatches). */
int header_char_buffers(void);
int header_char_buffers(void)
{
    char ckey[16], cout[16], u[16], text[SECRETS_UUID_SIZE];
    signed char skey[16];
    unsigned char ukey[16];
    const char upper[2] = { 1, 0 };
    size_t n = 0;
    bool same = false;
    int32_t s = secrets_token_bytes(ckey, sizeof ckey);
    s |= secrets_token_bytes(skey, sizeof skey);
    s |= secrets_token_bytes(ukey, sizeof ukey);
    s |= secrets_randbelow(upper, sizeof upper, cout);
    s |= secrets_randbits(12, cout, sizeof cout);
    same = secrets_compare_digest(ckey, sizeof ckey, "0123456789abcdef", 16) == 1;
    same = same || secrets_equal(ckey, sizeof ckey, skey, sizeof skey);
    s |= secrets_uuid7_bytes(u, sizeof u);
    s |= secrets_uuid_format(u, sizeof u, text, sizeof text);
    s |= secrets_hex_decode(cout, sizeof cout, "00ff", 4, &n);
    s |= secrets_base64_decode(skey, sizeof skey, "AA==", 4, &n);
    s |= secrets_base64url_decode(ukey, sizeof ukey, "AA", 2, &n);
    s |= secrets_token_base64(b64, sizeof b64, 16);
    s |= secrets_passphrase_eff(eff, sizeof eff, 6, "-");
    return (int)s + (same ? 1 : 0);
}

int header_compile_probe(void);
int header_compile_probe(void)
{
    int32_t s = secrets_token_hex(hex, sizeof hex, 16);
    if (s != SECRETS_OK) return (int)s;
    s = secrets_token_urlsafe(url, sizeof url, 16);
    if (s == SECRETS_ERR_INTERNAL) return 1;
    s = secrets_token_base32(b32, sizeof b32, 16);
    if (s == SECRETS_ERR_NULL_POINTER) return 1;
    s = secrets_token_bytes(key, sizeof key);
    secrets_memzero(key, sizeof key);
    (void)uuid;
    return (int)s + (int)(sizeof hex + sizeof url + sizeof b32);
}
