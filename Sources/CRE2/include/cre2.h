#ifndef PPROF_LIST_CRE2_H
#define PPROF_LIST_CRE2_H
// A C face for the few calls of RE2 (a C++ library) that pprof-list needs: Swift imports C, not RE2's
// C++ classes. RE2 matches in time linear in the text, whatever the pattern, and reads Go's regexp syntax.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cre2_regex cre2_regex;

/// Compiles `length` bytes of UTF-8 `pattern` with the options that give Go's regexp meanings (Perl syntax
/// with classes and word boundaries, leftmost-first, no capture groups) and at most `max_memory` bytes for
/// the program and its DFA caches. Returns NULL only when memory ran out; a pattern RE2 rejects still
/// gives a handle, whose `cre2_error_code` is not 0. Free every handle with `cre2_free`.
cre2_regex *cre2_compile(const char *pattern, size_t length, int64_t max_memory);

/// 0 when the pattern compiled, else RE2's `RE2::ErrorCode`.
int cre2_error_code(const cre2_regex *regex);

/// The part of the pattern the error is about (RE2's `error_arg`); valid until `cre2_free`.
const char *cre2_error_argument(const cre2_regex *regex, size_t *length);

/// 1 when the pattern matches somewhere in `length` bytes of `text` (Go's `MatchString`), else 0.
int cre2_partial_match(const cre2_regex *regex, const char *text, size_t length);

void cre2_free(cre2_regex *regex);

#ifdef __cplusplus
}
#endif

#endif
