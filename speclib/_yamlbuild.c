/*
 * The YAML loader's usual path, compiled: parser events turned into JSON values (and the tape
 * of where each node was written) without an object per event. The events come from the
 * first reader (_yamlscan.h), which reads the block-style YAML of API descriptions at a
 * fraction of libyaml's cost, or, where it declines, from libyaml's parser.
 *
 * Why by hand: PyYAML hands libyaml's events to Python one object at a time (with two mark
 * objects each), about 1.3 microseconds an event, and yamlbuild.Builder spends about as much
 * again on each; a multi-megabyte YAML description has hundreds of thousands of events, and
 * loading it was half of its lint. No library builds JSON values with the limits and the tape
 * we need. This file does what Builder does for well-formed documents within the limits, in
 * the same order, and gives up (raising Fallback) on everything else: any parse error, a limit
 * exceeded, a duplicate or complex key, a merge key, an unknown alias, a second document, an
 * empty one. yamlload.py then runs Builder over PyYAML's events, which decides and words the
 * error exactly as before. Plain scalars that may be other than text go to Builder's own
 * resolve_plain. Builder stays the reference and the fallback; the tests compare the two.
 *
 * load(data, max_depth, max_nodes, tape, resolve_plain, verbatim_paths[, readers]) -> value
 * (readers: 0 the first reader, then libyaml where it declines; 1 libyaml only; 2 the first
 * reader only, raising Fallback where it declines; the tests compare them)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <yaml.h>

#include "_yamlscan.h" /* the first reader, and Event */

enum { SCALAR, BLOCK, ALIAS, MAPPING, SEQUENCE, END }; /* yamlbuild.Tape's kinds */

static PyObject *Fallback;  /* the exception that hands the document to the Python builder */
static PyObject *array_type; /* array.array */

typedef struct {
    unsigned char *data;
    Py_ssize_t size, capacity, item;
} Buffer;

static int
buffer_add(Buffer *buffer, const void *item)
{
    if (buffer->size + buffer->item > buffer->capacity) {
        Py_ssize_t capacity = buffer->capacity ? buffer->capacity * 2 : 4096;
        unsigned char *data = PyMem_Realloc(buffer->data, capacity);
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        buffer->data = data;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, item, buffer->item);
    buffer->size += buffer->item;
    return 0;
}

static int
buffer_u32(Buffer *buffer, size_t value)
{
    if (value > 0xFFFFFFFFu) {
        PyErr_SetString(Fallback, "offset beyond 4G");
        return -1;
    }
    uint32_t item = (uint32_t)value;
    return buffer_add(buffer, &item);
}

/* The texts of recent short ASCII scalars, by a hash of their bytes: a description repeats
 * the same keys and words (type, description, string, $ref) tens of thousands of times, and
 * each is then one string object, decoded once and hashed once in the dicts that hold it. */
#define TEXT_SLOTS 1024
#define TEXT_LONGEST 40

typedef struct {
    PyObject *slots[TEXT_SLOTS]; /* strong or NULL */
} Texts;

static PyObject *
text_of(Texts *texts, const char *raw, size_t length)
{
    if (length > TEXT_LONGEST)
        return PyUnicode_DecodeUTF8(raw, (Py_ssize_t)length, "strict");
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        if ((unsigned char)raw[i] >= 0x80)
            return PyUnicode_DecodeUTF8(raw, (Py_ssize_t)length, "strict");
        hash = (hash ^ (unsigned char)raw[i]) * 16777619u;
    }
    PyObject **slot = &texts->slots[hash % TEXT_SLOTS];
    PyObject *known = *slot;
    if (known != NULL && PyUnicode_GET_LENGTH(known) == (Py_ssize_t)length
        && !memcmp(PyUnicode_1BYTE_DATA(known), raw, length))
        return Py_NewRef(known);
    PyObject *text = PyUnicode_FromStringAndSize(raw, (Py_ssize_t)length); /* ASCII */
    if (text != NULL)
        Py_XSETREF(*slot, Py_NewRef(text));
    return text;
}

