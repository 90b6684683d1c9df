/*
 * main.c - `secrets`: Python's `secrets` module at the shell, built on the
 * public C API of libsecrets (secrets.h) and nothing else.
 *
 *   secrets [-n COUNT] [-o FILE] COMMAND [OPTIONS] [ARGS]
 *   secrets help [COMMAND] | --help | --version
 *
 * The dispatcher parses every command line once, against the one table of
 * options (table.c), checks what every command shares (which options apply,
 * conflicting options, the number of operands), opens the -o file, runs the
 * command and cleans up. The commands themselves live in cmd_*.c by topic.
 *
 * Exit status: 0 success; 1 failure (the library reported an error, an
 * input could not be read, the output could not be written); 2 usage error
 * (the command line is wrong).
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

/* Lower-case with '_' read as '-': "token_hex" finds token-hex. */
static int same_name(const char *typed, const char *name)
{
    for (; *typed && *name; typed++, name++) {
        char ch = *typed == '_' ? '-' : *typed;
        if (ch != *name)
            return 0;
    }
    return *typed == *name;
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < cli_ncommands; i++)
        if (same_name(name, cli_commands[i].name))
            return &cli_commands[i];
    return NULL;
}

/* "unknown command 'X' (did you mean 'Y'? see 'secrets --help')": the
 * suggestions are the nearest commands within two edits of X (one for a
 * short X), or else the commands that start with X. */
static int unknown_command(const char *cmd, const char *typed)
{
    char hint[256] = "";
    size_t n = 0, found = 0, tl = strlen(typed);
    size_t best = tl > 4 ? 2 : 1;
    for (size_t i = 0; i < cli_ncommands; i++) {
        size_t d = edit_distance(typed, cli_commands[i].name);
        if (d < best)
            best = d;
    }
    for (size_t pass = 0; pass < 2 && found == 0; pass++)
        for (size_t i = 0; i < cli_ncommands && found < 3; i++) {
            const char *name = cli_commands[i].name;
            int near = pass == 0 ? edit_distance(typed, name) == best
                                 : tl >= 3 && strncmp(typed, name, tl) == 0;
            if (!near)
                continue;
            n += (size_t)snprintf(hint + n, sizeof hint - n, "%s'%s'",
                                  found == 0 ? "did you mean " : " or ", name);
            found++;
        }
    if (found > 0)
        snprintf(hint + n, sizeof hint - n, "? ");
    return fail_usage(cmd, "unknown command '%.64s' (%ssee 'secrets --help')", typed, hint);
}

static int run_help(int argc, char **argv)
{
    if (argc == 0)
        return print_main_help();
    if (argc > 1)
        return fail_usage("help", "unexpected argument '%.64s'", argv[1]);
    const struct command *c = find_command(argv[0]);
    if (c == NULL)
        return unknown_command("help", argv[0]);
    return print_command_help(c);
}

static int usage_option_na(const struct command *c, int id)
{
    const struct cli_opt *o = option_by_id(id);
    if (id == O_COUNT)
        return fail_usage(c->name, "option -n does not apply to %s (%s)", c->name, c->no_count);
    char shrt[8] = "";
    if (o->shrt)
        snprintf(shrt, sizeof shrt, "-%c/", o->shrt);
    return fail_usage(c->name, "option %s--%s does not apply to %s (see 'secrets %s --help')",
                      shrt, o->lng, c->name, c->name);
}

/* Parses the command's arguments into *a (global -n and -o already there).
 * Returns -1 to go on, or an exit status (after --help or a usage error). */
