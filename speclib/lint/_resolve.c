/*
 * The resolved view of document.py, the index it stands on and the lookup of containers by
 * path, compiled:
 *
 *   ref_holders(data, found) -> set of ids: refindex.ref_holders, the containers on the way
 *     from the root to each $ref's object (found: (path of the object, ref) in walk order).
 *   parents(document, paths) -> for each path, the container its last segment is in: what
 *     `document[p0][p1]...` down to the path's parent gives, or None where a step fails (a
 *     key or index that is not there, a scalar on the way).
 *   resolve(root, follow, holders_of, circular) -> the resolved view of root.data:
 *     document._ResolvedBuilder.build. follow(document, node) is Inventory.follow (a
 *     (document, target, path) triple, or None); holders_of(document) the set of ids of its
 *     containers that hold a $ref at some depth; circular the set the references that would
 *     close a cycle are added to.
 *
 * Why by hand: the view is the document with every $ref replaced by its target, copying only
 * the containers above a $ref and sharing everything else. Its builder visits every member of
 * every such container; in Python that cost as much as the walk of the view itself (EC2's
 * description, 29,000 references: about 0.15 s, a fifth of its lint). This does what the
 * Python builder does, in the same order, with the same results: the same sharing, the same
 * cycles kept as their $ref objects, the same references recorded as circular. The Python
 * builder stays the reference and the fallback; the tests compare the two. The same goes for
 * the index (refindex.py) and the lookup (functions/oas_misc.py, where refSiblings reads the
 * parent of every $ref member: 14,500 on EC2's description, a walk from the root each).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* -- a hash map from container addresses ------------------------------------------------ */

enum { EMPTY = 0, MEMBER, ACTIVE, DONE };

typedef struct {
    uintptr_t address;
    int state;
    PyObject *value; /* strong, DONE only: the container's resolved value */
} Slot;

typedef struct {
    Slot *slots;
    size_t capacity; /* a power of two, or 0 */
    size_t count;
} Map;

static inline size_t
address_hash(uintptr_t address)
{
    uint64_t h = ((uint64_t)address >> 4) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ (h >> 31));
}

static Slot *
map_find(const Map *map, uintptr_t address)
{
    if (map->capacity == 0)
        return NULL;
    size_t at = address_hash(address) & (map->capacity - 1);
    while (map->slots[at].state != EMPTY) {
        if (map->slots[at].address == address)
            return &map->slots[at];
        at = (at + 1) & (map->capacity - 1);
    }
    return NULL;
}

