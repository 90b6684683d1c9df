/* token_chars, password, password_entropy, passphrase, uuid4, uuid7:
 * results, every status code, "" left behind on failure. */
#include "test.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#ifndef _WIN32 /* fork: POSIX only */
#include <sys/wait.h>
#include <unistd.h>
#endif

#define FILL 0xA5

static const char *const WORDS[4] = { "correct", "horse", "battery", "staple" };

static secrets_password_policy policy(size_t length, const char *alphabet, size_t lower, size_t upper,
                                      size_t digits, size_t symbols)
{
    secrets_password_policy p;
    memset(&p, 0, sizeof p);
    p.length = length;
    p.alphabet = alphabet;
    p.alphabet_len = alphabet ? strlen(alphabet) : 0;
    p.min_lower = lower;
    p.min_upper = upper;
    p.min_digits = digits;
    p.min_symbols = symbols;
    return p;
}

/* Number of UTF-8 code points (the library's output is valid UTF-8). */
static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* A failed call leaves "" and writes nothing past the first byte. */
#define EXPECT_FAILS_EMPTY(call, status)          \
    do {                                          \
        memset(buf, FILL, sizeof buf);            \
        EXPECT_STATUS(call, status);              \
        EXPECT(buf[0] == '\0');                   \
        EXPECT_BYTES(buf + 1, sizeof buf - 1, FILL); \
    } while (0)

static void test_token_chars(void)
{
    static const char multi[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"; /* a, e-acute, euro, emoji */
    char buf[256];
    size_t len, i;
    int seen[4] = { 0 }, d;

    for (len = 0; len <= 30; len++) {
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_token_chars(buf, len + 1, len, "xyz", 3), SECRETS_OK);
        EXPECT(strlen(buf) == len);
        EXPECT(strspn(buf, "xyz") == len);
        EXPECT_BYTES(buf + len + 1, sizeof buf - len - 1, FILL);
        /* one byte short: "" left (nothing written at all when out_size is 0) */
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_token_chars(buf, len, len, "xyz", 3), SECRETS_ERR_BUFFER_TOO_SMALL);
        if (len > 0) {
            EXPECT(buf[0] == '\0');
            EXPECT_BYTES(buf + 1, sizeof buf - 1, FILL);
        } else {
            EXPECT_BYTES(buf, sizeof buf, FILL);
        }
    }
    /* multi-byte alphabet: 40 characters, out_size = 40 * 4 + 1 */
    for (d = 0; d < 20; d++) {
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_token_chars(buf, 161, 40, multi, sizeof multi - 1), SECRETS_OK);
        EXPECT(code_points(buf) == 40);
        for (i = 0; buf[i]; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (c == 'a') seen[0] = 1;
            else if (c == 0xc3) seen[1] = 1;
            else if (c == 0xe2) seen[2] = 1;
            else if (c == 0xf0) seen[3] = 1;
        }
        EXPECT_BYTES(buf + 161, sizeof buf - 161, FILL);
    }
    for (i = 0; i < 4; i++) EXPECT(seen[i]);
    /* the worst case decides, even if the draw would fit */
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, 160, 40, multi, sizeof multi - 1), SECRETS_ERR_BUFFER_TOO_SMALL);
    /* alphabet_len bounds the alphabet */
    EXPECT_STATUS(secrets_token_chars(buf, 64, 63, "abXYZ", 2), SECRETS_OK);
    EXPECT(strspn(buf, "ab") == 63);

    /* length 0: "" whatever the alphabet */
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_token_chars(buf, 1, 0, NULL, 0), SECRETS_OK);
    EXPECT(buf[0] == '\0');
    EXPECT_STATUS(secrets_token_chars(buf, 1, 0, "", 0), SECRETS_OK);

    /* every status */
    EXPECT_STATUS(secrets_token_chars(NULL, 11, 10, "abc", 3), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, NULL, 3), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, "ab\xff", 3), SECRETS_ERR_INVALID_UTF8);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, "\xc3\xa9", 1), SECRETS_ERR_INVALID_UTF8);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, "\xed\xa0\x80", 3), SECRETS_ERR_INVALID_UTF8);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, "ab\0c", 4), SECRETS_ERR_INVALID_ARGUMENT);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, "", 0), SECRETS_ERR_EMPTY);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, 10, NULL, 0), SECRETS_ERR_EMPTY);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, SIZE_MAX / 2 + 1, "\xc3\xa9", 2), SECRETS_ERR_TOO_LARGE);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, sizeof buf, SIZE_MAX, "a", 1), SECRETS_ERR_TOO_LARGE);
    EXPECT_FAILS_EMPTY(secrets_token_chars(buf, 5, 10, "abc", 3), SECRETS_ERR_BUFFER_TOO_SMALL);
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_token_chars(buf, 0, 5, "abc", 3), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_BYTES(buf, sizeof buf, FILL);
    EXPECT_STATUS(secrets_token_chars(NULL, 0, 0, "abc", 3), SECRETS_ERR_BUFFER_TOO_SMALL);
}

