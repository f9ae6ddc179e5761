"""JSONPath in Spectral's dialect, compiled so that many queries share one walk."""

from .filter import FilterError
from .parse import JsonPathError, Query, Step, parse_path
from .walk import Automaton

__all__ = ["Automaton", "FilterError", "JsonPathError", "Query", "Step", "parse_path"]
