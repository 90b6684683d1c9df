/*
 * commands.c - the subcommands of `secrets`, each a thin layer over one
 * function of the public C API (secrets.h).
 *
 * Every result line is built completely in a private buffer, written with
 * out_line(), and the buffer is wiped (secrets_memzero) right after.
 * Usage errors (found by this program) exit 2; errors the library reports,
 * unreadable inputs and write errors exit 1.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <secrets.h>

#include "cli.h"

size_t cli_global_count = 1;
int cli_global_count_set = 0;

/* Limits of this program (the library has its own, reported as errors). */
#define MAX_TOKEN_NBYTES ((size_t)1 << 26) /* text tokens: 64 MiB of randomness */
#define MAX_BITS ((size_t)1000000)         /* randbits K */
#define MAX_DIGITS ((size_t)100000)        /* randbelow N (argv holds at most 128 KiB) */
#define DEFAULT_PASSWORD_LENGTH 20
#define DEFAULT_PASSPHRASE_WORDS 6
#define DEFAULT_WORDLIST "/usr/share/dict/words"
#define PUNCTUATION "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" /* Python's string.punctuation */
#define LETTERS_DIGITS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

/* Option ids. */
enum {
    O_HELP = 1,
    O_COUNT,
    O_FORCE,
    O_LENGTH,
    O_ALPHABET,
    O_SYMBOLS,
    O_MIN_LOWER,
    O_MIN_UPPER,
    O_MIN_DIGITS,
    O_MIN_SYMBOLS,
    O_ENTROPY,
    O_WORDS,
    O_WORDLIST,
    O_SEPARATOR,
    O_V4,
    O_V7
};

#define OPT_HELP_ENTRY {"help", 'h', 0, O_HELP}
#define OPT_COUNT_ENTRY {"count", 'n', 1, O_COUNT}
#define OPTS_END {NULL, 0, 0, 0}

static const struct cli_opt common_opts[] = {OPT_HELP_ENTRY, OPT_COUNT_ENTRY, OPTS_END};

/* Result of parsing a command line. */
struct parsed {
    char **pos; /* operands, in order */
    size_t npos;
    size_t count;
};

/* Handler for command-specific options: returns 0, or an exit status after
 * reporting a usage error. */
typedef int (*opt_fn)(const struct command *c, void *ctx, int id, const char *arg);

static const char *no_count_reason(const char *name)
{
    if (strcmp(name, "token-bytes") == 0)
        return " (it writes raw bytes, not lines)";
    if (strcmp(name, "shuffle") == 0)
        return " (to print only K lines, use 'secrets sample K')";
    if (strcmp(name, "sample") == 0)
        return " (K already says how many lines to print)";
    return "";
}

/* Parses argv. Returns 1 to go on; 0 when the command is finished, with its
 * exit status in *status (after --help, or a usage error). */
static int parse(const struct command *c, const struct cli_opt *opts, int argc,
                 char **argv, struct parsed *p, opt_fn fn, void *ctx, int *status)
{
    struct opt_iter it;
    const char *arg;
    int id;
    p->pos = cli_alloc(((size_t)argc + 1) * sizeof *p->pos);
    p->npos = 0;
    p->count = cli_global_count;
    if (p->pos == NULL) {
        *status = CLI_FAIL;
        return 0;
    }
    if (cli_global_count_set && !c->takes_count) {
        *status = fail_usage(c->name, "option -n does not apply to %s%s", c->name,
                             no_count_reason(c->name));
        return 0;
    }
    opt_init(&it, c->name, opts, argc, argv);
    while ((id = opt_next(&it, &arg)) != OPT_END) {
        switch (id) {
        case OPT_ERROR:
            *status = CLI_USAGE;
            return 0;
        case OPT_POSITIONAL:
            p->pos[p->npos++] = (char *)arg;
            break;
        case O_HELP:
            *status = print_command_help(c);
            return 0;
        case O_COUNT:
            if (!c->takes_count) {
                *status = fail_usage(c->name, "option -n does not apply to %s%s", c->name,
                                     no_count_reason(c->name));
                return 0;
            }
            if ((*status = parse_size(c->name, "COUNT", arg, SIZE_MAX, &p->count)) != 0)
                return 0;
            break;
        default:
            if ((*status = fn(c, ctx, id, arg)) != 0)
                return 0;
            break;
        }
    }
    return 1;
}

static int no_opts(const struct command *c, void *ctx, int id, const char *arg)
{
    (void)ctx;
    (void)arg;
    return fail_usage(c->name, "internal: unhandled option %d", id);
}

static int too_many(const struct command *c, const char *extra)
{
    return fail_usage(c->name, "unexpected argument '%.64s' (see 'secrets %s --help')",
                      extra, c->name);
}

static int missing(const struct command *c, const char *what)
{
    return fail_usage(c->name, "missing %s (see 'secrets %s --help')", what, c->name);
}

/* Frees p->pos and passes the status through. */
static int done(struct parsed *p, int status)
{
    free(p->pos);
    p->pos = NULL;
    return status;
}