/* The slot of `address`, added (state MEMBER) when missing; NULL without memory. */
static Slot *
map_add(Map *map, uintptr_t address)
{
    if ((map->count + 1) * 2 > map->capacity) {
        size_t capacity = map->capacity ? map->capacity * 2 : 256;
        Slot *slots = PyMem_Calloc(capacity, sizeof(Slot));
        if (slots == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (size_t i = 0; i < map->capacity; i++) {
            if (map->slots[i].state == EMPTY)
                continue;
            size_t at = address_hash(map->slots[i].address) & (capacity - 1);
            while (slots[at].state != EMPTY)
                at = (at + 1) & (capacity - 1);
            slots[at] = map->slots[i];
        }
        PyMem_Free(map->slots);
        map->slots = slots;
        map->capacity = capacity;
    }
    size_t at = address_hash(address) & (map->capacity - 1);
    while (map->slots[at].state != EMPTY) {
        if (map->slots[at].address == address)
            return &map->slots[at];
        at = (at + 1) & (map->capacity - 1);
    }
    map->slots[at] = (Slot){address, MEMBER, NULL};
    map->count++;
    return &map->slots[at];
}

static void
map_clear(Map *map)
{
    for (size_t i = 0; i < map->capacity; i++)
        Py_XDECREF(map->slots[i].value);
    PyMem_Free(map->slots);
    *map = (Map){0};
}

static inline int
is_container(PyObject *value)
{
    return PyDict_CheckExact(value) || PyList_CheckExact(value);
}

/* -- ref_holders ------------------------------------------------------------------------ */

/* mine != theirs or type(mine) is not type(theirs), as refindex.ref_holders compares */
static int
same_segment(PyObject *mine, PyObject *theirs)
{
    if (mine == theirs)
        return 1;
    if (Py_TYPE(mine) != Py_TYPE(theirs))
        return 0;
    return PyObject_RichCompareBool(mine, theirs, Py_EQ);
}

/* node[segment], borrowed; NULL with an exception when it is not there */
static PyObject *
child_of(PyObject *node, PyObject *segment)
{
    if (PyDict_CheckExact(node)) {
        PyObject *child = PyDict_GetItemWithError(node, segment);
        if (child == NULL && !PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, segment);
        return child;
    }
    if (PyList_CheckExact(node) && PyLong_CheckExact(segment)) {
        Py_ssize_t index = PyLong_AsSsize_t(segment);
        if (index == -1 && PyErr_Occurred())
            return NULL;
        if (index < 0)
            index += PyList_GET_SIZE(node);
        return PyList_GetItem(node, index);
    }
    PyErr_SetString(PyExc_TypeError, "a $ref path leads through a scalar");
    return NULL;
}

static int
add_id(PyObject *holders, PyObject *node)
{
    PyObject *id = PyLong_FromVoidPtr(node);
    if (id == NULL)
        return -1;
    int status = PySet_Add(holders, id);
    Py_DECREF(id);
    return status;
}

static PyObject *
ref_holders(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "ref_holders(data, found: list)");
        return NULL;
    }
    PyObject *data = args[0], *found = args[1];
    PyObject *holders = PySet_New(NULL);
    if (holders == NULL)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(found);
    if (count == 0)
        return holders;
    /* the containers along the previous path (borrowed: the document holds them) */
    Py_ssize_t capacity = 64, depth = 0;
    PyObject **chain = PyMem_Malloc(capacity * sizeof(PyObject *));
    PyObject *previous = NULL;
    if (chain == NULL) {
        Py_DECREF(holders);
        return PyErr_NoMemory();
    }
    chain[0] = data;
    if (add_id(holders, data) < 0)
        goto error;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyList_GET_ITEM(found, i);
        if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) < 1
            || !PyTuple_CheckExact(PyTuple_GET_ITEM(item, 0))) {
            PyErr_SetString(PyExc_TypeError, "found holds (path, ref) pairs");
            goto error;
        }
        PyObject *path = PyTuple_GET_ITEM(item, 0);
        Py_ssize_t length = PyTuple_GET_SIZE(path), shared = 0;
        Py_ssize_t common = previous == NULL ? 0 : PyTuple_GET_SIZE(previous);
        if (common > length)
            common = length;
        while (shared < common) {
            int same = same_segment(PyTuple_GET_ITEM(path, shared),
                                    PyTuple_GET_ITEM(previous, shared));
            if (same < 0)
                goto error;
            if (!same)
                break;
            shared++;
        }
        depth = shared; /* chain[0..shared] stay: they are in holders already */
        if (length + 1 > capacity) {
            capacity = (length + 1) * 2;
            PyObject **grown = PyMem_Realloc(chain, capacity * sizeof(PyObject *));
            if (grown == NULL) {
                PyErr_NoMemory();
                goto error;
            }
            chain = grown;
        }
        for (Py_ssize_t s = shared; s < length; s++) {
            PyObject *node = child_of(chain[depth], PyTuple_GET_ITEM(path, s));
            if (node == NULL || add_id(holders, node) < 0)
                goto error;
            chain[++depth] = node;
        }
        previous = path;
    }
    PyMem_Free(chain);
    return holders;
error:
    PyMem_Free(chain);
    Py_DECREF(holders);
    return NULL;
}

/* -- parents ---------------------------------------------------------------------------- */

/* node[segment] as Python's subscript reads it, borrowed; NULL (no exception) where it fails */
static PyObject *
step(PyObject *node, PyObject *segment)
{
    if (PyDict_CheckExact(node)) {
        PyObject *child = PyDict_GetItemWithError(node, segment);
        if (child == NULL)
            PyErr_Clear(); /* an unhashable segment: a failed step too */
        return child;
    }
    if (PyList_CheckExact(node) && PyLong_CheckExact(segment)) {
        Py_ssize_t index = PyLong_AsSsize_t(segment);
        if (index == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return NULL;
        }
        if (index < 0)
            index += PyList_GET_SIZE(node);
        if (index < 0 || index >= PyList_GET_SIZE(node))
            return NULL;
        return PyList_GET_ITEM(node, index);
    }
    return NULL;
}

