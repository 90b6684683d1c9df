/*
 * urandom_fooling.c - the /dev/urandom fallback cannot be fooled.
 *
 * Where getrandom(2) is refused (a seccomp filter returning ENOSYS or EPERM,
 * or a kernel older than 3.17) the library falls back to /dev/urandom.  A
 * fallback that caches a descriptor *number* can be fooled by a daemon that
 * closes all its descriptors and then opens a file: the file's bytes become
 * the "randomness".  Each scenario runs in a child process:
 *
 *   1. a seccomp filter makes getrandom(2) fail (ENOSYS or EPERM);
 *   2. one call, so that a caching fallback would open and cache its
 *      descriptor now;
 *   3. every descriptor is closed, then a file of FILL_BYTE bytes is opened
 *      again and again so that it takes every low descriptor number;
 *   4. "fooled": every function family is called twice; each call must
 *      succeed, never return a run of FILL_BYTE, and the two outputs must
 *      differ (the file's bytes would make them equal); and
 *      secrets_entropy_source() must report "dev-urandom";
 *      "blocked": a second filter also refuses open/openat (EACCES), so the
 *      random device cannot be opened: every drawing entry point must fail
 *      with SECRETS_ERR_ENTROPY_UNAVAILABLE, leaving nothing behind
 *      (entry_points.h), however many descriptors of the file are open.
 *
 * ctest runs it on the default backend and with LIBSECRETS_NO_VDSO=1.
 * Usage: urandom_fooling [SCENARIO...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "child.h"
#include "entry_points.h"

#define FILL_BYTE 0x41
#define FILE_BYTES (1 << 20)
#define LOW_FDS 64
#define OUT_FD 900 /* where stdout is kept while the low descriptors are replaced */

struct scenario {
    const char *name;
    int getrandom_errno;
    int block_open;
};

static const struct scenario scenarios[] = {
    { "fooled:ENOSYS", ENOSYS, 0 },
    { "fooled:EPERM", EPERM, 0 },
    { "blocked:ENOSYS", ENOSYS, 1 },
    { "blocked:EPERM", EPERM, 1 },
};

static int install_filter(int getrandom_errno, int open_errno)
{
    struct child_filter c;
    child_filter_begin(&c);
    child_filter_deny(&c, __NR_getrandom, getrandom_errno);
    child_filter_deny_open(&c, open_errno);
    return child_filter_install(&c);
}

/* ---- "fooled": every family twice ---- */

static const char *cur;

static void judge(const char *name, int32_t s1, int32_t s2, const void *a, const void *b, size_t n)
{
    CHECK(s1 == SECRETS_OK && s2 == SECRETS_OK, "[%s] %s: status %d, %d (%s)", cur, name, (int)s1, (int)s2,
          secrets_strerror(s1 != SECRETS_OK ? s1 : s2));
    CHECK(memcmp(a, b, n) != 0, "[%s] %s: two calls gave the same output (the file's bytes?)", cur, name);
    CHECK(test_longest_run(a, n, FILL_BYTE) < 8 && test_longest_run(b, n, FILL_BYTE) < 8,
          "[%s] %s: the output holds a run of the file's byte 0x%02x", cur, name, FILL_BYTE);
}

static void judge_text(const char *name, int32_t s1, int32_t s2, const char *a, const char *b, size_t from)
{
    judge(name, s1, s2, a + from, b + from, strlen(a) > from ? strlen(a) - from : 0);
    CHECK(!strstr(a, "41414141") && !strstr(a, "QUFBQUFB") && !strstr(a, "IFAUCQKB"),
          "[%s] %s: the text encodes the file's bytes: %s", cur, name, a);
}

/* A call with `p_` pointing at a buffer of type T (pre-filled with `fill`),
 * made twice; `judged` then sees both outputs (a_, b_) and statuses. */
