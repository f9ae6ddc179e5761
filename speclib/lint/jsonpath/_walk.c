/*
 * The inner loop of Automaton.run (walk.py), compiled.
 *
 * Why by hand: the one walk over a document (every `given` path of a ruleset at once) is the
 * engine's largest single cost, a quarter to a third of a lint on multi-megabyte documents,
 * and in Python it runs at the interpreter's floor (about half a microsecond per member).
 * No library walks Python objects with an automaton of our own; this file does exactly what
 * the Python loop in walk.py does, in the same order, and calls back into Python for what is
 * rare (transitions on named keys, new state sets) and for the filter expressions themselves,
 * after their pre-checks (Automaton._check's, done here). walk.py stays the reference: it
 * runs where this module was not built, and tests compare the two on every document they walk.
 *
 * run(tables, entry_of, with_states, root, start, results, dedupe)
 *   tables    the automaton's list of _Table objects (it may grow during the walk)
 *   entry_of  Automaton._entry(table, key, length) -> entry
 *   with_states  Automaton._with(set_id, extra states) -> set_id
 *   root      the document
 *   start     the start state set's index
 *   results   a list of lists, one per query: matches are appended as (path, value)
 *   dedupe    enter a container once per state set
 * An entry is (child_set, matched, checks, guards, sieve) as walk.py builds it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define NO_SET (-1)

typedef struct {
    PyObject *node; /* strong */
    PyObject *path; /* strong: a tuple */
    Py_ssize_t set_id;
} Frame;

typedef struct {
    Frame *items;
    Py_ssize_t size;
    Py_ssize_t capacity;
} Stack;

static int
stack_push(Stack *stack, PyObject *node, PyObject *path, Py_ssize_t set_id)
{
    if (stack->size == stack->capacity) {
        Py_ssize_t capacity = stack->capacity ? stack->capacity * 2 : 256;
        Frame *items = PyMem_Realloc(stack->items, capacity * sizeof(Frame));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        stack->items = items;
        stack->capacity = capacity;
    }
    Py_INCREF(node);
    Py_INCREF(path);
    stack->items[stack->size].node = node;
    stack->items[stack->size].path = path;
    stack->items[stack->size].set_id = set_id;
    stack->size++;
    return 0;
}

static void
stack_clear(Stack *stack)
{
    for (Py_ssize_t i = 0; i < stack->size; i++) {
        Py_DECREF(stack->items[i].node);
        Py_DECREF(stack->items[i].path);
    }
    PyMem_Free(stack->items);
}

/* What walk.py reads of a _Table. A table does not change once interned, but for the
 * entries its by_key dict gathers, so a run reads each table once. */
typedef struct {
    PyObject *table;      /* strong; NULL: not read yet */
    PyObject *special;    /* strong: a frozenset */
    PyObject *fallback;   /* strong: the default entry (a tuple) */
    PyObject *by_key;     /* strong: the entries of the special keys met so far (a dict) */
    long idle;
    int positional;
} TableView;

static PyObject *s_special, *s_default, *s_idle, *s_positional, *s_by_key, *s_test;

static void
table_release(TableView *view)
{
    Py_CLEAR(view->table);
    Py_CLEAR(view->special);
    Py_CLEAR(view->fallback);
    Py_CLEAR(view->by_key);
}

static int
table_read(PyObject *tables, Py_ssize_t set_id, TableView *view)
{
    PyObject *table = PyList_GetItem(tables, set_id); /* borrowed */
    if (table == NULL)
        return -1;
    view->table = Py_NewRef(table);
    view->special = PyObject_GetAttr(table, s_special);
    view->fallback = PyObject_GetAttr(table, s_default);
    view->by_key = PyObject_GetAttr(table, s_by_key);
    PyObject *idle = PyObject_GetAttr(table, s_idle);
    PyObject *positional = PyObject_GetAttr(table, s_positional);
    int ok = view->special != NULL && view->fallback != NULL && view->by_key != NULL
             && idle != NULL && positional != NULL;
    if (ok && (!PyAnySet_Check(view->special) || !PyDict_CheckExact(view->by_key))) {
        PyErr_SetString(PyExc_TypeError, "a table's special keys are a set, by_key a dict");
        ok = 0;
    }
    if (ok) {
        view->idle = PyLong_AsLong(idle);
        view->positional = PyObject_IsTrue(positional);
        ok = !(view->idle == -1 && PyErr_Occurred()) && view->positional != -1;
    }
    Py_XDECREF(idle);
    Py_XDECREF(positional);
    if (!ok) {
        table_release(view);
        return -1;
    }
    return 0;
}

