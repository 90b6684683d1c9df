// A C++17 program outside the project using the installed libsecrets.
#include <cstdio>
#include <string>
#include <string_view>

#include <secrets.h>

int main()
{
    std::string tok(SECRETS_TOKEN_HEX_SIZE(16), '\0');
    if (secrets_token_hex(tok.data(), tok.size(), 16) != SECRETS_OK) return 1;
    tok.resize(32);
    uint64_t die = 0;
    if (secrets_randbelow_u64(6, &die) != SECRETS_OK || die >= 6) return 1;
    if (std::string_view(secrets_version()) != SECRETS_VERSION_STRING) return 1;
    std::printf("consumer (C++17): libsecrets %s: %s, die %d\n", secrets_version(), tok.c_str(),
                static_cast<int>(die) + 1);
    return 0;
}
