/*
 * args.h - the command line of the verify programs that run for a chosen
 * size (soak: seconds; dudect: measurements): the size from an environment
 * variable, a numeric argument overriding it, and --self-test.
 */
#ifndef LIBSECRETS_VERIFY_ARGS_H
#define LIBSECRETS_VERIFY_ARGS_H

#include <stdlib.h>
#include <string.h>

/* The run's size: dflt, or the value of the environment variable env, or a
 * numeric argument (the last wins); *self_test is set by --self-test. */
static inline double verify_size_arg(int argc, char **argv, const char *env, double dflt, int *self_test)
{
    double size = dflt;
    const char *e = getenv(env);
    int a;
    if (e) size = atof(e);
    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--self-test") == 0)
            *self_test = 1;
        else
            size = atof(argv[a]);
    }
    return size;
}

#endif
