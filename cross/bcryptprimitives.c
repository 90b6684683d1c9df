/*
 * bcryptprimitives.c - a TEST-ONLY stand-in for Windows' bcryptprimitives.dll.
 *
 * Windows 10 and later ship bcryptprimitives.dll, whose ProcessPrng() is the
 * system CSPRNG that Rust's standard library and the getrandom crate use.
 * Wine 8 (Debian 12) has no such DLL, so secrets.dll would not load there.
 * cross/run-windows.sh builds this file into a bcryptprimitives.dll and puts
 * it beside the test programs only when wine lacks the DLL; it forwards to
 * BCryptGenRandom with the system-preferred RNG, which wine implements over
 * the host's CSPRNG.  It is never installed or shipped: on Windows the real
 * DLL is used, and the secrets.dll under test is the one Windows users get.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE; /* the real one never fails; this one says so if wine does */
        data += n;
        len -= n;
    }
    return TRUE;
}
