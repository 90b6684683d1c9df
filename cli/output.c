/*
 * output.c - stdout through a private buffer that is wiped after every
 * flush (stdio's own buffers could not be wiped), and error reporting.
 *
 * Results are appended a whole line at a time and the buffer is flushed
 * only between lines, so a library failure never leaves half a line behind.
 * SIGPIPE is ignored by main(); a write that fails with EPIPE (the reader
 * went away, as in `secrets token-hex -n 100000 | head -n 1`) stops the
 * program quietly with status 1; any other write error is reported.
 *
 * With -o FILE the same buffer goes to a temporary file created next to
 * FILE (O_EXCL, mode 0600), which is fsynced and renamed over FILE only
 * when the command succeeded, and removed otherwise (also on SIGINT,
 * SIGTERM and SIGHUP): FILE is either left as it was or replaced whole.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <secrets.h>

#include "cli.h"

#define OUT_CAP 65536

static unsigned char out_buf[OUT_CAP];
static size_t out_len;
static int out_error; /* 0, or the errno of the failed write */
static int out_fd = STDOUT_FILENO;
static const char *out_path;           /* -o FILE, or NULL */
static char out_tmp[4096];             /* its temporary file while writing */
static volatile sig_atomic_t tmp_live; /* out_tmp exists and is ours */

int out_failed(void) { return out_error != 0; }

static int write_all(const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(out_fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            out_error = errno;
            if (out_path != NULL)
                fprintf(stderr, "secrets: cannot write '%s': %s\n", out_path, strerror(errno));
            else if (errno != EPIPE)
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

int print_secret(char *buf, size_t size)
{
    int w = out_line(buf, strlen(buf));
    secrets_memzero(buf, size);
    return w != 0 ? CLI_FAIL : CLI_OK;
}

int out_status(void) { return out_failed() ? CLI_FAIL : CLI_OK; }

int out_is_tty(void) { return out_path == NULL && isatty(out_fd); }

/* A signal while the temporary file exists: remove it, then die of the
 * signal as usual. */
static void on_signal(int sig)
{
    if (tmp_live)
        unlink(out_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

int out_to_file(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(stderr, "secrets: refusing to replace '%s': not a regular file\n", path);
        return CLI_FAIL;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    if (*base == '\0') {
        fprintf(stderr, "secrets: refusing to write '%s': not a file name\n", path);
        return CLI_FAIL;
    }
    int n = snprintf(out_tmp, sizeof out_tmp, "%.*s.%s.XXXXXX", dirlen, path, base);
    if (n < 0 || (size_t)n >= sizeof out_tmp) {
        fprintf(stderr, "secrets: cannot write '%s': %s\n", path, strerror(ENAMETOOLONG));
        return CLI_FAIL;
    }
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], on_signal);
    /* mkstemp: O_CREAT | O_EXCL (never follows a planted link), mode 0600. */
    int fd = mkstemp(out_tmp);
    if (fd < 0)
        return fail_sys(errno, "cannot create a file next to '%s'", path);
    tmp_live = 1;
    if (fchmod(fd, 0600) != 0) {
        int e = errno;
        close(fd);
        unlink(out_tmp);
        tmp_live = 0;
        return fail_sys(e, "cannot set the mode of a file next to '%s'", path);
    }
    out_fd = fd;
    out_path = path;
    return 0;
}

int out_finish(int ok)
{
    int rc = out_flush();
    if (out_path == NULL)
        return rc;
    const char *path = out_path;
    int fd = out_fd;
    out_fd = STDOUT_FILENO;
    out_path = NULL;
    if (rc == 0 && ok && fsync(fd) != 0) {
        fprintf(stderr, "secrets: cannot write '%s': %s\n", path, strerror(errno));
        rc = -1;
    }
    if (close(fd) != 0 && rc == 0 && ok) {
        fprintf(stderr, "secrets: cannot write '%s': %s\n", path, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && ok && rename(out_tmp, path) != 0) {
        fprintf(stderr, "secrets: cannot write '%s': %s\n", path, strerror(errno));
        rc = -1;
    }
    if (rc != 0 || !ok) {
        unlink(out_tmp);
        tmp_live = 0;
        return rc;
    }
    tmp_live = 0;
    /* Make the rename itself durable. */
    char dir[sizeof out_tmp];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path + (slash == path)) : 1,
             slash ? path : ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}

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