static void
texts_clear(Texts *texts)
{
    for (size_t i = 0; i < TEXT_SLOTS; i++)
        Py_CLEAR(texts->slots[i]);
}

typedef struct {
    PyObject *value;  /* strong: the dict or list */
    PyObject *anchor; /* strong or NULL */
    PyObject *key;    /* strong, or NULL while the mapping waits for a key */
    int is_map;
    Py_ssize_t start; /* node count before this node */
    Py_ssize_t slot;  /* its start slot on the tape */
} Frame;

typedef struct {
    Py_ssize_t max_depth, max_nodes, count;
    PyObject *resolve_plain, *verbatim_paths, *anchors;
    Frame *stack;
    Py_ssize_t depth, capacity;
    PyObject *root, *root_text; /* strong or NULL */
    int recording;
    Buffer kinds, marks, key_slots, closes;
    PyObject *key_texts, *key_problems;
    Texts texts;
} Build;

static int
give_up(const char *why)
{
    PyErr_SetString(Fallback, why);
    return -1;
}

static int
grow(Build *build, Py_ssize_t nodes)
{
    build->count += nodes;
    return build->count <= build->max_nodes ? 0 : give_up("too many nodes");
}

static int
tape(Build *build, unsigned char kind, const Event *event)
{
    if (!build->recording)
        return 0;
    if (buffer_add(&build->kinds, &kind) < 0)
        return -1;
    if (buffer_u32(&build->marks, event->start) < 0)
        return -1;
    return buffer_u32(&build->marks, event->end);
}

static Py_ssize_t
slots(Build *build)
{
    return build->kinds.size;
}

/* Whether the next value lands on one of VERBATIM_PATHS (keys of every open mapping). */
static int
verbatim(Build *build)
{
    if (build->depth == 0 || build->depth > 2)
        return 0;
    PyObject *path = PyTuple_New(build->depth);
    if (path == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < build->depth; i++) {
        PyObject *key = build->stack[i].key;
        if (key == NULL || !build->stack[i].is_map) {
            Py_DECREF(path);
            return 0;
        }
        PyTuple_SET_ITEM(path, i, Py_NewRef(key));
    }
    int found = PySet_Contains(build->verbatim_paths, path);
    Py_DECREF(path);
    return found;
}

/* What resolve_plain (yamlscalars.py) gives for the commonest plain scalars, without calling
 * it: the text itself for a word (a scalar whose first character starts no number and no
 * constant, or a word that only starts like a constant), the core schema's constants, and
 * decimal integers of up to 18 digits (within 64 bits, whatever the digits). NULL, with no
 * error set, for the rest (floats, hex, octal, longer integers), which resolve_plain decides.
 * Calling it was a tenth of the load of Twilio's YAML description. */
static PyObject *
resolve_common(PyObject *text, const char *raw, size_t length)
{
    static const char *const nulls[] = {"~", "null", "Null", "NULL"};
    static const char *const trues[] = {"true", "True", "TRUE"};
    static const char *const falses[] = {"false", "False", "FALSE"};
    if (length == 0)
        return Py_NewRef(Py_None);
    if (!strchr("-+.0123456789nNtTfF~", raw[0]))
        return Py_NewRef(text);
    if (length <= 5) {
        for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
            if (strlen(nulls[i]) == length && !memcmp(raw, nulls[i], length))
                return Py_NewRef(Py_None);
        for (size_t i = 0; i < 3; i++) {
            if (strlen(trues[i]) == length && !memcmp(raw, trues[i], length))
                return Py_NewRef(Py_True);
            if (strlen(falses[i]) == length && !memcmp(raw, falses[i], length))
                return Py_NewRef(Py_False);
        }
    }
    if (strchr("nNtTfF~", raw[0]))
        return Py_NewRef(text); /* not a constant: a word */
    size_t start = raw[0] == '-' || raw[0] == '+', digits = length - start;
    if (digits == 0 || digits > 18)
        return NULL;
    long long value = 0;
    for (size_t i = start; i < length; i++) {
        if (raw[i] < '0' || raw[i] > '9')
            return NULL;
        value = value * 10 + (raw[i] - '0');
    }
    return PyLong_FromLongLong(raw[0] == '-' ? -value : value);
}

