/* source.h - loaded source files and the byte spans that point into them.
 * Every token and AST node carries a Span (file index + byte range); line and
 * column are computed only when a location is printed. */
#ifndef BDL_SOURCE_H
#define BDL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Span {
    uint32_t file, start, end; /* bytes [start, end) of sources->items[file] */
} Span;

typedef struct LineCol {
    uint32_t line, col; /* 1-based; col counts Unicode code points */
} LineCol;

/* Columns are counted in code points from the start of the line. Diagnostics are
 * printed in order, so counting on from the previous one on the same line keeps a
 * million diagnostics on one long line linear instead of quadratic. */
typedef struct LineColCache {
    uint32_t line, offset, col; /* line 0: empty */
} LineColCache;

/* What a regular file was when it was read, to tell whether it changed since. */
typedef struct SourceStamp {
    bool regular; /* false: a pipe, a device, a string; nothing to compare */
    uint64_t dev, ino;
    int64_t size, mtime_sec, mtime_nsec;
} SourceStamp;

/* A Source is the text of a file, or a stand-in for a place in a file that is not text (a
 * workbook's cell, for bdl import): then `place` says where in the file ("部门收支总表!C7";
 * "" for the whole file) and is shown after the name instead of a line and column, the
 * text is what stands there (the cell's), and its first line is taken to be line
 * origin.line, its first column origin.col (the cell's row and column number), which is
 * what the machine formats report. */
typedef struct Source {
    char *name;     /* as given on the command line ("-" for standard input) */
    char *text;     /* the bytes, followed by two NULs for the scanner */
    size_t len;
    char *place;    /* a stand-in's place; NULL for a text file */
    SourceStamp stamp;
    uint32_t *line_starts; /* where each line starts: made by the first lookup */
    size_t nlines, lines_cap;
    size_t line_hint; /* the line of the last lookup, where the next one starts */
    LineColCache last; /* the last column computed, to count on from */
    LineCol origin;    /* a stand-in's first line and column */
} Source;

typedef struct SourceSet {
    Source **items;
    size_t n, cap;
} SourceSet;

/* The largest file we accept: offsets must fit in 32 bits. */
enum { SOURCE_MAX_BYTES = 1u << 30 };

/* Reads a file ("-" = standard input). On failure returns NULL and sets *err to a message. */
Source *source_read(const char *path, const char **err);
/* The same, shown in diagnostics as `name` (an imported file, a library file). */
Source *source_read_named(const char *path, const char *name, const char **err);
Source *source_from_string(const char *name, const char *text, size_t len);
/* A stand-in for `place` in file `name` holding `text` (its line breaks shown as spaces),
 * which starts at line origin.line, column origin.col there. */
Source *source_stand_in(const char *name, const char *place, LineCol origin, const char *text, size_t len);
/* Whether the file at `path` is still what s was read from: the same file (device and
 * inode), size and modification time, and the same bytes. False, with *why set, when it
 * changed or cannot be read again. */
bool source_unchanged(const Source *s, const char *path, const char **why);
void source_free(Source *s);

uint32_t sources_add(SourceSet *set, Source *s);
void sources_free(SourceSet *set);

LineCol source_linecol(Source *s, uint32_t offset);
/* The 1-based line alone: cheaper than source_linecol, which also counts the column. */
uint32_t source_line_number(Source *s, uint32_t offset);
/* The text of 1-based line `line`, without its line ending. */
const char *source_line(Source *s, uint32_t line, size_t *len);

Span span_join(Span a, Span b);
/* The bytes of span s, safe to show (utf8_printable); the caller frees them. */
char *span_printable(const SourceSet *set, Span s);

#endif
