/*
 * positions.py's JSON ranges, compiled:
 *
 *   ranges(data, trie, wanted, decode) -> {path: (start line, start character, end line,
 *     end character)} for every path of `trie` marked `wanted`, in the UTF-8 JSON text `data`
 *     (a BOM is skipped); lines and characters count from 0, characters in UTF-16 units as
 *     JavaScript counts them; `decode` (json.loads) reads keys that hold escapes.
 *
 * (And line_starts, for YAML ranges: see below.)
 *
 * It is positions._json_ranges (the reference and the fallback; the tests compare the two):
 * only the objects and arrays on the wanted paths are read member by member, every other value
 * is skipped, and the ranges follow Spectral's conventions (see positions.py).
 *
 * Why by hand: in Python, reading the members of the objects on the paths (all of `paths` for
 * one finding under it) and turning offsets into lines and characters over a decoded copy of
 * the text cost a tenth of a lint; the standard library's scanner can skip a value, but it
 * builds it as Python objects to do so. This reads the bytes as they are and allocates only the
 * keys of the objects on the paths. The text is JSON that orjson has accepted (valid UTF-8; a
 * value is a string, a number, a literal or brackets balanced outside strings).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../_bytes.h"

typedef struct {
    PyObject *path; /* owned */
    Py_ssize_t start, end;
} Found;

typedef struct {
    const unsigned char *data;
    Py_ssize_t length;
    PyObject *wanted; /* the trie's marker of a wanted path */
    PyObject *decode; /* json.loads, for keys with escapes */
    Found *found;
    Py_ssize_t count, capacity;
} Scan;

static inline unsigned char
char_at(const Scan *scan, Py_ssize_t pos)
{
    return pos >= 0 && pos < scan->length ? scan->data[pos] : 0;
}

static inline int
is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static Py_ssize_t
space(const Scan *scan, Py_ssize_t pos)
{
    while (pos < scan->length && is_blank(scan->data[pos]))
        pos++;
    return pos;
}

static Py_ssize_t
string_end(const Scan *scan, Py_ssize_t pos)
{
    /* pos is just after the opening quote; the closing one is the first quote after an even
       run of backslashes (memchr finds quotes at memory speed: most of a document is text) */
    const unsigned char *data = scan->data;
    Py_ssize_t from = pos;
    for (;;) {
        const unsigned char *quote = from < scan->length
                                         ? memchr(data + from, '"', scan->length - from)
                                         : NULL;
        if (quote == NULL)
            return scan->length;
        Py_ssize_t at = quote - data, before = at - 1;
        while (before >= pos && data[before] == '\\')
            before--;
        if ((at - 1 - before) % 2 == 0)
            return at + 1;
        from = at + 1;
    }
}