/* resolve_plain(text): the JSON value of an untagged plain scalar. */
static PyObject *
resolve(Build *build, PyObject *text, const char *raw, size_t length)
{
    PyObject *value = resolve_common(text, raw, length);
    if (value != NULL || PyErr_Occurred())
        return value;
    return PyObject_CallOneArg(build->resolve_plain, text);
}

static int
record_key(Build *build, PyObject *text, const Event *event)
{
    if (buffer_u32(&build->key_slots, slots(build) - 1) < 0)
        return -1;
    if (PyList_Append(build->key_texts, text) < 0)
        return -1;
    if (event->type != YAML_SCALAR_EVENT)
        return 0;
    const char *raw = event->value;
    if (event->length == 0 || !strchr("-+.0123456789tTfF", raw[0]))
        return 0;
    if (event->style != YAML_PLAIN_SCALAR_STYLE || event->tag != NULL)
        return 0;
    PyObject *value = resolve(build, text, raw, event->length);
    if (value == NULL)
        return -1;
    int problem = value != Py_None && !PyUnicode_Check(value);
    const char *kind = PyBool_Check(value) ? "boolean" : "number";
    Py_DECREF(value);
    if (!problem)
        return 0;
    /* (path of the key, kind, start, end): the path is every open container's slot key */
    PyObject *path = PyTuple_New(build->depth);
    if (path == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < build->depth; i++) {
        Frame *frame = &build->stack[i];
        PyObject *key = i == build->depth - 1 ? Py_NewRef(text)
                        : frame->is_map      ? Py_NewRef(frame->key)
                                             : PyLong_FromSsize_t(PyList_GET_SIZE(frame->value));
        if (key == NULL) {
            Py_DECREF(path);
            return -1;
        }
        PyTuple_SET_ITEM(path, i, key);
    }
    PyObject *item = Py_BuildValue("(Nsnn)", path, kind, (Py_ssize_t)event->start,
                                   (Py_ssize_t)event->end);
    if (item == NULL)
        return -1;
    int appended = PyList_Append(build->key_problems, item);
    Py_DECREF(item);
    return appended;
}

/* Attach a finished node to the open container (as key or value) or make it the root. */
static int
place(Build *build, PyObject *value, PyObject *text, const Event *event, int merge_key)
{
    if (build->depth == 0) {
        Py_XSETREF(build->root, Py_NewRef(value));
        Py_XSETREF(build->root_text, Py_XNewRef(text));
        return 0;
    }
    Frame *top = &build->stack[build->depth - 1];
    if (!top->is_map)
        return PyList_Append(top->value, value);
    if (top->key == NULL) {
        if (text == NULL)
            return give_up("a complex key");
        if (build->recording && record_key(build, text, event) < 0)
            return -1;
        if (merge_key)
            return give_up("a merge key");
        int duplicate = PyDict_Contains(top->value, text);
        if (duplicate != 0)
            return duplicate < 0 ? -1 : give_up("a duplicate key");
        top->key = Py_NewRef(text);
        return 0;
    }
    int stored = PyDict_SetItem(top->value, top->key, value);
    Py_CLEAR(top->key);
    return stored;
}

static PyObject *
anchor_name(const char *anchor)
{
    return anchor ? PyUnicode_FromString(anchor) : NULL;
}