static inline int
is_container(PyObject *value)
{
    return PyDict_CheckExact(value) || PyList_CheckExact(value);
}

/* not child.keys().isdisjoint(guards), for a dict child */
static int
holds_any(PyObject *child, PyObject *guards)
{
    if (PyTuple_CheckExact(guards)) { /* the walk's guards (a filter's keys are a set) */
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(guards); i++) {
            int found = PyDict_Contains(child, PyTuple_GET_ITEM(guards, i));
            if (found != 0)
                return found;
        }
        return 0;
    }
    PyObject *iterator = PyObject_GetIter(guards);
    if (iterator == NULL)
        return -1;
    PyObject *key;
    int found = 0;
    while (found == 0 && (key = PyIter_Next(iterator)) != NULL) {
        found = PyDict_Contains(child, key); /* 1, or -1 on error */
        Py_DECREF(key);
    }
    Py_DECREF(iterator);
    if (found == 0 && PyErr_Occurred())
        return -1;
    return found;
}

/* The walk's test before a filter check: whether the check may pass. */
static int
worth_checking(PyObject *child, PyObject *guards, PyObject *sieve)
{
    int is_dict = PyDict_CheckExact(child);
    if (guards != Py_None) {
        if (!is_dict)
            return 0;
        int held = holds_any(child, guards);
        if (held <= 0)
            return held;
    }
    if (sieve == Py_None || !is_dict)
        return 1;
    /* sieve = (member, strings): a string member must be one of the strings */
    PyObject *member = PyTuple_GET_ITEM(sieve, 0);
    PyObject *strings = PyTuple_GET_ITEM(sieve, 1);
    PyObject *held;
    if (PyDict_GetItemRef(child, member, &held) < 0)
        return -1;
    if (held == NULL)
        return 1;
    int result = 1;
    if (PyUnicode_CheckExact(held))
        result = PySequence_Contains(strings, held);
    Py_DECREF(held);
    return result;
}

static PyObject *
append_key(PyObject *path, PyObject *key)
{
    Py_ssize_t n = PyTuple_GET_SIZE(path);
    PyObject *extended = PyTuple_New(n + 1);
    if (extended == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SET_ITEM(extended, i, Py_NewRef(PyTuple_GET_ITEM(path, i)));
    PyTuple_SET_ITEM(extended, n, Py_NewRef(key));
    return extended;
}

/* The (container, state set) pairs a deduplicating walk has entered: an open-addressing hash
 * set of pairs, no Python object per pair. The containers are alive for the whole walk (the
 * document holds them), so their addresses stay theirs. */
typedef struct {
    uintptr_t address; /* 0: an empty slot */
    Py_ssize_t set_id;
} Marker;

typedef struct {
    Marker *slots;
    size_t capacity; /* a power of two */
    size_t count;
} Seen;

static inline size_t
marker_hash(uintptr_t address, Py_ssize_t set_id)
{
    uint64_t h = ((uint64_t)address >> 4) * 0x9E3779B97F4A7C15ULL ^ (uint64_t)set_id;
    return (size_t)(h ^ (h >> 29));
}

/* Adds the pair; 1 if it was there already, 0 if added, -1 without memory. */
static int
seen_add(Seen *seen, uintptr_t address, Py_ssize_t set_id)
{
    if ((seen->count + 1) * 2 > seen->capacity) {
        size_t capacity = seen->capacity ? seen->capacity * 2 : 1024;
        Marker *slots = PyMem_Calloc(capacity, sizeof(Marker));
        if (slots == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        for (size_t i = 0; i < seen->capacity; i++) {
            Marker old = seen->slots[i];
            if (old.address == 0)
                continue;
            size_t at = marker_hash(old.address, old.set_id) & (capacity - 1);
            while (slots[at].address != 0)
                at = (at + 1) & (capacity - 1);
            slots[at] = old;
        }
        PyMem_Free(seen->slots);
        seen->slots = slots;
        seen->capacity = capacity;
    }
    size_t at = marker_hash(address, set_id) & (seen->capacity - 1);
    while (seen->slots[at].address != 0) {
        if (seen->slots[at].address == address && seen->slots[at].set_id == set_id)
            return 1;
        at = (at + 1) & (seen->capacity - 1);
    }
    seen->slots[at] = (Marker){address, set_id};
    seen->count++;
    return 0;
}

typedef struct {
    PyObject *tables, *entry_of, *with_states, *root, *results;
    Seen seen;
    int dedupe;
    Stack stack;
    TableView *views; /* by state set id, read on first use */
    Py_ssize_t n_views;
} Walk;

/* The view of table `set_id` (the tables grow as the walk meets new state sets). */
static TableView *
table_view(Walk *walk, Py_ssize_t set_id)
{
    if (set_id < 0) {
        PyErr_SetString(PyExc_IndexError, "no table for that state set");
        return NULL;
    }
    if (set_id >= walk->n_views) {
        Py_ssize_t count = PyList_GET_SIZE(walk->tables);
        if (count <= set_id)
            count = set_id + 1;
        TableView *grown = PyMem_Realloc(walk->views, count * sizeof(TableView));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        memset(grown + walk->n_views, 0, (count - walk->n_views) * sizeof(TableView));
        walk->views = grown;
        walk->n_views = count;
    }
    TableView *view = &walk->views[set_id];
    if (view->table == NULL && table_read(walk->tables, set_id, view) < 0)
        return NULL;
    return view;
}

/* Filter.passes_prechecks beyond `keys` (checked by the caller): one key of each of
 * more_keys, and the string members that must be one of the allowed strings. */
static int
passes_more(PyObject *child, PyObject *more_keys, PyObject *values)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(more_keys); i++) {
        int held = holds_any(child, PyTuple_GET_ITEM(more_keys, i));
        if (held <= 0)
            return held;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(values); i++) {
        PyObject *pair = PyTuple_GET_ITEM(values, i);
        PyObject *held;
        if (PyDict_GetItemRef(child, PyTuple_GET_ITEM(pair, 0), &held) < 0)
            return -1;
        if (held == NULL)
            continue;
        int allowed = 1;
        if (PyUnicode_CheckExact(held))
            allowed = PySequence_Contains(PyTuple_GET_ITEM(pair, 1), held);
        Py_DECREF(held);
        if (allowed <= 0)
            return allowed;
    }
    return 1;
}

