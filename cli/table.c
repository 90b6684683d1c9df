/*
 * table.c - the one description of the program's commands and options.
 *
 * `secrets --help` and `secrets COMMAND --help` are printed from these
 * tables; the man page (secrets.1), the README's command table and the shell
 * completions are checked against that output by the cli_docs and
 * cli_completion tests, so the four cannot drift apart.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

/* Every option; a letter means the same thing in every command. */
const struct cli_opt cli_options[] = {
    {"help", 'h', 0, O_HELP, NULL, "show this help"},
    {"version", 'V', 0, O_VERSION, NULL, "show the program and library versions"},
    {"count", 'n', 1, O_COUNT, "COUNT", "print COUNT results, one per line (default 1)"},
    {"output", 'o', 1, O_OUTPUT, "FILE",
     "write to FILE (mode 0600, replaced atomically)"},
    {"force", 'f', 0, O_FORCE, NULL, "write raw bytes even to a terminal"},
    {"length", 'l', 1, O_LENGTH, "N", "number of characters (as the LENGTH operand)"},
    {"alphabet", 'a', 1, O_ALPHABET, "STR", "characters to use (UTF-8; none twice)"},
    {"symbols", 's', 0, O_SYMBOLS, NULL, "use letters, digits and ASCII punctuation"},
    {"exclude", 'x', 1, O_EXCLUDE, "CHARS", "leave out the characters in CHARS"},
    {"no-ambiguous", 'B', 0, O_NO_AMBIGUOUS, NULL,
     "leave out look-alikes: B8G6I1l0OQDS5Z2 (pwgen -B)"},
    {"min-lower", 0, 1, O_MIN_LOWER, "N", "at least N of a-z"},
    {"min-upper", 0, 1, O_MIN_UPPER, "N", "at least N of A-Z"},
    {"min-digits", 0, 1, O_MIN_DIGITS, "N", "at least N of 0-9"},
    {"min-symbols", 0, 1, O_MIN_SYMBOLS, "N", "at least N characters that are none of those"},
    {"entropy", 'e', 0, O_ENTROPY, NULL, "print the entropy in bits instead"},
    {"words", 'w', 1, O_WORDS, "N", "number of words (as the NWORDS operand)"},
    {"wordlist", 'W', 1, O_WORDLIST, "FILE", "the word list ('-' is standard input)"},
    {"separator", 'S', 1, O_SEPARATOR, "SEP", "put SEP between words (default: a space)"},
    {"v4", 0, 0, O_V4, NULL, "a version 4 UUID (the default)"},
    {"v7", 0, 0, O_V7, NULL, "a version 7 UUID"},
    {NULL, 0, 0, 0, NULL, NULL},
};

const unsigned char cli_conflicts[][2] = {
    {O_V4, O_V7},
    {O_SYMBOLS, O_ALPHABET},
    {0, 0},
};