static int
scalar(Build *build, const Event *event)
{
    if (grow(build, 1) < 0)
        return -1;
    int style = event->style;
    unsigned char kind = style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE
                             ? BLOCK
                             : SCALAR;
    if (tape(build, kind, event) < 0)
        return -1;
    const char *raw = event->value;
    size_t length = event->length;
    PyObject *text = text_of(&build->texts, raw, length);
    if (text == NULL) {
        PyErr_Clear();
        return give_up("text that is not UTF-8");
    }
    const char *tag = event->tag;
    int plain = style == YAML_PLAIN_SCALAR_STYLE;
    int string_tag = tag && (!strcmp(tag, "!") || !strcmp(tag, "tag:yaml.org,2002:str"));
    PyObject *value = NULL;
    int status = -1;
    if (plain && !string_tag) {
        int keep = verbatim(build);
        if (keep < 0)
            goto done;
        value = keep ? Py_NewRef(text) : resolve(build, text, raw, length);
    }
    else {
        value = Py_NewRef(text);
    }
    if (value == NULL)
        goto done;
    if (event->anchor) {
        PyObject *name = anchor_name(event->anchor);
        PyObject *anchor = name ? Py_BuildValue("(OnO)", value, (Py_ssize_t)1, text) : NULL;
        int stored = anchor ? PyDict_SetItem(build->anchors, name, anchor) : -1;
        Py_XDECREF(name);
        Py_XDECREF(anchor);
        if (stored < 0)
            goto done;
    }
    int merge_key = plain && tag == NULL && length == 2 && raw[0] == '<' && raw[1] == '<';
    status = place(build, value, text, event, merge_key);
done:
    Py_XDECREF(value);
    Py_DECREF(text);
    return status;
}

static int
alias(Build *build, const Event *event)
{
    PyObject *name = anchor_name(event->anchor);
    if (name == NULL)
        return -1;
    PyObject *anchor = PyDict_GetItemWithError(build->anchors, name); /* borrowed */
    Py_DECREF(name);
    if (anchor == NULL)
        return PyErr_Occurred() ? -1 : give_up("an unknown alias");
    PyObject *value = PyTuple_GET_ITEM(anchor, 0);
    Py_ssize_t size = PyLong_AsSsize_t(PyTuple_GET_ITEM(anchor, 1));
    PyObject *text = PyTuple_GET_ITEM(anchor, 2);
    if (grow(build, size) < 0 || tape(build, ALIAS, event) < 0)
        return -1;
    if (text != Py_None) {
        int keep = verbatim(build);
        if (keep < 0)
            return -1;
        if (keep)
            value = text;
    }
    Py_INCREF(anchor); /* placing may replace the anchor table's entry: keep ours alive */
    int status = place(build, value, text == Py_None ? NULL : text, event, 0);
    Py_DECREF(anchor);
    return status;
}

