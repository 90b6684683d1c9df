/*
 * getrandom_failure.c - failure injection: each scenario runs in a child
 * process under a seccomp filter (raw classic BPF through
 * prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER), after PR_SET_NO_NEW_PRIVS; no
 * libseccomp) that makes the OS randomness source fail, then calls every
 * randomness-drawing entry point (entry_points.h).  This is BoringSSL's
 * "getrandom fails" test made with seccomp instead of a link-time hook.
 *
 * libsecrets has two backends (secrets_entropy_source() names the one in
 * use): the kernel's vDSO getrandom ("vdso-getrandom", Linux 6.11+), and
 * the getrandom(2) system call made directly ("getrandom"; forced with
 * LIBSECRETS_NO_VDSO=1).  What each does when the source fails:
 *
 *   syscall backend: every call that gets ENOSYS or EPERM from getrandom(2)
 *     falls back to /dev/urandom, opened for that call (O_CLOEXEC), checked
 *     with fstat to be the random device, read and closed; no descriptor
 *     is kept.  Other failures are passed on.
 *   vDSO backend: each thread's state is mmap'ed (MAP_DROPPABLE) on first
 *     use and keyed from the getrandom(2) system call, then generates in user
 *     space, re-keying through the system call whenever the kernel reseeds.
 *     A key request that fails with ENOSYS or EPERM takes the same
 *     /dev/urandom fallback; other failures are passed on.  A refused mmap
 *     sends the call to the system call.
 *   Once the fallback serves (or getrandom(2) is refused), the source is
 *   reported as "dev-urandom".
 *
 * Scenarios ("cold": the library not used yet in the process; "warm": used
 * once before the filter is installed), each with the outcome expected from
 * each backend:
 *
 *   scenario                 syscall backend        vDSO backend
 *   cold:EPERM, cold:ENOSYS  OK via /dev/urandom    OK via /dev/urandom (the key request fails: same fallback)
 *   cold:E*+open (EACCES)    FAIL                   FAIL
 *   cold:EPERM+read (EIO)    FAIL                   FAIL
 *   warm:EPERM, warm:ENOSYS  OK via /dev/urandom    OK (keyed state, or the
 *                                                   fallback after a reseed)
 *   vdso-state:mmap          OK                     OK via the system call
 *   vdso-state:mmap+EPERM    OK via /dev/urandom    OK via /dev/urandom
 *   vdso-state:mmap+EPERM+open FAIL                 FAIL
 *
 * The syscall-only rows also run with LIBSECRETS_NO_VDSO=1 ("syscall ..."),
 * so both backends are covered on a kernel that has the vDSO.  "OK via
 * /dev/urandom" is checked: secrets_entropy_source() then reports
 * "dev-urandom", and no /dev/urandom descriptor is left open (the device is
 * opened per call).  vdso-state:mmap refuses mmap(MAP_DROPPABLE), which is
 * how the vDSO state is allocated.
 *
 * "Fails cleanly" is entry_points.h's EP_EXPECT_FAIL: the status is
 * SECRETS_ERR_ENTROPY_UNAVAILABLE, outputs are zeroed / "" / untouched, and
 * the child does not crash.  Usage: getrandom_failure [SCENARIO...].
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "entry_points.h"

#if defined(__x86_64__)
#define VERIFY_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define VERIFY_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#ifndef MAP_DROPPABLE
#define MAP_DROPPABLE 0x08
#endif

struct outcome {
    enum ep_expect expect;
    int urandom; /* the /dev/urandom fallback must serve (and be reported) */
};

struct scenario {
    const char *name;
    int no_vdso;         /* set LIBSECRETS_NO_VDSO=1 in the child */
    int warm;            /* use the library before the filter */
    int getrandom_errno; /* 0: getrandom allowed */
    int open_errno;      /* refuse open/openat */
    int read_errno;      /* refuse read */
    int mmap_droppable;  /* refuse mmap(MAP_DROPPABLE) with ENOMEM */
    struct outcome syscall_backend, vdso_backend;
};

