#ifndef PPROF_LIST_CZLIB_SHIM_H
#define PPROF_LIST_CZLIB_SHIM_H
#include <zlib.h>
#include "crc32_fold.h"

// inflateInit2 is a macro that passes ZLIB_VERSION and sizeof(z_stream); Swift cannot call macros.
static inline int czlib_inflate_init2(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

#endif