/* Exit status after the output loop: 1 if stdout failed. */
static int out_status(void) { return out_failed() ? CLI_FAIL : CLI_OK; }

/* ------------------------------------------------------------------ tokens */

typedef int32_t (*token_fn)(char *out, size_t out_size, size_t nbytes);
typedef size_t (*token_size_fn)(size_t nbytes);

/* Prints the NUL-terminated secret in buf as one line, then wipes all
 * size bytes of buf: CLI_OK, or CLI_FAIL if the line could not be written. */
static int print_secret(char *buf, size_t size)
{
    int w = out_line(buf, strlen(buf));
    secrets_memzero(buf, size);
    return w != 0 ? CLI_FAIL : CLI_OK;
}

static int run_text_token(const struct command *c, int argc, char **argv, token_fn fn,
                          token_size_fn size_fn)
{
    struct parsed p;
    int status = 0;
    if (!parse(c, common_opts, argc, argv, &p, no_opts, NULL, &status))
        return done(&p, status);
    size_t nbytes = SECRETS_DEFAULT_ENTROPY;
    if (p.npos > 1)
        return done(&p, too_many(c, p.pos[1]));
    if (p.npos == 1 &&
        (status = parse_size(c->name, "NBYTES", p.pos[0], MAX_TOKEN_NBYTES, &nbytes)) != 0)
        return done(&p, status);
    size_t size = size_fn(nbytes);
    char *buf = cli_alloc(size);
    if (buf == NULL)
        return done(&p, CLI_FAIL);
    status = CLI_OK;
    for (size_t i = 0; i < p.count; i++) {
        int32_t rc = fn(buf, size, nbytes);
        if (rc != SECRETS_OK) {
            status = fail_lib(rc, NULL);
            break;
        }
        if ((status = print_secret(buf, size)) != CLI_OK)
            break;
    }
    cli_free(buf, size);
    return done(&p, status ? status : out_status());
}

static int run_token_hex(const struct command *c, int argc, char **argv)
{
    return run_text_token(c, argc, argv, secrets_token_hex, secrets_token_hex_size);
}

static int run_token_urlsafe(const struct command *c, int argc, char **argv)
{
    return run_text_token(c, argc, argv, secrets_token_urlsafe, secrets_token_urlsafe_size);
}

static int run_token_base32(const struct command *c, int argc, char **argv)
{
    return run_text_token(c, argc, argv, secrets_token_base32, secrets_token_base32_size);
}

struct bytes_ctx {
    int force;
};

static int bytes_opt(const struct command *c, void *ctx, int id, const char *arg)
{
    struct bytes_ctx *b = ctx;
    if (id == O_FORCE) {
        b->force = 1;
        return 0;
    }
    return no_opts(c, ctx, id, arg);
}

static int run_token_bytes(const struct command *c, int argc, char **argv)
{
    static const struct cli_opt opts[] = {OPT_HELP_ENTRY, OPT_COUNT_ENTRY,
                                          {"force", 'f', 0, O_FORCE}, OPTS_END};
    struct bytes_ctx ctx = {0};
    struct parsed p;
    int status = 0;
    if (!parse(c, opts, argc, argv, &p, bytes_opt, &ctx, &status))
        return done(&p, status);
    size_t nbytes = SECRETS_DEFAULT_ENTROPY;
    if (p.npos > 1)
        return done(&p, too_many(c, p.pos[1]));
    if (p.npos == 1 && (status = parse_size(c->name, "NBYTES", p.pos[0], SIZE_MAX, &nbytes)) != 0)
        return done(&p, status);
    if (!ctx.force && isatty(STDOUT_FILENO))
        return done(&p, fail_usage(c->name, "refusing to write raw bytes to a terminal "
                                            "(redirect the output, or use --force)"));
    /* Streamed in chunks: any size works without holding it all in memory. */
    enum { CHUNK = 65536 };
    uint8_t *buf = cli_alloc(CHUNK);
    if (buf == NULL)
        return done(&p, CLI_FAIL);
    status = CLI_OK;
    while (nbytes > 0) {
        size_t take = nbytes < CHUNK ? nbytes : CHUNK;
        int32_t rc = secrets_token_bytes(buf, take);
        if (rc != SECRETS_OK) {
            status = fail_lib(rc, NULL);
            break;
        }
        int w = out_bytes(buf, take);
        secrets_memzero(buf, take);
        if (w != 0) {
            status = CLI_FAIL;
            break;
        }
        nbytes -= take;
    }
    cli_free(buf, CHUNK);
    return done(&p, status ? status : out_status());
}

/* ----------------------------------------------------------------- numbers */

/* Prints a big-endian integer in decimal, then wipes the decimal copy. */
/* Parses the common options and one to `max` positional arguments (the
 * first is called `first` in the error for a missing one).  On a usage error
 * sets *status and returns 0. */
static int parse_args(const struct command *c, int argc, char **argv, struct parsed *p,
                      size_t max, const char *first, int *status)
{
    if (!parse(c, common_opts, argc, argv, p, no_opts, NULL, status))
        return 0;
    if (p->npos == 0) {
        *status = missing(c, first);
        return 0;
    }
    if (p->npos > max) {
        *status = too_many(c, p->pos[max]);
        return 0;
    }
    return 1;
}

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
                                    ? "N must be at least 1" : NULL);
        int status = print_be(out, len);
        secrets_memzero(out, len);
        if (status != CLI_OK)
            return status;
    }
    return CLI_OK;
}

