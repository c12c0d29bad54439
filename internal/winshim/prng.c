/*
 * bcryptprimitives.dll for Wine 8.0: just enough for Go programs to start.
 *
 * Since Go 1.22, the Windows runtime takes its random bytes from
 * ProcessPrng in bcryptprimitives.dll, which Wine 8.0 lacks. This
 * ProcessPrng hands the work to RtlGenRandom (exported by advapi32 as
 * SystemFunction036), which Wine has. RtlGenRandom takes a ULONG length,
 * so large requests are served in chunks of at most 2^28 bytes.
 *
 * Build (see .ci/wine.sh):
 *   x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll prng.c -ladvapi32
 */
#include <windows.h>
#include <ntsecapi.h>

#define CHUNK ((SIZE_T)1 << 28)

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = (ULONG)(len < CHUNK ? len : CHUNK);
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