static PyObject *
parents(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "parents(document, paths: list)");
        return NULL;
    }
    PyObject *document = args[0], *paths = args[1];
    Py_ssize_t count = PyList_GET_SIZE(paths);
    PyObject *found = PyList_New(count);
    if (found == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *path = PyList_GET_ITEM(paths, i);
        if (!PyTuple_CheckExact(path)) {
            Py_DECREF(found);
            PyErr_SetString(PyExc_TypeError, "paths are tuples");
            return NULL;
        }
        PyObject *node = PyTuple_GET_SIZE(path) ? document : NULL;
        for (Py_ssize_t s = 0; node != NULL && s < PyTuple_GET_SIZE(path) - 1; s++)
            node = step(node, PyTuple_GET_ITEM(path, s));
        PyList_SET_ITEM(found, i, Py_NewRef(node != NULL ? node : Py_None));
    }
    return found;
}

/* -- resolve ---------------------------------------------------------------------------- */

typedef struct {
    PyObject *document; /* strong */
    Map holders;        /* the containers holding a $ref at some depth (state MEMBER) */
    PyObject *follows;  /* strong: ref -> follow's answer, for this document */
} DocState;

typedef struct {
    PyObject *node;     /* strong: the raw container */
    PyObject *document; /* strong */
    DocState *doc;      /* index into Resolver.docs, as a pointer kept valid (see doc_state) */
    Py_ssize_t position; /* PyDict_Next's position, or the next list index */
    PyObject *key;      /* borrowed from node: the member being resolved, if has_member */
    PyObject *child;    /* borrowed from node */
    int has_member;
    PyObject *out;      /* strong, or NULL: the copy, made at the first member that changes */
} Frame;

typedef struct {
    PyObject *follow, *holders_of, *circular;
    PyObject *ref_key; /* strong: "$ref" */
    DocState **docs;
    Py_ssize_t n_docs;
    Map memo; /* raw container -> ACTIVE while being resolved, DONE with its value after */
    Frame *frames;
    Py_ssize_t depth, capacity;
} Resolver;

static PyObject PENDING_OBJECT; /* a marker, never a Python value */
#define PENDING (&PENDING_OBJECT)

static DocState *
doc_state(Resolver *r, PyObject *document)
{
    for (Py_ssize_t i = 0; i < r->n_docs; i++)
        if (r->docs[i]->document == document)
            return r->docs[i];
    PyObject *ids = PyObject_CallOneArg(r->holders_of, document);
    if (ids == NULL)
        return NULL;
    DocState *doc = PyMem_Calloc(1, sizeof(DocState));
    DocState **grown = doc == NULL ? NULL
                                   : PyMem_Realloc(r->docs, (r->n_docs + 1) * sizeof(DocState *));
    if (grown == NULL) {
        PyMem_Free(doc);
        Py_DECREF(ids);
        PyErr_NoMemory();
        return NULL;
    }
    r->docs = grown;
    r->docs[r->n_docs++] = doc;
    doc->document = Py_NewRef(document);
    doc->follows = PyDict_New();
    PyObject *iterator = doc->follows == NULL ? NULL : PyObject_GetIter(ids);
    Py_DECREF(ids);
    if (iterator == NULL)
        return NULL;
    PyObject *id;
    while ((id = PyIter_Next(iterator)) != NULL) {
        void *address = PyLong_AsVoidPtr(id);
        Py_DECREF(id);
        if ((address == NULL && PyErr_Occurred()) || map_add(&doc->holders, (uintptr_t)address) == NULL) {
            Py_DECREF(iterator);
            return NULL;
        }
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? NULL : doc;
}

/* follow(document, node) for a node with a string $ref, remembered per document and ref (as
   Inventory.follow remembers it): borrowed, Py_None when the chain breaks, NULL on error. */
static PyObject *
followed(Resolver *r, DocState *doc, PyObject *node, PyObject *ref)
{
    PyObject *known = PyDict_GetItemWithError(doc->follows, ref);
    if (known != NULL || PyErr_Occurred())
        return known;
    PyObject *found = PyObject_CallFunctionObjArgs(r->follow, doc->document, node, NULL);
    if (found == NULL)
        return NULL;
    if (found != Py_None && (!PyTuple_CheckExact(found) || PyTuple_GET_SIZE(found) < 2)) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "follow answers (document, target, path) or None");
        return NULL;
    }
    int stored = PyDict_SetItem(doc->follows, ref, found);
    Py_DECREF(found);
    return stored < 0 ? NULL : PyDict_GetItemWithError(doc->follows, ref);
}

