/* A program outside the project using the installed libsecrets. */
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
    printf("consumer: libsecrets %s: %s\n", secrets_version(), tok);
    return 0;
}
