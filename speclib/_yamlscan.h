/*
 * The YAML loader's first reader (for _yamlbuild.c): the block-style YAML that API
 * descriptions are written in, read into the events and marks libyaml gives for it.
 *
 * Why by hand: libyaml spends about 140 instructions a byte (it decodes every character into a
 * buffer of its own, makes a token of every indicator and a copy of every scalar), which was a
 * sixth of the lint of a 1.5 MB YAML description and most of why such a document took half as
 * long again as the same description in JSON. No library reads YAML with libyaml's marks
 * faster. This reader covers a subset: block mappings and sequences (indentless ones too),
 * plain scalars over one or more lines, quoted scalars, literal and folded block scalars, the
 * empty flow collections [] and {}, comments, and one leading "---". Everything else (anchors,
 * aliases, tags, non-empty flow collections, explicit keys, directives, a second document,
 * tabs, carriage returns, a byte order mark, anything libyaml would refuse or that this reader
 * is not sure of) makes it decline, before any value is handed on, and libyaml reads the
 * document from the start. Where it reads, it follows libyaml's scanner and parser
 * (scanner.c, parser.c) step for step: the same scalar texts (folding, chomping, escapes),
 * the same events, and marks at the same character offsets. The tests compare the two on
 * every YAML document of the corpus and on thousands of mutated ones.
 *
 * scan(data, size, emit, sink) -> SCAN_OK, SCAN_DECLINE, or SCAN_ERROR (emit failed).
 */
#ifndef SPECLIB_YAMLSCAN_H
#define SPECLIB_YAMLSCAN_H

#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "_bytes.h"

/* One parser event, from libyaml or from this reader. */
typedef struct {
    yaml_event_type_t type;
    size_t start, end;      /* character offsets: libyaml's marks */
    const char *value;      /* a scalar's UTF-8 text (not NUL-terminated) */
    size_t length;
    yaml_scalar_style_t style;
    const char *tag, *anchor; /* NUL-terminated, or NULL (always NULL from this reader) */
} Event;

typedef int (*EmitEvent)(void *sink, const Event *event); /* 0, or -1 with an exception set */

enum { SCAN_ERROR = -1, SCAN_OK = 0, SCAN_DECLINE = 1 };
enum { OWN_LINE, AFTER_KEY, AFTER_DASH }; /* where a node starts */
enum { STOP_BREAK, STOP_COLON, STOP_COMMENT }; /* what ends a plain scalar's line */

#define SCAN_MAX_DEPTH 1000 /* libyaml's nesting limit */
#define SCAN_MAX_KEY 1000   /* libyaml forgets a simple key 1,024 characters on */
#define TRY(call)                                                                          \
    do {                                                                                   \
        int status_ = (call);                                                              \
        if (status_ != SCAN_OK)                                                            \
            return status_;                                                                \
    } while (0)

typedef struct {
    const unsigned char *s;
    size_t n;
    size_t p, col; /* the next content: its byte offset (n at the end) and its column */
    int depth;
    /* character offsets: where each multi-byte character starts, and how many bytes beyond
       one the characters up to it take in all (ASCII documents have none) */
    uint32_t *wide, *extra;
    size_t wides, wide_capacity, cursor;
    char *text; /* a scalar's text when it is not a slice of the document */
    size_t length, capacity;
    EmitEvent emit;
    void *sink;
} Scan;

/* The character offset of a byte offset (libyaml counts characters). Marks come in
   document order, so a cursor moves over the multi-byte characters instead of a search. */
static size_t
char_offset(Scan *sc, size_t byte)
{
    while (sc->cursor < sc->wides && sc->wide[sc->cursor] < byte)
        sc->cursor++;
    while (sc->cursor > 0 && sc->wide[sc->cursor - 1] >= byte)
        sc->cursor--;
    return byte - (sc->cursor ? sc->extra[sc->cursor - 1] : 0);
}

static int
add_wide(Scan *sc, size_t at, size_t width, size_t *extra)
{
    if (sc->wides == sc->wide_capacity) {
        size_t capacity = sc->wide_capacity ? sc->wide_capacity * 2 : 1024;
        uint32_t *wide = PyMem_Realloc(sc->wide, capacity * sizeof *wide);
        if (wide == NULL)
            return SCAN_DECLINE;
        sc->wide = wide;
        uint32_t *extras = PyMem_Realloc(sc->extra, capacity * sizeof *extras);
        if (extras == NULL)
            return SCAN_DECLINE;
        sc->extra = extras;
        sc->wide_capacity = capacity;
    }
    *extra += width - 1;
    sc->wide[sc->wides] = (uint32_t)at;
    sc->extra[sc->wides++] = (uint32_t)*extra;
    return SCAN_OK;
}

