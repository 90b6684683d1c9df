/*
 * cmd_uuid.c - uuid: RFC 9562 version 4 or version 7 UUIDs.
 */
#define _POSIX_C_SOURCE 200809L

#include <secrets.h>

#include "cli.h"

int cmd_uuid(const struct command *c, struct args *a)
{
    (void)c;
    int v7 = a->val[O_V7] != NULL; /* --v4 with --v7 is refused by the dispatcher */
    char buf[SECRETS_UUID_SIZE];
    int status = CLI_OK;
    for (size_t i = 0; status == CLI_OK && i < a->count; i++) {
        int32_t rc = v7 ? secrets_uuid7(buf, sizeof buf) : secrets_uuid4(buf, sizeof buf);
        status = rc != SECRETS_OK ? fail_lib(rc, NULL) : print_secret(buf, sizeof buf);
    }
    return status;
}
