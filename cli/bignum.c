/*
 * bignum.c - decimal <-> big-endian unsigned integers for randbelow and
 * randbits, schoolbook style: 32-bit limbs, base 10^9 chunks.
 * Converting d digits costs O(d^2 / 81) limb operations: about two
 * seconds at the program's largest input, randbits 1000000.
 * Every intermediate array is wiped before it is freed.
 */
#include <stdint.h>
#include <string.h>

#include <secrets.h>

#include "cli.h"

#define CHUNK 1000000000u /* 10^9 < 2^32 */
#define CHUNK_DIGITS 9

int dec_to_be(const char *s, uint8_t **out, size_t *out_len)
{
    size_t n = strlen(s);
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    while (n > 1 && *s == '0') { /* leading zeros */
        s++;
        n--;
    }
    /* 9k digits < 10^(9k) < 2^(32k): one limb per 9 digits is enough. */
    size_t cap = n / CHUNK_DIGITS + 1;
    uint32_t *limb = cli_alloc(cap * sizeof *limb);
    if (limb == NULL)
        return -2;
    size_t used = 0;
    size_t first = n % CHUNK_DIGITS ? n % CHUNK_DIGITS : CHUNK_DIGITS;
    for (size_t pos = 0; pos < n;) {
        size_t take = pos == 0 ? first : CHUNK_DIGITS;
        uint32_t chunk = 0, mul = 1;
        for (size_t j = 0; j < take; j++) {
            chunk = chunk * 10 + (uint32_t)(s[pos + j] - '0');
            mul *= 10;
        }
        pos += take;
        /* limb = limb * mul + chunk */
        uint64_t carry = chunk;
        for (size_t i = 0; i < used; i++) {
            uint64_t t = (uint64_t)limb[i] * mul + carry;
            limb[i] = (uint32_t)t;
            carry = t >> 32;
        }
        if (carry != 0)
            limb[used++] = (uint32_t)carry;
    }
    /* Big-endian bytes, without leading zero bytes but at least one. */
    size_t nbytes = used * 4;
    size_t skip = 0;
    if (used > 0) {
        uint32_t top = limb[used - 1];
        while (skip < 3 && (top >> (8 * (3 - skip))) == 0)
            skip++;
    }
    size_t len = used == 0 ? 1 : nbytes - skip;
    uint8_t *be = cli_alloc(len);
    if (be == NULL) {
        cli_free(limb, cap * sizeof *limb);
        return -2;
    }
    if (used == 0) {
        be[0] = 0;
    } else {
        for (size_t k = 0; k < len; k++) {
            size_t bit_index = len - 1 - k; /* byte index from the least significant */
            be[k] = (uint8_t)(limb[bit_index / 4] >> (8 * (bit_index % 4)));
        }
    }
    cli_free(limb, cap * sizeof *limb);
    *out = be;
    *out_len = len;
    return 0;
}

char *be_to_dec(const uint8_t *be, size_t len, size_t *dec_len)
{
    size_t nlimbs = len / 4 + 1;
    uint32_t *limb = cli_alloc(nlimbs * sizeof *limb);
    if (limb == NULL)
        return NULL;
    memset(limb, 0, nlimbs * sizeof *limb);
    for (size_t k = 0; k < len; k++) {
        size_t i = len - 1 - k; /* byte index from the least significant */
        limb[i / 4] |= (uint32_t)be[k] << (8 * (i % 4));
    }
    size_t used = nlimbs;
    while (used > 0 && limb[used - 1] == 0)
        used--;
    /* x < 2^(8 len) needs at most 8 len / log2(10^9) + 1 chunks; 29 < 29.89. */
    size_t nchunks_cap = len * 8 / 29 + 2;
    uint32_t *chunk = cli_alloc(nchunks_cap * sizeof *chunk);
    if (chunk == NULL) {
        cli_free(limb, nlimbs * sizeof *limb);
        return NULL;
    }
    size_t nchunks = 0;
    while (used > 0) {
        uint64_t rem = 0;
        for (size_t i = used; i-- > 0;) {
            uint64_t t = (rem << 32) | limb[i];
            limb[i] = (uint32_t)(t / CHUNK);
            rem = t % CHUNK;
        }
        chunk[nchunks++] = (uint32_t)rem;
        while (used > 0 && limb[used - 1] == 0)
            used--;
    }
    cli_free(limb, nlimbs * sizeof *limb);

    size_t size = nchunks == 0 ? 2 : nchunks * CHUNK_DIGITS + 1;
    char *dec = cli_alloc(size);
    if (dec == NULL) {
        cli_free(chunk, nchunks_cap * sizeof *chunk);
        return NULL;
    }
    size_t n = 0;
    if (nchunks == 0) {
        dec[n++] = '0';
    } else {
        /* Most significant chunk without padding, the others as 9 digits. */
        char tmp[CHUNK_DIGITS];
        uint32_t v = chunk[nchunks - 1];
        size_t t = 0;
        do {
            tmp[t++] = (char)('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (t > 0)
            dec[n++] = tmp[--t];
        for (size_t c = nchunks - 1; c-- > 0;) {
            v = chunk[c];
            for (size_t j = CHUNK_DIGITS; j-- > 0;) {
                dec[n + j] = (char)('0' + v % 10);
                v /= 10;
            }
            n += CHUNK_DIGITS;
        }
        secrets_memzero(tmp, sizeof tmp);
    }
    dec[n] = '\0';
    cli_free(chunk, nchunks_cap * sizeof *chunk);
    *dec_len = n;
    return dec;
}
