/*
 * alloc_shim.c - an allocation-failure injector in SQLite's manner, loaded
 * with LD_PRELOAD by verify/inject/alloc_failure.c.
 *
 * It wraps malloc, calloc, realloc, posix_memalign, aligned_alloc and
 * memalign.  Once armed with alloc_shim_arm(n), the n-th allocation from
 * then on fails (returns NULL with errno ENOMEM); every other one goes to
 * glibc (__libc_malloc & co., so no dlsym is needed and nothing recurses).
 * alloc_shim_seen() counts the allocations since arming, alloc_shim_fired()
 * says whether the failure was injected.  Single-threaded use: the driver
 * arms, makes one call, disarms.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static long armed_at, seen;
static int fired;

void alloc_shim_arm(long n)
{
    armed_at = n;
    seen = 0;
    fired = 0;
}

long alloc_shim_seen(void) { return seen; }

int alloc_shim_fired(void) { return fired; }

/* Whether this allocation is the one to fail. */
static int fail_now(void)
{
    if (armed_at <= 0) return 0;
    if (++seen == armed_at) {
        fired = 1;
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t n) { return fail_now() ? NULL : __libc_malloc(n); }

void *calloc(size_t a, size_t b) { return fail_now() ? NULL : __libc_calloc(a, b); }

void *realloc(void *p, size_t n) { return fail_now() ? NULL : __libc_realloc(p, n); }

void *memalign(size_t align, size_t n) { return fail_now() ? NULL : __libc_memalign(align, n); }

void *aligned_alloc(size_t align, size_t n) { return fail_now() ? NULL : __libc_memalign(align, n); }

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p;
    if (align < sizeof(void *) || (align & (align - 1)) != 0) return EINVAL;
    if (fail_now()) return ENOMEM;
    p = __libc_memalign(align, n);
    if (p == NULL) return ENOMEM;
    *out = p;
    return 0;
}