static int
push(Resolver *r, PyObject *document, DocState *doc, PyObject *node)
{
    if (r->depth == r->capacity) {
        Py_ssize_t capacity = r->capacity ? r->capacity * 2 : 64;
        Frame *grown = PyMem_Realloc(r->frames, capacity * sizeof(Frame));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        r->frames = grown;
        r->capacity = capacity;
    }
    r->frames[r->depth++] = (Frame){Py_NewRef(node), Py_NewRef(document), doc, 0, NULL, NULL,
                                    0, NULL};
    return 0;
}

static void
frame_clear(Frame *frame)
{
    Py_CLEAR(frame->node);
    Py_CLEAR(frame->document);
    Py_CLEAR(frame->out);
}

/* _ResolvedBuilder.enter: the resolved value of node (a new reference) if known now, else
   PENDING (a frame was pushed), or NULL on error. */
static PyObject *
enter(Resolver *r, PyObject *document, PyObject *node)
{
    DocState *doc = NULL;
    if (PyDict_CheckExact(node)) {
        PyObject *ref = PyDict_GetItemWithError(node, r->ref_key);
        if (ref == NULL && PyErr_Occurred())
            return NULL;
        if (ref != NULL && PyUnicode_CheckExact(ref)) {
            doc = doc_state(r, document);
            if (doc == NULL)
                return NULL;
            PyObject *found = followed(r, doc, node, ref);
            if (found == NULL)
                return NULL;
            if (found == Py_None)
                return Py_NewRef(node);
            PyObject *target = PyTuple_GET_ITEM(found, 1);
            Slot *slot = map_find(&r->memo, (uintptr_t)target);
            if (slot != NULL && slot->state == ACTIVE) {
                if (PySet_Add(r->circular, ref) < 0)
                    return NULL;
                return Py_NewRef(node);
            }
            document = PyTuple_GET_ITEM(found, 0);
            node = target;
            doc = NULL;
        }
    }
    if (!is_container(node))
        return Py_NewRef(node);
    if (doc == NULL && (doc = doc_state(r, document)) == NULL)
        return NULL;
    if (map_find(&doc->holders, (uintptr_t)node) == NULL)
        return Py_NewRef(node); /* no $ref below: the resolved value is the node itself */
    Slot *slot = map_find(&r->memo, (uintptr_t)node);
    if (slot != NULL && slot->state == DONE)
        return Py_NewRef(slot->value);
    if (slot != NULL && slot->state == ACTIVE)
        return Py_NewRef(node);
    slot = map_add(&r->memo, (uintptr_t)node);
    if (slot == NULL)
        return NULL;
    slot->state = ACTIVE;
    return push(r, document, doc, node) < 0 ? NULL : PENDING;
}

/* _Frame.put: value (stolen) for the member being resolved, which is then done. */
static int
put(Frame *frame, PyObject *value)
{
    int status = 0;
    if (value != frame->child) {
        int is_dict = PyDict_CheckExact(frame->node);
        if (frame->out == NULL) {
            frame->out = is_dict ? PyDict_Copy(frame->node)
                                 : PyList_GetSlice(frame->node, 0, PyList_GET_SIZE(frame->node));
            if (frame->out == NULL) {
                Py_DECREF(value);
                return -1;
            }
        }
        if (is_dict)
            status = PyDict_SetItem(frame->out, frame->key, value);
        else
            status = PyList_SetItem(frame->out, frame->position - 1, Py_NewRef(value));
    }
    Py_DECREF(value);
    frame->has_member = 0;
    return status;
}