/* The offset just after the JSON value starting at pos (positions._value_end). */
static Py_ssize_t
skip_value(const Scan *scan, Py_ssize_t pos)
{
    const unsigned char *data = scan->data;
    Py_ssize_t length = scan->length;
    if (pos < 0 || pos >= length)
        return length;
    unsigned char first = data[pos];
    if (first == '"')
        return string_end(scan, pos + 1);
    if (first == '{' || first == '[') {
        Py_ssize_t depth = 0;
        while (pos < length) {
            unsigned char c = data[pos];
            if (c == '"') {
                pos = string_end(scan, pos + 1);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return pos + 1;
            pos++;
        }
        return length;
    }
    if (!(first == '-' || (first >= '0' && first <= '9') || first == 't' || first == 'f'
          || first == 'n'))
        return length; /* no value starts here (the scanner's answer) */
    /* a number or a literal: up to the next delimiter */
    while (pos < length) {
        unsigned char c = data[pos];
        if (c == ',' || c == '}' || c == ']' || is_blank(c))
            break;
        pos++;
    }
    return pos;
}

/* Where a container ending at `end` (after its bracket) ends for Spectral: at its last leaf,
   or at its own closing bracket when it is empty (_JsonScan.last_leaf_end). */
static Py_ssize_t
last_leaf_end(const Scan *scan, Py_ssize_t end)
{
    Py_ssize_t close = end - 1;
    for (;;) {
        Py_ssize_t index = close - 1;
        while (index > 0 && is_blank(char_at(scan, index)))
            index--;
        unsigned char c = char_at(scan, index);
        if (index < 0 || c == '[' || c == '{')
            return close + 1;
        if (c == ']' || c == '}') {
            close = index;
            continue;
        }
        return index + 1;
    }
}

static Py_ssize_t walk(Scan *scan, PyObject *trie, Py_ssize_t pos, PyObject *path,
                       Py_ssize_t key_end);

/* The subtrie under `key` (borrowed), or NULL: with an exception set on failure. */
static PyObject *
subtrie(PyObject *trie, PyObject *key)
{
    PyObject *sub = PyDict_GetItemWithError(trie, key);
    if (sub != NULL && !PyDict_CheckExact(sub)) {
        PyErr_SetString(PyExc_TypeError, "a path trie holds dicts");
        return NULL;
    }
    return sub;
}

/* Walks the wanted child `sub` at `value`, as `path` + `key`; its end, or -1. */
static Py_ssize_t
walk_child(Scan *scan, PyObject *sub, Py_ssize_t value, PyObject *path, PyObject *key,
           Py_ssize_t key_end)
{
    Py_ssize_t size = PyTuple_GET_SIZE(path);
    PyObject *child_path = PyTuple_New(size + 1);
    if (child_path == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < size; i++)
        PyTuple_SET_ITEM(child_path, i, Py_NewRef(PyTuple_GET_ITEM(path, i)));
    PyTuple_SET_ITEM(child_path, size, Py_NewRef(key));
    Py_ssize_t end = walk(scan, sub, value, child_path, key_end);
    Py_DECREF(child_path);
    return end;
}

/* The key of the string between `start` (its opening quote) and `end` (after its closing
   one), a new reference. */
static PyObject *
read_key(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    const char *inside = (const char *)scan->data + start + 1;
    Py_ssize_t size = end - start - 2;
    if (size < 0)
        size = 0;
    if (memchr(inside, '\\', size) == NULL)
        return PyUnicode_DecodeUTF8(inside, size, "strict");
    PyObject *raw = PyBytes_FromStringAndSize((const char *)scan->data + start, end - start);
    if (raw == NULL)
        return NULL;
    PyObject *key = PyObject_CallOneArg(scan->decode, raw);
    Py_DECREF(raw);
    return key;
}

/* Reads one member, `key` (stolen) with its value at `value`: walks into the value when the
 * trie wants something at or below it, else skips it. Returns where the value ends, or -1. */
static Py_ssize_t
member(Scan *scan, PyObject *trie, PyObject *key, Py_ssize_t value, PyObject *path,
       Py_ssize_t key_end)
{
    PyObject *sub = subtrie(trie, key);
    Py_ssize_t end;
    if (sub != NULL)
        end = walk_child(scan, sub, value, path, key, key_end);
    else if (PyErr_Occurred())
        end = -1;
    else
        end = skip_value(scan, value);
    Py_DECREF(key);
    return end;
}

/* After a member that ends at `end`: 1 with *next at the following member when a comma
 * follows, else 0 with *next at the closing bracket. */
static int
following(const Scan *scan, Py_ssize_t end, Py_ssize_t *next)
{
    Py_ssize_t index = space(scan, end);
    if (char_at(scan, index) != ',') {
        *next = index;
        return 0;
    }
    *next = space(scan, index + 1);
    return 1;
}

static Py_ssize_t
members(Scan *scan, PyObject *trie, Py_ssize_t pos, PyObject *path)
{
    Py_ssize_t index = space(scan, pos + 1);
    while (char_at(scan, index) == '"') {
        Py_ssize_t key_end = string_end(scan, index + 1);
        PyObject *key = read_key(scan, index, key_end);
        if (key == NULL)
            return -1;
        Py_ssize_t value = space(scan, space(scan, key_end) + 1); /* past the colon */
        Py_ssize_t end = member(scan, trie, key, value, path, key_end);
        if (end < 0)
            return -1;
        if (!following(scan, end, &index))
            break;
    }
    return index + 1; /* past the closing brace */
}

static Py_ssize_t
items(Scan *scan, PyObject *trie, Py_ssize_t pos, PyObject *path)
{
    Py_ssize_t index = space(scan, pos + 1);
    for (Py_ssize_t position = 0; index < scan->length && scan->data[index] != ']'; position++) {
        PyObject *key = PyLong_FromSsize_t(position);
        if (key == NULL)
            return -1;
        Py_ssize_t end = member(scan, trie, key, index, path, -1);
        if (end < 0)
            return -1;
        if (!following(scan, end, &index))
            break;
    }
    return index + 1;
}

static int
record(Scan *scan, PyObject *path, Py_ssize_t start, Py_ssize_t end)
{
    if (scan->count == scan->capacity) {
        Py_ssize_t capacity = scan->capacity ? scan->capacity * 2 : 64;
        Found *grown = PyMem_Realloc(scan->found, capacity * sizeof(Found));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        scan->found = grown;
        scan->capacity = capacity;
    }
    scan->found[scan->count++] = (Found){Py_NewRef(path), start, end};
    return 0;
}

/* Records the wanted paths at and below the value at `pos` (key_end: the end of its key, or
   -1 when it has none); returns its end, or -1 with an exception set (_JsonScan.walk). */
static Py_ssize_t
walk(Scan *scan, PyObject *trie, Py_ssize_t pos, PyObject *path, Py_ssize_t key_end)
{
    if (Py_EnterRecursiveCall(" while reading the ranges of JSON paths"))
        return -1;
    unsigned char opener = char_at(scan, pos);
    int is_wanted = PyDict_Contains(trie, scan->wanted);
    Py_ssize_t end;
    if (is_wanted < 0)
        end = -1;
    else if (PyDict_GET_SIZE(trie) > is_wanted && opener == '{')
        end = members(scan, trie, pos, path);
    else if (PyDict_GET_SIZE(trie) > is_wanted && opener == '[')
        end = items(scan, trie, pos, path);
    else
        end = skip_value(scan, pos);
    Py_LeaveRecursiveCall();
    if (end < 0 || !is_wanted)
        return end;
    int container = opener == '{' || opener == '[';
    Py_ssize_t start = container && key_end >= 0 ? key_end + 1 : pos;
    if (record(scan, path, start, container ? last_leaf_end(scan, end) : end) < 0)
        return -1;
    return end;
}

/* -- offsets to lines and characters ------------------------------------------------------ */

typedef struct {
    Py_ssize_t offset, line, character;
} Place;

static int
by_offset(const void *a, const void *b)
{
    Py_ssize_t x = ((const Place *)a)->offset, y = ((const Place *)b)->offset;
    return (x > y) - (x < y);
}

/* UTF-16 units of the UTF-8 text data[0..size): a unit per character, two from four bytes
 * on. Eight bytes at a time: a continuation byte is 10xxxxxx, a four-byte lead 11110xxx. */
static Py_ssize_t
utf16_units(const unsigned char *data, Py_ssize_t size)
{
    const uint64_t high = EIGHT_HIGHS;
    Py_ssize_t units = 0, at = 0;
    for (; at + 8 <= size; at += 8) {
        uint64_t word = eight_bytes(data + at);
        if ((word & high) == 0) { /* ASCII */
            units += 8;
            continue;
        }
        uint64_t continuation = word & high & ~(word << 1);
        uint64_t four = word & (word << 1) & (word << 2) & (word << 3) & ~(word << 4) & high;
        units += 8 - __builtin_popcountll(continuation) + __builtin_popcountll(four);
    }
    for (; at < size; at++) {
        unsigned char c = data[at];
        if ((c & 0xC0) != 0x80)
            units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

/* Fills in the line and character of every place, sorted by offset, in one pass. */
static void
locate(const Scan *scan, Place *places, Py_ssize_t count)
{
    const unsigned char *data = scan->data;
    Py_ssize_t pos = 0, line = 0, character = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t offset = places[i].offset < scan->length ? places[i].offset : scan->length;
        if (offset > pos) {
            const unsigned char *newline, *last = NULL;
            Py_ssize_t from = pos;
            while ((newline = memchr(data + from, '\n', offset - from)) != NULL) {
                line++;
                last = newline;
                from = newline - data + 1;
            }
            if (last != NULL) {
                pos = last - data + 1;
                character = 0;
            }
            character += utf16_units(data + pos, offset - pos);
            pos = offset;
        }
        places[i].line = line;
        places[i].character = character;
    }
}

static Py_ssize_t
find_place(const Place *places, Py_ssize_t count, Py_ssize_t offset)
{
    Py_ssize_t low = 0, high = count - 1;
    while (low < high) {
        Py_ssize_t middle = (low + high) / 2;
        if (places[middle].offset < offset)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

static PyObject *
ranges_of(Scan *scan)
{
    Py_ssize_t count = scan->count * 2;
    Place *places = PyMem_Malloc((count ? count : 1) * sizeof(Place));
    if (places == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < scan->count; i++) {
        places[2 * i].offset = scan->found[i].start;
        places[2 * i + 1].offset = scan->found[i].end;
    }
    qsort(places, count, sizeof(Place), by_offset);
    locate(scan, places, count);
    PyObject *result = PyDict_New();
    for (Py_ssize_t i = 0; result != NULL && i < scan->count; i++) {
        const Place *start = &places[find_place(places, count, scan->found[i].start)];
        const Place *end = &places[find_place(places, count, scan->found[i].end)];
        PyObject *range = Py_BuildValue("nnnn", start->line, start->character, end->line,
                                        end->character);
        if (range == NULL || PyDict_SetItem(result, scan->found[i].path, range) < 0)
            Py_CLEAR(result);
        Py_XDECREF(range);
    }
    PyMem_Free(places);
    return result;
}

static PyObject *
ranges(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyBytes_Check(args[0]) || !PyDict_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "ranges(data: bytes, trie: dict, wanted, decode)");
        return NULL;
    }
    Scan scan = {
        .data = (const unsigned char *)PyBytes_AS_STRING(args[0]),
        .length = PyBytes_GET_SIZE(args[0]),
        .wanted = args[2],
        .decode = args[3],
    };
    if (scan.length >= 3 && memcmp(scan.data, "\xef\xbb\xbf", 3) == 0) {
        scan.data += 3; /* the BOM: offsets count from the text after it */
        scan.length -= 3;
    }
    PyObject *root = PyTuple_New(0);
    PyObject *result = NULL;
    if (root != NULL && walk(&scan, args[1], space(&scan, 0), root, -1) >= 0)
        result = ranges_of(&scan);
    Py_XDECREF(root);
    for (Py_ssize_t i = 0; i < scan.count; i++)
        Py_DECREF(scan.found[i].path);
    PyMem_Free(scan.found);
    return result;
}

/*
 * line_starts(data) -> bytes of native uint32, or None: the character offset (code points, as
 * libyaml's marks count) at which each line of the UTF-8 text `data` starts, after a BOM,
 * with libyaml's line breaks (LF, CR LF, CR, NEL, LS, PS); None when `data` is not valid UTF-8
 * (then Python's decoding, which replaces what it cannot read, decides). The reference is
 * yamlpositions._Text's own reading of the decoded text; this one skips the decoding and the
 * list of lines (on Twilio's 1.5 MB YAML spec, 13 ms to place 295 findings).
 */
static Py_ssize_t
utf8_length(const unsigned char *p, const unsigned char *end)
{
    /* the length of the valid UTF-8 sequence at p (Unicode's table 3-7), 0 if invalid */
    unsigned char c = p[0];
    Py_ssize_t length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c < 0xC2 || c > 0xF4 || end - p < length)
        return 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c == 0xE0)
        low = 0xA0;
    else if (c == 0xED)
        high = 0x9F;
    else if (c == 0xF0)
        low = 0x90;
    else if (c == 0xF4)
        high = 0x8F;
    if (p[1] < low || p[1] > high)
        return 0;
    for (Py_ssize_t i = 2; i < length; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return length;
}

static PyObject *
line_starts(PyObject *module, PyObject *arg)
{
    if (!PyBytes_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "line_starts(data: bytes)");
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(arg);
    const unsigned char *end = p + PyBytes_GET_SIZE(arg);
    if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    Py_ssize_t count = 1, capacity = 1024;
    uint32_t *starts = PyMem_Malloc(capacity * sizeof(uint32_t));
    if (starts == NULL)
        return PyErr_NoMemory();
    starts[0] = 0;
    uint32_t characters = 0;
    while (p < end) {
        /* eight bytes at a time while they are ASCII without CR or LF: most of the text */
        while (end - p >= 8) {
            uint64_t word = eight_bytes(p);
            if ((word & EIGHT_HIGHS) || holds_byte(word, '\r') || holds_byte(word, '\n'))
                break;
            p += 8;
            characters += 8;
        }
        if (p == end)
            break;
        unsigned char c = *p;
        int line_break = 0;
        if (c < 0x80) {
            p++;
            if (c == '\n')
                line_break = 1;
            else if (c == '\r') {
                line_break = 1;
                if (p < end && *p == '\n') {
                    p++;
                    characters++;
                }
            }
        }
        else {
            Py_ssize_t length = utf8_length(p, end);
            if (length == 0) {
                PyMem_Free(starts);
                Py_RETURN_NONE;
            }
            line_break = (length == 2 && c == 0xC2 && p[1] == 0x85)
                         || (length == 3 && c == 0xE2 && p[1] == 0x80
                             && (p[2] == 0xA8 || p[2] == 0xA9));
            p += length;
        }
        characters++;
        if (line_break) {
            if (count == capacity) {
                capacity *= 2;
                uint32_t *grown = PyMem_Realloc(starts, capacity * sizeof(uint32_t));
                if (grown == NULL) {
                    PyMem_Free(starts);
                    return PyErr_NoMemory();
                }
                starts = grown;
            }
            starts[count++] = characters;
        }
    }
    PyObject *result = PyBytes_FromStringAndSize((const char *)starts, count * sizeof(uint32_t));
    PyMem_Free(starts);
    return result;
}

static PyMethodDef methods[] = {
    {"ranges", (PyCFunction)(void (*)(void))ranges, METH_FASTCALL,
     "{path: (start line, start character, end line, end character)} of a trie's wanted "
     "paths in UTF-8 JSON text."},
    {"line_starts", line_starts, METH_O,
     "The character offset of each line's start in UTF-8 text (native uint32 bytes), or None "
     "if it is not valid UTF-8."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_positions", "JSON source ranges, compiled.", 0, methods, slots,
    NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__positions(void)
{
    return PyModuleDef_Init(&module_def);
}
