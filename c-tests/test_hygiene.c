/* Fork and thread safety of the section 2-4 functions: no repeats across fork or threads. */
#include "test.h"

#include <pthread.h>
#include <stdlib.h>
#ifndef _WIN32 /* fork: POSIX only */
#include <sys/wait.h>
#include <unistd.h>
#endif

#define NTHREADS 8
#define PER_THREAD 200

static uint8_t tokens[NTHREADS * PER_THREAD][16];

static void *worker(void *arg)
{
    size_t t = (size_t)arg, i;
    for (i = 0; i < PER_THREAD; i++)
        if (secrets_token_bytes(tokens[t * PER_THREAD + i], 16) != SECRETS_OK) return (void *)1;
    return NULL;
}

static int cmp16(const void *a, const void *b) { return memcmp(a, b, 16); }

int main(void)
{
    size_t i;

    test_start("hygiene");

    /* threads: every token distinct */
    {
        pthread_t th[NTHREADS];
        void *ret;
        int dup = 0;
        for (i = 0; i < NTHREADS; i++) EXPECT(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
        for (i = 0; i < NTHREADS; i++) {
            EXPECT(pthread_join(th[i], &ret) == 0);
            EXPECT(ret == NULL);
        }
        qsort(tokens, NTHREADS * PER_THREAD, 16, cmp16);
        for (i = 1; i < NTHREADS * PER_THREAD; i++) dup |= memcmp(tokens[i - 1], tokens[i], 16) == 0;
        EXPECT(!dup);
    }

#ifndef _WIN32
    /* fork: children and parent never repeat one another */
    for (int round = 0; round < 5; round++) {
        enum { KIDS = 4 };
        uint8_t mine[32], theirs[KIDS][32];
        int fd[KIDS][2], k;
        pid_t pid[KIDS];
        EXPECT_STATUS(secrets_token_bytes(mine, sizeof mine), SECRETS_OK); /* warm */
        for (k = 0; k < KIDS; k++) {
            EXPECT(pipe(fd[k]) == 0);
            pid[k] = fork();
            if (pid[k] == 0) {
                uint8_t t[32];
                close(fd[k][0]);
                if (secrets_token_bytes(t, sizeof t) != SECRETS_OK) _exit(1);
                if (write(fd[k][1], t, sizeof t) != (ssize_t)sizeof t) _exit(1);
                _exit(0);
            }
            close(fd[k][1]);
        }
        EXPECT_STATUS(secrets_token_bytes(mine, sizeof mine), SECRETS_OK);
        for (k = 0; k < KIDS; k++) {
            int st = 0, j;
            EXPECT(read(fd[k][0], theirs[k], 32) == 32);
            close(fd[k][0]);
            waitpid(pid[k], &st, 0);
            EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
            EXPECT(memcmp(mine, theirs[k], 32) != 0);
            for (j = 0; j < k; j++) EXPECT(memcmp(theirs[j], theirs[k], 32) != 0);
        }
    }
#endif
    return test_finish();
}