static void count_classes(const char *s, size_t n[4])
{
    n[0] = n[1] = n[2] = n[3] = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'a' && c <= 'z') n[0]++;
        else if (c >= 'A' && c <= 'Z') n[1]++;
        else if (c >= '0' && c <= '9') n[2]++;
        else if ((c & 0xc0) != 0x80) n[3]++;
    }
}

static void test_password(void)
{
    static char big[4 * SECRETS_PASSWORD_MAX_LENGTH + 1];
    char buf[256];
    size_t n[4];
    int d;
    secrets_password_policy p;

    /* the default alphabet with the usual minimums */
    p = policy(16, NULL, 1, 1, 1, 0);
    for (d = 0; d < 200; d++) {
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_password(buf, 17, &p), SECRETS_OK);
        EXPECT(strlen(buf) == 16);
        count_classes(buf, n);
        EXPECT(n[0] >= 1 && n[1] >= 1 && n[2] >= 1 && n[3] == 0);
        EXPECT_BYTES(buf + 17, sizeof buf - 17, FILL);
    }
    /* the extreme policy: every character a digit */
    p = policy(12, NULL, 0, 0, 12, 0);
    for (d = 0; d < 50; d++) {
        EXPECT_STATUS(secrets_password(buf, 13, &p), SECRETS_OK);
        EXPECT(strlen(buf) == 12 && strspn(buf, "0123456789") == 12);
    }
    /* non-ASCII characters are symbols; out_size counts their bytes */
    p = policy(5, "ab\xc3\xa9\xe2\x82\xac", 1, 0, 0, 2);
    for (d = 0; d < 50; d++) {
        EXPECT_STATUS(secrets_password(buf, 16, &p), SECRETS_OK);
        EXPECT(code_points(buf) == 5);
        count_classes(buf, n);
        EXPECT(n[0] >= 1 && n[3] >= 2);
    }
    EXPECT_FAILS_EMPTY(secrets_password(buf, 15, &p), SECRETS_ERR_BUFFER_TOO_SMALL);
    /* the longest supported password, with four minimums */
    p = policy(SECRETS_PASSWORD_MAX_LENGTH, "abcXYZ0123!?", 100, 200, 300, 400);
    EXPECT_STATUS(secrets_password(big, sizeof big, &p), SECRETS_OK);
    EXPECT(strlen(big) == SECRETS_PASSWORD_MAX_LENGTH);
    count_classes(big, n);
    EXPECT(n[0] >= 100 && n[1] >= 200 && n[2] >= 300 && n[3] >= 400);
    /* length 0 */
    p = policy(0, NULL, 0, 0, 0, 0);
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_password(buf, 1, &p), SECRETS_OK);
    EXPECT(buf[0] == '\0');

    /* every status */
    p = policy(8, NULL, 0, 0, 0, 0);
    EXPECT_STATUS(secrets_password(NULL, 9, &p), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, NULL), SECRETS_ERR_NULL_POINTER);
    p.alphabet_len = 5;
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_NULL_POINTER);
    p = policy(8, "ab\xff", 0, 0, 0, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_INVALID_UTF8);
    p = policy(8, "abca", 0, 0, 0, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_INVALID_ARGUMENT);
    p = policy(8, "ab", 0, 0, 0, 0);
    p.alphabet_len = 3; /* the NUL would end the password early */
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_INVALID_ARGUMENT);
    p = policy(8, "", 0, 0, 0, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_EMPTY);
    p = policy(3, NULL, 2, 0, 2, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_UNSATISFIABLE);
    p = policy(8, NULL, 0, 0, 0, 1);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_UNSATISFIABLE);
    p = policy(8, NULL, SIZE_MAX, 1, 0, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_UNSATISFIABLE);
    p = policy(SECRETS_PASSWORD_MAX_LENGTH + 1, NULL, 0, 0, 0, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, sizeof buf, &p), SECRETS_ERR_TOO_LARGE);
    p = policy(16, NULL, 0, 0, 0, 0);
    EXPECT_FAILS_EMPTY(secrets_password(buf, 16, &p), SECRETS_ERR_BUFFER_TOO_SMALL);
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_password(buf, 0, &p), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_BYTES(buf, sizeof buf, FILL);
}

