/* readahead.c - the reader thread and the ring of token chunks it fills (readahead.h).
 *
 * The reader fills chunk `filled % CHUNKS` while the parser reads chunk `done % CHUNKS`;
 * a chunk changes hands under the lock, a few thousand times for a million line items. The
 * reader writes into the source only where flex parks a NUL after the token it is matching,
 * ahead of every token handed over, so the parser may read the text of its tokens (and give
 * back the bytes before them) while the reader runs. The reader has an arena of its own
 * (strings, large numbers), given to the parser's when it is done. */
#include "readahead.h"

#include "parser.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_TOKENS = 4096, CHUNKS = 16 };

/* A token as the scanner's actions leave it, in 24 bytes (a YYSTYPE and a Span take 44):
 * every token crosses from one core's cache to the other's. Its value is the one member of
 * YYSTYPE the scanner sets for its kind: a string or a number (whose span is the token's).
 * An identifier comes as its span: the parser interns it (the set of names is the parser's
 * alone, so no lock guards it). */
typedef struct Token {
    uint64_t value;
    uint32_t start, end;
    int16_t kind, decimals; /* a literal has at most 38 digits (num.c) */
} Token;

typedef struct Chunk {
    Token tokens[CHUNK_TOKENS];
    uint32_t n;
    bool last;          /* the reader's run ends with this chunk */
    bool stopped;       /* ... before a diagnostic: the parser's scanner reads on from resume_at */
    uint32_t resume_at;
} Chunk;

struct ReadAhead {
    pthread_t thread;
    bool running;        /* started and not yet joined */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t filled, done; /* chunks handed to the parser, chunks it gave back; under lock */
    bool quit;           /* the parser wants no more tokens; under lock */
    Chunk *chunks;
    /* The parser's side and the reader's on cache lines of their own: each writes its
     * side per token, and a line both write would move between the cores as often. */
    _Alignas(64) Chunk *current; /* the parser's side: the chunk being read, and where */
    uint32_t next;
    uint32_t file;
    const char *text;  /* the source, where the parser interns the identifiers */
    Interns *interns;
    _Alignas(64) LexState lex; /* the reader's side */
    yyscan_t scanner;
    Diags diags;         /* its own, only to notice that there is one */
    Arena arena;         /* the tokens' strings and numbers */
};

/* The reader's next chunk to fill, once the parser gave it back; NULL when told to quit. */
static Chunk *free_chunk(ReadAhead *r)
{
    pthread_mutex_lock(&r->lock);
    while (!r->quit && r->filled - r->done == CHUNKS)
        pthread_cond_wait(&r->changed, &r->lock);
    Chunk *c = r->quit ? NULL : &r->chunks[r->filled % CHUNKS];
    pthread_mutex_unlock(&r->lock);
    return c;
}

static void hand_over(ReadAhead *r)
{
    pthread_mutex_lock(&r->lock);
    r->filled++;
    pthread_cond_signal(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

static Token packed(int kind, const YYSTYPE *v, Span at)
{
    Token t = {0, at.start, at.end, (int16_t)kind, 0};
    if (kind == STRING)
        t.value = (uintptr_t)v->text;
    else if (kind == NUMBER || kind == PERCENT) {
        t.value = v->num.value.bits;
        t.decimals = (int16_t)v->num.decimals;
    }
    return t;
}

static void unpacked(ReadAhead *r, const Token *t, YYSTYPE *v, Span *at)
{
    *at = (Span){r->file, t->start, t->end};
    if (t->kind == IDENT)
        v->name = intern(r->interns, r->text + t->start, t->end - t->start);
    else if (t->kind == STRING)
        v->text = (char *)(uintptr_t)t->value;
    else if (t->kind == NUMBER || t->kind == PERCENT)
        v->num = (NumLit){{t->value}, *at, t->decimals};
}

/* Scans tokens into c until it is full (true) or the run ends (false): at the end of the
 * file, or before a token whose scan reported anything, which the parser's scanner then
 * reads again and reports itself. */
static bool fill(ReadAhead *r, Chunk *c)
{
    c->n = 0;
    c->last = c->stopped = false;
    YYSTYPE value;
    Span at;
    while (c->n < CHUNK_TOKENS) {
        uint32_t before = r->lex.pos;
        int kind = lexer_next_raw(r->scanner, &value, &at);
        if (r->diags.errors + r->diags.warnings > 0) {
            c->last = c->stopped = true;
            c->resume_at = before;
            return false;
        }
        if (kind == 0) { /* flex sets no span at the end: the parser's wrapper wants one */
            c->tokens[c->n++] = (Token){0, r->lex.pos, r->lex.pos, 0, 0};
            c->last = true;
            return false;
        }
        c->tokens[c->n++] = packed(kind, &value, at);
    }
    return true;
}

static void *read_ahead(void *arg)
{
    ReadAhead *r = arg;
    Chunk *c;
    while ((c = free_chunk(r)) && fill(r, c))
        hand_over(r);
    if (c)
        hand_over(r);
    lexer_close(&r->lex, r->scanner); /* puts back the byte flex parked a NUL in */
    return NULL;
}

/* Tells the reader to stop after the chunk it is filling and waits for it. */
static void stop(ReadAhead *r)
{
    if (!r->running)
        return;
    pthread_mutex_lock(&r->lock);
    r->quit = true;
    pthread_cond_signal(&r->changed);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    r->running = false;
}

ReadAhead *readahead_start(const LexState *st)
{
    ReadAhead *r = aligned_alloc(64, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->chunks = xmalloc(CHUNKS * sizeof *r->chunks);
    arena_init(&r->arena);
    diags_init(&r->diags, st->diags->sources);
    r->interns = st->interns;
    r->text = st->src->text;
    r->lex = (LexState){.src = st->src, .file = st->file, .arena = &r->arena, .diags = &r->diags};
    r->scanner = lexer_open(&r->lex);
    r->file = st->file;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->changed, NULL);
    r->running = r->scanner && pthread_create(&r->thread, NULL, read_ahead, r) == 0;
    if (r->running)
        return r;
    if (r->scanner)
        lexer_close(&r->lex, r->scanner);
    readahead_finish(r, st->arena);
    return NULL;
}

/* The parser's next chunk, once the reader handed it over. */
static Chunk *filled_chunk(ReadAhead *r)
{
    pthread_mutex_lock(&r->lock);
    if (r->current) { /* done with it: the reader may fill it again */
        r->done++;
        pthread_cond_signal(&r->changed);
    }
    while (r->filled == r->done)
        pthread_cond_wait(&r->changed, &r->lock);
    Chunk *c = &r->chunks[r->done % CHUNKS];
    pthread_mutex_unlock(&r->lock);
    return c;
}

int readahead_next(ReadAhead *r, void *lval, Span *lloc, uint32_t *resume_at)
{
    while (!r->current || r->next == r->current->n) {
        if (r->current && r->current->stopped) {
            stop(r); /* the reader has ended: this joins it */
            *resume_at = r->current->resume_at;
            return READAHEAD_STOPPED;
        }
        if (r->current && r->current->last)
            return 0; /* asked again after the end */
        r->current = filled_chunk(r);
        r->next = 0;
    }
    const Token *t = &r->current->tokens[r->next++];
    unpacked(r, t, lval, lloc);
    return t->kind;
}

void readahead_finish(ReadAhead *r, Arena *arena)
{
    stop(r);
    arena_adopt(arena, &r->arena);
    diags_free(&r->diags);
    pthread_cond_destroy(&r->changed);
    pthread_mutex_destroy(&r->lock);
    free(r->chunks);
    free(r);
}
