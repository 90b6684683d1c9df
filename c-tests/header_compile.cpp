// The header on its own in C++17 with -pedantic: extern "C", [[nodiscard]], constants.
#include <secrets.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

static_assert(SECRETS_TOKEN_HEX_SIZE(16) == 33, "hex size macro is a constant expression");
static_assert(SECRETS_TOKEN_URLSAFE_SIZE(32) == 44, "urlsafe size macro");
static_assert(SECRETS_TOKEN_BASE32_SIZE(32) == 53, "base32 size macro");
static_assert(SECRETS_UUID_SIZE == 37, "uuid size");
static_assert(SECRETS_ERR_INTERNAL == -99, "status values");
static_assert(SECRETS_TOKEN_BASE64_SIZE(32) == 45, "base64 size macro");
static_assert(SECRETS_EFF_WORDLIST_LEN == 7776, "the EFF list");

// Byte buffers are void *: char buffers, std::string, std::vector<char> and
// std::array pass without a cast (a uint8_t * parameter would reject them).
int header_char_buffers_cxx();
int header_char_buffers_cxx()
{
    char key[16];
    std::string s(16, '\0');
    std::vector<char> v(16);
    std::array<unsigned char, 16> a{};
    std::size_t n = 0;
    std::int32_t r = secrets_token_bytes(key, sizeof key);
    r |= secrets_token_bytes(&s[0], s.size());
    r |= secrets_randbits(12, v.data(), v.size());
    r |= secrets_randbelow(s.data(), s.size(), v.data());
    r |= secrets_uuid4_bytes(a.data(), a.size());
    r |= secrets_hex_decode(v.data(), v.size(), "00ff", 4, &n);
    bool same = secrets_equal(s.data(), s.size(), key, sizeof key);
    if (secrets_compare_digest(s.c_str(), s.size(), v.data(), v.size()) == 1) r |= 0;
    return static_cast<int>(r) + (same ? 1 : 0);
}

int header_compile_probe_cxx();
int header_compile_probe_cxx()
{
    char hex[SECRETS_TOKEN_HEX_SIZE(16)];
    std::int32_t s = secrets_token_hex(hex, sizeof hex, 16);
    std::size_t x = 0;
    if (secrets_choice_index(3, &x) != SECRETS_OK) return -1;
    return s == SECRETS_OK ? static_cast<int>(x) : static_cast<int>(s);
}
