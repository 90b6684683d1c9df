/* randbelow_u64, randbelow (big-endian), randbits_u64, randbits: ranges, reachability, errors. */
#include "test.h"

#define FILL 0xA5

static int be_less(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i];
    return 0;
}

int main(void)
{
    uint64_t x, untouched;
    int i;

    test_start("integers");

    /* randbelow_u64: every value of a small range is reached, never out of range */
    {
        static const uint64_t bounds[] = { 1, 2, 3, 6, 7, 62, 100 };
        size_t b;
        for (b = 0; b < sizeof bounds / sizeof bounds[0]; b++) {
            int seen[100] = { 0 }, all = 1, ok = 1;
            uint64_t v;
            for (i = 0; i < 5000; i++) {
                EXPECT_STATUS(secrets_randbelow_u64(bounds[b], &x), SECRETS_OK);
                if (x >= bounds[b]) ok = 0;
                else seen[x] = 1;
            }
            EXPECT(ok);
            for (v = 0; v < bounds[b]; v++) all &= seen[v];
            EXPECT(all);
        }
    }
    /* worst-case and extreme bounds */
    {
        const uint64_t big[] = { (UINT64_C(1) << 63) + 1, UINT64_MAX, UINT64_C(3) << 62, UINT64_MAX - 1 };
        size_t b;
        for (b = 0; b < 4; b++) {
            int high = 0;
            for (i = 0; i < 2000; i++) {
                EXPECT_STATUS(secrets_randbelow_u64(big[b], &x), SECRETS_OK);
                EXPECT(x < big[b]);
                high |= x >= big[b] / 2;
            }
            EXPECT(high);
        }
    }
    untouched = 777;
    EXPECT_STATUS(secrets_randbelow_u64(0, &untouched), SECRETS_ERR_INVALID_ARGUMENT);
    EXPECT(untouched == 777);
    EXPECT_STATUS(secrets_randbelow_u64(5, NULL), SECRETS_ERR_NULL_POINTER);

    /* randbelow: big-endian, leading zeros, results below the bound */
    {
        uint8_t up[32], out[32 + 8];
        int topbit = 0;
        memset(up, 0xff, sizeof up);
        up[0] = 0xc0; /* ~1.5 * 2^255: a third of the results have the top bit (P(none in 500) ~ 2^-292) */
        for (i = 0; i < 500; i++) {
            memset(out, FILL, sizeof out);
            EXPECT_STATUS(secrets_randbelow(up, 32, out), SECRETS_OK);
            EXPECT(be_less(out, up, 32));
            EXPECT_BYTES(out + 32, 8, FILL);
            topbit |= out[0] & 0x80;
        }
        EXPECT(topbit);
    }
    {
        const uint8_t five[4] = { 0, 0, 0, 5 };
        uint8_t out[4];
        int seen[5] = { 0 };
        for (i = 0; i < 500; i++) {
            EXPECT_STATUS(secrets_randbelow(five, 4, out), SECRETS_OK);
            EXPECT(out[0] == 0 && out[1] == 0 && out[2] == 0 && out[3] < 5);
            if (out[3] < 5) seen[out[3]] = 1;
        }
        EXPECT(seen[0] && seen[1] && seen[2] && seen[3] && seen[4]);
    }
    {
        const uint8_t zero[3] = { 0, 0, 0 };
        uint8_t out[3] = { 1, 2, 3 };
        EXPECT_STATUS(secrets_randbelow(zero, 3, out), SECRETS_ERR_INVALID_ARGUMENT);
        EXPECT_BYTES(out, 3, 0);
        EXPECT_STATUS(secrets_randbelow(NULL, 0, NULL), SECRETS_ERR_INVALID_ARGUMENT);
        EXPECT_STATUS(secrets_randbelow(NULL, 3, out), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(secrets_randbelow(zero, 3, NULL), SECRETS_ERR_NULL_POINTER);
    }

    /* randbits_u64 */
    {
        uint32_t k;
        for (k = 0; k <= 64; k++) {
            uint64_t any = 0;
            for (i = 0; i < 64; i++) {
                EXPECT_STATUS(secrets_randbits_u64(k, &x), SECRETS_OK);
                EXPECT(k == 64 || x >> k == 0);
                any |= x;
            }
            EXPECT(k == 0 ? any == 0 : (any >> (k - 1)) == 1); /* top bit reached */
        }
        untouched = 9;
        EXPECT_STATUS(secrets_randbits_u64(65, &untouched), SECRETS_ERR_INVALID_ARGUMENT);
        EXPECT(untouched == 9);
        EXPECT_STATUS(secrets_randbits_u64(3, NULL), SECRETS_ERR_NULL_POINTER);
    }

    /* randbits */
    {
        uint8_t buf[200];
        size_t k;
        for (k = 1; k <= 1001; k += 37) {
            size_t nb = (k + 7) / 8;
            uint8_t top = 0;
            for (i = 0; i < 32; i++) {
                memset(buf, FILL, sizeof buf);
                EXPECT_STATUS(secrets_randbits(k, buf, nb), SECRETS_OK);
                EXPECT(k % 8 == 0 || buf[0] >> (k % 8) == 0);
                top |= buf[0];
                EXPECT_BYTES(buf + nb, sizeof buf - nb, FILL);
            }
            EXPECT(top >> ((k % 8 ? k % 8 : 8) - 1) == 1);
        }
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_randbits(0, buf, sizeof buf), SECRETS_OK);
        EXPECT_BYTES(buf, sizeof buf, FILL);
        EXPECT_STATUS(secrets_randbits(0, NULL, 0), SECRETS_OK);
        memset(buf, FILL, sizeof buf);
        EXPECT_STATUS(secrets_randbits(17, buf, 2), SECRETS_ERR_BUFFER_TOO_SMALL);
        EXPECT_BYTES(buf, 2, 0);
        EXPECT_BYTES(buf + 2, sizeof buf - 2, FILL);
        EXPECT_STATUS(secrets_randbits(8, NULL, 1), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(secrets_randbits(SIZE_MAX, buf, sizeof buf), SECRETS_ERR_BUFFER_TOO_SMALL);
    }
    return test_finish();
}
