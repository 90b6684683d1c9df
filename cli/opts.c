/*
 * opts.c - a small GNU-style option parser (options and operands may be
 * mixed; "--" ends options; "-5" is an operand, so negative numbers work
 * without "--") and strict decimal number parsing.
 */
#include <stdint.h>
#include <string.h>

#include "cli.h"

void opt_init(struct opt_iter *it, const char *cmd, const struct cli_opt *opts,
              int argc, char **argv)
{
    it->cmd = cmd;
    it->opts = opts;
    it->argc = argc;
    it->argv = argv;
    it->i = 0;
    it->only_positional = 0;
}

/* Optimal string alignment distance (adjacent swaps cost 1), capped at 9. */
size_t edit_distance(const char *a, const char *b)
{
    enum { MAX = 32 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAX || lb >= MAX)
        return 9;
    size_t d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            char ca = a[i - 1] == '_' ? '-' : a[i - 1];
            size_t cost = ca != b[j - 1];
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

static int is_operand(const char *a)
{
    return a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9');
}

int opt_next(struct opt_iter *it, const char **arg)
{
    *arg = NULL;
    for (;;) {
        if (it->i >= it->argc)
            return OPT_END;
        char *a = it->argv[it->i++];
        if (it->only_positional || is_operand(a)) {
            *arg = a;
            return OPT_POSITIONAL;
        }
        if (strcmp(a, "--") == 0) {
            it->only_positional = 1;
            continue;
        }
        const struct cli_opt *o;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t nl = eq ? (size_t)(eq - name) : strlen(name);
            for (o = it->opts; o->id != 0; o++) {
                if (o->lng == NULL || strlen(o->lng) != nl || memcmp(o->lng, name, nl) != 0)
                    continue;
                if (o->has_arg) {
                    if (eq != NULL)
                        *arg = eq + 1;
                    else if (it->i < it->argc)
                        *arg = it->argv[it->i++];
                    else {
                        fail_usage(it->cmd, "option '--%s' needs a value", o->lng);
                        return OPT_ERROR;
                    }
                } else if (eq != NULL) {
                    fail_usage(it->cmd, "option '--%s' takes no value", o->lng);
                    return OPT_ERROR;
                }
                return o->id;
            }
            /* The nearest long option within two edits, if any. */
            char typed[34] = "";
            const char *near = NULL;
            size_t best = 3;
            if (nl < sizeof typed) {
                memcpy(typed, name, nl);
                for (o = it->opts; o->id != 0; o++) {
                    size_t d = o->lng ? edit_distance(typed, o->lng) : best;
                    if (d < best) {
                        best = d;
                        near = o->lng;
                    }
                }
            }
            fail_usage(it->cmd, "unknown option '--%.*s' (%s%s%ssee 'secrets %s%s--help')",
                       (int)(nl > 64 ? 64 : nl), name, near ? "did you mean '--" : "",
                       near ? near : "", near ? "'? " : "", it->cmd ? it->cmd : "",
                       it->cmd ? " " : "");
            return OPT_ERROR;
        }
        for (o = it->opts; o->id != 0; o++) {
            if (o->shrt == 0 || o->shrt != a[1])
                continue;
            if (o->has_arg) {
                if (a[2] != '\0')
                    *arg = a + 2;
                else if (it->i < it->argc)
                    *arg = it->argv[it->i++];
                else {
                    fail_usage(it->cmd, "option '-%c' needs a value", o->shrt);
                    return OPT_ERROR;
                }
                return o->id;
            }
            if (a[2] == '\0')
                return o->id;
            break; /* "-hx": flags are not bundled */
        }
        fail_usage(it->cmd, "unknown option '%.64s' (see 'secrets %s%s--help')", a,
                   it->cmd ? it->cmd : "", it->cmd ? " " : "");
        return OPT_ERROR;
    }
}

static int all_digits(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int parse_size(const char *cmd, const char *what, const char *s, size_t max,
               size_t *out)
{
    if (s[0] == '-' && all_digits(s + 1))
        return fail_usage(cmd, "%s must not be negative, got '%.64s'", what, s);
    if (!all_digits(s))
        return fail_usage(cmd, "%s must be a non-negative integer, got '%.64s'", what, s);
    size_t v = 0;
    for (const char *p = s; *p; p++) {
        size_t d = (size_t)(*p - '0');
        if (d > max || v > (max - d) / 10)
            return fail_usage(cmd, "%s '%.64s%s' is too large (at most %zu)", what, s,
                              strlen(s) > 64 ? "..." : "", max);
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

int parse_i64(const char *cmd, const char *what, const char *s, int64_t *out)
{
    const char *p = s;
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    if (!all_digits(p))
        return fail_usage(cmd, "%s must be an integer, got '%.64s'", what, s);
    /* Accumulate the magnitude as unsigned; INT64_MIN's magnitude is 2^63. */
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (; *p; p++) {
        uint64_t d = (uint64_t)(*p - '0');
        if (v > (limit - d) / 10)
            return fail_usage(cmd, "%s '%.64s%s' is out of range: a 64-bit signed integer, "
                              "-9223372036854775808 to 9223372036854775807 (randbelow "
                              "takes larger numbers)",
                              what, s, strlen(s) > 64 ? "..." : "");
        v = v * 10 + d;
    }
    if (neg)
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return 0;
}
