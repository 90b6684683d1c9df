/* Must NOT compile with -Werror: ignoring a status is warned about (C and C++). */
#include <secrets.h>

int ignored_status(void);
int ignored_status(void)
{
    unsigned char b[8];
    secrets_token_bytes(b, sizeof b);
    return b[0];
}