static int run_randbelow(const struct command *c, int argc, char **argv)
{
    struct parsed p;
    int status = 0;
    if (!parse_args(c, argc, argv, &p, 1, "N", &status))
        return done(&p, status);
    const char *s = p.pos[0];
    size_t len = strlen(s);
    if (s[0] == '-' && len > 1 && strspn(s + 1, "0123456789") == len - 1)
        return done(&p, fail_usage(c->name, "N must not be negative, got '%.64s'", s));
    if (len == 0 || strspn(s, "0123456789") != len)
        return done(&p, fail_usage(c->name, "N must be a non-negative integer, got '%.64s'", s));
    size_t lead = strspn(s, "0");
    if (len - lead > MAX_DIGITS)
        return done(&p, fail_usage(c->name, "N is too large (%zu digits; at most %zu)",
                                   len - lead, MAX_DIGITS));
    uint8_t *upper = NULL;
    size_t ulen = 0;
    if (dec_to_be(s, &upper, &ulen) != 0)
        return done(&p, CLI_FAIL);
    uint8_t *out = cli_alloc(ulen);
    if (out == NULL) {
        cli_free(upper, ulen);
        return done(&p, CLI_FAIL);
    }
    struct big_draw d = { BIG_RANDBELOW, upper, 0 };
    status = print_big_draws(&d, p.count, out, ulen);
    cli_free(out, ulen);
    cli_free(upper, ulen);
    return done(&p, status ? status : out_status());
}

static int run_randbits(const struct command *c, int argc, char **argv)
{
    struct parsed p;
    int status = 0;
    if (!parse_args(c, argc, argv, &p, 1, "K", &status))
        return done(&p, status);
    size_t k = 0;
    if ((status = parse_size(c->name, "K", p.pos[0], MAX_BITS, &k)) != 0)
        return done(&p, status);
    size_t nbytes = k / 8 + (k % 8 != 0);
    uint8_t *buf = cli_alloc(nbytes);
    if (buf == NULL)
        return done(&p, CLI_FAIL);
    struct big_draw d = { BIG_RANDBITS, NULL, k };
    status = print_big_draws(&d, p.count, buf, nbytes);
    cli_free(buf, nbytes);
    return done(&p, status ? status : out_status());
}

static int run_randrange(const struct command *c, int argc, char **argv)
{
    struct parsed p;
    int status = 0;
    if (!parse_args(c, argc, argv, &p, 3, "STOP", &status))
        return done(&p, status);
    int64_t start = 0, stop = 0, step = 1;
    if (p.npos == 1) {
        status = parse_i64(c->name, "STOP", p.pos[0], &stop);
    } else {
        status = parse_i64(c->name, "START", p.pos[0], &start);
        if (status == 0)
            status = parse_i64(c->name, "STOP", p.pos[1], &stop);
        if (status == 0 && p.npos == 3)
            status = parse_i64(c->name, "STEP", p.pos[2], &step);
    }
    if (status != 0)
        return done(&p, status);
    char line[32];
    for (size_t i = 0; i < p.count; i++) {
        int64_t v = 0;
        int32_t rc = secrets_randrange(start, stop, step, &v);
        if (rc != SECRETS_OK) {
            const char *hint = NULL;
            if (rc == SECRETS_ERR_INVALID_ARGUMENT)
                hint = step == 0 ? "STEP must not be zero" : "the range is empty";
            status = fail_lib(rc, hint ? "%s" : NULL, hint);
            break;
        }
        int n = snprintf(line, sizeof line, "%" PRId64, v);
        v = 0;
        int w = out_line(line, (size_t)n);
        secrets_memzero(line, sizeof line);
        if (w != 0) {
            status = CLI_FAIL;
            break;
        }
    }
    return done(&p, status ? status : out_status());
}

/* ----------------------------------------------------------------- choices */

static int run_choice(const struct command *c, int argc, char **argv)
{
    struct parsed p;
    int status = 0;
    if (!parse(c, common_opts, argc, argv, &p, no_opts, NULL, &status))
        return done(&p, status);
    for (size_t i = 0; i < p.count; i++) {
        char *chosen = NULL;
        int32_t rc = secrets_choice(p.pos, p.npos, sizeof *p.pos, &chosen);
        if (rc != SECRETS_OK) {
            status = fail_lib(rc, rc == SECRETS_ERR_EMPTY ? "no ITEM given" : NULL);
            break;
        }
        if (out_line(chosen, strlen(chosen)) != 0) {
            status = CLI_FAIL;
            break;
        }
    }
    return done(&p, status ? status : out_status());
}

/* Prints lines in the given order. */
static int print_lines(const struct line *lines, const size_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct line *l = &lines[order ? order[i] : i];
        if (out_line(l->p, l->len) != 0)
            return CLI_FAIL;
    }
    return CLI_OK;
}

