/* print_tokens: one of each token libsecrets makes, as Python's secrets would. */
#include <inttypes.h>
#include <stdio.h>

#include <secrets.h>

static int check(int32_t status, const char *what)
{
    if (status != SECRETS_OK) {
        fprintf(stderr, "print_tokens: %s: %s\n", what, secrets_strerror(status));
        return 1;
    }
    return 0;
}

int main(void)
{
    char hex[SECRETS_TOKEN_HEX_SIZE(SECRETS_DEFAULT_ENTROPY)];
    char url[SECRETS_TOKEN_URLSAFE_SIZE(SECRETS_DEFAULT_ENTROPY)];
    char b32[SECRETS_TOKEN_BASE32_SIZE(20)];
    uint8_t key[16];
    uint64_t die;
    size_t i;

    if (check(secrets_token_hex(hex, sizeof hex, SECRETS_DEFAULT_ENTROPY), "token_hex") ||
        check(secrets_token_urlsafe(url, sizeof url, SECRETS_DEFAULT_ENTROPY), "token_urlsafe") ||
        check(secrets_token_base32(b32, sizeof b32, 20), "token_base32") ||
        check(secrets_token_bytes(key, sizeof key), "token_bytes") ||
        check(secrets_randbelow_u64(6, &die), "randbelow_u64"))
        return 1;

    printf("token_hex(32):     %s\n", hex);
    printf("token_urlsafe(32): %s\n", url);
    printf("token_base32(20):  %s\n", b32);
    printf("token_bytes(16):   ");
    for (i = 0; i < sizeof key; i++) printf("%02x", key[i]);
    printf("\nrandbelow(6) + 1:  %" PRIu64 "\n", die + 1);
    printf("library %s, entropy from %s\n", secrets_version(), secrets_entropy_source());

    secrets_memzero(key, sizeof key);
    secrets_memzero(hex, sizeof hex);
    secrets_memzero(url, sizeof url);
    secrets_memzero(b32, sizeof b32);
    return 0;
}
