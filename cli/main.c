/*
 * main.c - `secrets`: Python's `secrets` module at the shell, built on the
 * public C API of libsecrets (secrets.h) and nothing else.
 *
 *   secrets [-n COUNT] COMMAND [OPTIONS] [ARGS]
 *   secrets help [COMMAND] | --help | --version
 *
 * Exit status: 0 success; 1 failure (the library reported an error, an
 * input could not be read, standard output could not be written); 2 usage
 * error (the command line is wrong).
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

static int print_main_help(void)
{
    char line[256];
    int rc = out_str(
        "Usage: secrets [-n COUNT] COMMAND [OPTIONS] [ARGS]\n"
        "       secrets help [COMMAND]\n"
        "       secrets --help | --version\n"
        "\n"
        "Random tokens, numbers, choices, passwords, passphrases and UUIDs for the\n"
        "shell, from the operating system's CSPRNG through libsecrets (Python's\n"
        "`secrets` module for C). Every choice is exactly uniform.\n"
        "\n"
        "Commands:\n");
    for (size_t i = 0; rc == 0 && i < cli_ncommands; i++) {
        snprintf(line, sizeof line, "  %-14s %s\n", cli_commands[i].name, cli_commands[i].summary);
        rc = out_str(line);
    }
    if (rc == 0)
        rc = out_str(
            "\n"
            "Options:\n"
            "  -n, --count COUNT  print COUNT results, one per line (all commands but\n"
            "                     token-bytes, shuffle and sample)\n"
            "  -h, --help         show this help; 'secrets help COMMAND' or\n"
            "                     'secrets COMMAND --help' shows a command's help\n"
            "  -V, --version      show the program and library versions\n"
            "\n"
            "Exit status: 0 on success, 1 if the library reports an error or an input\n"
            "or output fails, 2 for a usage error.\n"
            "\n"
            "Examples:\n"
            "  secrets token-urlsafe            # a 256-bit token for a URL\n"
            "  secrets password 16 --symbols    # a 16-character password\n"
            "  secrets randbelow 1000000 -n 3   # three numbers below a million\n"
            "  secrets uuid --v7\n");
    return rc != 0 ? CLI_FAIL : CLI_OK;
}

static int print_version(void)
{
    char line[512];
    snprintf(line, sizeof line,
             "secrets %s\nlibsecrets %s (entropy source: %s)\n", SECRETS_VERSION_STRING,
             secrets_version(), secrets_entropy_source());
    return out_str(line) != 0 ? CLI_FAIL : CLI_OK;
}

static int run_help(int argc, char **argv)
{
    if (argc == 0)
        return print_main_help();
    if (argc > 1)
        return fail_usage("help", "unexpected argument '%.64s'", argv[1]);
    const struct command *c = find_command(argv[0]);
    if (c == NULL)
        return fail_usage("help", "unknown command '%.64s' (see 'secrets --help')", argv[0]);
    return print_command_help(c);
}

enum { G_HELP = 1, G_VERSION, G_COUNT };

static int run(int argc, char **argv)
{
    static const struct cli_opt opts[] = {{"help", 'h', 0, G_HELP},
                                          {"version", 'V', 0, G_VERSION},
                                          {"count", 'n', 1, G_COUNT},
                                          {NULL, 0, 0, 0}};
    struct opt_iter it;
    const char *arg;
    int id;
    opt_init(&it, NULL, opts, argc, argv);
    while ((id = opt_next(&it, &arg)) != OPT_END) {
        switch (id) {
        case OPT_ERROR:
            return CLI_USAGE;
        case G_HELP:
            return print_main_help();
        case G_VERSION:
            return print_version();
        case G_COUNT: {
            int rc = parse_size(NULL, "COUNT", arg, SIZE_MAX, &cli_global_count);
            if (rc != 0)
                return rc;
            cli_global_count_set = 1;
            break;
        }
        case OPT_POSITIONAL: {
            int rest = argc - it.i;
            char **rest_argv = argv + it.i;
            if (strcmp(arg, "help") == 0)
                return run_help(rest, rest_argv);
            const struct command *c = find_command(arg);
            if (c == NULL)
                return fail_usage(NULL, "unknown command '%.64s' (see 'secrets --help')", arg);
            return c->run(c, rest, rest_argv);
        }
        default:
            break;
        }
    }
    return fail_usage(NULL, "missing command (see 'secrets --help')");
}

int main(int argc, char **argv)
{
    /* A closed pipe becomes EPIPE from write(2), handled quietly. */
    signal(SIGPIPE, SIG_IGN);
    int rc = run(argc > 0 ? argc - 1 : 0, argv + (argc > 0));
    if (out_flush() != 0 && rc == CLI_OK)
        rc = CLI_FAIL;
    return rc;
}
