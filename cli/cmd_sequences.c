/*
 * cmd_sequences.c - choice, shuffle and sample: picks from the command
 * line's items or from the lines of files (or standard input).
 */
#define _POSIX_C_SOURCE 200809L

#include <string.h>

#include <secrets.h>

#include "cli.h"

int cmd_choice(const struct command *c, struct args *a)
{
    (void)c;
    for (size_t i = 0; i < a->count; i++) {
        char *chosen = NULL;
        int32_t rc = secrets_choice(a->pos, a->npos, sizeof *a->pos, &chosen);
        if (rc != SECRETS_OK)
            return fail_lib(rc, rc == SECRETS_ERR_EMPTY ? "no ITEM given" : NULL);
        if (out_line(chosen, strlen(chosen)) != 0)
            return CLI_FAIL;
    }
    return CLI_OK;
}

/* Prints lines in the given order (NULL: as they are). */
static int print_lines(const struct line *lines, const size_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct line *l = &lines[order ? order[i] : i];
        if (out_line(l->p, l->len) != 0)
            return CLI_FAIL;
    }
    return CLI_OK;
}

int cmd_shuffle(const struct command *c, struct args *a)
{
    (void)c;
    struct text t;
    struct line *lines = NULL;
    size_t n = 0;
    int status = read_inputs(a->pos, a->npos, &t);
    if (status == 0)
        status = split_lines(&t, &lines, &n);
    if (status == 0) {
        int32_t rc = secrets_shuffle(lines, n, sizeof *lines);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_lines(lines, NULL, n);
    }
    cli_free(lines, n * sizeof *lines);
    text_free(&t);
    return status;
}

int cmd_sample(const struct command *c, struct args *a)
{
    size_t k = 0;
    int status = parse_size(c->name, "K", a->pos[0], SIZE_MAX, &k);
    if (status != 0)
        return status;
    struct text t;
    struct line *lines = NULL;
    size_t n = 0;
    size_t *idx = NULL;
    status = read_inputs(a->pos + 1, a->npos - 1, &t);
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
    return status;
}