static int run_shuffle(const struct command *c, int argc, char **argv)
{
    struct parsed p;
    int status = 0;
    if (!parse(c, common_opts, argc, argv, &p, no_opts, NULL, &status))
        return done(&p, status);
    struct text t;
    struct line *lines = NULL;
    size_t n = 0;
    status = read_inputs(p.pos, p.npos, &t);
    if (status == 0)
        status = split_lines(&t, &lines, &n);
    if (status == 0) {
        int32_t rc = secrets_shuffle(lines, n, sizeof *lines);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_lines(lines, NULL, n);
    }
    cli_free(lines, n * sizeof *lines);
    text_free(&t);
    return done(&p, status ? status : out_status());
}

static int run_sample(const struct command *c, int argc, char **argv)
{
    struct parsed p;
    int status = 0;
    if (!parse(c, common_opts, argc, argv, &p, no_opts, NULL, &status))
        return done(&p, status);
    if (p.npos == 0)
        return done(&p, missing(c, "K"));
    size_t k = 0;
    if ((status = parse_size(c->name, "K", p.pos[0], SIZE_MAX, &k)) != 0)
        return done(&p, status);
    struct text t;
    struct line *lines = NULL;
    size_t n = 0;
    size_t *idx = NULL;
    status = read_inputs(p.pos + 1, p.npos - 1, &t);
    if (status == 0)
        status = split_lines(&t, &lines, &n);
    if (status == 0 && k > n)
        status = fail_lib(SECRETS_ERR_INVALID_ARGUMENT,
                          "cannot sample %zu distinct lines from %zu input line%s", k, n,
                          n == 1 ? "" : "s");
    if (status == 0 && (idx = cli_alloc(k * sizeof *idx)) == NULL)
        status = CLI_FAIL;
    if (status == 0) {
        int32_t rc = secrets_sample(n, k, idx);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_lines(lines, idx, k);
    }
    cli_free(idx, k * sizeof *idx);
    cli_free(lines, n * sizeof *lines);
    text_free(&t);
    return done(&p, status ? status : out_status());
}

/* --------------------------------------------------------------- passwords */

struct password_ctx {
    secrets_password_policy policy;
    int length_set;
    int symbols;
    int entropy;
};

static int password_opt(const struct command *c, void *ctx, int id, const char *arg)
{
    struct password_ctx *pc = ctx;
    secrets_password_policy *pol = &pc->policy;
    switch (id) {
    case O_LENGTH:
        pc->length_set = 1;
        return parse_size(c->name, "LENGTH", arg, SIZE_MAX, &pol->length);
    case O_ALPHABET:
        pol->alphabet = arg;
        pol->alphabet_len = strlen(arg);
        return 0;
    case O_SYMBOLS:
        pc->symbols = 1;
        return 0;
    case O_MIN_LOWER:
        return parse_size(c->name, "--min-lower", arg, SIZE_MAX, &pol->min_lower);
    case O_MIN_UPPER:
        return parse_size(c->name, "--min-upper", arg, SIZE_MAX, &pol->min_upper);
    case O_MIN_DIGITS:
        return parse_size(c->name, "--min-digits", arg, SIZE_MAX, &pol->min_digits);
    case O_MIN_SYMBOLS:
        return parse_size(c->name, "--min-symbols", arg, SIZE_MAX, &pol->min_symbols);
    case O_ENTROPY:
        pc->entropy = 1;
        return 0;
    default:
        return no_opts(c, ctx, id, arg);
    }
}

/* Longest UTF-8 sequence in s, by lead byte (an upper bound; the library
 * validates the UTF-8 itself). */
static size_t max_utf8_len(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 4;
    return 1;
}

static int password_hint(int32_t rc, const struct password_ctx *pc)
{
    const secrets_password_policy *pol = &pc->policy;
    if (rc == SECRETS_ERR_UNSATISFIABLE) {
        const size_t mins[4] = {pol->min_lower, pol->min_upper, pol->min_digits,
                                pol->min_symbols};
        size_t sum = 0;
        for (int i = 0; i < 4; i++)
            sum = mins[i] > SIZE_MAX - sum ? SIZE_MAX : sum + mins[i];
        if (sum > pol->length)
            return fail_lib(rc, "the minimums add up to more than the length %zu", pol->length);
        if (pol->min_symbols > 0 && pol->alphabet == NULL)
            return fail_lib(rc, "the default alphabet has no symbols; add --symbols or --alphabet");
        return fail_lib(rc, "a character class with a minimum is missing from the alphabet");
    }
    if (rc == SECRETS_ERR_INVALID_ARGUMENT && pol->alphabet != NULL)
        return fail_lib(rc, "the alphabet must not repeat a character");
    if (rc == SECRETS_ERR_EMPTY)
        return fail_lib(rc, "the alphabet is empty");
    if (rc == SECRETS_ERR_INVALID_UTF8)
        return fail_lib(rc, "the alphabet");
    if (rc == SECRETS_ERR_TOO_LARGE) {
#ifdef SECRETS_PASSWORD_MAX_LENGTH
        return fail_lib(rc, "LENGTH %zu; at most %zu", pol->length,
                        (size_t)SECRETS_PASSWORD_MAX_LENGTH);
#else
        return fail_lib(rc, "LENGTH %zu", pol->length);
#endif
    }
    return fail_lib(rc, NULL);
}