/* The characters libyaml's reader accepts, less those this reader leaves to it: only line
   feeds break lines (no CR, NEL, LS, PS), no tabs, no byte order mark, valid UTF-8 only. */
static int
check_text(Scan *sc)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, i = 0, extra = 0;
    if (n >= 0xFFFFFFFFu)
        return SCAN_DECLINE;
    while (i < n) {
        if (i + 8 <= n) { /* eight printable ASCII bytes (or line feeds) at a time */
            uint64_t word = eight_bytes(s + i);
            uint64_t low = ~((word & 0x7F7F7F7F7F7F7F7FULL) + 0x6060606060606060ULL);
            uint64_t feeds = word ^ (EIGHT_LOWS * '\n');
            feeds = ~(((feeds & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | feeds);
            if (!(word & EIGHT_HIGHS) && !(low & ~feeds & EIGHT_HIGHS) && !holds_byte(word, 0x7F)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n') || c == 0x7F)
                return SCAN_DECLINE;
            i++;
            continue;
        }
        uint32_t code;
        size_t width;
        if (c >= 0xC2 && c <= 0xDF) {
            code = c & 0x1F;
            width = 2;
        }
        else if (c >= 0xE0 && c <= 0xEF) {
            code = c & 0x0F;
            width = 3;
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            code = c & 0x07;
            width = 4;
        }
        else {
            return SCAN_DECLINE;
        }
        if (i + width > n)
            return SCAN_DECLINE;
        for (size_t k = 1; k < width; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return SCAN_DECLINE;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        if ((width == 3 && code < 0x800) || (width == 4 && (code < 0x10000 || code > 0x10FFFF)))
            return SCAN_DECLINE; /* overlong */
        if (code < 0xA0 || (code >= 0xD800 && code <= 0xDFFF) || code == 0x2028
            || code == 0x2029 || code == 0xFEFF || code == 0xFFFE || code == 0xFFFF)
            return SCAN_DECLINE; /* NEL, C1 controls, surrogates, LS, PS, BOM, non-characters */
        TRY(add_wide(sc, i, width, &extra));
        i += width;
    }
    return SCAN_OK;
}

static int
text_room(Scan *sc, size_t more)
{
    if (sc->length + more <= sc->capacity)
        return SCAN_OK;
    size_t capacity = sc->capacity ? sc->capacity : 256;
    while (capacity < sc->length + more)
        capacity *= 2;
    char *text = PyMem_Realloc(sc->text, capacity);
    if (text == NULL)
        return SCAN_DECLINE; /* libyaml then reads it (and words a memory error) */
    sc->text = text;
    sc->capacity = capacity;
    return SCAN_OK;
}

static int
text_add(Scan *sc, const void *bytes, size_t count)
{
    TRY(text_room(sc, count));
    memcpy(sc->text + sc->length, bytes, count);
    sc->length += count;
    return SCAN_OK;
}

static int
text_repeat(Scan *sc, char byte, size_t count)
{
    TRY(text_room(sc, count));
    memset(sc->text + sc->length, byte, count);
    sc->length += count;
    return SCAN_OK;
}

static inline int
at(const Scan *sc, size_t i)
{
    return i < sc->n ? sc->s[i] : -1;
}

/* A space, a line break or the end (libyaml's IS_BLANKZ, without tabs and other breaks). */
static inline int
blankz(const Scan *sc, size_t i)
{
    int c = at(sc, i);
    return c == ' ' || c == '\n' || c == -1;
}

static inline int
line_start(const Scan *sc, size_t i)
{
    return i == 0 || sc->s[i - 1] == '\n';
}

/* "---" or "..." at the start of a line, followed by a blank. */
static int
document_marker(const Scan *sc, size_t i)
{
    if (!line_start(sc, i) || i + 3 > sc->n)
        return 0;
    const unsigned char *s = sc->s + i;
    int dashes = s[0] == '-' && s[1] == '-' && s[2] == '-';
    int dots = s[0] == '.' && s[1] == '.' && s[2] == '.';
    return (dashes || dots) && blankz(sc, i + 3);
}

static inline int
dash_at(const Scan *sc, size_t i)
{
    return at(sc, i) == '-' && blankz(sc, i + 1);
}

static int
emit_event(Scan *sc, yaml_event_type_t type, size_t start, size_t end)
{
    Event event = {type, char_offset(sc, start), 0, NULL, 0, YAML_ANY_SCALAR_STYLE, NULL, NULL};
    event.end = char_offset(sc, end);
    return sc->emit(sc->sink, &event) < 0 ? SCAN_ERROR : SCAN_OK;
}

static int
emit_scalar(Scan *sc, size_t start, size_t end, const char *value, size_t length,
            yaml_scalar_style_t style)
{
    Event event = {YAML_SCALAR_EVENT, char_offset(sc, start), 0, value, length, style, NULL, NULL};
    event.end = char_offset(sc, end);
    return sc->emit(sc->sink, &event) < 0 ? SCAN_ERROR : SCAN_OK;
}

/* From the start of a line, past blank lines and comment lines, to the next content. */
static int
content_from(Scan *sc, size_t line)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n;
    for (;;) {
        size_t q = line;
        while (q < n && s[q] == ' ')
            q++;
        if (q >= n) {
            sc->p = n;
            sc->col = 0;
            return SCAN_OK;
        }
        if (s[q] == '#' || s[q] == '\n') {
            const unsigned char *feed = memchr(s + q, '\n', n - q);
            if (feed == NULL) {
                sc->p = n;
                sc->col = 0;
                return SCAN_OK;
            }
            line = (size_t)(feed - s) + 1;
            continue;
        }
        sc->p = q;
        sc->col = q - line;
        return document_marker(sc, q) ? SCAN_DECLINE : SCAN_OK;
    }
}

/* After a token that ends at p: blanks, maybe a comment (after a blank), then the line's end;
   then on to the next content. */
static int
rest_of_line(Scan *sc, size_t p)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, q = p;
    while (q < n && s[q] == ' ')
        q++;
    if (q < n && s[q] == '#' && q > p) {
        const unsigned char *feed = memchr(s + q, '\n', n - q);
        q = feed ? (size_t)(feed - s) : n;
    }
    if (q >= n) {
        sc->p = n;
        sc->col = 0;
        return SCAN_OK;
    }
    return s[q] == '\n' ? content_from(sc, q + 1) : SCAN_DECLINE;
}

/* Whether a plain scalar may start at p in the block context (libyaml's fetch_next_token). */
static int
plain_start(const Scan *sc, size_t p)
{
    switch (sc->s[p]) {
    case '-':
    case '?':
    case ':':
        return !blankz(sc, p + 1);
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
    case '|': case '>': case '\'': case '"': case '%': case '@': case '`': case ' ': case '\n':
        return 0;
    default:
        return 1;
    }
}

/* One line of a plain scalar from p: *end after its last non-blank byte, *stop where it
   stopped (the colon, the '#', or the line feed or the end). */
static int
plain_line(const Scan *sc, size_t p, size_t *end, size_t *stop)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, last = p, q = p;
    for (;; q++) {
        if (q >= n || s[q] == '\n') {
            *end = last;
            *stop = q;
            return STOP_BREAK;
        }
        if (s[q] == ':' && blankz(sc, q + 1)) {
            *end = last;
            *stop = q;
            return STOP_COLON;
        }
        if (s[q] == ' ') {
            if (q + 1 < n && s[q + 1] == '#') {
                *end = last;
                *stop = q + 1;
                return STOP_COMMENT;
            }
            continue;
        }
        last = q + 1;
    }
}

