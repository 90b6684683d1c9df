/*
 * reference.h - plain reference encoders the tests compare the library's
 * output with (c-tests and the constant-time gates in verify/ct): written
 * for clarity, not speed or constant time.
 */
#ifndef LIBSECRETS_TEST_REFERENCE_H
#define LIBSECRETS_TEST_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* base64 of in[0..n) with the given alphabet, '=' padded if pad */
static inline size_t ref_b64(const unsigned char *in, size_t n, const char *alphabet, int pad, char *out)
{
    size_t i, o = 0;
    uint32_t v;
    for (i = 0; i + 3 <= n; i += 3) {
        v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = alphabet[v >> 18];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = alphabet[(v >> 6) & 63];
        out[o++] = alphabet[v & 63];
    }
    if (n - i) {
        v = (uint32_t)in[i] << 16 | (n - i == 2 ? (uint32_t)in[i + 1] << 8 : 0);
        out[o++] = alphabet[v >> 18];
        out[o++] = alphabet[(v >> 12) & 63];
        if (n - i == 2) out[o++] = alphabet[(v >> 6) & 63];
        if (pad) while (o % 4) out[o++] = '=';
    }
    out[o] = '\0';
    return o;
}

#endif