static int run_password(const struct command *c, int argc, char **argv)
{
    static const struct cli_opt opts[] = {OPT_HELP_ENTRY,
                                          OPT_COUNT_ENTRY,
                                          {"length", 'l', 1, O_LENGTH},
                                          {"alphabet", 'a', 1, O_ALPHABET},
                                          {"symbols", 's', 0, O_SYMBOLS},
                                          {"min-lower", 0, 1, O_MIN_LOWER},
                                          {"min-upper", 0, 1, O_MIN_UPPER},
                                          {"min-digits", 0, 1, O_MIN_DIGITS},
                                          {"min-symbols", 0, 1, O_MIN_SYMBOLS},
                                          {"entropy", 'e', 0, O_ENTROPY},
                                          OPTS_END};
    struct password_ctx pc;
    memset(&pc, 0, sizeof pc);
    pc.policy.length = DEFAULT_PASSWORD_LENGTH;
    struct parsed p;
    int status = 0;
    if (!parse(c, opts, argc, argv, &p, password_opt, &pc, &status))
        return done(&p, status);
    if (p.npos > 1)
        return done(&p, too_many(c, p.pos[1]));
    if (p.npos == 1) {
        if (pc.length_set)
            return done(&p, fail_usage(c->name, "LENGTH given twice (operand and --length)"));
        if ((status = parse_size(c->name, "LENGTH", p.pos[0], SIZE_MAX, &pc.policy.length)) != 0)
            return done(&p, status);
    }
    if (pc.symbols) {
        if (pc.policy.alphabet != NULL)
            return done(&p, fail_usage(c->name, "--symbols and --alphabet cannot be combined"));
        pc.policy.alphabet = LETTERS_DIGITS PUNCTUATION;
        pc.policy.alphabet_len = strlen(pc.policy.alphabet);
    }
    /* Validates the whole policy (and its size limit) before any buffer is
     * sized from it. */
    double bits = 0;
    int32_t rc = secrets_password_entropy(&pc.policy, &bits);
    if (rc != SECRETS_OK)
        return done(&p, password_hint(rc, &pc));
    if (pc.entropy) {
        char line[64];
        int n = snprintf(line, sizeof line, "%.2f", bits);
        return done(&p, out_line(line, (size_t)n) != 0 ? CLI_FAIL : CLI_OK);
    }
    size_t cp = pc.policy.alphabet ? max_utf8_len(pc.policy.alphabet, pc.policy.alphabet_len) : 1;
    if (pc.policy.length > (SIZE_MAX - 1) / cp)
        return done(&p, fail_lib(SECRETS_ERR_TOO_LARGE, "LENGTH %zu", pc.policy.length));
    size_t size = pc.policy.length * cp + 1;
    char *buf = cli_alloc(size);
    if (buf == NULL)
        return done(&p, CLI_FAIL);
    for (size_t i = 0; i < p.count; i++) {
        rc = secrets_password(buf, size, &pc.policy);
        if (rc != SECRETS_OK) {
            status = password_hint(rc, &pc);
            break;
        }
        if ((status = print_secret(buf, size)) != CLI_OK)
            break;
    }
    cli_free(buf, size);
    return done(&p, status ? status : out_status());
}

struct passphrase_ctx {
    size_t words;
    int words_set;
    const char *wordlist;
    const char *separator;
    int entropy;
};