#define OK_URANDOM { EP_EXPECT_OK, 1 }
#define OK { EP_EXPECT_OK, 0 }
#define FAIL { EP_EXPECT_FAIL, 0 }

static const struct scenario scenarios[] = {
    /* the default backend (the vDSO where the kernel has it) */
    { "cold:EPERM", 0, 0, EPERM, 0, 0, 0, OK_URANDOM, OK_URANDOM },
    { "cold:ENOSYS", 0, 0, ENOSYS, 0, 0, 0, OK_URANDOM, OK_URANDOM },
    { "cold:EPERM+open", 0, 0, EPERM, EACCES, 0, 0, FAIL, FAIL },
    { "cold:ENOSYS+open", 0, 0, ENOSYS, EACCES, 0, 0, FAIL, FAIL },
    { "cold:EPERM+read", 0, 0, EPERM, 0, EIO, 0, FAIL, FAIL },
    { "warm:EPERM", 0, 1, EPERM, 0, 0, 0, OK_URANDOM, OK },
    { "warm:ENOSYS", 0, 1, ENOSYS, 0, 0, 0, OK_URANDOM, OK },
    { "vdso-state:mmap", 0, 0, 0, 0, 0, 1, OK, OK },
    { "vdso-state:mmap+EPERM", 0, 0, EPERM, 0, 0, 1, OK_URANDOM, OK_URANDOM },
    { "vdso-state:mmap+EPERM+open", 0, 0, EPERM, EACCES, 0, 1, FAIL, FAIL },
    /* the system-call backend, forced */
    { "syscall cold:EPERM", 1, 0, EPERM, 0, 0, 0, OK_URANDOM, OK_URANDOM },
    { "syscall cold:ENOSYS", 1, 0, ENOSYS, 0, 0, 0, OK_URANDOM, OK_URANDOM },
    { "syscall cold:EPERM+open", 1, 0, EPERM, EACCES, 0, 0, FAIL, FAIL },
    { "syscall cold:ENOSYS+open", 1, 0, ENOSYS, EACCES, 0, 0, FAIL, FAIL },
    { "syscall cold:EPERM+read", 1, 0, EPERM, 0, EIO, 0, FAIL, FAIL },
    { "syscall warm:EPERM", 1, 1, EPERM, 0, 0, 0, OK_URANDOM, OK_URANDOM },
    { "syscall warm:ENOSYS", 1, 1, ENOSYS, 0, 0, 0, OK_URANDOM, OK_URANDOM },
};

#define MAX_INSNS 32

static int install_filter(const struct scenario *s)
{
#ifdef VERIFY_AUDIT_ARCH
    struct sock_filter f[MAX_INSNS];
    struct sock_fprog prog;
    unsigned n = 0;
#define EMIT(x) (f[n++] = (struct sock_filter)x)
#define DENY(nr, err)                                                       \
    do {                                                                    \
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1));              \
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((err) & SECCOMP_RET_DATA))); \
    } while (0)
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VERIFY_AUDIT_ARCH, 1, 0));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
    if (s->getrandom_errno) DENY(__NR_getrandom, s->getrandom_errno);
    if (s->open_errno) {
        DENY(__NR_openat, s->open_errno);
#ifdef __NR_open
        DENY(__NR_open, s->open_errno);
#endif
#ifdef __NR_openat2
        DENY(__NR_openat2, s->open_errno);
#endif
    }
    if (s->read_errno) DENY(__NR_read, s->read_errno);
    if (s->mmap_droppable) {
        /* mmap: refuse when flags (argument 3, low word) has MAP_DROPPABLE */
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 0, 3));
        EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[3])));
        EMIT(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, MAP_DROPPABLE, 0, 1));
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOMEM & SECCOMP_RET_DATA)));
    }
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
#undef EMIT
#undef DENY
    prog.len = (unsigned short)n;
    prog.filter = f;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
#else
    (void)s;
    errno = ENOSYS;
    return -1;