#define TWICE_JUDGED(T, fill, call, judged) \
    do {                                    \
        T a_, b_, *p_;                      \
        int32_t s1_, s2_;                   \
        memset(&a_, (fill), sizeof a_);     \
        memset(&b_, (fill), sizeof b_);     \
        p_ = &a_;                           \
        s1_ = (call);                       \
        p_ = &b_;                           \
        s2_ = (call);                       \
        judged;                             \
    } while (0)

#define TWICE(name, T, call) TWICE_JUDGED(T, 0x5a, call, judge(name, s1_, s2_, &a_, &b_, sizeof a_))

typedef struct {
    char t[200];
} text_t;

#define TWICE_TEXT(name, from, call) \
    TWICE_JUDGED(text_t, 0, call, judge_text(name, s1_, s2_, a_.t, b_.t, (from)))

typedef struct {
    unsigned char b[64];
} bytes_t;
typedef struct {
    size_t z[16];
} idx_t;
typedef struct {
    uint32_t v[64];
} arr_t;

static void every_family_twice(void)
{
    static const uint8_t upper[16] = { 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    static const uint32_t items[4] = { 1, 2, 3, 4 };

    TWICE("token_bytes", bytes_t, secrets_token_bytes(p_->b, sizeof p_->b));
    TWICE_TEXT("token_hex", 0, secrets_token_hex(p_->t, sizeof p_->t, 32));
    TWICE_TEXT("token_urlsafe", 0, secrets_token_urlsafe(p_->t, sizeof p_->t, 32));
    TWICE_TEXT("token_base32", 0, secrets_token_base32(p_->t, sizeof p_->t, 32));
    TWICE("randbelow_u64", uint64_t, secrets_randbelow_u64((uint64_t)1 << 62, p_));
    TWICE("randbelow_u64 (near 2^63)", uint64_t, secrets_randbelow_u64(((uint64_t)1 << 63) + 1, p_));
    TWICE("randbelow", bytes_t, secrets_randbelow(upper, sizeof upper, p_->b));
    TWICE("randbits_u64", uint64_t, secrets_randbits_u64(64, p_));
    TWICE("randbits", bytes_t, secrets_randbits(512, p_->b, sizeof p_->b));
    TWICE("choice_index", size_t, secrets_choice_index((size_t)1 << 40, p_));
    {
        /* choice from 4 items: compare 16 picks at once */
        TWICE("choice x16", idx_t, ({
                  int32_t st_ = SECRETS_OK;
                  size_t k_;
                  for (k_ = 0; k_ < 16 && st_ == SECRETS_OK; k_++) {
                      uint32_t it_ = 0;
                      st_ = secrets_choice(items, 4, sizeof items[0], &it_);
                      p_->z[k_] = it_;
                  }
                  st_;
              }));
    }
    TWICE("random", double, secrets_random(p_));
    TWICE("uniform", double, secrets_uniform(1.0, 2.0, p_));
    TWICE("randrange", int64_t, secrets_randrange(0, INT64_MAX, 3, p_));
    TWICE("randint", int64_t, secrets_randint(INT64_MIN, INT64_MAX, p_));
    TWICE("shuffle", arr_t, ({
              size_t k_;
              for (k_ = 0; k_ < 64; k_++) p_->v[k_] = (uint32_t)k_;
              secrets_shuffle(p_->v, 64, sizeof p_->v[0]);
          }));
    TWICE("sample", idx_t, secrets_sample((size_t)1 << 40, 16, p_->z));
    TWICE("choices", idx_t, secrets_choices(NULL, (size_t)1 << 40, 16, p_->z));
    TWICE("triangular", double, secrets_triangular(0.0, 10.0, 3.0, p_));
    TWICE("normalvariate", double, secrets_normalvariate(0.0, 1.0, p_));
    TWICE("gauss", double, secrets_gauss(0.0, 1.0, p_));
    TWICE("lognormvariate", double, secrets_lognormvariate(0.0, 1.0, p_));
    TWICE("expovariate", double, secrets_expovariate(1.5, p_));
    TWICE("vonmisesvariate", double, secrets_vonmisesvariate(1.0, 4.0, p_));
    TWICE("gammavariate", double, secrets_gammavariate(3.0, 2.0, p_));
    TWICE("betavariate", double, secrets_betavariate(2.0, 3.0, p_));
    TWICE("paretovariate", double, secrets_paretovariate(2.0, p_));
    TWICE("weibullvariate", double, secrets_weibullvariate(1.0, 1.5, p_));
    TWICE("binomialvariate", uint64_t, secrets_binomialvariate((uint64_t)1 << 40, 0.5, p_));
    TWICE_TEXT("token_chars", 0, secrets_token_chars(p_->t, sizeof p_->t, 40, "abcdefghijklmnop", 16));
    {
        secrets_password_policy pol;
        memset(&pol, 0, sizeof pol);
        pol.length = 32;
        TWICE_TEXT("password", 0, secrets_password(p_->t, sizeof p_->t, &pol));
    }
    {
        static const char *const words[8] = { "a", "b", "c", "d", "e", "f", "g", "h" };
        TWICE_TEXT("passphrase", 0, secrets_passphrase(p_->t, sizeof p_->t, 24, words, 8, " "));
    }
    TWICE_TEXT("uuid4", 0, secrets_uuid4(p_->t, sizeof p_->t));
    TWICE_TEXT("uuid7 (random part)", 24, secrets_uuid7(p_->t, sizeof p_->t));
}

static int child(size_t k)
{
    const struct scenario *s = &scenarios[k];
    char path[] = "/tmp/libsecrets-fooling-XXXXXX";
    unsigned char b[16];
    int fd, i, opened = 0;
    const char *src;
    static unsigned char fill[FILE_BYTES];

    test_start(s->name);
    cur = s->name;
    fd = mkstemp(path);
    if (fd < 0) return 2;
    memset(fill, FILL_BYTE, sizeof fill);
    if (write(fd, fill, sizeof fill) != (ssize_t)sizeof fill) return 2;
    close(fd);

    if (install_filter(s->getrandom_errno, 0) != 0) {
        printf("SKIP: seccomp filter not available (%s)\n", strerror(errno));
        unlink(path);
        return TEST_SKIP;
    }
    /* 2. the first call: a caching fallback opens its descriptor now */
    CHECK(secrets_token_bytes(b, sizeof b) == SECRETS_OK, "[%s] first call failed", s->name);

    /* 3. close everything, then let the file take every low number */
    fflush(stdout);
    if (dup2(1, OUT_FD) != OUT_FD) return 2;
    for (i = 0; i < OUT_FD; i++) close(i);
    for (i = 0; i < LOW_FDS; i++) {
        fd = open(path, O_RDONLY);
        if (fd < 0) break;
        opened++;
    }
    /* stdout back on 1 (the file's descriptor there is replaced) */
    dup2(OUT_FD, 1);
    unlink(path);
    CHECK(opened == LOW_FDS, "[%s] opened the file only %d times", s->name, opened);

    if (s->block_open) {
        unsigned calls;
        if (install_filter(0, EACCES) != 0) {
            printf("SKIP: second seccomp filter not available (%s)\n", strerror(errno));
            return TEST_SKIP;
        }
        calls = ep_call_all(EP_EXPECT_FAIL, s->name);
        printf("[%s] %u entry points with the random device unreachable: %u failed cleanly\n", s->name, calls,
               ep_failed_clean);
    } else {
        every_family_twice();
    }
    src = secrets_entropy_source();
    printf("[%s] secrets_entropy_source() = \"%s\"\n", s->name, src);
    CHECK(strcmp(src, "dev-urandom") == 0, "[%s] the source is reported as \"%s\", not \"dev-urandom\"", s->name, src);
    return test_finish();
}

int main(int argc, char **argv)
{
    return CHILD_RUN_SCENARIOS("urandom_fooling", argc, argv, scenarios, child, NULL);
}
