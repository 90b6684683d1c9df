/* compare_digest and compare_digest_str: results, lengths, NULL rules. */
#include "test.h"

int main(void)
{
    uint8_t a[256], b[256];
    size_t n, i;
    int bit;

    test_start("compare");

    for (i = 0; i < sizeof a; i++) a[i] = (uint8_t)(i * 7 + 1);
    for (n = 0; n <= sizeof a; n += (n < 70 ? 1 : 31)) {
        memcpy(b, a, n);
        EXPECT_STATUS(secrets_compare_digest(a, n, b, n), 1);
        for (i = 0; i < n; i += (n > 64 ? 13 : 1))
            for (bit = 0; bit < 8; bit++) {
                b[i] ^= (uint8_t)(1u << bit);
                EXPECT_STATUS(secrets_compare_digest(a, n, b, n), 0);
                b[i] ^= (uint8_t)(1u << bit);
            }
        if (n > 0) {
            EXPECT_STATUS(secrets_compare_digest(a, n, b, n - 1), 0); /* prefix */
            EXPECT_STATUS(secrets_compare_digest(a, n - 1, b, n), 0);
        }
    }
    EXPECT_STATUS(secrets_compare_digest(NULL, 0, NULL, 0), 1);
    EXPECT_STATUS(secrets_compare_digest(NULL, 0, b, 0), 1);
    EXPECT_STATUS(secrets_compare_digest(a, 0, NULL, 0), 1);
    EXPECT_STATUS(secrets_compare_digest(NULL, 0, b, 1), 0);
    EXPECT_STATUS(secrets_compare_digest(NULL, 1, b, 1), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_compare_digest(a, 1, NULL, 1), SECRETS_ERR_NULL_POINTER);

    EXPECT_STATUS(secrets_compare_digest_str("", ""), 1);
    EXPECT_STATUS(secrets_compare_digest_str("s3cret", "s3cret"), 1);
    EXPECT_STATUS(secrets_compare_digest_str("s3cret", "s3creT"), 0);
    EXPECT_STATUS(secrets_compare_digest_str("s3cret", "s3cre"), 0);
    EXPECT_STATUS(secrets_compare_digest_str("", "x"), 0);
    EXPECT_STATUS(secrets_compare_digest_str("h\xc3\xa9llo", "h\xc3\xa9llo"), 1);
    EXPECT_STATUS(secrets_compare_digest_str(NULL, "x"), SECRETS_ERR_NULL_POINTER);
    EXPECT_STATUS(secrets_compare_digest_str("x", NULL), SECRETS_ERR_NULL_POINTER);
    return test_finish();
}
