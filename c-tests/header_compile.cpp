// The header on its own in C++17 with -pedantic: extern "C", [[nodiscard]], constants.
#include <secrets.h>

#include <cstddef>
#include <cstdint>

static_assert(SECRETS_TOKEN_HEX_SIZE(16) == 33, "hex size macro is a constant expression");
static_assert(SECRETS_TOKEN_URLSAFE_SIZE(32) == 44, "urlsafe size macro");
static_assert(SECRETS_TOKEN_BASE32_SIZE(32) == 53, "base32 size macro");
static_assert(SECRETS_UUID_SIZE == 37, "uuid size");
static_assert(SECRETS_ERR_INTERNAL == -99, "status values");

int header_compile_probe_cxx();
int header_compile_probe_cxx()
{
    char hex[SECRETS_TOKEN_HEX_SIZE(16)];
    std::int32_t s = secrets_token_hex(hex, sizeof hex, 16);
    std::size_t x = 0;
    if (secrets_choice_index(3, &x) != SECRETS_OK) return -1;
    return s == SECRETS_OK ? static_cast<int>(x) : static_cast<int>(s);
}