static int
open_container(Build *build, const Event *event, int is_map)
{
    if (grow(build, 1) < 0)
        return -1;
    if (build->depth >= build->max_depth)
        return give_up("too deep");
    if (build->depth && build->stack[build->depth - 1].is_map
        && build->stack[build->depth - 1].key == NULL)
        return give_up("a complex key");
    if (build->depth == build->capacity) {
        Py_ssize_t capacity = build->capacity ? build->capacity * 2 : 64;
        Frame *stack = PyMem_Realloc(build->stack, capacity * sizeof(Frame));
        if (stack == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        build->stack = stack;
        build->capacity = capacity;
    }
    PyObject *value = is_map ? PyDict_New() : PyList_New(0);
    if (value == NULL)
        return -1;
    const char *anchor = event->anchor;
    PyObject *name = NULL;
    if (anchor && (name = anchor_name(anchor)) == NULL) {
        Py_DECREF(value);
        return -1;
    }
    Frame *frame = &build->stack[build->depth++];
    frame->value = value;
    frame->anchor = name;
    frame->key = NULL;
    frame->is_map = is_map;
    frame->start = build->count - 1;
    frame->slot = slots(build);
    return tape(build, is_map ? MAPPING : SEQUENCE, event);
}

static int
close_container(Build *build, const Event *event)
{
    Frame frame = build->stack[--build->depth];
    int status = -1;
    if (build->recording) {
        if (buffer_u32(&build->closes, frame.slot) < 0
            || buffer_u32(&build->closes, slots(build)) < 0 || tape(build, END, event) < 0)
            goto done;
    }
    if (frame.anchor) {
        PyObject *anchor = Py_BuildValue("(OnO)", frame.value, build->count - frame.start,
                                         Py_None);
        int stored = anchor ? PyDict_SetItem(build->anchors, frame.anchor, anchor) : -1;
        Py_XDECREF(anchor);
        if (stored < 0)
            goto done;
    }
    status = place(build, frame.value, NULL, event, 0);
done:
    Py_DECREF(frame.value);
    Py_XDECREF(frame.anchor);
    Py_XDECREF(frame.key);
    return status;
}

static PyObject *
as_array(Buffer *buffer)
{
    PyObject *bytes = PyBytes_FromStringAndSize((const char *)buffer->data, buffer->size);
    if (bytes == NULL)
        return NULL;
    PyObject *array = PyObject_CallFunction(array_type, "sO", "I", bytes);
    Py_DECREF(bytes);
    return array;
}

static int
fill_tape(Build *build, PyObject *target)
{
    PyObject *kinds = PyByteArray_FromStringAndSize((const char *)build->kinds.data,
                                                    build->kinds.size);
    PyObject *marks = as_array(&build->marks);
    PyObject *key_slots = as_array(&build->key_slots);
    PyObject *closes = as_array(&build->closes);
    int status = -1;
    if (kinds && marks && key_slots && closes && !PyObject_SetAttrString(target, "kinds", kinds)
        && !PyObject_SetAttrString(target, "marks", marks)
        && !PyObject_SetAttrString(target, "key_slots", key_slots)
        && !PyObject_SetAttrString(target, "key_texts", build->key_texts)
        && !PyObject_SetAttrString(target, "closes", closes)
        && !PyObject_SetAttrString(target, "key_problems", build->key_problems))
        status = 0;
    Py_XDECREF(kinds);
    Py_XDECREF(marks);
    Py_XDECREF(key_slots);
    Py_XDECREF(closes);
    return status;
}

/* The builder as the readers' sink. */
static int
on_event(void *sink, const Event *event)
{
    Build *build = sink;
    switch (event->type) {
    case YAML_SCALAR_EVENT:
        return scalar(build, event);
    case YAML_MAPPING_START_EVENT:
        return open_container(build, event, 1);
    case YAML_SEQUENCE_START_EVENT:
        return open_container(build, event, 0);
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        return close_container(build, event);
    case YAML_ALIAS_EVENT:
        return alias(build, event);
    default:
        return 0;
    }
}

static void
from_libyaml(const yaml_event_t *in, Event *out)
{
    *out = (Event){in->type, in->start_mark.index, in->end_mark.index, NULL, 0,
                   YAML_ANY_SCALAR_STYLE, NULL, NULL};
    switch (in->type) {
    case YAML_SCALAR_EVENT:
        out->value = (const char *)in->data.scalar.value;
        out->length = in->data.scalar.length;
        out->style = in->data.scalar.style;
        out->tag = (const char *)in->data.scalar.tag;
        out->anchor = (const char *)in->data.scalar.anchor;
        break;
    case YAML_ALIAS_EVENT:
        out->anchor = (const char *)in->data.alias.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        out->anchor = (const char *)in->data.mapping_start.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        out->anchor = (const char *)in->data.sequence_start.anchor;
        break;
    default:
        break;
    }
}

/* The whole document through libyaml's parser: 0, or -1 with an exception set. */
static int
read_with_libyaml(Build *build, const Py_buffer *data)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        PyErr_NoMemory();
        return -1;
    }
    yaml_parser_set_input_string(&parser, data->buf, (size_t)data->len);
    int documents = 0, status = 0;
    for (int more = 1; more && status == 0;) {
        yaml_event_t raw;
        if (!yaml_parser_parse(&parser, &raw)) {
            status = give_up("a parse error");
            break;
        }
        Event event;
        from_libyaml(&raw, &event);
        if (raw.type == YAML_DOCUMENT_START_EVENT && ++documents > 1)
            status = give_up("a second document");
        else if (raw.type == YAML_STREAM_END_EVENT)
            more = 0;
        else
            status = on_event(build, &event);
        yaml_event_delete(&raw);
    }
    yaml_parser_delete(&parser);
    return status;
}