static int
hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A double-quoted scalar's escape at q (the backslash): its text added, *next after it. */
static int
escape(Scan *sc, size_t q, size_t *next)
{
    static const char simple_from[] = "0abtnvfre \"/\\";
    static const char simple_to[] = "\0\a\b\t\n\v\f\r\x1b \"/\\";
    int c = at(sc, q + 1);
    const char *found = c > 0 ? strchr(simple_from, c) : NULL;
    if (found != NULL) {
        *next = q + 2;
        return text_add(sc, &simple_to[found - simple_from], 1);
    }
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0)
        return SCAN_DECLINE; /* \N, \_, \L, \P, an escaped line break, or an error */
    uint32_t code = 0;
    for (int k = 0; k < digits; k++) {
        int digit = hex_value(at(sc, q + 2 + k));
        if (digit < 0)
            return SCAN_DECLINE;
        code = (code << 4) | (uint32_t)digit;
    }
    if ((code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
        return SCAN_DECLINE;
    unsigned char bytes[4];
    size_t width;
    if (code < 0x80) {
        bytes[0] = (unsigned char)code;
        width = 1;
    }
    else if (code < 0x800) {
        bytes[0] = (unsigned char)(0xC0 | (code >> 6));
        bytes[1] = (unsigned char)(0x80 | (code & 0x3F));
        width = 2;
    }
    else if (code < 0x10000) {
        bytes[0] = (unsigned char)(0xE0 | (code >> 12));
        bytes[1] = (unsigned char)(0x80 | ((code >> 6) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | (code & 0x3F));
        width = 3;
    }
    else {
        bytes[0] = (unsigned char)(0xF0 | (code >> 18));
        bytes[1] = (unsigned char)(0x80 | ((code >> 12) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | ((code >> 6) & 0x3F));
        bytes[3] = (unsigned char)(0x80 | (code & 0x3F));
        width = 4;
    }
    *next = q + 2 + (size_t)digits;
    return text_add(sc, bytes, width);
}

/* A quoted scalar from its quote at p (libyaml's scan_flow_scalar): its text in *value and
   *length, *after past the closing quote. */
static int
quoted(Scan *sc, size_t p, const char **value, size_t *length, size_t *after)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, q = p + 1;
    unsigned char quote = s[p];
    int single = quote == '\'';
    /* the usual case: one line, nothing to unescape */
    while (q < n && s[q] != quote && s[q] != '\n' && s[q] != '\\')
        q++;
    if (q < n && s[q] == quote && !(single && at(sc, q + 1) == '\'')) {
        *value = (const char *)s + p + 1;
        *length = q - p - 1;
        *after = q + 1;
        return SCAN_OK;
    }
    sc->length = 0;
    q = p + 1;
    for (;;) {
        if (document_marker(sc, q) || q >= n)
            return SCAN_DECLINE;
        int leading_blanks = 0; /* 1: after a line break, 2: after an escaped one */
        while (q < n && s[q] != ' ' && s[q] != '\n') {
            if (single && s[q] == '\'' && at(sc, q + 1) == '\'') {
                TRY(text_add(sc, "'", 1));
                q += 2;
            }
            else if (s[q] == quote) {
                break;
            }
            else if (!single && s[q] == '\\' && at(sc, q + 1) == '\n') {
                q += 2;
                leading_blanks = 2;
                break;
            }
            else if (!single && s[q] == '\\') {
                TRY(escape(sc, q, &q));
            }
            else {
                size_t from = q++;
                while (q < n && s[q] != ' ' && s[q] != '\n' && s[q] != quote && s[q] != '\\')
                    q++;
                TRY(text_add(sc, s + from, q - from));
            }
        }
        if (q < n && s[q] == quote)
            break;
        size_t spaces = 0, breaks = 0;
        while (q < n && (s[q] == ' ' || s[q] == '\n')) {
            if (s[q] == ' ')
                spaces += !leading_blanks;
            else if (!leading_blanks)
                leading_blanks = 1;
            else
                breaks++;
            q++;
        }
        if (leading_blanks == 2)
            TRY(text_repeat(sc, '\n', breaks));
        else if (leading_blanks)
            TRY(breaks ? text_repeat(sc, '\n', breaks) : text_add(sc, " ", 1));
        else
            TRY(text_repeat(sc, ' ', spaces));
    }
    *value = sc->text;
    *length = sc->length;
    *after = q + 1;
    return SCAN_OK;
}

/* A key's text and where it ends, if a key starts at p: a plain or quoted scalar on one line
   followed by ':' and a blank. */
static int
key_at(Scan *sc, size_t p, const char **value, size_t *length, size_t *end, size_t *colon,
       yaml_scalar_style_t *style)
{
    const unsigned char *s = sc->s;
    if (s[p] == '\'' || s[p] == '"') {
        TRY(quoted(sc, p, value, length, end));
        if (memchr(s + p, '\n', *end - p) != NULL)
            return SCAN_DECLINE;
        size_t q = *end;
        while (q < sc->n && s[q] == ' ')
            q++;
        if (at(sc, q) != ':' || !blankz(sc, q + 1))
            return SCAN_DECLINE;
        *colon = q;
        *style = s[p] == '\'' ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }
    else {
        size_t stop;
        if (!plain_start(sc, p) || plain_line(sc, p, end, &stop) != STOP_COLON)
            return SCAN_DECLINE;
        *value = (const char *)s + p;
        *length = *end - p;
        *colon = stop;
        *style = YAML_PLAIN_SCALAR_STYLE;
    }
    return *colon - p > SCAN_MAX_KEY ? SCAN_DECLINE : SCAN_OK;
}

/* A plain scalar from p whose first line ended (at a line feed or the end) at `stop`, with
   lines that go on at columns of at least `indent` (libyaml's scan_plain_scalar). */
static int
plain(Scan *sc, size_t p, size_t end, size_t stop, size_t indent)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n;
    int copied = 0;
    for (;;) {
        if (stop >= n) {
            sc->p = n;
            sc->col = 0;
            break;
        }
        size_t line = stop + 1, breaks = 0, r;
        for (;;) {
            r = line;
            while (r < n && s[r] == ' ')
                r++;
            if (r < n && s[r] == '\n') {
                breaks++;
                line = r + 1;
                continue;
            }
            break;
        }
        if (r >= n) {
            sc->p = n;
            sc->col = 0;
            break;
        }
        if (document_marker(sc, r))
            return SCAN_DECLINE;
        if (s[r] == '#') { /* a comment ends the scalar */
            TRY(content_from(sc, line));
            break;
        }
        if (r - line < indent) {
            sc->p = r;
            sc->col = r - line;
            break;
        }
        if (!copied) {
            sc->length = 0;
            TRY(text_add(sc, s + p, end - p));
            copied = 1;
        }
        TRY(breaks ? text_repeat(sc, '\n', breaks) : text_add(sc, " ", 1));
        size_t line_end;
        int stopped = plain_line(sc, r, &line_end, &stop);
        if (stopped == STOP_COLON)
            return SCAN_DECLINE; /* "mapping values are not allowed", or worse */
        TRY(text_add(sc, s + r, line_end - r));
        end = line_end;
        if (stopped == STOP_COMMENT) {
            TRY(rest_of_line(sc, end));
            break;
        }
    }
    if (copied)
        return emit_scalar(sc, p, end, sc->text, sc->length, YAML_PLAIN_SCALAR_STYLE);
    return emit_scalar(sc, p, end, (const char *)s + p, end - p, YAML_PLAIN_SCALAR_STYLE);
}

/* Indentation spaces and empty lines of a block scalar (libyaml's
   scan_block_scalar_breaks), from the start of a line at *q. */
static void
block_breaks(Scan *sc, size_t *q, size_t *col, size_t *indent, size_t *breaks, size_t *end,
             size_t parent_indent)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, max_indent = 0;
    *end = *q;
    for (;;) {
        *col = 0;
        while ((!*indent || *col < *indent) && *q < n && s[*q] == ' ') {
            (*q)++;
            (*col)++;
        }
        if (*col > max_indent)
            max_indent = *col;
        if (*q >= n || s[*q] != '\n')
            break;
        (*q)++;
        (*breaks)++;
        *end = *q;
    }
    if (!*indent) {
        *indent = max_indent;
        if (*indent < parent_indent)
            *indent = parent_indent;
        if (*indent < 1)
            *indent = 1;
    }
}