/* JavaScript's truthiness of a JSON value (runtime._truthy) */
static int
js_truthy(PyObject *value)
{
    if (value == NULL || value == Py_None || value == Py_False)
        return 0;
    if (value == Py_True)
        return 1;
    if (PyUnicode_CheckExact(value))
        return PyUnicode_GET_LENGTH(value) != 0;
    if (PyLong_CheckExact(value))
        return PyObject_IsTrue(value); /* cannot fail on an int */
    if (PyFloat_CheckExact(value)) {
        double number = PyFloat_AS_DOUBLE(value);
        return number != 0.0 && number == number;
    }
    return 1;
}

#define NOT_DECIDED 2

/* Whether every condition reads the node's key only (KEY_IS_NOT, KEY_IS): then they decide on
 * a node of any kind. */
static int
on_keys_only(PyObject *conditions)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(conditions); i++) {
        long code = PyLong_AsLong(PyTuple_GET_ITEM(PyTuple_GET_ITEM(conditions, i), 0));
        if (code != 2 && code != 5)
            return 0;
    }
    return 1;
}

/* A conjunction of conditions (filter.py's _conditions) on `child` (an object, unless they read
 * its key only) with the key `key`: 1 or 0, NOT_DECIDED for a condition it does not know, -1
 * with an exception set. */
