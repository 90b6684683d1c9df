/*
 * output.c - stdout through a private buffer that is wiped after every
 * flush (stdio's own buffers could not be wiped), and error reporting.
 *
 * Results are appended a whole line at a time and the buffer is flushed
 * only between lines, so a library failure never leaves half a line behind.
 * SIGPIPE is ignored by main(); a write that fails with EPIPE (the reader
 * went away, as in `secrets token-hex -n 100000 | head -n 1`) stops the
 * program quietly with status 1; any other write error is reported.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <secrets.h>

#include "cli.h"

#define OUT_CAP 65536

static unsigned char out_buf[OUT_CAP];
static size_t out_len;
static int out_error; /* 0, or the errno of the failed write */

int out_failed(void) { return out_error != 0; }

static int write_all(const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            out_error = errno;
            if (errno != EPIPE)
                fprintf(stderr, "secrets: write error: %s\n", strerror(errno));
            return -1;
        }
        p += (size_t)w;
        n -= (size_t)w;
    }
    return 0;
}

int out_flush(void)
{
    int rc = 0;
    if (out_error)
        rc = -1;
    else if (out_len > 0)
        rc = write_all(out_buf, out_len);
    secrets_memzero(out_buf, out_len);
    out_len = 0;
    return rc;
}

int out_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    if (out_error)
        return -1;
    while (n > 0) {
        size_t room = OUT_CAP - out_len;
        size_t take = n < room ? n : room;
        memcpy(out_buf + out_len, s, take);
        out_len += take;
        s += take;
        n -= take;
        if (out_len == OUT_CAP && out_flush() != 0)
            return -1;
    }
    return 0;
}

int out_line(const char *s, size_t n)
{
    static const unsigned char nl = '\n';
    if (out_error)
        return -1;
    if (n + 1 > OUT_CAP - out_len && out_flush() != 0)
        return -1;
    if (n + 1 > OUT_CAP) {
        /* Larger than the whole buffer: write it straight through. */
        if (write_all((const unsigned char *)s, n) != 0)
            return -1;
        return write_all(&nl, 1);
    }
    memcpy(out_buf + out_len, s, n);
    out_buf[out_len + n] = '\n';
    out_len += n + 1;
    return 0;
}

int out_str(const char *s) { return out_bytes(s, strlen(s)); }

/* Formats an error message into buf ("" if formatting fails). */
static void format_message(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (vsnprintf(buf, size, fmt, ap) < 0)
        buf[0] = '\0';
}

int fail_lib(int32_t status, const char *hint_fmt, ...)
{
    const char *msg = secrets_strerror(status);
    if (hint_fmt == NULL) {
        fprintf(stderr, "secrets: %s\n", msg);
    } else {
        char hint[768];
        va_list ap;
        va_start(ap, hint_fmt);
        format_message(hint, sizeof hint, hint_fmt, ap);
        va_end(ap);
        fprintf(stderr, "secrets: %s (%s)\n", msg, hint);
    }
    return CLI_FAIL;
}

int fail_usage(const char *cmd, const char *fmt, ...)
{
    char line[900];
    va_list ap;
    va_start(ap, fmt);
    format_message(line, sizeof line, fmt, ap);
    va_end(ap);
    if (cmd != NULL)
        fprintf(stderr, "secrets: %s: %s\n", cmd, line);
    else
        fprintf(stderr, "secrets: %s\n", line);
    return CLI_USAGE;
}

int fail_sys(int errnum, const char *fmt, ...)
{
    char line[900];
    va_list ap;
    va_start(ap, fmt);
    format_message(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "secrets: %s: %s\n", line, strerror(errnum));
    return CLI_FAIL;
}

void *cli_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        fprintf(stderr, "secrets: out of memory\n");
    return p;
}

void cli_free(void *p, size_t n)
{
    if (p == NULL)
        return;
    secrets_memzero(p, n);
    free(p);
}
