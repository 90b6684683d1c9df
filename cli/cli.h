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

/* Every option of the program, one meaning per letter in every command
 * (table.c lists them; a command says which ones it accepts). */
enum opt_id {
    O_HELP = 1,
    O_VERSION,
    O_COUNT,
    O_OUTPUT,
    O_FORCE,
    O_LENGTH,
    O_ALPHABET,
    O_SYMBOLS,
    O_EXCLUDE,
    O_NO_AMBIGUOUS,
    O_MIN_LOWER,
    O_MIN_UPPER,
    O_MIN_DIGITS,
    O_MIN_SYMBOLS,
    O_ENTROPY,
    O_WORDS,
    O_WORDLIST,
    O_SEPARATOR,
    O_V4,
    O_V7,
    O_LAST
};

struct cli_opt {
    const char *lng;     /* long name without "--", or NULL */
    char shrt;           /* short letter, or 0 */
    int has_arg;         /* takes a value: "--opt V", "--opt=V", "-oV", "-o V" */
    int id;              /* returned by opt_next; 0 ends a table */
    const char *argname; /* the value's name in help ("N", "FILE"), or NULL */
    const char *help;    /* one line for the help text */
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

/* Optimal string alignment distance between a and b ('_' in a counts as
 * '-'; adjacent swaps cost 1), 9 for strings of 32 bytes or more. */
size_t edit_distance(const char *a, const char *b);

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

/* ---- output.c: -o FILE ---- */

/* Sends the output to a new temporary file (mode 0600, O_EXCL) in the
 * directory of path, to be renamed over path by out_commit. Refuses a path
 * that exists and is not a regular file. Returns 0, or CLI_FAIL (reported). */
int out_to_file(const char *path);
/* Flushes; with -o, also fsyncs and renames the temporary file into place
 * when ok, and removes it otherwise. Returns 0, or -1 (reported). */
int out_finish(int ok);
/* Nonzero when the output is a terminal (never with -o). */
int out_is_tty(void);

/* ---- wordlist.c: word lists for passphrase ---- */

struct wordlist {
    struct text text;   /* the file; words point into it */
    const char **words; /* distinct words, sorted */
    size_t count;
};

/* Reads a word list: one word per line, or the diceware/EFF format (dice
 * digits, blanks, a word). Blanks around words, empty lines and repeated
 * words are dropped; a line that is neither form is an error. Returns 0, or
 * CLI_FAIL (reported). Free with wordlist_free, also after a failure. */
int wordlist_load(const char *path, struct wordlist *wl);
void wordlist_free(struct wordlist *wl);

/* ---- main.c / table.c: commands ---- */

/* A parsed command line: what every command receives. */
struct args {
    char **pos; /* operands, in order */
    size_t npos;
    size_t count;            /* -n COUNT (default 1) */
    const char *val[O_LAST]; /* each option given: its value, or "" for a flag */
};

#define CMD_MAX_OPTS 16

struct command {
    const char *name;
    int (*run)(const struct command *c, struct args *a);
    const char *operands;    /* e.g. "[NBYTES]", for the usage line */
    size_t min_pos, max_pos; /* operands accepted (max SIZE_MAX: any number) */
    const char *first;       /* the first operand's name, for "missing ..." */
    const char *summary;     /* one line for the command list */
    const char *description; /* paragraphs of the command's help */
    const char *examples;    /* lines of the command's help */
    const char *no_count;    /* NULL if -n applies; else why not */
    unsigned char opts[CMD_MAX_OPTS]; /* its own options (enum opt_id), 0-terminated */
};

extern const struct command cli_commands[];
extern const size_t cli_ncommands;
extern const struct cli_opt cli_options[]; /* every option, id 0 last */

/* Option pairs that cannot be combined (each pair {a, b}; {0, 0} last). */
extern const unsigned char cli_conflicts[][2];

int command_accepts(const struct command *c, int id);
const struct cli_opt *option_by_id(int id);
int print_main_help(void);
int print_command_help(const struct command *c);
int print_version(void);

/* Writes the NUL-terminated secret in buf as one line, then wipes all size
 * bytes of buf: CLI_OK, or CLI_FAIL if the line could not be written. */
int print_secret(char *buf, size_t size);
/* Exit status after the output loop: CLI_FAIL if the output failed. */
int out_status(void);

/* The commands, by topic. */
int cmd_token_hex(const struct command *c, struct args *a);
int cmd_token_urlsafe(const struct command *c, struct args *a);
int cmd_token_base32(const struct command *c, struct args *a);
int cmd_token_base64(const struct command *c, struct args *a);
int cmd_token_bytes(const struct command *c, struct args *a);
int cmd_randbelow(const struct command *c, struct args *a);
int cmd_randbits(const struct command *c, struct args *a);
int cmd_randrange(const struct command *c, struct args *a);
int cmd_randint(const struct command *c, struct args *a);
int cmd_pin(const struct command *c, struct args *a);
int cmd_choice(const struct command *c, struct args *a);
int cmd_shuffle(const struct command *c, struct args *a);
int cmd_sample(const struct command *c, struct args *a);
int cmd_password(const struct command *c, struct args *a);
int cmd_passphrase(const struct command *c, struct args *a);
int cmd_uuid(const struct command *c, struct args *a);

#endif /* SECRETS_CLI_H */
