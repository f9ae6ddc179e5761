/*
 * positions.py's skip over a JSON value, compiled: value_end(text, pos) -> the offset just
 * after the value that starts at pos (pos at its first character, past any blank).
 *
 * Why by hand: a finding's range is found by reading only the objects on its path, member by
 * member, and skipping every other value. The standard library's scanner can skip one, but it
 * builds the whole value as Python objects to do so (a skipped `components` is a full parse);
 * this reads the characters and allocates nothing. The text is JSON that orjson has accepted,
 * so a value is a string, a number, a literal or brackets balanced outside strings.
 * positions.py keeps the scanner as the reference and the fallback; the tests compare them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static Py_ssize_t
string_end(int kind, const void *data, Py_ssize_t length, Py_ssize_t pos)
{
    /* pos is just after the opening quote */
    while (pos < length) {
        Py_UCS4 c = PyUnicode_READ(kind, data, pos);
        if (c == '\\')
            pos += 2;
        else if (c == '"')
            return pos + 1;
        else
            pos++;
    }
    return length;
}

static PyObject *
value_end(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "value_end(text: str, pos: int)");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]);
    if (pos == -1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (pos < 0 || pos >= length)
        return PyLong_FromSsize_t(length);
    Py_UCS4 first = PyUnicode_READ(kind, data, pos);
    if (first == '"')
        return PyLong_FromSsize_t(string_end(kind, data, length, pos + 1));
    if (first == '{' || first == '[') {
        Py_ssize_t depth = 0;
        while (pos < length) {
            Py_UCS4 c = PyUnicode_READ(kind, data, pos);
            if (c == '"') {
                pos = string_end(kind, data, length, pos + 1);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return PyLong_FromSsize_t(pos + 1);
            pos++;
        }
        return PyLong_FromSsize_t(length);
    }
    if (!(first == '-' || (first >= '0' && first <= '9') || first == 't' || first == 'f'
          || first == 'n'))
        return PyLong_FromSsize_t(length); /* no value starts here (the scanner's answer) */
    /* a number or a literal: up to the next delimiter */
    while (pos < length) {
        Py_UCS4 c = PyUnicode_READ(kind, data, pos);
        if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n'
            || c == '\r')
            break;
        pos++;
    }
    return PyLong_FromSsize_t(pos);
}

static PyMethodDef methods[] = {
    {"value_end", (PyCFunction)(void (*)(void))value_end, METH_FASTCALL,
     "The offset just after the JSON value starting at pos."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_positions", "Skipping JSON values in source text, compiled.", 0,
    methods, slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__positions(void)
{
    return PyModuleDef_Init(&module_def);
}
