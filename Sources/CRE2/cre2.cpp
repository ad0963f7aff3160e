// The C face of RE2 declared in include/cre2.h. No C++ exception may cross into Swift: each entry point
// catches (std::bad_alloc from a huge pattern) and reports through its return value.
#include "cre2.h"

#include <re2/re2.h>

#include <new>
#include <string>

struct cre2_regex {
    RE2 compiled;
    cre2_regex(const re2::StringPiece &pattern, const RE2::Options &options) : compiled(pattern, options) {}
};

extern "C" cre2_regex *cre2_compile(const char *pattern, size_t length, int64_t max_memory) {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    // Perl syntax, as Go's regexp.Compile: \d \s \w, \b \B, (?i) flags, non-greedy operators, \Q…\E.
    options.set_posix_syntax(false);
    // Implied by Perl syntax, and said outright: Go's \d \s \w classes and \b \B boundaries (ASCII).
    options.set_perl_classes(true);
    options.set_word_boundary(true);
    options.set_longest_match(false);
    // pprof only asks whether a name matches; without groups RE2 runs its DFA alone.
    options.set_never_capture(true);
    options.set_case_sensitive(true);
    options.set_dot_nl(false);
    options.set_never_nl(false);
    options.set_literal(false);
    options.set_max_mem(max_memory);
    // RE2 would print each error to stderr; the caller words it as Go does.
    options.set_log_errors(false);
    try {
        return new cre2_regex(re2::StringPiece(pattern, length), options);
    } catch (...) {
        return nullptr;
    }
}

extern "C" int cre2_error_code(const cre2_regex *regex) {
    return static_cast<int>(regex->compiled.error_code());
}

extern "C" const char *cre2_error_argument(const cre2_regex *regex, size_t *length) {
    const std::string &argument = regex->compiled.error_arg();
    *length = argument.size();
    return argument.data();
}

extern "C" int cre2_partial_match(const cre2_regex *regex, const char *text, size_t length) {
    try {
        return RE2::PartialMatch(re2::StringPiece(text, length), regex->compiled) ? 1 : 0;
    } catch (...) {
        // RE2 falls back from its DFA to the NFA when the cache is full; an allocation failure on the way
        // is the only throw, and no match is the safe answer there is.
        return 0;
    }
}

extern "C" void cre2_free(cre2_regex *regex) {
    delete regex;
}
