/*
 * lines.c - read whole inputs (files or stdin) with read(2) into a buffer
 * that is wiped whenever it grows and when it is freed (the lines being
 * shuffled may be secrets), and split them into lines.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <secrets.h>

#include "cli.h"

/* Makes room for `more` bytes plus a NUL. Returns 0, or -1 (reported). */
static int reserve(struct text *t, size_t more)
{
    if (t->cap - t->len > more)
        return 0;
    if (t->len > SIZE_MAX / 4 || more > SIZE_MAX / 4 - t->len) {
        fprintf(stderr, "secrets: out of memory\n");
        return -1;
    }
    size_t cap = t->cap ? t->cap : 65536;
    while (cap - t->len <= more)
        cap *= 2;
    char *p = cli_alloc(cap);
    if (p == NULL)
        return -1;
    if (t->len > 0)
        memcpy(p, t->data, t->len);
    cli_free(t->data, t->cap);
    t->data = p;
    t->cap = cap;
    return 0;
}

static int read_fd(int fd, struct text *t, const char *name)
{
    for (;;) {
        if (reserve(t, 65536) != 0)
            return CLI_FAIL;
        ssize_t r = read(fd, t->data + t->len, t->cap - t->len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return fail_sys(errno, "cannot read '%s'", name);
        }
        if (r == 0)
            break;
        t->len += (size_t)r;
    }
    return 0;
}

int read_inputs(char *const *files, size_t nfiles, struct text *t)
{
    t->data = NULL;
    t->len = t->cap = 0;
    if (reserve(t, 1) != 0)
        return CLI_FAIL;
    static char *const stdin_only[] = {"-"};
    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    for (size_t i = 0; i < nfiles; i++) {
        const char *name = files[i];
        int is_stdin = strcmp(name, "-") == 0;
        int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY);
        if (fd < 0)
            return fail_sys(errno, "cannot read '%s'", name);
        int rc = read_fd(fd, t, is_stdin ? "standard input" : name);
        if (!is_stdin)
            close(fd);
        if (rc != 0)
            return rc;
        if (t->len > 0 && t->data[t->len - 1] != '\n' && i + 1 < nfiles) {
            if (reserve(t, 1) != 0)
                return CLI_FAIL;
            t->data[t->len++] = '\n';
        }
    }
    t->data[t->len] = '\0';
    return 0;
}

int split_lines(struct text *t, struct line **lines, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < t->len; i++)
        if (t->data[i] == '\n')
            n++;
    if (t->len > 0 && t->data[t->len - 1] != '\n')
        n++;
    *lines = NULL;
    *count = 0;
    if (n == 0)
        return 0;
    if (n > SIZE_MAX / sizeof **lines)
        return CLI_FAIL;
    struct line *v = cli_alloc(n * sizeof *v);
    if (v == NULL)
        return CLI_FAIL;
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= t->len && k < n; i++) {
        if (i == t->len || t->data[i] == '\n') {
            v[k].p = t->data + start;
            v[k].len = i - start;
            k++;
            start = i + 1;
        }
    }
    *lines = v;
    *count = n;
    return 0;
}

void text_free(struct text *t)
{
    cli_free(t->data, t->cap);
    t->data = NULL;
    t->len = t->cap = 0;
}