static void expect_bits(secrets_password_policy p, double want)
{
    double bits = -1;
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_OK);
    if (fabs(bits - want) > 1e-9 * (want > 1 ? want : 1))
        printf("FAIL entropy: got %.17g, expected %.17g\n", bits, want);
    EXPECT(fabs(bits - want) <= 1e-9 * (want > 1 ? want : 1));
}

static void test_password_entropy(void)
{
    secrets_password_policy p;
    double bits;

    expect_bits(policy(16, NULL, 0, 0, 0, 0), 16 * log2(62.0));
    expect_bits(policy(4, "aA0!", 1, 1, 1, 1), log2(24.0));
    expect_bits(policy(3, "aB1!", 0, 0, 1, 1), log2(18.0)); /* 64 - 2*27 + 8 */
    expect_bits(policy(12, NULL, 0, 0, 12, 0), 12 * log2(10.0));
    expect_bits(policy(2, NULL, 1, 1, 0, 0), log2(2.0 * 26 * 26));
    expect_bits(policy(0, NULL, 0, 0, 0, 0), 0.0);
    expect_bits(policy(0, "", 0, 0, 0, 0), 0.0);
    expect_bits(policy(SECRETS_PASSWORD_MAX_LENGTH, NULL, 0, 0, 0, 0), SECRETS_PASSWORD_MAX_LENGTH * log2(62.0));

    /* every status; *bits untouched on failure */
    bits = 42.0;
    p = policy(8, NULL, 0, 0, 0, 0);
    EXPECT_STATUS(secrets_password_entropy(NULL, &bits), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_password_entropy(&p, NULL), SECRETS_ERR_NULL_POINTER);
    p.alphabet_len = 3;
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_ERR_NULL_POINTER);
    p = policy(8, "a\xc3", 0, 0, 0, 0);
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_ERR_INVALID_UTF8);
    p = policy(8, "abca", 0, 0, 0, 0);
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_ERR_INVALID_ARGUMENT);
    p = policy(8, "", 0, 0, 0, 0);
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_ERR_EMPTY);
    p = policy(8, "abc", 0, 1, 0, 0);
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_ERR_UNSATISFIABLE);
    p = policy(SECRETS_PASSWORD_MAX_LENGTH + 1, NULL, 0, 0, 0, 0);
    EXPECT_STATUS(secrets_password_entropy(&p, &bits), SECRETS_ERR_TOO_LARGE);
    EXPECT(bits == 42.0);
}

static int is_word(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < 4; i++)
        if (strlen(WORDS[i]) == len && memcmp(WORDS[i], s, len) == 0) return 1;
    return 0;
}

