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
#include <sys/mman.h>
#include <unistd.h>

#include "child.h"
#include "entry_points.h"

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

/* A scenario on the default backend, and the same again on the forced
 * system-call backend ("syscall " name), where the syscall outcome holds. */
#define WITH_SYSCALL(name, warm, getrandom_errno, open_errno, read_errno, sys, vdso)      \
    { name, 0, warm, getrandom_errno, open_errno, read_errno, 0, sys, vdso },               \
    { "syscall " name, 1, warm, getrandom_errno, open_errno, read_errno, 0, sys, sys }

static const struct scenario scenarios[] = {
    WITH_SYSCALL("cold:EPERM", 0, EPERM, 0, 0, OK_URANDOM, OK_URANDOM),
    WITH_SYSCALL("cold:ENOSYS", 0, ENOSYS, 0, 0, OK_URANDOM, OK_URANDOM),
    WITH_SYSCALL("cold:EPERM+open", 0, EPERM, EACCES, 0, FAIL, FAIL),
    WITH_SYSCALL("cold:ENOSYS+open", 0, ENOSYS, EACCES, 0, FAIL, FAIL),
    WITH_SYSCALL("cold:EPERM+read", 0, EPERM, 0, EIO, FAIL, FAIL),
    WITH_SYSCALL("warm:EPERM", 1, EPERM, 0, 0, OK_URANDOM, OK),
    WITH_SYSCALL("warm:ENOSYS", 1, ENOSYS, 0, 0, OK_URANDOM, OK),
    /* the vDSO state's allocation refused: the default backend only */
    { "vdso-state:mmap", 0, 0, 0, 0, 0, 1, OK, OK },
    { "vdso-state:mmap+EPERM", 0, 0, EPERM, 0, 0, 1, OK_URANDOM, OK_URANDOM },
    { "vdso-state:mmap+EPERM+open", 0, 0, EPERM, EACCES, 0, 1, FAIL, FAIL },
};

static int install_filter(const struct scenario *s)
{
    struct child_filter c;
    child_filter_begin(&c);
    child_filter_deny(&c, __NR_getrandom, s->getrandom_errno);
    child_filter_deny_open(&c, s->open_errno);
    child_filter_deny(&c, __NR_read, s->read_errno);
    if (s->mmap_droppable) {
        /* mmap: refuse when flags (argument 3, low word) has MAP_DROPPABLE */
        child_filter_emit(&c, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 0, 3));
        child_filter_emit(&c, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                                            offsetof(struct seccomp_data, args[3])));
        child_filter_emit(&c, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, MAP_DROPPABLE, 0, 1));
        child_filter_emit(&c, child_filter_errno(ENOMEM));
    }
    return child_filter_install(&c);
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

static int child(size_t i)
{
    const struct scenario *s = &scenarios[i];
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
    return CHILD_RUN_SCENARIOS("getrandom_failure", argc, argv, scenarios, child, NULL);
}