/* A literal or folded block scalar from its indicator at p, in a collection at column
   `parent` (libyaml's scan_block_scalar). */
static int
block_scalar(Scan *sc, size_t p, long parent)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, q = p + 1;
    int literal = s[p] == '|', chomping = 0, increment = 0;
    for (int indicators = 0; indicators < 2; indicators++) { /* either order */
        int next = at(sc, q);
        if ((next == '+' || next == '-') && !chomping) {
            chomping = next == '+' ? 1 : -1;
            q++;
        }
        else if (next >= '1' && next <= '9' && !increment) {
            increment = next - '0';
            q++;
        }
        else if (next == '0' && !increment) {
            return SCAN_DECLINE; /* libyaml refuses an indentation indicator of 0 */
        }
    }
    while (q < n && s[q] == ' ')
        q++;
    if (q < n && s[q] == '#') {
        const unsigned char *feed = memchr(s + q, '\n', n - q);
        q = feed ? (size_t)(feed - s) : n;
    }
    if (q < n && s[q] != '\n')
        return SCAN_DECLINE;
    if (q < n)
        q++;
    size_t end = q, breaks = 0, col = 0, leading_break = 0;
    size_t indent = increment ? (size_t)(parent >= 0 ? parent + increment : increment) : 0;
    int leading_blank = 0;
    size_t parent_indent = (size_t)(parent + 1);
    sc->length = 0;
    block_breaks(sc, &q, &col, &indent, &breaks, &end, parent_indent);
    while (col == indent && q < n) {
        int trailing_blank = s[q] == ' ';
        if (!literal && leading_break && !leading_blank && !trailing_blank) {
            if (!breaks)
                TRY(text_add(sc, " ", 1));
        }
        else if (leading_break) {
            TRY(text_add(sc, "\n", 1));
        }
        leading_break = 0;
        TRY(text_repeat(sc, '\n', breaks));
        breaks = 0;
        leading_blank = s[q] == ' ';
        const unsigned char *feed = memchr(s + q, '\n', n - q);
        size_t line_end = feed ? (size_t)(feed - s) : n;
        TRY(text_add(sc, s + q, line_end - q));
        q = line_end;
        if (q < n) {
            leading_break = 1;
            q++;
        }
        block_breaks(sc, &q, &col, &indent, &breaks, &end, parent_indent);
    }
    if (chomping != -1 && leading_break)
        TRY(text_add(sc, "\n", 1));
    if (chomping == 1)
        TRY(text_repeat(sc, '\n', breaks));
    TRY(emit_scalar(sc, p, end, sc->text ? sc->text : "", sc->length,
                    literal ? YAML_LITERAL_SCALAR_STYLE : YAML_FOLDED_SCALAR_STYLE));
    if (q >= n) {
        sc->p = n;
        sc->col = 0;
        return SCAN_OK;
    }
    if (s[q] == '#')
        return content_from(sc, q - col);
    sc->p = q;
    sc->col = col;
    return document_marker(sc, q) ? SCAN_DECLINE : SCAN_OK;
}