static void test_passphrase(void)
{
    static const char *const nullword[3] = { "ok", NULL, "fine" };
    static const char *const badword[2] = { "ok", "b\xe2\x82" };
    static const char *const uneven[2] = { "a", "bbbbbbbbbb" };
    char buf[128];
    int d, words;
    const char *s, *e;

    for (d = 0; d < 50; d++) {
        memset(buf, FILL, sizeof buf);
        /* longest: 4 * 7 + 3 * 2 + 1 = 35 */
        EXPECT_STATUS(secrets_passphrase(buf, 35, 4, WORDS, 4, "::"), SECRETS_OK);
        for (s = buf, words = 0;; s = e + 2) {
            e = strstr(s, "::");
            EXPECT(is_word(s, e ? (size_t)(e - s) : strlen(s)));
            words++;
            if (!e) break;
        }
        EXPECT(words == 4);
        EXPECT_BYTES(buf + 35, sizeof buf - 35, FILL);
    }
    EXPECT_STATUS(secrets_passphrase(buf, 24, 3, WORDS, 4, NULL), SECRETS_OK);
    EXPECT(strchr(buf, ' ') != NULL && strchr(strchr(buf, ' ') + 1, ' ') != NULL);
    EXPECT_STATUS(secrets_passphrase(buf, 8, 1, WORDS, 4, "-"), SECRETS_OK);
    EXPECT(is_word(buf, strlen(buf)));
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_passphrase(buf, 1, 0, WORDS, 4, "-"), SECRETS_OK);
    EXPECT(buf[0] == '\0');
    EXPECT_STATUS(secrets_passphrase(buf, 1, 0, NULL, 0, NULL), SECRETS_OK);

    /* every status */
    EXPECT_STATUS(secrets_passphrase(NULL, 32, 4, WORDS, 4, "-"), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, 4, NULL, 4, "-"), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, 2, nullword, 3, "-"), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, 2, badword, 2, "-"), SECRETS_ERR_INVALID_UTF8);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, 2, WORDS, 4, "\xff"), SECRETS_ERR_INVALID_UTF8);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, 3, WORDS, 0, "-"), SECRETS_ERR_EMPTY);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, 3, NULL, 0, "-"), SECRETS_ERR_EMPTY);
    EXPECT_FAILS_EMPTY(secrets_passphrase(buf, sizeof buf, SIZE_MAX / 2, uneven, 2, "-"), SECRETS_ERR_TOO_LARGE);
    /* the longest result (22 bytes) decides, even when "a-a" would fit */
    for (d = 0; d < 20; d++)
        EXPECT_FAILS_EMPTY(secrets_passphrase(buf, 21, 2, uneven, 2, "-"), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(secrets_passphrase(buf, 22, 2, uneven, 2, "-"), SECRETS_OK);
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_passphrase(buf, 0, 2, WORDS, 4, "-"), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_BYTES(buf, sizeof buf, FILL);
}

static int uuid_ok(const char *u, char version)
{
    size_t i;
    if (strlen(u) != 36) return 0;
    for (i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (u[i] != '-') return 0;
        } else if (!strchr("0123456789abcdef", u[i]) || !u[i]) {
            return 0;
        }
    }
    return u[14] == version && strchr("89ab", u[19]) != NULL;
}

#define NTHREADS 4
#define PER_THREAD 3000
static char uuids[NTHREADS][PER_THREAD][SECRETS_UUID_SIZE];

static void *uuid7_worker(void *arg)
{
    size_t t = (size_t)arg, i;
    for (i = 0; i < PER_THREAD; i++)
        if (secrets_uuid7(uuids[t][i], SECRETS_UUID_SIZE) != SECRETS_OK) uuids[t][i][0] = '\0';
    return NULL;
}