static int
conjunction(PyObject *conditions, PyObject *child, PyObject *key)
{
    int result = 1;
    for (Py_ssize_t i = 0; result == 1 && i < PyTuple_GET_SIZE(conditions); i++) {
        PyObject *condition = PyTuple_GET_ITEM(conditions, i);
        long code = PyLong_AsLong(PyTuple_GET_ITEM(condition, 0));
        if (code == -1 && PyErr_Occurred())
            return -1;
        PyObject *argument = PyTuple_GET_ITEM(condition, 1);
        PyObject *member = NULL;
        if (code == 1 || code == 4) {
            member = PyDict_GetItemWithError(child, argument); /* borrowed */
            if (member == NULL && PyErr_Occurred())
                return -1;
        }
        switch (code) {
        case 0: /* @: an object is truthy */
        case 3: /* @ != null: an object is not null */
            break;
        case 1: /* @.name */
            result = js_truthy(member);
            break;
        case 2: /* @property !== 'text' */
        case 5: /* @property === 'text' */
            if (PyUnicode_CheckExact(key)) {
                int same = PyUnicode_Compare(key, argument) == 0;
                if (same == 0 && PyErr_Occurred())
                    return -1;
                result = code == 2 ? !same : same;
            }
            else { /* an index is no text */
                result = code == 2;
            }
            break;
        case 4: /* @.name.constructor.name === 'Array' */
            result = member != NULL && PyList_CheckExact(member);
            break;
        case 6: /* any of the conjunctions in the argument */
            result = 0;
            for (Py_ssize_t j = 0; result == 0 && j < PyTuple_GET_SIZE(argument); j++)
                result = conjunction(PyTuple_GET_ITEM(argument, j), child, key);
            break;
        case 7: /* @.name !== void 0: a member of JSON is never undefined */
            result = PyDict_Contains(child, argument);
            break;
        default:
            result = NOT_DECIDED;
        }
    }
    return result;
}

/* The filter's test on a child, from its conditions (filter.py's _conditions) where it has
 * them: 1 or 0, NOT_DECIDED without conditions (or on a child that is not an object, unless
 * the conditions read its key only), -1 with an exception set. */
static int
by_conditions(PyObject *conditions, PyObject *child, PyObject *key)
{
    if (PyTuple_CheckExact(conditions) && (PyDict_CheckExact(child) || on_keys_only(conditions)))
        return conjunction(conditions, child, key);
    return NOT_DECIDED;
}

/* The filter's own test, called in Python: 1 or 0, or -1 with an exception set. Read from
 * the filter at each call: its first call compiles the expression and puts the compiled test
 * in its place. */
static int
call_test(Walk *walk, PyObject *filter, int with_path, PyObject *child, PyObject *key,
          PyObject *node, PyObject *parent_key, PyObject *path)
{
    PyObject *child_path = with_path ? append_key(path, key) : Py_NewRef(Py_None);
    if (child_path == NULL)
        return -1;
    PyObject *test = PyObject_GetAttr(filter, s_test);
    PyObject *outcome = test == NULL ? NULL
                                     : PyObject_CallFunctionObjArgs(test, child, key, node,
                                                                    parent_key, child_path,
                                                                    walk->root, NULL);
    Py_XDECREF(test);
    Py_DECREF(child_path);
    if (outcome == NULL)
        return -1;
    int passed = PyObject_IsTrue(outcome);
    Py_DECREF(outcome);
    return passed;
}

/* Automaton._check: the filters of `checks` on one child, each after its pre-checks; the
 * states they lead to join *child_set, the queries they complete join *matched. */
static int
check_filters(Walk *walk, PyObject *checks, PyObject **child_set, PyObject **matched,
              PyObject *child, PyObject *key, PyObject *node, PyObject *parent_key,
              PyObject *path)
{
    PyObject *extra = NULL, *found = NULL;
    int status = -1;
    int is_dict = PyDict_CheckExact(child);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(checks); i++) {
        /* (filter, following, query, what the walk reads of the filter: walk.py's _prechecks) */
        PyObject *item = PyTuple_GET_ITEM(checks, i);
        PyObject *read = PyTuple_GET_ITEM(item, 3);
        if (!PyTuple_CheckExact(read) || PyTuple_GET_SIZE(read) != 5) {
            PyErr_SetString(PyExc_TypeError, "a filter check's pre-checks must be a tuple of five");
            goto done;
        }
        PyObject *keys = PyTuple_GET_ITEM(read, 0);
        int worth = 1;
        if (keys != Py_None) {
            worth = is_dict ? holds_any(child, keys) : 0;
            if (worth > 0)
                worth = passes_more(child, PyTuple_GET_ITEM(read, 1), PyTuple_GET_ITEM(read, 2));
        }
        if (worth < 0)
            goto done;
        if (!worth)
            continue;
        int passed = by_conditions(PyTuple_GET_ITEM(read, 3), child, key);
        if (passed == NOT_DECIDED) {
            int with_path = PyObject_IsTrue(PyTuple_GET_ITEM(read, 4));
            passed = with_path < 0 ? -1
                                   : call_test(walk, PyTuple_GET_ITEM(item, 0), with_path, child,
                                               key, node, parent_key, path);
        }
        if (passed < 0)
            goto done;
        if (!passed)
            continue;
        PyObject *following = PyTuple_GET_ITEM(item, 1);
        Py_ssize_t next = PyLong_AsSsize_t(following);
        if (next == -1 && PyErr_Occurred())
            goto done;
        PyObject **into = next != NO_SET ? &extra : &found;
        if (*into == NULL && (*into = PyList_New(0)) == NULL)
            goto done;
        if (PyList_Append(*into, next != NO_SET ? following : PyTuple_GET_ITEM(item, 2)) < 0)
            goto done;
    }
    if (extra != NULL) {
        PyObject *joined = PyObject_CallFunctionObjArgs(walk->with_states, *child_set, extra, NULL);
        if (joined == NULL)
            goto done;
        Py_SETREF(*child_set, joined);
    }
    if (found != NULL) {
        PyObject *tail = PyList_AsTuple(found);
        PyObject *joined = tail ? PySequence_Concat(*matched, tail) : NULL;
        Py_XDECREF(tail);
        if (joined == NULL)
            goto done;
        Py_SETREF(*matched, joined);
    }
    status = 0;