static int flow_collection(Scan *sc, size_t p, size_t *after);

static inline size_t
flow_blanks(const Scan *sc, size_t q)
{
    while (q < sc->n && sc->s[q] == ' ')
        q++;
    return q;
}

/* An entry of a flow collection at *q, on this line (a key if `key`): a scalar or a nested
   collection; *q then after it. */
static int
flow_item(Scan *sc, size_t *q, int key)
{
    const unsigned char *s = sc->s;
    size_t p = *q;
    int c = at(sc, p);
    if (c == '[' || c == '{')
        return key ? SCAN_DECLINE : flow_collection(sc, p, q);
    if (c == '\'' || c == '"') {
        const char *value;
        size_t length, after;
        TRY(quoted(sc, p, &value, &length, &after));
        if (memchr(s + p, '\n', after - p) != NULL)
            return SCAN_DECLINE;
        if (!key && at(sc, flow_blanks(sc, after)) == ':')
            return SCAN_DECLINE; /* a pair in a sequence */
        *q = after;
        return emit_scalar(sc, p, after, value, length,
                           c == '\'' ? YAML_SINGLE_QUOTED_SCALAR_STYLE
                                     : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    }
    /* a plain scalar, by the flow context's rules: '?' and ':' start none, and it ends at
       ",[]{}" or at ':' before a blank */
    if (c < 0 || c == '?' || c == ':' || !plain_start(sc, p))
        return SCAN_DECLINE;
    size_t last = p, r = p;
    for (;; r++) {
        int d = at(sc, r);
        if (d < 0 || d == '\n')
            return SCAN_DECLINE; /* on over several lines */
        if (d == ':') {
            int next = at(sc, r + 1);
            if (next == ',' || next == '?' || next == '[' || next == ']' || next == '{'
                || next == '}')
                return SCAN_DECLINE; /* libyaml: "found unexpected ':'" */
            if (blankz(sc, r + 1)) {
                if (!key)
                    return SCAN_DECLINE;
                break;
            }
        }
        else if (d == ',' || d == '[' || d == ']' || d == '{' || d == '}') {
            break;
        }
        else if (d == ' ') {
            if (at(sc, r + 1) == '#')
                return SCAN_DECLINE;
            continue;
        }
        last = r + 1;
    }
    *q = r;
    return emit_scalar(sc, p, last, (const char *)s + p, last - p, YAML_PLAIN_SCALAR_STYLE);
}

/* A flow sequence or mapping from its bracket at p, on one line, of scalars and flow
   collections; *after past its closing bracket. */
static int
flow_collection(Scan *sc, size_t p, size_t *after)
{
    int is_map = sc->s[p] == '{';
    int close = is_map ? '}' : ']';
    if (++sc->depth > SCAN_MAX_DEPTH)
        return SCAN_DECLINE;
    TRY(emit_event(sc, is_map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT, p, p + 1));
    size_t q = flow_blanks(sc, p + 1);
    while (at(sc, q) != close) {
        TRY(flow_item(sc, &q, is_map));
        if (is_map) {
            q = flow_blanks(sc, q);
            if (at(sc, q) != ':')
                return SCAN_DECLINE; /* a key without a value */
            q = flow_blanks(sc, q + 1);
            if (at(sc, q) == ',' || at(sc, q) == close)
                return SCAN_DECLINE; /* an empty value */
            TRY(flow_item(sc, &q, 0));
        }
        q = flow_blanks(sc, q);
        if (at(sc, q) == ',')
            q = flow_blanks(sc, q + 1);
        else if (at(sc, q) != close)
            return SCAN_DECLINE;
    }
    sc->depth--;
    *after = q + 1;
    return emit_event(sc, is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT, q, q + 1);
}

static int node(Scan *sc, long parent, int where);
static int sequence(Scan *sc, size_t c, int indentless);

/* The node after an indicator (a key's ':' or an item's '-', of a collection at column c)
   that ends at `after`, of column `column`: on the rest of its line (starting `where`); else
   on the lines below, deeper than c (or, if `indentless` may be, a sequence at c itself);
   else none, an empty scalar at `after` (libyaml's process_empty_scalar). */
static int
value_after(Scan *sc, size_t c, size_t after, size_t column, int where, int indentless)
{
    const unsigned char *s = sc->s;
    size_t q = after;
    while (q < sc->n && s[q] == ' ')
        q++;
    if (q < sc->n && s[q] != '\n' && !(s[q] == '#' && q > after)) {
        sc->p = q;
        sc->col = column + (q - after);
        return node(sc, (long)c, where);
    }
    TRY(rest_of_line(sc, after));
    if (sc->p < sc->n && sc->col > c)
        return node(sc, (long)c, OWN_LINE);
    if (indentless && sc->p < sc->n && sc->col == c && dash_at(sc, sc->p))
        return sequence(sc, c, 1);
    return emit_scalar(sc, after, after, "", 0, YAML_PLAIN_SCALAR_STYLE);
}

/* A block mapping whose first key is at sc->p, column `c`. */
static int
mapping(Scan *sc, size_t c)
{
    if (++sc->depth > SCAN_MAX_DEPTH)
        return SCAN_DECLINE;
    TRY(emit_event(sc, YAML_MAPPING_START_EVENT, sc->p, sc->p));
    for (;;) {
        const unsigned char *s = sc->s;
        size_t p = sc->p, end, colon, length;
        const char *value;
        yaml_scalar_style_t style;
        int explicit = s[p] == '?' && blankz(sc, p + 1);
        if (explicit) { /* "? key": a scalar (over lines, if plain), then ':' at column c */
            size_t q = p + 1;
            while (q < sc->n && s[q] == ' ')
                q++;
            if (blankz(sc, q) || s[q] == '#')
                return SCAN_DECLINE; /* the key on a line of its own, or none */
            sc->p = q;
            sc->col = c + (q - p);
            TRY(node(sc, (long)c, AFTER_KEY));
            colon = sc->p;
            if (sc->p >= sc->n || sc->col != c || s[colon] != ':' || !blankz(sc, colon + 1))
                return SCAN_DECLINE; /* no value, or one this reader leaves to libyaml */
        }
        else {
            TRY(key_at(sc, p, &value, &length, &end, &colon, &style));
            TRY(emit_scalar(sc, p, end, value, length, style));
        }
        /* an explicit key's value may be a mapping on its line, as after "- " */
        TRY(value_after(sc, c, colon + 1, explicit ? c + 1 : c + (colon + 1 - p),
                        explicit ? AFTER_DASH : AFTER_KEY, 1));
        if (sc->p >= sc->n || sc->col < c)
            break;
        if (sc->col > c || dash_at(sc, sc->p))
            return SCAN_DECLINE;
    }
    sc->depth--;
    return emit_event(sc, YAML_MAPPING_END_EVENT, sc->p, sc->p);
}

/* A block sequence whose first '-' is at sc->p, column `c`; indentless: at the column of the
   mapping whose value it is (its end is that mapping's next key). */
static int
sequence(Scan *sc, size_t c, int indentless)
{
    if (++sc->depth > SCAN_MAX_DEPTH)
        return SCAN_DECLINE;
    size_t first = sc->p;
    TRY(emit_event(sc, YAML_SEQUENCE_START_EVENT, first, indentless ? first + 1 : first));
    for (;;) {
        TRY(value_after(sc, c, sc->p + 1, c + 1, AFTER_DASH, 0));
        if (sc->p >= sc->n || sc->col < c)
            break;
        if (sc->col > c)
            return SCAN_DECLINE;
        if (!dash_at(sc, sc->p)) {
            if (indentless)
                break;
            return SCAN_DECLINE;
        }
    }
    sc->depth--;
    return emit_event(sc, YAML_SEQUENCE_END_EVENT, sc->p, sc->p);
}

/* The node at sc->p (column sc->col), in a collection at column `parent` (-1: the document);
   `where` it starts: on a line of its own, after "key:" or after "- ". */
static int
node(Scan *sc, long parent, int where)
{
    const unsigned char *s = sc->s;
    size_t p = sc->p;
    int c = s[p];
    if (c == '-' && blankz(sc, p + 1)) /* "- - x" too: a sequence in a sequence */
        return where == AFTER_KEY ? SCAN_DECLINE : sequence(sc, sc->col, 0);
    if (c == '?' && blankz(sc, p + 1))
        return where == AFTER_KEY ? SCAN_DECLINE : mapping(sc, sc->col);
    if (c == '|' || c == '>')
        return block_scalar(sc, p, parent);
    if (c == '[' || c == '{') {
        size_t after;
        TRY(flow_collection(sc, p, &after));
        return rest_of_line(sc, after);
    }
    if (c == '\'' || c == '"') {
        const char *value;
        size_t length, after;
        TRY(quoted(sc, p, &value, &length, &after));
        size_t q = after;
        while (q < sc->n && s[q] == ' ')
            q++;
        if (at(sc, q) == ':' && blankz(sc, q + 1))
            return where == AFTER_KEY ? SCAN_DECLINE : mapping(sc, sc->col);
        TRY(emit_scalar(sc, p, after, value, length,
                        c == '\'' ? YAML_SINGLE_QUOTED_SCALAR_STYLE
                                  : YAML_DOUBLE_QUOTED_SCALAR_STYLE));
        return rest_of_line(sc, after);
    }
    if (!plain_start(sc, p))
        return SCAN_DECLINE;
    size_t end, stop;
    switch (plain_line(sc, p, &end, &stop)) {
    case STOP_COLON:
        return where == AFTER_KEY ? SCAN_DECLINE : mapping(sc, sc->col);
    case STOP_COMMENT:
        TRY(emit_scalar(sc, p, end, (const char *)s + p, end - p, YAML_PLAIN_SCALAR_STYLE));
        return rest_of_line(sc, end);
    default:
        return plain(sc, p, end, stop, (size_t)(parent + 1));
    }
}

static int
scan(const unsigned char *data, size_t size, EmitEvent emit, void *sink)
{
    Scan sc = {data, size, 0, 0, 0, NULL, NULL, 0, 0, 0, NULL, 0, 0, emit, sink};
    int status = check_text(&sc);
    if (status == SCAN_OK) {
        status = content_from(&sc, 0); /* which declines only at a document marker */
        if (status == SCAN_DECLINE && data[sc.p] == '-')
            status = rest_of_line(&sc, sc.p + 3); /* one leading "---" */
    }
    if (status == SCAN_OK)
        status = sc.p < size ? node(&sc, -1, OWN_LINE) : SCAN_DECLINE;
    if (status == SCAN_OK && sc.p < size)
        status = SCAN_DECLINE; /* more after the document */
    PyMem_Free(sc.wide);
    PyMem_Free(sc.extra);
    PyMem_Free(sc.text);
    return status;
}

#endif