const struct command cli_commands[] = {
    {"token-hex", cmd_token_hex, "[NBYTES]", 0, 1, NULL,
     "NBYTES random bytes as lowercase hex (default 32 bytes)",
     "Print NBYTES random bytes (default 32, Python's DEFAULT_ENTROPY) as 2*NBYTES\n"
     "lowercase hexadecimal digits, like Python's secrets.token_hex().\n",
     "  secrets token-hex          # 64 hex digits (256 bits)\n"
     "  secrets token-hex 16       # 32 hex digits (128 bits)\n",
     NULL, {0}},
    {"token-urlsafe", cmd_token_urlsafe, "[NBYTES]", 0, 1, NULL,
     "NBYTES random bytes as unpadded base64url",
     "Print NBYTES random bytes (default 32) as unpadded base64url (RFC 4648,\n"
     "section 5): ceil(4*NBYTES/3) characters from A-Z a-z 0-9 - _, like Python's\n"
     "secrets.token_urlsafe(). Safe in URLs and file names.\n",
     "  secrets token-urlsafe      # 43 characters (256 bits)\n"
     "  secrets token-urlsafe 16   # 22 characters (128 bits)\n",
     NULL, {0}},
    {"token-base32", cmd_token_base32, "[NBYTES]", 0, 1, NULL,
     "NBYTES random bytes as unpadded base32 (A-Z2-7)",
     "Print NBYTES random bytes (default 32) as unpadded RFC 4648 base32:\n"
     "ceil(8*NBYTES/5) characters from A-Z 2-7 (case-insensitive, easy to read\n"
     "aloud; the format of TOTP secrets).\n",
     "  secrets token-base32       # 52 characters (256 bits)\n"
     "  secrets token-base32 20    # a 160-bit TOTP secret, 32 characters\n",
     NULL, {0}},
    {"token-base64", cmd_token_base64, "[NBYTES]", 0, 1, NULL,
     "NBYTES random bytes as standard padded base64",
     "Print NBYTES random bytes (default 32) as standard base64 with '=' padding\n"
     "(RFC 4648, section 4): 4*ceil(NBYTES/3) characters from A-Z a-z 0-9 + /,\n"
     "like `openssl rand -base64 NBYTES`.\n",
     "  secrets token-base64       # 44 characters (256 bits)\n"
     "  secrets token-base64 -o key.b64   # a key file, mode 0600\n",
     NULL, {0}},
    {"token-bytes", cmd_token_bytes, "[NBYTES]", 0, 1, NULL,
     "NBYTES raw random bytes (default 32)",
     "Write NBYTES raw random bytes (default 32) to standard output, like Python's\n"
     "secrets.token_bytes() or `openssl rand`. Any size works (the output is\n"
     "streamed). Refuses to write to a terminal unless --force is given.\n",
     "  secrets token-bytes 32 -o key.bin\n"
     "  secrets token-bytes 1048576 | sha256sum\n",
     "it writes raw bytes, not lines", {O_FORCE, 0}},
    {"randbelow", cmd_randbelow, "N", 1, 1, "N",
     "an integer in [0, N), N up to 100000 digits",
     "Print an integer chosen uniformly from 0, 1, ..., N-1, like Python's\n"
     "secrets.randbelow(N). N is a decimal integer of any size up to 100000 digits;\n"
     "N = 0 is an error.\n",
     "  secrets randbelow 6        # a die roll minus one: 0..5\n"
     "  secrets randbelow 340282366920938463463374607431768211456   # < 2^128\n",
     NULL, {0}},
    {"randbits", cmd_randbits, "K", 1, 1, "K",
     "an integer of K random bits, in [0, 2^K)",
     "Print a decimal integer with K random bits, uniform in [0, 2^K), like\n"
     "Python's secrets.randbits(K). K may be 0 (prints 0) up to 1000000.\n",
     "  secrets randbits 64\n"
     "  secrets randbits 1000\n",
     NULL, {0}},
    {"randrange", cmd_randrange, "[START] STOP [STEP]", 1, 3, "STOP",
     "an integer from range(START, STOP, STEP)",
     "Print an integer chosen uniformly from range(START, STOP, STEP), like\n"
     "Python's random.SystemRandom().randrange(): START defaults to 0 and STEP to\n"
     "1; STEP may be negative; an empty range or a STEP of 0 is an error. All\n"
     "three are 64-bit signed integers (negative numbers need no '--').\n",
     "  secrets randrange 1 7      # a die roll: 1..6\n"
     "  secrets randrange 0 100 5  # a multiple of 5 below 100\n"
     "  secrets randrange 10 -10 -2\n",
     NULL, {0}},
    {"randint", cmd_randint, "A B", 2, 2, "A and B",
     "an integer from A to B, both included",
     "Print an integer chosen uniformly from A, A+1, ..., B (both ends included),\n"
     "like Python's random.randint(A, B). A and B are 64-bit signed integers\n"
     "(negative numbers need no '--'); A greater than B is an error. For larger\n"
     "numbers, use randbelow.\n",
     "  secrets randint 1 6        # a die roll\n"
     "  secrets randint -100 100\n",
     NULL, {0}},
    {"pin", cmd_pin, "[N]", 0, 1, NULL,
     "a PIN of N decimal digits (default 6)",
     "Print N decimal digits (default 6, at least 1), each uniform over 0-9 and\n"
     "independent: every one of the 10^N PINs is equally likely, leading zeros\n"
     "included.\n",
     "  secrets pin                # six digits\n"
     "  secrets pin 4 -n 3\n",
     NULL, {0}},
    {"choice", cmd_choice, "ITEM...", 0, SIZE_MAX, NULL,
     "one of the ITEMs",
     "Print one of the ITEMs, each equally likely, like Python's secrets.choice().\n"
     "With -n, each line is an independent choice (repeats are possible). Put\n"
     "'--' before items that start with '-'.\n",
     "  secrets choice rock paper scissors\n"
     "  secrets choice -n 4 heads tails\n",
     NULL, {0}},
    {"shuffle", cmd_shuffle, "[FILE...]", 0, SIZE_MAX, NULL,
     "the input lines in random order",
     "Print the lines of the FILEs (or of standard input; '-' is standard input)\n"
     "in random order, every order equally likely (Fisher-Yates), like `shuf`.\n"
     "A last line without a newline gets one.\n",
     "  seq 10 | secrets shuffle\n"
     "  secrets shuffle players.txt\n",
     "to print only K lines, use 'secrets sample K'", {0}},
    {"sample", cmd_sample, "K [FILE...]", 1, SIZE_MAX, "K",
     "K distinct input lines, in random order",
     "Print K distinct lines (by position) of the FILEs (or of standard input),\n"
     "in random order, like Python's random.sample() or `shuf -n K`. K larger\n"
     "than the number of lines is an error.\n",
     "  seq 49 | secrets sample 6\n"
     "  secrets sample 3 entrants.txt\n",
     "K already says how many lines to print", {0}},
    {"password", cmd_password, "[LENGTH]", 0, 1, NULL,
     "a password (default: 20 letters and digits)",
     "Print a password of LENGTH characters (default 20, from 1 to 4096) from an\n"
     "alphabet (default: ASCII letters and digits), uniformly distributed over all\n"
     "the strings that meet the minimums. --exclude and --no-ambiguous remove\n"
     "characters from whichever alphabet is in use. A policy no password can meet\n"
     "is an error (exit status 1).\n",
     "  secrets password\n"
     "  secrets password 16 --symbols --min-digits 2 --min-symbols 2\n"
     "  secrets password 12 --no-ambiguous --exclude '%&'\n"
     "  secrets password --entropy 16 --symbols    # 104.87\n",
     NULL,
     {O_LENGTH, O_ALPHABET, O_SYMBOLS, O_EXCLUDE, O_NO_AMBIGUOUS, O_MIN_LOWER, O_MIN_UPPER,
      O_MIN_DIGITS, O_MIN_SYMBOLS, O_ENTROPY, 0}},
    {"passphrase", cmd_passphrase, "[NWORDS]", 0, 1, NULL,
     "words from a word list (default: 6 from the EFF list)",
     "Print NWORDS words (default 6, at least 1), each chosen uniformly from a word\n"
     "list. Without --wordlist, $SECRETS_WORDLIST names the list, or else the\n"
     "EFF long word list built into libsecrets is used (7776 words: 12.925 bits a\n"
     "word). A word list has one word per line, or is in the diceware/EFF format\n"
     "(dice digits, blanks, a word); blanks around words, empty lines and repeated\n"
     "words are ignored, and any other line is an error.\n",
     "  secrets passphrase\n"
     "  secrets passphrase --entropy          # 77.55 (6 words)\n"
     "  secrets passphrase --wordlist words.txt --words 7 -S -\n",
     NULL, {O_WORDS, O_WORDLIST, O_SEPARATOR, O_ENTROPY, 0}},
    {"uuid", cmd_uuid, "", 0, 0, NULL,
     "a random (v4) or time-ordered (v7) UUID",
     "Print an RFC 9562 UUID in the lowercase 36-character form: version 4\n"
     "(122 random bits; the default) or version 7 (a millisecond Unix timestamp,\n"
     "then random bits; successive UUIDs from one run are strictly increasing).\n",
     "  secrets uuid\n"
     "  secrets uuid --v7 -n 3\n",
     NULL, {O_V4, O_V7, 0}},
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const struct cli_opt *option_by_id(int id)
{
    for (const struct cli_opt *o = cli_options; o->id != 0; o++)
        if (o->id == id)
            return o;
    return NULL;
}

int command_accepts(const struct command *c, int id)
{
    if (id == O_HELP || id == O_OUTPUT)
        return 1;
    if (id == O_COUNT)
        return c->no_count == NULL;
    for (size_t i = 0; i < CMD_MAX_OPTS && c->opts[i] != 0; i++)
        if (c->opts[i] == id)
            return 1;
    return 0;
}

/* "  -s, --symbols" or "      --min-lower N", padded to the help column. */
static int print_option(const struct cli_opt *o)
{
    char name[64], line[256];
    snprintf(name, sizeof name, "%c%c%c --%s%s%s", o->shrt ? '-' : ' ', o->shrt ? o->shrt : ' ',
             o->shrt ? ',' : ' ', o->lng, o->argname ? " " : "", o->argname ? o->argname : "");
    snprintf(line, sizeof line, "  %-22s %s\n", name, o->help);
    return out_str(line);
}

int print_main_help(void)
{
    char line[256];
    int rc = out_str(
        "Usage: secrets [-n COUNT] [-o FILE] COMMAND [OPTIONS] [ARGS]\n"
        "       secrets help [COMMAND]\n"
        "       secrets --help | --version\n"
        "\n"
        "Random tokens, numbers, choices, passwords, passphrases and UUIDs for the\n"
        "shell, from the operating system's CSPRNG through libsecrets (Python's\n"
        "`secrets` module for C). Every choice is exactly uniform. Python's spellings\n"
        "with underscores (token_hex) are accepted too.\n"
        "\n"
        "Commands:\n");
    for (size_t i = 0; rc == 0 && i < cli_ncommands; i++) {
        snprintf(line, sizeof line, "  %-14s %s\n", cli_commands[i].name,
                 cli_commands[i].summary);
        rc = out_str(line);
    }
    if (rc == 0)
        rc = out_str("\nOptions (a letter means the same in every command):\n");
    for (const struct cli_opt *o = cli_options; rc == 0 && o->id != 0; o++) {
        rc = print_option(o);
        if (rc != 0 || o->id == O_HELP || o->id == O_VERSION || o->id == O_OUTPUT ||
            o->id == O_COUNT)
            continue;
        /* Which commands take it. */
        size_t n = (size_t)snprintf(line, sizeof line, "%27s[", "");
        for (size_t i = 0; i < cli_ncommands && n < sizeof line - 32; i++)
            if (command_accepts(&cli_commands[i], o->id))
                n += (size_t)snprintf(line + n, sizeof line - n, "%s%s",
                                      line[n - 1] == '[' ? "" : " ", cli_commands[i].name);
        snprintf(line + n, sizeof line - n, "]\n");
        rc = out_str(line);
    }
    if (rc == 0)
        rc = out_str(
            "\n"
            "-n applies to every command but token-bytes, shuffle and sample; -o and -h\n"
            "to every command; -n and -o may also come before the command.\n"
            "'secrets help COMMAND' or 'secrets COMMAND --help' shows a command's help.\n"
            "\n"
            "Exit status: 0 on success, 1 if the library reports an error or an input\n"
            "or output fails, 2 for a usage error.\n"
            "\n"
            "Examples:\n"
            "  secrets token-urlsafe            # a 256-bit token for a URL\n"
            "  secrets password 16 --symbols    # a 16-character password\n"
            "  secrets passphrase               # six words from the EFF list\n"
            "  secrets randint 1 6 -n 3         # three die rolls\n"
            "  secrets token-base64 -o key.b64  # a key file, mode 0600\n"
            "  secrets uuid --v7\n");
    return rc != 0 ? CLI_FAIL : CLI_OK;
}

int print_command_help(const struct command *c)
{
    char line[256];
    snprintf(line, sizeof line, "Usage: secrets %s [OPTIONS]%s%s\n\n", c->name,
             c->operands[0] ? " " : "", c->operands);
    int rc = out_str(line);
    if (rc == 0)
        rc = out_str(c->description);
    if (rc == 0)
        rc = out_str("\nOptions:\n");
    for (size_t i = 0; rc == 0 && i < CMD_MAX_OPTS && c->opts[i] != 0; i++)
        rc = print_option(option_by_id(c->opts[i]));
    if (rc == 0 && c->no_count == NULL)
        rc = print_option(option_by_id(O_COUNT));
    if (rc == 0)
        rc = print_option(option_by_id(O_OUTPUT));
    if (rc == 0)
        rc = print_option(option_by_id(O_HELP));
    if (rc == 0)
        rc = out_str("\nExamples:\n");
    if (rc == 0)
        rc = out_str(c->examples);
    return rc != 0 ? CLI_FAIL : CLI_OK;
}

int print_version(void)
{
    char line[512];
    snprintf(line, sizeof line, "secrets %s\nlibsecrets %s (entropy source: %s)\n",
             SECRETS_VERSION_STRING, secrets_version(), secrets_entropy_source());
    return out_str(line) != 0 ? CLI_FAIL : CLI_OK;
}
