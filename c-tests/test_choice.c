/* choice_index and choice: uniform reachability, element copies, every error. */
#include "test.h"

int main(void)
{
    size_t idx = 0, untouched;
    int i;

    test_start("choice");

    {
        int seen[62] = { 0 }, all = 1, ok = 1;
        for (i = 0; i < 5000; i++) {
            EXPECT_STATUS(secrets_choice_index(62, &idx), SECRETS_OK);
            if (idx >= 62) ok = 0;
            else seen[idx] = 1;
        }
        EXPECT(ok);
        for (i = 0; i < 62; i++) all &= seen[i];
        EXPECT(all);
    }
    EXPECT_STATUS(secrets_choice_index(1, &idx), SECRETS_OK);
    EXPECT(idx == 0);
    EXPECT_STATUS(secrets_choice_index(SIZE_MAX, &idx), SECRETS_OK);
    EXPECT(idx < SIZE_MAX);
    untouched = 5;
    EXPECT_STATUS(secrets_choice_index(0, &untouched), SECRETS_ERR_EMPTY);
    EXPECT(untouched == 5);
    EXPECT_STATUS(secrets_choice_index(3, NULL), SECRETS_ERR_NULL_POINTER);

    {
        /* odd item size: the whole element is copied, nothing past it */
        const char items[4][7] = { "alpha.", "bravo.", "charl.", "delta." };
        char out[8];
        int seen[4] = { 0 };
        for (i = 0; i < 400; i++) {
            int j, match = -1;
            memset(out, 'X', sizeof out);
            EXPECT_STATUS(secrets_choice(items, 4, sizeof items[0], out), SECRETS_OK);
            for (j = 0; j < 4; j++)
                if (memcmp(out, items[j], 7) == 0) match = j;
            EXPECT(match >= 0);
            if (match >= 0) seen[match] = 1;
            EXPECT(out[7] == 'X');
        }
        EXPECT(seen[0] && seen[1] && seen[2] && seen[3]);

        memset(out, 'X', sizeof out);
        EXPECT_STATUS(secrets_choice(items, 0, 7, out), SECRETS_ERR_EMPTY);
        EXPECT_BYTES(out, 7, 0);
        EXPECT(out[7] == 'X');
        EXPECT_STATUS(secrets_choice(NULL, 0, 7, out), SECRETS_ERR_EMPTY);
        EXPECT_STATUS(secrets_choice(items, 4, 0, out), SECRETS_ERR_INVALID_ARGUMENT);
        EXPECT_STATUS(secrets_choice(NULL, 4, 7, out), SECRETS_ERR_NULL_POINTER);
        EXPECT_STATUS(secrets_choice(items, 4, 7, NULL), SECRETS_ERR_NULL_POINTER);
        memset(out, 'X', sizeof out);
        EXPECT_STATUS(secrets_choice(items, SIZE_MAX / 2, 7, out), SECRETS_ERR_TOO_LARGE);
        EXPECT_BYTES(out, 7, 0);
    }
    {
        const uint64_t one = 0x0123456789abcdefULL;
        uint64_t got = 0;
        EXPECT_STATUS(secrets_choice(&one, 1, sizeof one, &got), SECRETS_OK);
        EXPECT(got == one);
    }
    return test_finish();
}
