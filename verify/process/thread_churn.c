/*
 * thread_churn.c - 1,000 short-lived threads (at most BATCH alive at once),
 * each drawing through the library once per kind; every value must be
 * distinct and every call must succeed.  The library keeps no per-thread
 * state today; this guards a future per-thread cache (a vDSO getrandom
 * state, for instance) against being shared, leaked or reused across
 * threads.
 */
#define _GNU_SOURCE
#include <pthread.h>

#include <secrets.h>

#include "test.h"

#define THREADS 1000
#define BATCH 16
#define VALUE 16
#define KINDS 3

struct slot {
    int32_t status[KINDS];
    unsigned char value[KINDS][VALUE];
};

static struct slot slots[THREADS];

static void *worker(void *arg)
{
    struct slot *s = arg;
    static const uint8_t upper[16] = { 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }; /* 2^127 + 1 */
    char text[SECRETS_TOKEN_URLSAFE_SIZE(12)];
    s->status[0] = secrets_token_bytes(s->value[0], VALUE);
    s->status[1] = secrets_randbelow(upper, sizeof upper, s->value[1]);
    s->status[2] = secrets_token_urlsafe(text, sizeof text, 12);
    memcpy(s->value[2], text, VALUE); /* 16 characters of 6 bits */
    return NULL;
}

static int kind_;
static int cmp(const void *a, const void *b)
{
    return memcmp(((const struct slot *)a)->value[kind_], ((const struct slot *)b)->value[kind_], VALUE);
}

int main(void)
{
    static const char *const names[KINDS] = { "token_bytes(16)", "randbelow(2^127+1)", "token_urlsafe(12)" };
    pthread_t th[BATCH];
    int i, j, k;
    test_start("thread_churn");
    for (i = 0; i < THREADS; i += BATCH) {
        int n = THREADS - i < BATCH ? THREADS - i : BATCH;
        for (j = 0; j < n; j++)
            if (pthread_create(&th[j], NULL, worker, &slots[i + j]) != 0) {
                perror("pthread_create");
                return 2;
            }
        for (j = 0; j < n; j++) pthread_join(th[j], NULL);
    }
    for (i = 0; i < THREADS; i++)
        for (k = 0; k < KINDS; k++)
            CHECK(slots[i].status[k] == SECRETS_OK, "thread %d, %s: status %d", i, names[k], (int)slots[i].status[k]);
    for (k = 0; k < KINDS; k++) {
        unsigned long dups = 0;
        kind_ = k;
        qsort(slots, THREADS, sizeof slots[0], cmp);
        for (i = 1; i < THREADS; i++)
            if (memcmp(slots[i].value[k], slots[i - 1].value[k], VALUE) == 0) dups++;
        CHECK(dups == 0, "%s: %lu repeated value(s) across threads", names[k], dups);
        printf("%s from %d threads: %lu repeats\n", names[k], THREADS, dups);
    }
    return test_finish();
}
