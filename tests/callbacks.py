"""On-commit callbacks as tests count them: the tasks handed to the worker, without the
catalog's cache generation bump that any catalog change also registers."""

from catalog.cache import generation_bump


def queued_tasks(callbacks) -> list:
    return [callback for callback in callbacks if callback is not generation_bump]