static int parse_command(const struct command *c, int argc, char **argv, struct args *a)
{
    struct opt_iter it;
    const char *arg;
    int id;
    if (a->val[O_COUNT] != NULL && c->no_count != NULL)
        return usage_option_na(c, O_COUNT);
    opt_init(&it, c->name, cli_options, argc, argv);
    while ((id = opt_next(&it, &arg)) != OPT_END) {
        if (id == OPT_ERROR)
            return CLI_USAGE;
        if (id == OPT_POSITIONAL) {
            a->pos[a->npos++] = (char *)arg;
            continue;
        }
        if (!command_accepts(c, id))
            return usage_option_na(c, id);
        if (id == O_HELP)
            return print_command_help(c);
        if (id == O_COUNT) {
            int rc = parse_size(c->name, "COUNT", arg, SIZE_MAX, &a->count);
            if (rc != 0)
                return rc;
        }
        a->val[id] = arg != NULL ? arg : "";
    }
    for (size_t i = 0; cli_conflicts[i][0] != 0; i++)
        if (a->val[cli_conflicts[i][0]] != NULL && a->val[cli_conflicts[i][1]] != NULL)
            return fail_usage(c->name, "--%s and --%s cannot be combined",
                              option_by_id(cli_conflicts[i][0])->lng,
                              option_by_id(cli_conflicts[i][1])->lng);
    if (a->npos < c->min_pos)
        return fail_usage(c->name, "missing %s (see 'secrets %s --help')", c->first, c->name);
    if (a->npos > c->max_pos)
        return fail_usage(c->name, "unexpected argument '%.64s' (see 'secrets %s --help')",
                          a->pos[c->max_pos], c->name);
    return -1;
}

static int run_command(const struct command *c, int argc, char **argv, struct args *a)
{
    a->pos = cli_alloc(((size_t)argc + 1) * sizeof *a->pos);
    if (a->pos == NULL)
        return CLI_FAIL;
    int status = parse_command(c, argc, argv, a);
    if (status < 0) {
        status = a->val[O_OUTPUT] != NULL ? out_to_file(a->val[O_OUTPUT]) : 0;
        if (status == 0) {
            status = c->run(c, a);
            if (status == CLI_OK && out_failed())
                status = CLI_FAIL;
        }
        if (out_finish(status == CLI_OK) != 0 && status == CLI_OK)
            status = CLI_FAIL;
    }
    free(a->pos);
    a->pos = NULL;
    return status;
}

static int run(int argc, char **argv)
{
    static struct args a;
    struct opt_iter it;
    const char *arg;
    int id;
    a.count = 1;
    opt_init(&it, NULL, cli_options, argc, argv);
    while ((id = opt_next(&it, &arg)) != OPT_END) {
        switch (id) {
        case OPT_ERROR:
            return CLI_USAGE;
        case O_HELP:
            return print_main_help();
        case O_VERSION:
            return print_version();
        case O_COUNT: {
            int rc = parse_size(NULL, "COUNT", arg, SIZE_MAX, &a.count);
            if (rc != 0)
                return rc;
            a.val[O_COUNT] = arg;
            break;
        }
        case O_OUTPUT:
            a.val[O_OUTPUT] = arg;
            break;
        case OPT_POSITIONAL: {
            int rest = argc - it.i;
            char **rest_argv = argv + it.i;
            if (strcmp(arg, "help") == 0)
                return run_help(rest, rest_argv);
            const struct command *c = find_command(arg);
            if (c == NULL)
                return unknown_command(NULL, arg);
            return run_command(c, rest, rest_argv, &a);
        }
        default: {
            const struct cli_opt *o = option_by_id(id);
            return fail_usage(NULL, "option --%s belongs after a command (see 'secrets --help')",
                              o->lng);
        }
        }
    }
    return fail_usage(NULL, "missing command (see 'secrets --help')");
}

int main(int argc, char **argv)
{
    /* A closed pipe becomes EPIPE from write(2), handled quietly. */
    signal(SIGPIPE, SIG_IGN);
    int rc = run(argc > 0 ? argc - 1 : 0, argv + (argc > 0));
    if (out_finish(rc == CLI_OK) != 0 && rc == CLI_OK)
        rc = CLI_FAIL;
    return rc;
}
