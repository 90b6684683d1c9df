/*
 * cmd_numbers.c - randbelow, randbits, randrange, randint and pin: uniform
 * integers, as decimal text.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

#define MAX_BITS ((size_t)1000000)  /* randbits K */
#define MAX_DIGITS ((size_t)100000) /* randbelow N (argv holds at most 128 KiB) */
#define MAX_PIN ((size_t)1 << 20)   /* pin N */
#define DEFAULT_PIN 6

/* Prints a big-endian integer in decimal, then wipes the decimal copy. */
static int print_be(const uint8_t *be, size_t len)
{
    size_t dl = 0;
    char *dec = be_to_dec(be, len, &dl);
    if (dec == NULL)
        return CLI_FAIL;
    int w = out_line(dec, dl);
    cli_free(dec, dl + 1);
    return w != 0 ? CLI_FAIL : CLI_OK;
}

/* A big-number draw: randbelow(upper) or randbits(k), into len bytes. */
struct big_draw {
    enum { BIG_RANDBELOW, BIG_RANDBITS } kind;
    const uint8_t *upper; /* BIG_RANDBELOW: len bytes, big-endian */
    size_t k;             /* BIG_RANDBITS */
};

/* Draws and prints count results, one per line, wiping each after use. */
static int print_big_draws(const struct big_draw *d, size_t count, uint8_t *out, size_t len)
{
    for (size_t i = 0; i < count; i++) {
        int32_t rc = d->kind == BIG_RANDBELOW ? secrets_randbelow(d->upper, len, out)
                                              : secrets_randbits(d->k, out, len);
        if (rc != SECRETS_OK)
            return fail_lib(rc, d->kind == BIG_RANDBELOW && rc == SECRETS_ERR_INVALID_ARGUMENT
                                    ? "N must be at least 1"
                                    : NULL);
        int status = print_be(out, len);
        secrets_memzero(out, len);
        if (status != CLI_OK)
            return status;
    }
    return CLI_OK;
}

int cmd_randbelow(const struct command *c, struct args *a)
{
    const char *s = a->pos[0];
    size_t len = strlen(s);
    if (s[0] == '-' && len > 1 && strspn(s + 1, "0123456789") == len - 1)
        return fail_usage(c->name, "N must not be negative, got '%.64s'", s);
    if (len == 0 || strspn(s, "0123456789") != len)
        return fail_usage(c->name, "N must be a non-negative integer, got '%.64s'", s);
    size_t lead = strspn(s, "0");
    if (len - lead > MAX_DIGITS)
        return fail_usage(c->name, "N is too large (%zu digits; at most %zu)", len - lead,
                          MAX_DIGITS);
    uint8_t *upper = NULL;
    size_t ulen = 0;
    if (dec_to_be(s, &upper, &ulen) != 0)
        return CLI_FAIL;
    uint8_t *out = cli_alloc(ulen);
    int status = CLI_FAIL;
    if (out != NULL) {
        struct big_draw d = {BIG_RANDBELOW, upper, 0};
        status = print_big_draws(&d, a->count, out, ulen);
    }
    cli_free(out, ulen);
    cli_free(upper, ulen);
    return status;
}

int cmd_randbits(const struct command *c, struct args *a)
{
    size_t k = 0;
    int status = parse_size(c->name, "K", a->pos[0], MAX_BITS, &k);
    if (status != 0)
        return status;
    size_t nbytes = k / 8 + (k % 8 != 0);
    uint8_t *buf = cli_alloc(nbytes);
    if (buf == NULL)
        return CLI_FAIL;
    struct big_draw d = {BIG_RANDBITS, NULL, k};
    status = print_big_draws(&d, a->count, buf, nbytes);
    cli_free(buf, nbytes);
    return status;
}

/* Prints count values of draw(x, y, z), one per line. */
static int print_i64_draws(size_t count, int32_t (*draw)(int64_t, int64_t, int64_t, int64_t *),
                           int64_t x, int64_t y, int64_t z, const char *empty_hint)
{
    char line[32];
    for (size_t i = 0; i < count; i++) {
        int64_t v = 0;
        int32_t rc = draw(x, y, z, &v);
        if (rc != SECRETS_OK)
            return fail_lib(rc, rc == SECRETS_ERR_INVALID_ARGUMENT ? "%s" : NULL, empty_hint);
        int n = snprintf(line, sizeof line, "%" PRId64, v);
        v = 0;
        int w = out_line(line, (size_t)n);
        secrets_memzero(line, sizeof line);
        if (w != 0)
            return CLI_FAIL;
    }
    return CLI_OK;
}

int cmd_randrange(const struct command *c, struct args *a)
{
    int64_t start = 0, stop = 0, step = 1;
    int status;
    if (a->npos == 1) {
        status = parse_i64(c->name, "STOP", a->pos[0], &stop);
    } else {
        status = parse_i64(c->name, "START", a->pos[0], &start);
        if (status == 0)
            status = parse_i64(c->name, "STOP", a->pos[1], &stop);
        if (status == 0 && a->npos == 3)
            status = parse_i64(c->name, "STEP", a->pos[2], &step);
    }
    if (status != 0)
        return status;
    return print_i64_draws(a->count, secrets_randrange, start, stop, step,
                           step == 0 ? "STEP must not be zero" : "the range is empty");
}

static int32_t randint3(int64_t x, int64_t y, int64_t unused, int64_t *out)
{
    (void)unused;
    return secrets_randint(x, y, out);
}

int cmd_randint(const struct command *c, struct args *a)
{
    int64_t lo = 0, hi = 0;
    int status = parse_i64(c->name, "A", a->pos[0], &lo);
    if (status == 0)
        status = parse_i64(c->name, "B", a->pos[1], &hi);
    if (status != 0)
        return status;
    return print_i64_draws(a->count, randint3, lo, hi, 0, "A must not be greater than B");
}

int cmd_pin(const struct command *c, struct args *a)
{
    static const char digits[] = "0123456789";
    size_t n = DEFAULT_PIN;
    int status;
    if (a->npos == 1 && (status = parse_size(c->name, "N", a->pos[0], MAX_PIN, &n)) != 0)
        return status;
    if (n == 0)
        return fail_usage(c->name, "N must be at least 1");
    char *buf = cli_alloc(n + 1);
    if (buf == NULL)
        return CLI_FAIL;
    status = CLI_OK;
    for (size_t i = 0; status == CLI_OK && i < a->count; i++) {
        /* Each digit uniform over 0-9 by rejection sampling in the library. */
        int32_t rc = secrets_token_chars(buf, n + 1, n, digits, sizeof digits - 1);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_secret(buf, n + 1);
    }
    cli_free(buf, n + 1);
    return status;
}
