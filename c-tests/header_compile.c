/* The header on its own, compiled with -pedantic as C99, C11 (and C++17 via header_compile.cpp). */
#include <secrets.h>

/* The size macros are integer constant expressions. */
static char hex[SECRETS_TOKEN_HEX_SIZE(16)];
static char url[SECRETS_TOKEN_URLSAFE_SIZE(16)];
static char b32[SECRETS_TOKEN_BASE32_SIZE(16)];
static char uuid[SECRETS_UUID_SIZE];
static unsigned char key[SECRETS_DEFAULT_ENTROPY];

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
