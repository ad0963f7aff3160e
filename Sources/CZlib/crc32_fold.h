#ifndef PPROF_LIST_CZLIB_CRC32_FOLD_H
#define PPROF_LIST_CZLIB_CRC32_FOLD_H
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

// gzip's CRC-32 by carry-less multiplication (Intel's "Fast CRC Computation for Generic Polynomials Using
// PCLMULQDQ"): four 128-bit lanes folded 64 bytes at a time, then one lane, then a Barrett reduction. zlib's
// table-driven crc32 takes about 4 instructions a byte, a tenth of inflating a profile; this takes a fraction
// of one. The constants are powers of x modulo the bit-reflected polynomial 0x1DB710641.
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("pclmul,sse4.1")))
static inline uint32_t czlib_crc32_fold_blocks(uint32_t crc, const unsigned char *bytes, size_t length) {
    // length is a multiple of 16 and at least 64; crc is the register (not inverted).
    const __m128i by4 = _mm_set_epi64x(0x1c6e41596LL, 0x154442bd4LL);
    const __m128i by1 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);
    const __m128i to32 = _mm_set_epi64x(0, 0x163cd6124LL);
    const __m128i barrett = _mm_set_epi64x(0x1f7011641LL, 0x1db710641LL);
    const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
    __m128i x0 = _mm_loadu_si128((const __m128i *)bytes);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(bytes + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(bytes + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(bytes + 48));
    x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)crc));
    bytes += 64;
    length -= 64;
    while (length >= 64) {
        __m128i h0 = _mm_clmulepi64_si128(x0, by4, 0x11), h1 = _mm_clmulepi64_si128(x1, by4, 0x11);
        __m128i h2 = _mm_clmulepi64_si128(x2, by4, 0x11), h3 = _mm_clmulepi64_si128(x3, by4, 0x11);
        x0 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x0, by4, 0x00), h0), _mm_loadu_si128((const __m128i *)bytes));
        x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, by4, 0x00), h1), _mm_loadu_si128((const __m128i *)(bytes + 16)));
        x2 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x2, by4, 0x00), h2), _mm_loadu_si128((const __m128i *)(bytes + 32)));
        x3 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x3, by4, 0x00), h3), _mm_loadu_si128((const __m128i *)(bytes + 48)));
        bytes += 64;
        length -= 64;
    }
    // Four lanes into one.
    x0 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x0, by1, 0x00), _mm_clmulepi64_si128(x0, by1, 0x11)), x1);
    x0 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x0, by1, 0x00), _mm_clmulepi64_si128(x0, by1, 0x11)), x2);
    x0 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x0, by1, 0x00), _mm_clmulepi64_si128(x0, by1, 0x11)), x3);
    while (length >= 16) {
        x0 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x0, by1, 0x00), _mm_clmulepi64_si128(x0, by1, 0x11)),
                           _mm_loadu_si128((const __m128i *)bytes));
        bytes += 16;
        length -= 16;
    }
    // 128 bits to 64, 64 to 32, then the Barrett reduction.
    x0 = _mm_xor_si128(_mm_clmulepi64_si128(x0, by1, 0x10), _mm_srli_si128(x0, 8));
    x0 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x0, mask32), to32, 0x00), _mm_srli_si128(x0, 4));
    __m128i reduced = _mm_clmulepi64_si128(_mm_and_si128(x0, mask32), barrett, 0x10);
    reduced = _mm_clmulepi64_si128(_mm_and_si128(reduced, mask32), barrett, 0x00);
    return (uint32_t)_mm_extract_epi32(_mm_xor_si128(reduced, x0), 1);
}

static inline int czlib_crc32_fold_supported(void) {
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}
#else
static inline uint32_t czlib_crc32_fold_blocks(uint32_t crc, const unsigned char *bytes, size_t length) {
    (void)bytes; (void)length;
    return crc;
}

static inline int czlib_crc32_fold_supported(void) { return 0; }
#endif

// zlib's crc32(crc, bytes, length), by folding where the processor can and the length pays.
static inline uint32_t czlib_crc32(uint32_t crc, const unsigned char *bytes, size_t length, int fold) {
    if (fold && length >= 64) {
        size_t blocks = length & ~(size_t)15;
        crc = ~czlib_crc32_fold_blocks(~crc, bytes, blocks);
        bytes += blocks;
        length -= blocks;
    }
    return (uint32_t)crc32_z(crc, bytes, length);
}

#endif