done:
    Py_XDECREF(extra);
    Py_XDECREF(found);
    return status;
}

/* One child of the node being walked; returns 0, or -1 with an exception set. */
static int
visit(Walk *walk, TableView *view, PyObject *node, PyObject *path, PyObject *parent_key,
      Py_ssize_t length, PyObject *key, PyObject *child, int is_dict)
{
    PyObject *entry;
    int special;
    if (is_dict) {
        special = PySet_Contains(view->special, key);
        if (special < 0)
            return -1;
    }
    else {
        special = view->positional;
    }
    if (special) {
        /* a named key's entry, once _entry has made it (as _entry itself looks it up) */
        entry = is_dict ? PyDict_GetItemWithError(view->by_key, key) : NULL;
        if (entry != NULL) {
            Py_INCREF(entry);
        }
        else if (PyErr_Occurred()) {
            return -1;
        }
        else {
            PyObject *size = PyLong_FromSsize_t(length);
            if (size == NULL)
                return -1;
            entry = PyObject_CallFunctionObjArgs(walk->entry_of, view->table, key, size, NULL);
            Py_DECREF(size);
            if (entry == NULL)
                return -1;
        }
    }
    else {
        if (view->idle && (view->idle == 2 || !is_container(child)))
            return 0; /* a scalar (or anything, when idle is 2) that yields nothing */
        entry = Py_NewRef(view->fallback);
    }
    if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 5) {
        Py_DECREF(entry);
        PyErr_SetString(PyExc_TypeError, "a walk entry must be a tuple of five");
        return -1;
    }
    PyObject *child_set = Py_NewRef(PyTuple_GET_ITEM(entry, 0));
    PyObject *matched = Py_NewRef(PyTuple_GET_ITEM(entry, 1));
    PyObject *checks = PyTuple_GET_ITEM(entry, 2);
    PyObject *guards = PyTuple_GET_ITEM(entry, 3);
    PyObject *sieve = PyTuple_GET_ITEM(entry, 4);
    int status = -1;
    PyObject *child_path = NULL;
    if (PyTuple_GET_SIZE(checks)) {
        int worth = worth_checking(child, guards, sieve);
        if (worth < 0)
            goto done;
        if (worth && check_filters(walk, checks, &child_set, &matched, child, key, node,
                                   parent_key, path) < 0)
            goto done;
    }
    Py_ssize_t matches = PyTuple_GET_SIZE(matched);
    Py_ssize_t next_set = PyLong_AsSsize_t(child_set);
    if (next_set == -1 && PyErr_Occurred())
        goto done;
    if (matches || (next_set != NO_SET && is_container(child))) {
        child_path = append_key(path, key);
        if (child_path == NULL)
            goto done;
    }
    for (Py_ssize_t i = 0; i < matches; i++) {
        Py_ssize_t query = PyLong_AsSsize_t(PyTuple_GET_ITEM(matched, i));
        if (query == -1 && PyErr_Occurred())
            goto done;
        PyObject *found = PyList_GetItem(walk->results, query); /* borrowed */
        if (found == NULL)
            goto done;
        PyObject *pair = PyTuple_Pack(2, child_path, child);
        if (pair == NULL)
            goto done;
        int appended = PyList_Append(found, pair);
        Py_DECREF(pair);
        if (appended < 0)
            goto done;
    }
    if (next_set != NO_SET && is_container(child)) {
        if (walk->dedupe) {
            int known = seen_add(&walk->seen, (uintptr_t)child, next_set);
            if (known < 0)
                goto done;
            if (known) {
                status = 0;
                goto done;
            }
        }
        if (stack_push(&walk->stack, child, child_path, next_set) < 0)
            goto done;
    }
    status = 0;
