/* The C side of bench.rb: ns of process CPU time per call of
 * secrets_token_bytes(16) and secrets_token_hex(16), best of 3 runs of N
 * calls.  Prints "<name> <ns>" lines.  Built and run by bench.rb. */
#define _POSIX_C_SOURCE 200809L
#include <secrets.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    uint8_t bytes[16];
    char hex[SECRETS_TOKEN_HEX_SIZE(16)];
    double best_bytes = 1e300, best_hex = 1e300;
    if (n <= 0) return 2;
    for (int round = 0; round < 3; round++) {
        double t0 = now_ns();
        for (long i = 0; i < n; i++)
            if (secrets_token_bytes(bytes, sizeof bytes) != SECRETS_OK) return 1;
        double t1 = now_ns();
        for (long i = 0; i < n; i++)
            if (secrets_token_hex(hex, sizeof hex, 16) != SECRETS_OK) return 1;
        double t2 = now_ns();
        if ((t1 - t0) / n < best_bytes) best_bytes = (t1 - t0) / n;
        if ((t2 - t1) / n < best_hex) best_hex = (t2 - t1) / n;
    }
    secrets_memzero(bytes, sizeof bytes);
    secrets_memzero(hex, sizeof hex);
    printf("token_bytes16 %.1f\ntoken_hex16 %.1f\n", best_bytes, best_hex);
    return 0;
}