static int passphrase_opt(const struct command *c, void *ctx, int id, const char *arg)
{
    struct passphrase_ctx *pc = ctx;
    switch (id) {
    case O_WORDS:
        pc->words_set = 1;
        return parse_size(c->name, "--words", arg, SIZE_MAX, &pc->words);
    case O_WORDLIST:
        pc->wordlist = arg;
        return 0;
    case O_SEPARATOR:
        pc->separator = arg;
        return 0;
    case O_ENTROPY:
        pc->entropy = 1;
        return 0;
    default:
        return no_opts(c, ctx, id, arg);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Loads a word list: one word per line, surrounding blanks trimmed, empty
 * lines skipped, duplicates removed (so every distinct word is equally
 * likely and the entropy figure is exact). */
static int load_words(const char *path, struct text *t, const char ***words, size_t *nwords,
                      size_t *maxlen)
{
    struct line *lines = NULL;
    size_t n = 0;
    char *files[1];
    files[0] = (char *)path;
    *words = NULL;
    *nwords = *maxlen = 0;
    int status = read_inputs(files, 1, t);
    if (status == 0)
        status = split_lines(t, &lines, &n);
    if (status != 0)
        return status;
    const char **w = cli_alloc(n * sizeof *w);
    if (w == NULL) {
        cli_free(lines, n * sizeof *lines);
        return CLI_FAIL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char *s = lines[i].p;
        size_t len = lines[i].len;
        while (len > 0 && is_space(*s)) {
            s++;
            len--;
        }
        while (len > 0 && is_space(s[len - 1]))
            len--;
        s[len] = '\0'; /* overwrites the newline, a blank, or the final NUL */
        len = strlen(s); /* a NUL inside the line ends the word */
        if (len > 0)
            w[k++] = s;
    }
    cli_free(lines, n * sizeof *lines);
    if (k > 1)
        qsort(w, k, sizeof *w, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++) {
        if (u > 0 && strcmp(w[u - 1], w[i]) == 0)
            continue;
        w[u++] = w[i];
        size_t len = strlen(w[i]);
        if (len > *maxlen)
            *maxlen = len;
    }
    *words = w;
    *nwords = u;
    return 0;
}

static int run_passphrase(const struct command *c, int argc, char **argv)
{
    static const struct cli_opt opts[] = {OPT_HELP_ENTRY,
                                          OPT_COUNT_ENTRY,
                                          {"words", 'w', 1, O_WORDS},
                                          {"wordlist", 'f', 1, O_WORDLIST},
                                          {"separator", 's', 1, O_SEPARATOR},
                                          {"entropy", 'e', 0, O_ENTROPY},
                                          OPTS_END};
    struct passphrase_ctx pc = {DEFAULT_PASSPHRASE_WORDS, 0, NULL, " ", 0};
    struct parsed p;
    int status = 0;
    if (!parse(c, opts, argc, argv, &p, passphrase_opt, &pc, &status))
        return done(&p, status);
    if (p.npos > 1)
        return done(&p, too_many(c, p.pos[1]));
    if (p.npos == 1) {
        if (pc.words_set)
            return done(&p, fail_usage(c->name, "NWORDS given twice (operand and --words)"));
        if ((status = parse_size(c->name, "NWORDS", p.pos[0], SIZE_MAX, &pc.words)) != 0)
            return done(&p, status);
    }
    const char *path = pc.wordlist;
    if (path == NULL) {
        const char *env = getenv("SECRETS_WORDLIST");
        path = env != NULL && env[0] != '\0' ? env : DEFAULT_WORDLIST;
        if (access(path, F_OK) != 0 && errno == ENOENT) {
            fprintf(stderr,
                    "secrets: no word list: none given with --wordlist FILE and none found "
                    "at %s\n",
                    path);
            return done(&p, CLI_FAIL);
        }
    }
    struct text t;
    const char **words = NULL;
    size_t nwords = 0, maxlen = 0;
    if ((status = load_words(path, &t, &words, &nwords, &maxlen)) != 0) {
        text_free(&t);
        return done(&p, status);
    }
    char *buf = NULL;
    size_t size = 0;
    size_t seplen = strlen(pc.separator);
    if (pc.words > 0 && nwords == 0) {
        status = fail_lib(SECRETS_ERR_EMPTY, "the word list '%s' has no words", path);
    } else if (pc.entropy) {
        char line[64];
        double bits = nwords > 0 ? (double)pc.words * log2((double)nwords) : 0.0;
        int n = snprintf(line, sizeof line, "%.2f", bits);
        status = out_line(line, (size_t)n) != 0 ? CLI_FAIL : CLI_OK;
    } else {
        /* Room for the longest possible result: nwords * maxlen + separators + NUL. */
        size_t nsep = pc.words > 0 ? pc.words - 1 : 0;
        if ((maxlen > 0 && pc.words > (SIZE_MAX / 2) / maxlen) ||
            (seplen > 0 && nsep > (SIZE_MAX / 2) / seplen)) {
            status = fail_lib(SECRETS_ERR_TOO_LARGE, "%zu words", pc.words);
        } else {
            size = pc.words * maxlen + nsep * seplen + 1;
            if ((buf = cli_alloc(size)) == NULL)
                status = CLI_FAIL;
        }
        for (size_t i = 0; status == 0 && i < p.count; i++) {
            int32_t rc = secrets_passphrase(buf, size, pc.words, words, nwords, pc.separator);
            if (rc != SECRETS_OK) {
                if (rc == SECRETS_ERR_INVALID_UTF8)
                    status = fail_lib(rc, "a word of '%s', or the separator", path);
                else
                    status = fail_lib(rc, NULL);
                break;
            }
            status = print_secret(buf, size);
        }
    }
    cli_free(buf, size);
    cli_free((void *)words, nwords * sizeof *words);
    text_free(&t);
    return done(&p, status ? status : out_status());
}

/* ------------------------------------------------------------------- uuids */

struct uuid_ctx {
    int v7;
};

static int uuid_opt(const struct command *c, void *ctx, int id, const char *arg)
{
    struct uuid_ctx *u = ctx;
    if (id == O_V4 || id == O_V7) {
        u->v7 = id == O_V7;
        return 0;
    }
    return no_opts(c, ctx, id, arg);
}

static int run_uuid(const struct command *c, int argc, char **argv)
{
    static const struct cli_opt opts[] = {OPT_HELP_ENTRY, OPT_COUNT_ENTRY, {"v4", 0, 0, O_V4},
                                          {"v7", 0, 0, O_V7}, OPTS_END};
    struct uuid_ctx ctx = {0};
    struct parsed p;
    int status = 0;
    if (!parse(c, opts, argc, argv, &p, uuid_opt, &ctx, &status))
        return done(&p, status);
    if (p.npos > 0)
        return done(&p, too_many(c, p.pos[0]));
    char buf[SECRETS_UUID_SIZE];
    for (size_t i = 0; i < p.count; i++) {
        int32_t rc = ctx.v7 ? secrets_uuid7(buf, sizeof buf) : secrets_uuid4(buf, sizeof buf);
        if (rc != SECRETS_OK) {
            status = fail_lib(rc, NULL);
            break;
        }
        if ((status = print_secret(buf, sizeof buf)) != CLI_OK)
            break;
    }
    return done(&p, status ? status : out_status());
}

/* -------------------------------------------------------------------- help */

#define COUNT_HELP "  -n, --count COUNT  print COUNT results, one per line (default 1)\n"
#define HELP_HELP "  -h, --help         show this help\n"

const struct command cli_commands[] = {
    {"token-hex", run_token_hex, "NBYTES random bytes as lowercase hex (default 32 bytes)",
     "Usage: secrets token-hex [-n COUNT] [NBYTES]\n"
     "\n"
     "Print NBYTES random bytes (default 32, Python's DEFAULT_ENTROPY) as 2*NBYTES\n"
     "lowercase hexadecimal digits, like Python's secrets.token_hex().\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets token-hex          # 64 hex digits (256 bits)\n"
     "  secrets token-hex 16       # 32 hex digits (128 bits)\n",
     1},
    {"token-urlsafe", run_token_urlsafe, "NBYTES random bytes as unpadded base64url",
     "Usage: secrets token-urlsafe [-n COUNT] [NBYTES]\n"
     "\n"
     "Print NBYTES random bytes (default 32) as unpadded base64url (RFC 4648,\n"
     "section 5): ceil(4*NBYTES/3) characters from A-Z a-z 0-9 - _, like Python's\n"
     "secrets.token_urlsafe(). Safe in URLs and file names.\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets token-urlsafe      # 43 characters (256 bits)\n"
     "  secrets token-urlsafe 16   # 22 characters (128 bits)\n",
     1},
    {"token-base32", run_token_base32, "NBYTES random bytes as unpadded base32 (A-Z2-7)",
     "Usage: secrets token-base32 [-n COUNT] [NBYTES]\n"
     "\n"
     "Print NBYTES random bytes (default 32) as unpadded RFC 4648 base32:\n"
     "ceil(8*NBYTES/5) characters from A-Z 2-7 (case-insensitive, easy to read\n"
     "aloud; the format of TOTP secrets).\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets token-base32       # 52 characters (256 bits)\n"
     "  secrets token-base32 20    # a 160-bit TOTP secret, 32 characters\n",
     1},
    {"token-bytes", run_token_bytes, "NBYTES raw random bytes (default 32)",
     "Usage: secrets token-bytes [--force] [NBYTES]\n"
     "\n"
     "Write NBYTES raw random bytes (default 32) to standard output, like Python's\n"
     "secrets.token_bytes() or `openssl rand`. Any size works (the output is\n"
     "streamed). Refuses to write to a terminal unless --force is given.\n"
     "\n"
     "Options:\n"
     "  -f, --force        write even if standard output is a terminal\n" HELP_HELP "\n"
     "Examples:\n"
     "  secrets token-bytes 32 > key.bin\n"
     "  secrets token-bytes 1048576 | sha256sum\n",
     0},
    {"randbelow", run_randbelow, "an integer in [0, N), N up to 100000 digits",
     "Usage: secrets randbelow [-n COUNT] N\n"
     "\n"
     "Print an integer chosen uniformly from 0, 1, ..., N-1, like Python's\n"
     "secrets.randbelow(N). N is a decimal integer of any size up to 100000 digits;\n"
     "N = 0 is an error.\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets randbelow 6        # a die roll minus one: 0..5\n"
     "  secrets randbelow 340282366920938463463374607431768211456   # < 2^128\n",
     1},
    {"randbits", run_randbits, "an integer of K random bits, in [0, 2^K)",
     "Usage: secrets randbits [-n COUNT] K\n"
     "\n"
     "Print a decimal integer with K random bits, uniform in [0, 2^K), like\n"
     "Python's secrets.randbits(K). K may be 0 (prints 0) up to 1000000.\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets randbits 64\n"
     "  secrets randbits 1000\n",
     1},
    {"randrange", run_randrange, "an integer from range(START, STOP, STEP)",
     "Usage: secrets randrange [-n COUNT] [START] STOP [STEP]\n"
     "\n"
     "Print an integer chosen uniformly from range(START, STOP, STEP), like\n"
     "Python's random.SystemRandom().randrange(): START defaults to 0 and STEP to\n"
     "1; STEP may be negative; an empty range or a STEP of 0 is an error. All\n"
     "three are 64-bit signed integers (negative numbers need no '--').\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets randrange 1 7      # a die roll: 1..6\n"
     "  secrets randrange 0 100 5  # a multiple of 5 below 100\n"
     "  secrets randrange 10 -10 -2\n",
     1},
    {"choice", run_choice, "one of the ITEMs",
     "Usage: secrets choice [-n COUNT] ITEM...\n"
     "\n"
     "Print one of the ITEMs, each equally likely, like Python's secrets.choice().\n"
     "With -n, each line is an independent choice (repeats are possible). Put\n"
     "'--' before items that start with '-'.\n"
     "\n"
     "Options:\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets choice rock paper scissors\n"
     "  secrets choice -n 4 heads tails\n",
     1},
    {"shuffle", run_shuffle, "the input lines in random order",
     "Usage: secrets shuffle [FILE...]\n"
     "\n"
     "Print the lines of the FILEs (or of standard input; '-' is standard input)\n"
     "in random order, every order equally likely (Fisher-Yates), like `shuf`.\n"
     "A last line without a newline gets one.\n"
     "\n"
     "Options:\n" HELP_HELP "\n"
     "Examples:\n"
     "  seq 10 | secrets shuffle\n"
     "  secrets shuffle players.txt\n",
     0},
    {"sample", run_sample, "K distinct input lines, in random order",
     "Usage: secrets sample K [FILE...]\n"
     "\n"
     "Print K distinct lines (by position) of the FILEs (or of standard input),\n"
     "in random order, like Python's random.sample() or `shuf -n K`. K larger\n"
     "than the number of lines is an error.\n"
     "\n"
     "Options:\n" HELP_HELP "\n"
     "Examples:\n"
     "  seq 49 | secrets sample 6\n"
     "  secrets sample 3 entrants.txt\n",
     0},
    {"password", run_password, "a password (default: 20 letters and digits)",
     "Usage: secrets password [OPTIONS] [LENGTH]\n"
     "\n"
     "Print a password of LENGTH characters (default 20) from an alphabet\n"
     "(default: ASCII letters and digits), uniformly distributed over all the\n"
     "strings that meet the minimums below.\n"
     "\n"
     "Options:\n"
     "  -l, --length N       number of characters (same as the LENGTH operand)\n"
     "  -a, --alphabet STR   characters to use (UTF-8; no character twice)\n"
     "  -s, --symbols        use letters, digits and ASCII punctuation\n"
     "      --min-lower N    at least N of a-z\n"
     "      --min-upper N    at least N of A-Z\n"
     "      --min-digits N   at least N of 0-9\n"
     "      --min-symbols N  at least N characters that are none of those\n"
     "  -e, --entropy        print the entropy of the policy in bits instead\n"
     "  -n, --count COUNT    print COUNT passwords, one per line (default 1)\n"
     "  -h, --help           show this help\n"
     "\n"
     "LENGTH is at most 4096. A policy no password can meet is an error (exit\n"
     "status 1).\n"
     "\n"
     "Examples:\n"
     "  secrets password\n"
     "  secrets password 16 --symbols --min-digits 2 --min-symbols 2\n"
     "  secrets password --alphabet 0123456789 6   # a PIN\n"
     "  secrets password --entropy 16 --symbols    # 104.87\n",
     1},
    {"passphrase", run_passphrase, "words from a word list (default 6 words)",
     "Usage: secrets passphrase [OPTIONS] [NWORDS]\n"
     "\n"
     "Print NWORDS words (default 6), each chosen uniformly from a word list, like\n"
     "the passphrase recipe of Python's secrets documentation. The word list has\n"
     "one word per line; blanks around words, empty lines and duplicates are\n"
     "ignored. Without --wordlist, $SECRETS_WORDLIST or " DEFAULT_WORDLIST " is\n"
     "used.\n"
     "\n"
     "Options:\n"
     "  -w, --words N          number of words (same as the NWORDS operand)\n"
     "  -f, --wordlist FILE    the word list ('-' is standard input)\n"
     "  -s, --separator SEP    put SEP between words (default: one space)\n"
     "  -e, --entropy          print the entropy in bits instead\n"
     "  -n, --count COUNT      print COUNT passphrases, one per line (default 1)\n"
     "  -h, --help             show this help\n"
     "\n"
     "Examples:\n"
     "  secrets passphrase\n"
     "  secrets passphrase --wordlist eff_large_wordlist.txt --words 7 -s -\n",
     1},
    {"uuid", run_uuid, "a random (v4) or time-ordered (v7) UUID",
     "Usage: secrets uuid [-n COUNT] [--v4 | --v7]\n"
     "\n"
     "Print an RFC 9562 UUID in the lowercase 36-character form: version 4\n"
     "(122 random bits; the default) or version 7 (a millisecond Unix timestamp,\n"
     "then random bits; successive UUIDs from one run are strictly increasing).\n"
     "\n"
     "Options:\n"
     "      --v4           a version 4 UUID (default)\n"
     "      --v7           a version 7 UUID\n" COUNT_HELP HELP_HELP "\n"
     "Examples:\n"
     "  secrets uuid\n"
     "  secrets uuid --v7 -n 3\n",
     1},
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

int print_command_help(const struct command *c)
{
    return out_str(c->help) != 0 ? CLI_FAIL : CLI_OK;
}
