/*
 * cmd_passwords.c - password and passphrase.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

#define DEFAULT_PASSWORD_LENGTH 20
#define DEFAULT_PASSPHRASE_WORDS 6
#define PUNCTUATION "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" /* Python's string.punctuation */
#define LETTERS_DIGITS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
/* pwgen's -B set (pw_ambiguous in pwgen.h): characters easily mistaken for
 * one another. */
#define AMBIGUOUS "B8G6I1l0OQDS5Z2"

/* ---------------------------------------------------------------- password */

/* Bytes of the UTF-8 sequence that starts with lead byte b (1 for a byte
 * that cannot start one: the library rejects such an alphabet anyway). */
static size_t utf8_len(unsigned char b)
{
    return b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
}

/* Nonzero if the code point at p (len bytes) is one of the code points of
 * set (NUL-terminated). */
static int in_set(const char *p, size_t len, const char *set)
{
    size_t n = strlen(set);
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len((unsigned char)set[i]);
        if (l > n - i)
            l = n - i;
        if (l == len && memcmp(set + i, p, len) == 0)
            return 1;
        i += l;
    }
    return 0;
}

/* The alphabet minus the code points in drop: a new NUL-terminated string,
 * or NULL (out of memory, reported). */
static char *filter_alphabet(const char *alphabet, size_t len, const char *drop, size_t *out_len)
{
    char *out = cli_alloc(len + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t l = utf8_len((unsigned char)alphabet[i]);
        if (l > len - i)
            l = len - i;
        if (!in_set(alphabet + i, l, drop)) {
            memcpy(out + n, alphabet + i, l);
            n += l;
        }
        i += l;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static int password_hint(int32_t rc, const secrets_password_policy *pol, int default_alphabet,
                         int filtered)
{
    if (rc == SECRETS_ERR_UNSATISFIABLE) {
        const size_t mins[4] = {pol->min_lower, pol->min_upper, pol->min_digits,
                                pol->min_symbols};
        size_t sum = 0;
        for (int i = 0; i < 4; i++)
            sum = mins[i] > SIZE_MAX - sum ? SIZE_MAX : sum + mins[i];
        if (sum > pol->length)
            return fail_lib(rc, "the minimums add up to more than the length %zu", pol->length);
        if (pol->min_symbols > 0 && default_alphabet)
            return fail_lib(rc, "the default alphabet has no symbols; add --symbols or --alphabet");
        return fail_lib(rc, "a character class with a minimum is missing from the alphabet%s",
                        filtered ? " (after --exclude/--no-ambiguous)" : "");
    }
    if (rc == SECRETS_ERR_INVALID_ARGUMENT && pol->alphabet != NULL)
        return fail_lib(rc, "the alphabet must not repeat a character");
    if (rc == SECRETS_ERR_EMPTY)
        return fail_lib(rc, "the alphabet is empty%s",
                        filtered ? " after --exclude/--no-ambiguous" : "");
    if (rc == SECRETS_ERR_INVALID_UTF8)
        return fail_lib(rc, "the alphabet");
    if (rc == SECRETS_ERR_TOO_LARGE)
        return fail_lib(rc, "LENGTH %zu; at most %zu", pol->length,
                        (size_t)SECRETS_PASSWORD_MAX_LENGTH);
    return fail_lib(rc, NULL);
}

static int password_policy(const struct command *c, struct args *a, secrets_password_policy *pol)
{
    static const struct {
        int id;
        const char *what;
    } mins[] = {{O_MIN_LOWER, "--min-lower"},
                {O_MIN_UPPER, "--min-upper"},
                {O_MIN_DIGITS, "--min-digits"},
                {O_MIN_SYMBOLS, "--min-symbols"}};
    size_t *fields[] = {&pol->min_lower, &pol->min_upper, &pol->min_digits, &pol->min_symbols};
    int status;
    pol->length = DEFAULT_PASSWORD_LENGTH;
    if (a->npos == 1 && a->val[O_LENGTH] != NULL)
        return fail_usage(c->name, "LENGTH given twice (operand and --length)");
    const char *len = a->npos == 1 ? a->pos[0] : a->val[O_LENGTH];
    if (len != NULL && (status = parse_size(c->name, "LENGTH", len, SIZE_MAX, &pol->length)) != 0)
        return status;
    if (pol->length == 0)
        return fail_usage(c->name, "LENGTH must be at least 1");
    for (size_t i = 0; i < 4; i++)
        if (a->val[mins[i].id] != NULL &&
            (status = parse_size(c->name, mins[i].what, a->val[mins[i].id], SIZE_MAX,
                                 fields[i])) != 0)
            return status;
    return 0;
}

int cmd_password(const struct command *c, struct args *a)
{
    secrets_password_policy pol;
    memset(&pol, 0, sizeof pol);
    int status = password_policy(c, a, &pol);
    if (status != 0)
        return status;
    const char *alphabet = a->val[O_ALPHABET];
    if (a->val[O_SYMBOLS] != NULL) /* --symbols with --alphabet: refused already */
        alphabet = LETTERS_DIGITS PUNCTUATION;
    int default_alphabet = alphabet == NULL;
    int filtered = a->val[O_EXCLUDE] != NULL || a->val[O_NO_AMBIGUOUS] != NULL;
    char *owned = NULL;
    size_t owned_len = 0;
    if (filtered) {
        const char *ex = a->val[O_EXCLUDE] ? a->val[O_EXCLUDE] : "";
        size_t exl = strlen(ex);
        char *drop = cli_alloc(exl + sizeof AMBIGUOUS);
        if (drop == NULL)
            return CLI_FAIL;
        memcpy(drop, ex, exl);
        strcpy(drop + exl, a->val[O_NO_AMBIGUOUS] ? AMBIGUOUS : "");
        const char *base = alphabet ? alphabet : LETTERS_DIGITS;
        owned = filter_alphabet(base, strlen(base), drop, &owned_len);
        cli_free(drop, exl + sizeof AMBIGUOUS);
        if (owned == NULL)
            return CLI_FAIL;
        alphabet = owned;
    }
    if (alphabet != NULL) {
        pol.alphabet = alphabet;
        pol.alphabet_len = strlen(alphabet);
    }
    /* Validates the whole policy (and its size limit) before any buffer is
     * sized from it. */
    double bits = 0;
    int32_t rc = secrets_password_entropy(&pol, &bits);
    char *buf = NULL;
    size_t size = 0;
    if (rc != SECRETS_OK) {
        status = password_hint(rc, &pol, default_alphabet, filtered);
    } else if (a->val[O_ENTROPY] != NULL) {
        char line[64];
        int n = snprintf(line, sizeof line, "%.2f", bits);
        status = out_line(line, (size_t)n) != 0 ? CLI_FAIL : CLI_OK;
    } else if ((rc = secrets_password_size(&pol, &size)) != SECRETS_OK) {
        status = password_hint(rc, &pol, default_alphabet, filtered);
    } else {
        buf = cli_alloc(size);
        status = buf == NULL ? CLI_FAIL : CLI_OK;
        for (size_t i = 0; status == CLI_OK && i < a->count; i++) {
            rc = secrets_password(buf, size, &pol);
            status = rc != SECRETS_OK ? password_hint(rc, &pol, default_alphabet, filtered)
                                      : print_secret(buf, size);
        }
    }
    cli_free(buf, size);
    cli_free(owned, owned_len + 1);
    return status;
}

/* -------------------------------------------------------------- passphrase */

static int print_entropy(double bits)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%.2f", bits);
    return out_line(line, (size_t)n) != 0 ? CLI_FAIL : CLI_OK;
}

/* The built-in EFF long list. */
static int passphrase_eff(struct args *a, size_t nwords, const char *sep)
{
    if (a->val[O_ENTROPY] != NULL)
        return print_entropy((double)nwords * log2((double)SECRETS_EFF_WORDLIST_LEN));
    size_t size = 0;
    int32_t rc = secrets_passphrase_eff_size(nwords, sep, &size);
    if (rc != SECRETS_OK)
        return fail_lib(rc, rc == SECRETS_ERR_INVALID_UTF8 ? "the separator" : NULL);
    char *buf = cli_alloc(size);
    if (buf == NULL)
        return CLI_FAIL;
    int status = CLI_OK;
    for (size_t i = 0; status == CLI_OK && i < a->count; i++) {
        rc = secrets_passphrase_eff(buf, size, nwords, sep);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_secret(buf, size);
    }
    cli_free(buf, size);
    return status;
}

static int passphrase_file(struct args *a, size_t nwords, const char *sep, const char *path)
{
    struct wordlist wl;
    int status = wordlist_load(path, &wl);
    if (status != 0) {
        wordlist_free(&wl);
        return status;
    }
    char *buf = NULL;
    size_t size = 0;
    int32_t rc = SECRETS_OK;
    if (wl.count == 0) {
        status = fail_lib(SECRETS_ERR_EMPTY, "the word list '%s' has no words", path);
    } else if (a->val[O_ENTROPY] != NULL) {
        status = print_entropy((double)nwords * log2((double)wl.count));
    } else if ((rc = secrets_passphrase_size(nwords, wl.words, wl.count, sep, &size)) ==
               SECRETS_OK) {
        buf = cli_alloc(size);
        status = buf == NULL ? CLI_FAIL : CLI_OK;
        for (size_t i = 0; status == CLI_OK && i < a->count; i++) {
            rc = secrets_passphrase(buf, size, nwords, wl.words, wl.count, sep);
            status = rc != SECRETS_OK ? CLI_FAIL : print_secret(buf, size);
        }
    }
    if (rc == SECRETS_ERR_INVALID_UTF8)
        status = fail_lib(rc, "a word of '%s', or the separator", path);
    else if (rc != SECRETS_OK)
        status = fail_lib(rc, NULL);
    cli_free(buf, size);
    wordlist_free(&wl);
    return status;
}

int cmd_passphrase(const struct command *c, struct args *a)
{
    size_t nwords = DEFAULT_PASSPHRASE_WORDS;
    int status;
    if (a->npos == 1 && a->val[O_WORDS] != NULL)
        return fail_usage(c->name, "NWORDS given twice (operand and --words)");
    const char *w = a->npos == 1 ? a->pos[0] : a->val[O_WORDS];
    if (w != NULL && (status = parse_size(c->name, a->npos == 1 ? "NWORDS" : "--words", w,
                                          SIZE_MAX, &nwords)) != 0)
        return status;
    if (nwords == 0)
        return fail_usage(c->name, "NWORDS must be at least 1");
    const char *sep = a->val[O_SEPARATOR] != NULL ? a->val[O_SEPARATOR] : " ";
    const char *path = a->val[O_WORDLIST];
    if (path == NULL) {
        const char *env = getenv("SECRETS_WORDLIST");
        path = env != NULL && env[0] != '\0' ? env : NULL;
    }
    return path == NULL ? passphrase_eff(a, nwords, sep) : passphrase_file(a, nwords, sep, path);
}
