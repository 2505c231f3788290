/* fuzz.h - what the libFuzzer harnesses share. Each harness defines LLVMFuzzerTestOneInput;
 * it is linked either with libFuzzer (clang -fsanitize=fuzzer, `make fuzz`) or with
 * replay.c, a plain main() that runs saved inputs through it (`make test`, gcc or clang).
 * A broken property calls fuzz_fail, which aborts so both drivers report a crash. */
#ifndef BDL_FUZZ_H
#define BDL_FUZZ_H

#include "compile/compile.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* A stream that swallows everything: the renderers run in full, nothing is printed. */
static FILE *fuzz_null_stream;

static inline void fuzz_null_close(void)
{
    fclose(fuzz_null_stream);
}

static inline FILE *fuzz_null(void)
{
    if (!fuzz_null_stream) {
        if (!(fuzz_null_stream = fopen("/dev/null", "w")))
            abort();
        atexit(fuzz_null_close); /* nothing is left for valgrind to call reachable */
    }
    return fuzz_null_stream;
}

static inline void fuzz_fail(const char *what, const char *text, size_t len)
{
    fprintf(stderr, "property broken: %s\n", what);
    if (text)
        fprintf(stderr, "--- text (%zu bytes)\n%.*s\n---\n", len, (int)(len > 4000 ? 4000 : len), text);
    abort();
}

static inline int fuzz_is_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Runs the whole pipeline over the input, as `bdl` does over a file. */
static inline void fuzz_compile(Compilation *c, const unsigned char *data, size_t size,
                                size_t max_errors)
{
    compilation_init(c, max_errors, false);
    compile_string(c, "fuzz.bdl", (const char *)data, size);
}

#endif