/* Moves the frame to its next member that may resolve to something else: a container that
   holds a $ref at some depth. 1 when there is one, 0 when the frame is done. */
static int
next_member(Frame *frame)
{
    Map *holders = &frame->doc->holders;
    if (PyDict_CheckExact(frame->node)) {
        PyObject *key, *child;
        while (PyDict_Next(frame->node, &frame->position, &key, &child)) {
            if (is_container(child) && map_find(holders, (uintptr_t)child) != NULL) {
                frame->key = key;
                frame->child = child;
                frame->has_member = 1;
                return 1;
            }
        }
        return 0;
    }
    while (frame->position < PyList_GET_SIZE(frame->node)) {
        PyObject *child = PyList_GET_ITEM(frame->node, frame->position++);
        if (is_container(child) && map_find(holders, (uintptr_t)child) != NULL) {
            frame->key = NULL;
            frame->child = child;
            frame->has_member = 1;
            return 1;
        }
    }
    return 0;
}

static PyObject *
build(Resolver *r, PyObject *root)
{
    PyObject *document_data = PyObject_GetAttrString(root, "data");
    if (document_data == NULL)
        return NULL;
    PyObject *value = enter(r, root, document_data);
    Py_DECREF(document_data);
    if (value != PENDING)
        return value;
    for (;;) {
        Frame *frame = &r->frames[r->depth - 1];
        if (!frame->has_member && !next_member(frame)) {
            /* done: its value is its copy, or itself when nothing below it changed */
            PyObject *result = frame->out != NULL ? Py_NewRef(frame->out)
                                                  : Py_NewRef(frame->node);
            Slot *slot = map_find(&r->memo, (uintptr_t)frame->node);
            slot->state = DONE;
            slot->value = Py_NewRef(result);
            frame_clear(frame);
            r->depth--;
            if (r->depth == 0)
                return result;
            if (put(&r->frames[r->depth - 1], result) < 0)
                return NULL;
            continue;
        }
        value = enter(r, frame->document, frame->child);
        if (value == NULL)
            return NULL;
        /* enter may have pushed a frame, moving the array: find this one again */
        if (value != PENDING && put(&r->frames[r->depth - 1], value) < 0)
            return NULL;
    }
}

static PyObject *
resolve(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PySet_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "resolve(root, follow, holders_of, circular: set)");
        return NULL;
    }
    Resolver r = {.follow = args[1], .holders_of = args[2], .circular = args[3]};
    r.ref_key = PyUnicode_InternFromString("$ref");
    if (r.ref_key == NULL)
        return NULL;
    PyObject *result = build(&r, args[0]);
    Py_DECREF(r.ref_key);
    for (Py_ssize_t i = 0; i < r.depth; i++)
        frame_clear(&r.frames[i]);
    PyMem_Free(r.frames);
    map_clear(&r.memo);
    for (Py_ssize_t i = 0; i < r.n_docs; i++) {
        Py_XDECREF(r.docs[i]->document);
        Py_XDECREF(r.docs[i]->follows);
        map_clear(&r.docs[i]->holders);
        PyMem_Free(r.docs[i]);
    }
    PyMem_Free(r.docs);
    return result;
}

static PyMethodDef methods[] = {
    {"ref_holders", (PyCFunction)(void (*)(void))ref_holders, METH_FASTCALL,
     "The ids of the containers on the way from the root to each $ref's object."},
    {"parents", (PyCFunction)(void (*)(void))parents, METH_FASTCALL,
     "For each path, the container its last segment is in (None where a step fails)."},
    {"resolve", (PyCFunction)(void (*)(void))resolve, METH_FASTCALL,
     "The resolved view of a document (document._ResolvedBuilder.build)."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_resolve", "The resolved view of a document, compiled.", 0,
    methods, slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__resolve(void)
{
    return PyModuleDef_Init(&module_def);
}