static int cmp_uuid(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

static void test_uuid(void)
{
    char buf[64], prev[SECRETS_UUID_SIZE] = "";
    size_t t, i, bad = 0, dup = 0;
    pthread_t th[NTHREADS];
    int d;

    for (d = 0; d < 500; d++) {
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_uuid4(buf, SECRETS_UUID_SIZE), SECRETS_OK);
        EXPECT(uuid_ok(buf, '4'));
        EXPECT_BYTES(buf + SECRETS_UUID_SIZE, sizeof buf - SECRETS_UUID_SIZE, FILL);
        EXPECT_STATUS(secrets_uuid7(buf, SECRETS_UUID_SIZE), SECRETS_OK);
        EXPECT(uuid_ok(buf, '7'));
        EXPECT(strcmp(prev, buf) < 0);
        memcpy(prev, buf, SECRETS_UUID_SIZE);
    }

    /* strictly increasing within each thread, distinct across threads */
    for (t = 0; t < NTHREADS; t++) EXPECT(pthread_create(&th[t], NULL, uuid7_worker, (void *)t) == 0);
    for (t = 0; t < NTHREADS; t++) EXPECT(pthread_join(th[t], NULL) == 0);
    for (t = 0; t < NTHREADS; t++)
        for (i = 0; i < PER_THREAD; i++) {
            bad += !uuid_ok(uuids[t][i], '7');
            if (i > 0) bad += strcmp(uuids[t][i - 1], uuids[t][i]) >= 0;
        }
    EXPECT(bad == 0);
    qsort(uuids, NTHREADS * PER_THREAD, SECRETS_UUID_SIZE, cmp_uuid);
    for (i = 1; i < NTHREADS * PER_THREAD; i++)
        dup += strcmp(((char (*)[SECRETS_UUID_SIZE])uuids)[i - 1], ((char (*)[SECRETS_UUID_SIZE])uuids)[i]) == 0;
    EXPECT(dup == 0);

#ifndef _WIN32
    /* a forked child inherits the uuid7 state but not its randomness */
    {
        char mine[SECRETS_UUID_SIZE];
        int fd[2];
        pid_t pid;
        EXPECT(pipe(fd) == 0);
        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            char theirs[SECRETS_UUID_SIZE] = "";
            close(fd[0]);
            if (secrets_uuid7(theirs, sizeof theirs) != SECRETS_OK) _exit(1);
            _exit(write(fd[1], theirs, sizeof theirs) == (ssize_t)sizeof theirs ? 0 : 1);
        }
        close(fd[1]);
        EXPECT_STATUS(secrets_uuid7(mine, sizeof mine), SECRETS_OK);
        memset(buf, 0, sizeof buf);
        EXPECT(read(fd[0], buf, SECRETS_UUID_SIZE) == SECRETS_UUID_SIZE);
        close(fd[0]);
        waitpid(pid, NULL, 0);
        EXPECT(uuid_ok(buf, '7'));
        EXPECT(strcmp(buf, mine) != 0);
        EXPECT(strcmp(buf + 19, mine + 19) != 0); /* the random tail differs */
    }
#endif

    /* every status */
    EXPECT_STATUS(secrets_uuid4(NULL, 37), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_uuid7(NULL, 37), SECRETS_ERR_NULL_POINTER);
    EXPECT_FAILS_EMPTY(secrets_uuid4(buf, 36), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_FAILS_EMPTY(secrets_uuid7(buf, 36), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_FAILS_EMPTY(secrets_uuid7(buf, 1), SECRETS_ERR_BUFFER_TOO_SMALL);
    memset(buf, FILL, sizeof buf);
    EXPECT_STATUS(secrets_uuid4(buf, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(secrets_uuid7(buf, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_BYTES(buf, sizeof buf, FILL);
    EXPECT_STATUS(secrets_uuid4(NULL, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(secrets_uuid7(NULL, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
}

int main(void)
{
    test_start("generators");
    test_token_chars();
    test_password();
    test_password_entropy();
    test_passphrase();
    test_uuid();
    return test_finish();
}
