/*
 * jsonload._measure, compiled: (depth, nodes, keys) of a parsed JSON document.
 *
 * Why by hand: the loader counts every value of a document to refuse hostile ones (too deep,
 * too many nodes) and compares the keys it kept with those in the text (orjson keeps the last
 * of duplicate keys silently). In Python that walk costs as much as orjson's own parse; this
 * is the same walk over the same objects. jsonload.py keeps the Python walk as the reference
 * and the fallback, and the tests compare the two.
 *
 * measure(root) -> (depth, nodes, keys): depth counts containers (the root is level 1, a
 * scalar root 0); nodes counts containers, values and keys, the root included.
 *
 * key_count(data) -> the number of keys written in valid JSON text (jsonload's
 * _source_key_count): the colons outside strings. In Python that count takes three passes over
 * the text and a copy of it (9 ms on Zoom's 3 MB description); this is one pass.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_bytes.h"

typedef struct {
    PyObject *node; /* borrowed: the document holds it while we walk */
    Py_ssize_t level;
} Item;

static PyObject *
measure(PyObject *module, PyObject *root)
{
    Py_ssize_t depth = 0, keys = 0, nodes = 1;
    if (!PyDict_CheckExact(root) && !PyList_CheckExact(root))
        return Py_BuildValue("nnn", depth, nodes, keys);
    Py_ssize_t size = 0, capacity = 256;
    Item *stack = PyMem_Malloc(capacity * sizeof(Item));
    if (stack == NULL)
        return PyErr_NoMemory();
    stack[size++] = (Item){root, 1};
    while (size) {
        Item item = stack[--size];
        if (item.level > depth)
            depth = item.level;
        PyObject *node = item.node;
        int is_dict = PyDict_CheckExact(node);
        Py_ssize_t length = is_dict ? PyDict_GET_SIZE(node) : PyList_GET_SIZE(node);
        nodes += length;
        if (is_dict)
            keys += length;
        Py_ssize_t pos = 0, index = 0;
        PyObject *key, *child;
        while (is_dict ? PyDict_Next(node, &pos, &key, &child)
                       : (index < PyList_GET_SIZE(node)
                          && (child = PyList_GET_ITEM(node, index++)) != NULL)) {
            if (!PyDict_CheckExact(child) && !PyList_CheckExact(child))
                continue;
            if (size == capacity) {
                capacity *= 2;
                Item *grown = PyMem_Realloc(stack, capacity * sizeof(Item));
                if (grown == NULL) {
                    PyMem_Free(stack);
                    return PyErr_NoMemory();
                }
                stack = grown;
            }
            stack[size++] = (Item){child, item.level + 1};
        }
    }
    PyMem_Free(stack);
    return Py_BuildValue("nnn", depth, nodes + keys, keys);
}

static PyObject *
key_count(PyObject *module, PyObject *arg)
{
    if (!PyBytes_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "key_count(data: bytes)");
        return NULL;
    }
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(arg);
    Py_ssize_t length = PyBytes_GET_SIZE(arg), keys = 0, pos = 0;
    while (pos < length) {
        /* eight bytes at a time while they hold neither a quote nor a colon: the indentation
           and punctuation between strings */
        while (length - pos >= 8) {
            uint64_t word = eight_bytes(data + pos);
            if (holds_byte(word, '"') || holds_byte(word, ':'))
                break;
            pos += 8;
        }
        if (pos == length)
            break;
        unsigned char c = data[pos];
        if (c != '"') {
            keys += c == ':';
            pos++;
            continue;
        }
        /* a string: its closing quote is the first one after an even run of backslashes
           (memchr finds the quotes at memory speed; most of a document is strings) */
        Py_ssize_t from = pos + 1;
        for (;;) {
            const unsigned char *quote = memchr(data + from, '"', length - from);
            if (quote == NULL) {
                pos = length;
                break;
            }
            Py_ssize_t at = quote - data, before = at - 1;
            while (before > pos && data[before] == '\\')
                before--;
            if ((at - 1 - before) % 2 == 0) {
                pos = at + 1;
                break;
            }
            from = at + 1;
        }
    }
    return PyLong_FromSsize_t(keys);
}

static PyMethodDef methods[] = {
    {"measure", measure, METH_O, "(depth, nodes, keys) of a parsed JSON document."},
    {"key_count", key_count, METH_O, "The number of keys written in valid JSON text."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_jsonmeasure", "The compiled counts of a JSON document's nodes and keys.", 0,
    methods, slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__jsonmeasure(void)
{
    return PyModuleDef_Init(&module_def);
}