done:
    Py_XDECREF(child_path);
    Py_DECREF(child_set);
    Py_DECREF(matched);
    Py_DECREF(entry);
    return status;
}

static int
walk_node(Walk *walk, PyObject *node, PyObject *path, Py_ssize_t set_id)
{
    TableView *found = table_view(walk, set_id);
    if (found == NULL)
        return -1;
    TableView view = *found; /* borrowed: the walk holds the references */
    int status = -1;
    Py_ssize_t depth = PyTuple_GET_SIZE(path);
    PyObject *parent_key = depth ? PyTuple_GET_ITEM(path, depth - 1) : Py_None;
    int is_dict = PyDict_CheckExact(node);
    Py_ssize_t length = is_dict ? PyDict_GET_SIZE(node) : PyList_GET_SIZE(node);
    if (view.idle == 2 && !(is_dict ? PySet_GET_SIZE(view.special) > 0 : view.positional)) {
        status = 0; /* no child of this node can match or lead to a match */
        goto done;
    }
    if (is_dict) {
        Py_ssize_t pos = 0;
        PyObject *key, *child;
        /* Filters and transitions read the document, never change it. */
        while (PyDict_Next(node, &pos, &key, &child)) {
            Py_INCREF(key);
            Py_INCREF(child);
            int visited = visit(walk, &view, node, path, parent_key, length, key, child, 1);
            Py_DECREF(key);
            Py_DECREF(child);
            if (visited < 0)
                goto done;
        }
    }
    else {
        for (Py_ssize_t index = 0; index < PyList_GET_SIZE(node); index++) {
            PyObject *child = Py_NewRef(PyList_GET_ITEM(node, index));
            PyObject *key = PyLong_FromSsize_t(index);
            int visited = key == NULL ? -1
                                      : visit(walk, &view, node, path, parent_key, length,
                                              key, child, 0);
            Py_XDECREF(key);
            Py_DECREF(child);
            if (visited < 0)
                goto done;
        }
    }
    status = 0;
done:
    return status;
}

static PyObject *
run(PyObject *module, PyObject *args)
{
    Walk walk = {0};
    Py_ssize_t start;
    if (!PyArg_ParseTuple(args, "O!OOOnO!p", &PyList_Type, &walk.tables, &walk.entry_of,
                          &walk.with_states, &walk.root, &start, &PyList_Type, &walk.results,
                          &walk.dedupe))
        return NULL;
    if (!is_container(walk.root))
        Py_RETURN_NONE;
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL || stack_push(&walk.stack, walk.root, empty, start) < 0) {
        Py_XDECREF(empty);
        return NULL;
    }
    Py_DECREF(empty);
    int status = 0;
    while (walk.stack.size) {
        Frame frame = walk.stack.items[--walk.stack.size];
        status = walk_node(&walk, frame.node, frame.path, frame.set_id);
        Py_DECREF(frame.node);
        Py_DECREF(frame.path);
        if (status < 0)
            break;
    }
    stack_clear(&walk.stack);
    for (Py_ssize_t i = 0; i < walk.n_views; i++)
        table_release(&walk.views[i]);
    PyMem_Free(walk.views);
    PyMem_Free(walk.seen.slots);
    if (status < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"run", run, METH_VARARGS, "Walk a document with an automaton's tables (see walk.py)."},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *module)
{
    s_special = PyUnicode_InternFromString("special");
    s_default = PyUnicode_InternFromString("default");
    s_idle = PyUnicode_InternFromString("idle");
    s_positional = PyUnicode_InternFromString("positional");
    s_by_key = PyUnicode_InternFromString("by_key");
    s_test = PyUnicode_InternFromString("test");
    if (!s_special || !s_default || !s_idle || !s_positional || !s_by_key || !s_test)
        return -1;
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    /* the interned attribute names are process-wide statics */
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_walk", "The compiled inner loop of the JSONPath walk.", 0,
    methods, slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__walk(void)
{
    return PyModuleDef_Init(&module_def);
}
