/*
 * child.h - the verify programs' process scaffolding: each scenario runs in
 * a child process of its own (selected by name on the command line, all by
 * default), and the parent tallies the outcomes the same way for every
 * program; plus a seccomp filter builder (raw classic BPF through
 * prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER) after PR_SET_NO_NEW_PRIVS; no
 * libseccomp) that makes chosen system calls fail with a chosen errno.
 *
 * A child exits 0 (passed), TEST_SKIP (could not run) or anything else
 * (failed); a child killed by a signal crashed.  Uses test.h.
 */
#ifndef LIBSECRETS_VERIFY_CHILD_H
#define LIBSECRETS_VERIFY_CHILD_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/*
 * Runs child(i) in a forked process for each of the n scenarios whose name
 * is selected by argv (every one when argv names none).  The names are
 * read from a table: the i-th is at first_name, i * stride bytes on (see
 * CHILD_RUN_SCENARIOS).  Prints "<prog>: N scenarios, F failed, S skipped"
 * (and the backend's name when backend is given: it is asked in the parent
 * only after the children ran), and returns the program's exit status: 1
 * if any failed, TEST_SKIP if every one that ran skipped, else 0.
 */
static inline int child_run_scenarios(const char *prog, int argc, char **argv, const char *const *first_name,
                                      size_t stride, size_t n, int (*child)(size_t), const char *(*backend)(void))
{
    size_t i;
    int failed = 0, ran = 0, skipped = 0, a;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < n; i++) {
        pid_t pid;
        int st, selected = argc < 2;
        const char *name = *(const char *const *)(const void *)((const char *)first_name + i * stride);
        for (a = 1; a < argc; a++) selected |= strcmp(argv[a], name) == 0;
        if (!selected) continue;
        fflush(stdout);
        pid = fork();
        if (pid < 0) {
            perror("fork");
            return 2;
        }
        if (pid == 0) _exit(child(i));
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
        ran++;
        if (WIFEXITED(st) && WEXITSTATUS(st) == TEST_SKIP) {
            skipped++;
        } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            failed++;
            if (WIFSIGNALED(st))
                printf("FAIL [%s]: the child was killed by signal %d (a crash)\n", name, WTERMSIG(st));
            else
                printf("FAIL [%s]: exit status %d\n", name, WEXITSTATUS(st));
        }
    }
    printf("%s: %d scenarios, %d failed, %d skipped", prog, ran, failed, skipped);
    if (backend) printf(" (backend %s)", backend());
    printf("\n");
    if (failed) return 1;
    return ran && skipped == ran ? TEST_SKIP : 0;
}

/* The scenarios of a table (an array whose elements have a `name`). */
#define CHILD_RUN_SCENARIOS(prog, argc, argv, table, child, backend)                                          \
    child_run_scenarios((prog), (argc), (argv), &(table)[0].name, sizeof(table)[0], sizeof(table) / sizeof(table)[0], \
                        (child), (backend))

/* ---- seccomp: system calls that fail with an errno ---- */

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#if defined(__x86_64__)
#define VERIFY_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define VERIFY_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#define CHILD_FILTER_MAX 32

/* A filter being built: child_filter_begin, denials, child_filter_install. */
struct child_filter {
    struct sock_filter f[CHILD_FILTER_MAX];
    unsigned n;
};

static inline void child_filter_emit(struct child_filter *c, struct sock_filter insn)
{
    if (c->n < CHILD_FILTER_MAX) c->f[c->n] = insn;
    c->n++; /* an overflow is refused at install */
}

/* Another architecture's calls pass; the system call number is loaded. */
static inline void child_filter_begin(struct child_filter *c)
{
    c->n = 0;
#ifdef VERIFY_AUDIT_ARCH
    child_filter_emit(c, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
    child_filter_emit(c, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VERIFY_AUDIT_ARCH, 1, 0));
    child_filter_emit(c, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    child_filter_emit(c, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
#endif
}

/* The instruction that fails the call with err. */
static inline struct sock_filter child_filter_errno(int err)
{
    return (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA));
}

/* System call nr fails with err (0: no denial). */
static inline void child_filter_deny(struct child_filter *c, long nr, int err)
{
    if (!err) return;
    child_filter_emit(c, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1));
    child_filter_emit(c, child_filter_errno(err));
}

/* Every way to open a file fails with err (0: no denial). */
static inline void child_filter_deny_open(struct child_filter *c, int err)
{
    child_filter_deny(c, __NR_openat, err);
#ifdef __NR_open
    child_filter_deny(c, __NR_open, err);
#endif
#ifdef __NR_openat2
    child_filter_deny(c, __NR_openat2, err);
#endif
}

/* Everything else is allowed; installs the filter (-1 with errno on failure,
 * ENOSYS on an architecture this file does not know). */
static inline int child_filter_install(struct child_filter *c)
{
#ifdef VERIFY_AUDIT_ARCH
    struct sock_fprog prog;
    child_filter_emit(c, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    if (c->n > CHILD_FILTER_MAX) {
        errno = E2BIG;
        return -1;
    }
    prog.len = (unsigned short)c->n;
    prog.filter = c->f;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
#else
    (void)c;
    errno = ENOSYS;
    return -1;
#endif
}

#endif
