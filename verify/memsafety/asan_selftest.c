/*
 * asan_selftest.c - the test of asan.sh: an out-of-bounds read that happens
 * inside the library's Rust code (compare_digest told that a 4-byte buffer
 * holds 5 bytes) must be reported by AddressSanitizer, which shows that the
 * Rust side really is instrumented, not only the C test programs.
 * Expected: AddressSanitizer reports a heap-buffer-overflow in
 * secrets::compare::compare_digest and the program exits non-zero.
 */
#include <stdlib.h>

#include <secrets.h>

int main(void)
{
    unsigned char *a = malloc(4), *b = malloc(5);
    int i, r;
    if (!a || !b) return 2;
    for (i = 0; i < 4; i++) a[i] = 1;
    for (i = 0; i < 5; i++) b[i] = 1;
    r = secrets_compare_digest(a, 5, b, 5); /* reads a[4] */
    free(a);
    free(b);
    return r == 42;
}
