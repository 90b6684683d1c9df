/*
 * cli.h - internal interfaces of the `secrets` command-line program.
 *
 * The program uses only the public header <secrets.h>; everything here is
 * plumbing: buffered output that wipes itself, error reporting, option
 * parsing, reading lines, and decimal <-> big-endian conversion.
 */
#ifndef SECRETS_CLI_H
#define SECRETS_CLI_H

#include <stddef.h>
#include <stdint.h>

/* Exit statuses. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* ---- output.c: stdout through a private buffer, wiped after each flush ---- */

/* Appends raw bytes. Returns 0, or -1 after a write error (reported). */
int out_bytes(const void *p, size_t n);
/* Appends s[0..n) and a newline; a line is never split across two flushes
 * unless it is larger than the buffer. Returns 0 or -1. */
int out_line(const char *s, size_t n);
/* Appends a NUL-terminated string (help text). Returns 0 or -1. */
int out_str(const char *s);
/* Writes everything buffered and wipes the buffer. Returns 0 or -1. */
int out_flush(void);
/* Nonzero once stdout failed (EPIPE is recorded but never reported). */
int out_failed(void);

/* "secrets: <secrets_strerror(status)>" plus " (<hint>)" if hint_fmt is not
 * NULL, on stderr; returns CLI_FAIL. */
int fail_lib(int32_t status, const char *hint_fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* "secrets: <cmd>: <message>" on stderr; returns CLI_USAGE. */
int fail_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* "secrets: <message>: <strerror(errnum)>" on stderr; returns CLI_FAIL. */
int fail_sys(int errnum, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* malloc that reports "secrets: out of memory" and returns NULL on failure
 * (n == 0 allocates 1 byte). */
void *cli_alloc(size_t n);
/* Wipes n bytes at p (secrets_memzero) and frees p. NULL is fine. */
void cli_free(void *p, size_t n);

/* ---- opts.c: option parsing and numbers ---- */

struct cli_opt {
    const char *lng; /* long name without "--", or NULL */
    char shrt;       /* short letter, or 0 */
    int has_arg;     /* takes a value: "--opt V", "--opt=V", "-oV", "-o V" */
    int id;          /* returned by opt_next */
};

enum { OPT_END = -1, OPT_ERROR = -2, OPT_POSITIONAL = -3 };

struct opt_iter {
    const char *cmd;
    const struct cli_opt *opts; /* terminated by an entry with id 0 */
    int argc;
    char **argv;
    int i;
    int only_positional;
};

void opt_init(struct opt_iter *it, const char *cmd, const struct cli_opt *opts,
              int argc, char **argv);
/* Next option id; OPT_POSITIONAL with *arg set for an operand (anything not
 * starting with '-', a lone "-", a negative number like "-5", or anything
 * after "--"); OPT_END; or OPT_ERROR after reporting a usage error. */
int opt_next(struct opt_iter *it, const char **arg);

/* Parses a non-negative decimal integer no larger than max. On error reports
 * "secrets: <cmd>: ..." naming `what` and returns CLI_USAGE; else 0. */
int parse_size(const char *cmd, const char *what, const char *s, size_t max,
               size_t *out);
/* Parses a signed 64-bit decimal integer; same error convention. */
int parse_i64(const char *cmd, const char *what, const char *s, int64_t *out);

/* ---- lines.c: whole inputs, split into lines ---- */

struct text {
    char *data; /* NUL-terminated for convenience; len excludes the NUL */
    size_t len;
    size_t cap;
};
struct line {
    char *p;
    size_t len; /* without the newline */
};

/* Reads every file (or stdin when nfiles == 0; "-" is stdin) into t, with a
 * newline inserted between files whose last line has none. Returns 0, or
 * CLI_FAIL after reporting an unreadable file. */
int read_inputs(char *const *files, size_t nfiles, struct text *t);
/* Splits t into lines (a last line without newline counts). Returns 0 or
 * CLI_FAIL (out of memory). *lines is NULL when *count is 0. */
int split_lines(struct text *t, struct line **lines, size_t *count);
/* Wipes and frees. */
void text_free(struct text *t);

/* ---- bignum.c: decimal <-> big-endian unsigned integers ---- */

/* Converts a string of decimal digits (no sign; leading zeros allowed) into
 * a minimal big-endian byte string (at least one byte). Returns 0; -1 if s
 * is not a non-empty string of digits; -2 if out of memory. Free the result
 * with cli_free(*out, *out_len). */
int dec_to_be(const char *s, uint8_t **out, size_t *out_len);
/* Converts a big-endian unsigned integer (len may be 0: zero) into decimal
 * without leading zeros ("0" for zero). Returns a NUL-terminated string and
 * its length in *dec_len, or NULL if out of memory. Free with
 * cli_free(p, *dec_len + 1). */
char *be_to_dec(const uint8_t *be, size_t len, size_t *dec_len);

/* ---- commands.c ---- */

struct command {
    const char *name;
    int (*run)(const struct command *c, int argc, char **argv);
    const char *summary; /* one line for the command list */
    const char *help;    /* full help text */
    int takes_count;     /* accepts -n COUNT */
};

extern const struct command cli_commands[];
extern const size_t cli_ncommands;

/* COUNT from a global "-n" given before the command; commands start from it. */
extern size_t cli_global_count;
extern int cli_global_count_set;

int print_command_help(const struct command *c);

#endif /* SECRETS_CLI_H */