#endif
}

/* Does this process hold an open descriptor for /dev/urandom? */
static int holds_urandom(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int found = 0;
    if (!d) return -1;
    while ((e = readdir(d)) != NULL) {
        char path[300], target[256];
        ssize_t n;
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        n = readlink(path, target, sizeof target - 1);
        if (n > 0) {
            target[n] = 0;
            if (strcmp(target, "/dev/urandom") == 0) found = 1;
        }
    }
    closedir(d);
    return found;
}

static int child(const struct scenario *s)
{
    unsigned char b[16];
    unsigned calls;
    const struct outcome *o;
    const char *backend;
    test_start(s->name);
    if (s->no_vdso) setenv("LIBSECRETS_NO_VDSO", "1", 1);
    backend = secrets_entropy_source(); /* looks the vDSO up; draws nothing */
    o = strcmp(backend, "vdso-getrandom") == 0 ? &s->vdso_backend : &s->syscall_backend;
    CHECK(holds_urandom() == 0, "[%s] /dev/urandom already open before the scenario", s->name);
    if (s->warm) CHECK(secrets_token_bytes(b, sizeof b) == SECRETS_OK, "[%s] warm-up call failed", s->name);
    if (install_filter(s) != 0) {
        printf("SKIP: seccomp filter not available (%s)\n", strerror(errno));
        return TEST_SKIP;
    }
    if (s->getrandom_errno) {
        long r = syscall(SYS_getrandom, b, sizeof b, 0);
        CHECK(r == -1 && errno == s->getrandom_errno, "[%s] the filter does not make getrandom fail as intended (%ld, %s)",
              s->name, r, strerror(errno));
    }
    if (s->mmap_droppable) {
        void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_DROPPABLE, -1, 0);
        CHECK(p == MAP_FAILED && errno == ENOMEM, "[%s] the filter does not refuse mmap(MAP_DROPPABLE)", s->name);
    }
    calls = ep_call_all(o->expect, s->name);
    if (o->urandom)
        CHECK(strcmp(secrets_entropy_source(), "dev-urandom") == 0,
              "[%s] calls succeeded but the source is reported as \"%s\", not \"dev-urandom\"", s->name,
              secrets_entropy_source());
    CHECK(holds_urandom() != 1, "[%s] a /dev/urandom descriptor was kept open", s->name);
    printf("[%s] backend %s, expected %s: %u entry points, %u succeeded, %u failed with "
           "SECRETS_ERR_ENTROPY_UNAVAILABLE leaving nothing behind%s\n",
           s->name, backend,
           o->expect == EP_EXPECT_OK ? "success" : o->expect == EP_EXPECT_FAIL ? "failure" : "either",
           calls, ep_ok, ep_failed_clean, o->urandom ? " (through /dev/urandom)" : "");
    return test_finish();
}

int main(int argc, char **argv)
{
    size_t i;
    int failed = 0, ran = 0, skipped = 0, a;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        const struct scenario *s = &scenarios[i];
        pid_t pid;
        int st;
        int selected = argc < 2;
        for (a = 1; a < argc; a++) selected |= strcmp(argv[a], s->name) == 0;
        if (!selected) continue;
        fflush(stdout);
        pid = fork();
        if (pid < 0) {
            perror("fork");
            return 2;
        }
        if (pid == 0) _exit(child(s));
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
        ran++;
        if (WIFEXITED(st) && WEXITSTATUS(st) == TEST_SKIP) {
            skipped++;
        } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            failed++;
            if (WIFSIGNALED(st))
                printf("FAIL [%s]: the child was killed by signal %d (a crash)\n", s->name, WTERMSIG(st));
            else
                printf("FAIL [%s]: exit status %d\n", s->name, WEXITSTATUS(st));
        }
    }
    printf("getrandom_failure: %d scenarios, %d failed, %d skipped\n", ran, failed, skipped);
    if (failed) return 1;
    return skipped == ran ? TEST_SKIP : 0;
}
