/*
 * memlimit.c - under an address-space limit (RLIMIT_AS, what `ulimit -v`, a
 * container or MemoryMax impose), calls that need more scratch memory than
 * is left return a clean status instead of aborting the process, and calls
 * whose output fits succeed.
 *
 * Each scenario runs in a child that sets RLIMIT_AS to its current address
 * space plus a small headroom, then:
 *   token_chars   a legitimate 48 MiB output with 96 MiB of headroom: must
 *                 succeed (the hidden pool used to be four times the output,
 *                 192 MiB, and the allocation aborted);
 *   alphabet      a 32 MiB alphabet with 64 MiB of headroom: splitting it
 *                 needs 128 MiB, so SECRETS_ERR_TOO_LARGE with "" (it aborted);
 *   password      the same alphabet as a password alphabet: TOO_LARGE;
 *   passphrase    2^40 and SIZE_MAX empty words: "" and OK, no abort (a 4 TiB
 *                 pool, and a capacity-overflow panic printed on stderr).
 * A child killed by a signal, or any other outcome, is a failure.
 * Exit 77 (skipped) where the limit cannot be applied meaningfully: under
 * AddressSanitizer or valgrind (huge reserved address space), or where the
 * current address space cannot be read.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <secrets.h>

#define MIB ((size_t)1 << 20)

/* Current address-space size in bytes (VmSize), or 0. */
static size_t vm_size(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    if (fscanf(f, "%lu", &pages) != 1) pages = 0;
    fclose(f);
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

static int limit_to(size_t headroom)
{
    struct rlimit r;
    size_t now = vm_size();
    if (now == 0) return -1;
    r.rlim_cur = r.rlim_max = now + headroom;
    return setrlimit(RLIMIT_AS, &r);
}

static int scenario(const char *name)
{
    if (strcmp(name, "token_chars") == 0) {
        size_t len = 48 * MIB, i;
        char *out = malloc(len + 1);
        int32_t st;
        if (!out) return 3;
        memset(out, 0xA5, len + 1); /* touch it: part of the address space */
        if (limit_to(96 * MIB) != 0) return 3;
        st = secrets_token_chars(out, len + 1, len, "abcdefghijklmnopqrstuvwxyz", 26);
        if (st != SECRETS_OK) {
            printf("FAIL token_chars 48 MiB: %s\n", secrets_strerror(st));
            return 1;
        }
        for (i = 0; i < len; i++)
            if (out[i] < 'a' || out[i] > 'z') break;
        if (i != len || out[len] != 0) {
            printf("FAIL token_chars 48 MiB: bad output at %zu\n", i);
            return 1;
        }
        printf("ok   token_chars: 48 MiB of output under a limit of 96 MiB more\n");
        return 0;
    }
    if (strcmp(name, "alphabet") == 0 || strcmp(name, "password") == 0) {
        size_t len = 32 * MIB;
        char *alpha = malloc(len), out[64];
        int32_t st;
        if (!alpha) return 3;
        memset(alpha, 'a', len);
        if (limit_to(64 * MIB) != 0) return 3;
        memset(out, 0xA5, sizeof out);
        if (strcmp(name, "alphabet") == 0) {
            st = secrets_token_chars(out, sizeof out, 10, alpha, len);
        } else {
            secrets_password_policy p;
            memset(&p, 0, sizeof p);
            p.length = 10;
            p.alphabet = alpha;
            p.alphabet_len = len;
            st = secrets_password(out, sizeof out, &p);
        }
        if (st != SECRETS_ERR_TOO_LARGE || out[0] != 0) {
            printf("FAIL %s with a 32 MiB alphabet: %s, want TOO_LARGE and \"\"\n", name, secrets_strerror(st));
            return 1;
        }
        printf("ok   %s: a 32 MiB alphabet under a limit of 64 MiB more is TOO_LARGE\n", name);
        return 0;
    }
    if (strcmp(name, "passphrase") == 0) {
        static const char *const empty[2] = { "", "" };
        char out[8];
        int32_t a, b;
        if (limit_to(64 * MIB) != 0) return 3;
        memset(out, 0xA5, sizeof out);
        a = secrets_passphrase(out, sizeof out, (size_t)1 << 40, empty, 2, "");
        b = secrets_passphrase(out, sizeof out, SIZE_MAX, empty, 2, "");
        if (a != SECRETS_OK || b != SECRETS_OK || out[0] != 0) {
            printf("FAIL passphrase of huge counts of empty words: %s, %s\n", secrets_strerror(a), secrets_strerror(b));
            return 1;
        }
        printf("ok   passphrase: 2^40 and SIZE_MAX empty words give \"\"\n");
        return 0;
    }
    return 2;
}

int main(void)
{
    static const char *const names[] = { "token_chars", "alphabet", "password", "passphrase" };
    size_t i;
    int failed = 0;
    const char *pre = getenv("LD_PRELOAD");
    if (vm_size() == 0 || vm_size() > ((size_t)64 << 30) || (pre && strstr(pre, "vgpreload"))) {
        printf("SKIP: the address space cannot be limited meaningfully here (sanitizer or valgrind)\n");
        return 77;
    }
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        int ws;
        pid_t pid;
        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            int r = scenario(names[i]);
            fflush(stdout);
            _exit(r);
        }
        if (pid < 0 || waitpid(pid, &ws, 0) < 0) return 1;
        if (WIFSIGNALED(ws)) {
            printf("FAIL %s: the process was killed by signal %d under the limit\n", names[i], WTERMSIG(ws));
            failed++;
        } else if (WEXITSTATUS(ws) == 3) {
            printf("SKIP: could not set up the limit for %s\n", names[i]);
            return 77;
        } else if (WEXITSTATUS(ws) != 0) {
            failed++;
        }
    }
    printf("memlimit: %d failed\n", failed);
    return failed ? 1 : 0;
}
