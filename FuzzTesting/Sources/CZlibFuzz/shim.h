#include <zlib.h>

/// deflateInit2 is a macro: wrapped for Swift. windowBits 15 + 16 writes a gzip member.
static inline int czlibfuzz_deflate_init2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
