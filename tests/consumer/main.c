/* A program outside the project using the installed libsecrets: prints a
 * token and the library's version and entropy source. */
#include <stdio.h>
#include <string.h>

#include <secrets.h>

int main(void)
{
    char tok[SECRETS_TOKEN_URLSAFE_SIZE(SECRETS_DEFAULT_ENTROPY)];
    int32_t s = secrets_token_urlsafe(tok, sizeof tok, SECRETS_DEFAULT_ENTROPY);
    if (s != SECRETS_OK || strlen(tok) != 43) {
        fprintf(stderr, "consumer: %s\n", secrets_strerror(s));
        return 1;
    }
    if (strcmp(secrets_version(), SECRETS_VERSION_STRING) != 0) {
        fprintf(stderr, "consumer: header %s, library %s\n", SECRETS_VERSION_STRING, secrets_version());
        return 1;
    }
    printf("consumer: libsecrets %s (%s): %s\n", secrets_version(), secrets_entropy_source(), tok);
    return 0;
}
