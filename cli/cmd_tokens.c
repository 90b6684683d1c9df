/*
 * cmd_tokens.c - token-hex, token-urlsafe, token-base32, token-base64 and
 * token-bytes: random bytes, encoded or raw.
 *
 * Every result line is built completely in a private buffer, written with
 * out_line(), and the buffer is wiped (secrets_memzero) right after.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

/* Text tokens: 64 MiB of randomness at most (the library has its own
 * limits, reported as errors). */
#define MAX_TOKEN_NBYTES ((size_t)1 << 26)

typedef int32_t (*token_fn)(char *out, size_t out_size, size_t nbytes);
typedef size_t (*token_size_fn)(size_t nbytes);

static int text_token(const struct command *c, struct args *a, token_fn fn,
                      token_size_fn size_fn)
{
    size_t nbytes = SECRETS_DEFAULT_ENTROPY;
    int status;
    if (a->npos == 1 &&
        (status = parse_size(c->name, "NBYTES", a->pos[0], MAX_TOKEN_NBYTES, &nbytes)) != 0)
        return status;
    size_t size = size_fn(nbytes);
    char *buf = cli_alloc(size);
    if (buf == NULL)
        return CLI_FAIL;
    status = CLI_OK;
    for (size_t i = 0; status == CLI_OK && i < a->count; i++) {
        int32_t rc = fn(buf, size, nbytes);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_secret(buf, size);
    }
    cli_free(buf, size);
    return status;
}

int cmd_token_hex(const struct command *c, struct args *a)
{
    return text_token(c, a, secrets_token_hex, secrets_token_hex_size);
}

int cmd_token_urlsafe(const struct command *c, struct args *a)
{
    return text_token(c, a, secrets_token_urlsafe, secrets_token_urlsafe_size);
}

int cmd_token_base32(const struct command *c, struct args *a)
{
    return text_token(c, a, secrets_token_base32, secrets_token_base32_size);
}

int cmd_token_base64(const struct command *c, struct args *a)
{
    return text_token(c, a, secrets_token_base64, secrets_token_base64_size);
}

int cmd_token_bytes(const struct command *c, struct args *a)
{
    size_t nbytes = SECRETS_DEFAULT_ENTROPY;
    int status;
    if (a->npos == 1 &&
        (status = parse_size(c->name, "NBYTES", a->pos[0], SIZE_MAX, &nbytes)) != 0)
        return status;
    if (a->val[O_FORCE] == NULL && out_is_tty())
        return fail_usage(c->name, "refusing to write raw bytes to a terminal "
                                   "(redirect the output, use -o FILE, or use --force)");
    /* Streamed in chunks: any size works without holding it all in memory. */
    enum { CHUNK = 65536 };
    uint8_t *buf = cli_alloc(CHUNK);
    if (buf == NULL)
        return CLI_FAIL;
    status = CLI_OK;
    while (status == CLI_OK && nbytes > 0) {
        size_t take = nbytes < CHUNK ? nbytes : CHUNK;
        int32_t rc = secrets_token_bytes(buf, take);
        if (rc != SECRETS_OK) {
            status = fail_lib(rc, NULL);
            break;
        }
        if (out_bytes(buf, take) != 0)
            status = CLI_FAIL;
        secrets_memzero(buf, take);
        nbytes -= take;
    }
    cli_free(buf, CHUNK);
    return status;
}