/* Forget what a declined first reading built. */
static int
build_reset(Build *build)
{
    while (build->depth) {
        Frame *frame = &build->stack[--build->depth];
        Py_DECREF(frame->value);
        Py_XDECREF(frame->anchor);
        Py_XDECREF(frame->key);
    }
    Py_CLEAR(build->root);
    Py_CLEAR(build->root_text);
    build->count = 0;
    build->kinds.size = build->marks.size = build->key_slots.size = build->closes.size = 0;
    PyDict_Clear(build->anchors);
    if (PyList_SetSlice(build->key_texts, 0, PY_SSIZE_T_MAX, NULL) < 0)
        return -1;
    return PyList_SetSlice(build->key_problems, 0, PY_SSIZE_T_MAX, NULL);
}

enum { EITHER_READER, LIBYAML_ONLY, SCANNER_ONLY }; /* load()'s `readers` (tests choose) */

static PyObject *
load(PyObject *module, PyObject *args)
{
    Py_buffer data;
    PyObject *target;
    int readers = EITHER_READER;
    Build build = {0};
    if (!PyArg_ParseTuple(args, "y*nnOOO|i", &data, &build.max_depth, &build.max_nodes, &target,
                          &build.resolve_plain, &build.verbatim_paths, &readers))
        return NULL;
    build.recording = target != Py_None;
    build.kinds.item = 1;
    build.marks.item = build.key_slots.item = build.closes.item = 4;
    build.anchors = PyDict_New();
    build.key_texts = PyList_New(0);
    build.key_problems = PyList_New(0);
    PyObject *result = NULL;
    int scanned = SCAN_DECLINE;
    if (!build.anchors || !build.key_texts || !build.key_problems)
        goto done;
    if (readers != LIBYAML_ONLY) {
        scanned = scan(data.buf, (size_t)data.len, on_event, &build);
        if (scanned == SCAN_ERROR)
            goto done;
        if (scanned == SCAN_DECLINE && readers == SCANNER_ONLY) {
            give_up("declined by the first reader");
            goto done;
        }
    }
    if (scanned == SCAN_DECLINE) {
        if (build_reset(&build) < 0 || read_with_libyaml(&build, &data) < 0)
            goto done;
    }
    if (build.root == NULL
        || (build.root == Py_None && build.root_text != NULL
            && PyUnicode_GET_LENGTH(build.root_text) == 0)) {
        give_up("an empty document");
        goto done;
    }
    if (build.recording && fill_tape(&build, target) < 0)
        goto done;
    result = Py_NewRef(build.root);
done:
    while (build.depth) {
        Frame *frame = &build.stack[--build.depth];
        Py_DECREF(frame->value);
        Py_XDECREF(frame->anchor);
        Py_XDECREF(frame->key);
    }
    texts_clear(&build.texts);
    PyMem_Free(build.stack);
    PyMem_Free(build.kinds.data);
    PyMem_Free(build.marks.data);
    PyMem_Free(build.key_slots.data);
    PyMem_Free(build.closes.data);
    Py_XDECREF(build.anchors);
    Py_XDECREF(build.key_texts);
    Py_XDECREF(build.key_problems);
    Py_XDECREF(build.root);
    Py_XDECREF(build.root_text);
    PyBuffer_Release(&data);
    return result;
}

static PyMethodDef methods[] = {
    {"load", load, METH_VARARGS, "Build a YAML document's JSON values (see yamlbuild.py)."},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *module)
{
    Fallback = PyErr_NewException("speclib._yamlbuild.Fallback", NULL, NULL);
    if (Fallback == NULL || PyModule_AddObjectRef(module, "Fallback", Fallback) < 0)
        return -1;
    PyObject *arrays = PyImport_ImportModule("array");
    if (arrays == NULL)
        return -1;
    array_type = PyObject_GetAttrString(arrays, "array");
    Py_DECREF(arrays);
    return array_type == NULL ? -1 : 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, exec_module},
    /* Fallback and array.array are process-wide statics */
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_yamlbuild", "YAML to JSON values over libyaml, compiled.", 0,
    methods, module_slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__yamlbuild(void)
{
    return PyModuleDef_Init(&module_def);
}
