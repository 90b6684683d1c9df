/*
 * wordlist.c - the word lists of `secrets passphrase`.
 *
 * Two formats are accepted, and told apart by the first non-empty line:
 *   plain     one word per line                        "abacus"
 *   diceware  dice digits, blanks, then the word       "11111<TAB>abacus"
 *             (the EFF lists and Reinhold's diceware list)
 * Blanks around a word and empty lines are ignored, and so are repeated
 * words (so every distinct word is equally likely and the entropy figure is
 * exact). Any other line is an error naming the file and the line: a word
 * with a blank or a control character inside, a numbered line in a plain
 * list, or an unnumbered one in a diceware list. The old reader kept whole
 * lines, so "11111<TAB>abacus" became a "word" with the dice roll in it.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int bad_line(const char *path, size_t lineno, const char *why)
{
    fprintf(stderr,
            "secrets: '%s' line %zu: %s (a word list has one word per line, or dice "
            "digits, blanks and a word)\n",
            path, lineno, why);
    return CLI_FAIL;
}

void wordlist_free(struct wordlist *wl)
{
    cli_free((void *)wl->words, wl->count * sizeof *wl->words);
    wl->words = NULL;
    wl->count = 0;
    text_free(&wl->text);
}

int wordlist_load(const char *path, struct wordlist *wl)
{
    struct line *lines = NULL;
    size_t n = 0;
    char *files[1];
    files[0] = (char *)path;
    wl->words = NULL;
    wl->count = 0;
    int status = read_inputs(files, 1, &wl->text);
    if (status == 0)
        status = split_lines(&wl->text, &lines, &n);
    if (status != 0)
        return status;
    const char **w = cli_alloc(n * sizeof *w);
    if (w == NULL) {
        cli_free(lines, n * sizeof *lines);
        return CLI_FAIL;
    }
    enum { UNKNOWN, PLAIN, DICEWARE } format = UNKNOWN;
    size_t k = 0;
    for (size_t i = 0; status == 0 && i < n; i++) {
        char *s = lines[i].p;
        size_t len = lines[i].len;
        while (len > 0 && is_blank(*s)) {
            s++;
            len--;
        }
        while (len > 0 && is_blank(s[len - 1]))
            len--;
        if (len == 0)
            continue;
        size_t digits = strspn(s, "0123456789");
        int numbered = digits > 0 && digits < len && is_blank(s[digits]);
        if (format == UNKNOWN)
            format = numbered ? DICEWARE : PLAIN;
        if (numbered != (format == DICEWARE)) {
            status = bad_line(path, i + 1,
                              numbered ? "a numbered line in a list of plain words"
                                       : "a line without dice digits in a diceware list");
            break;
        }
        if (numbered) {
            s += digits;
            len -= digits;
            while (len > 0 && is_blank(*s)) {
                s++;
                len--;
            }
        }
        for (size_t j = 0; j < len; j++) {
            unsigned char ch = (unsigned char)s[j];
            if (ch < 0x20 || ch == 0x7f || ch == ' ') {
                status = bad_line(path, i + 1,
                                  ch == '\0'   ? "a NUL byte in the word"
                                  : is_blank(s[j]) ? "a blank inside the word"
                                                   : "a control character in the word");
                break;
            }
        }
        s[len] = '\0'; /* overwrites the newline, a blank, or the final NUL */
        w[k++] = s;
    }
    cli_free(lines, n * sizeof *lines);
    if (status != 0) {
        cli_free((void *)w, n * sizeof *w);
        return status;
    }
    if (k > 1)
        qsort(w, k, sizeof *w, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++) {
        if (u > 0 && strcmp(w[u - 1], w[i]) == 0)
            continue;
        w[u++] = w[i];
    }
    /* wordlist_free wipes the first u pointers; the rest only point into
     * the text, which is wiped on its own. */
    wl->words = w;
    wl->count = u;
    return 0;
}
