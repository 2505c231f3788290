/* buf.h - a growable byte buffer for building messages and output text. */
#ifndef BDL_BUF_H
#define BDL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

/* buf_put when the buffer must grow first. */
void buf_put_grow(Buf *b, const char *s, size_t n);

/* Appends n bytes and keeps a NUL after them. Inline, as output is built from many short
 * pieces: the copy of a literal then needs no call, and only growing is out of line. */
static inline void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->cap - b->len > n) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    buf_put_grow(b, s, n);
}

static inline void buf_puts(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

static inline void buf_putc(Buf *b, char c)
{
    buf_put(b, &c, 1);
}

/* The decimal digits of v (what printf's %llu would write, without its cost). */
void buf_putu(Buf *b, unsigned long long v);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
/* Returns the NUL-terminated contents and leaves the buffer empty; the caller frees. */
char *buf_take(Buf *b);
void buf_free(Buf *b);

/* printf into a fresh heap string. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vprintf(const char *fmt, va_list ap);

#endif
