"""Build hook: compiles the lint engine's walk loop (speclib/lint/jsonpath/_walk.c) at install.

The module is optional. Without a C compiler the engine runs the same loop in Python
(walk.py, the reference the tests compare it with), only slower, so a failed build warns and
goes on. In an editable install (``uv sync``) the module is written beside walk.py; in a
wheel it is included as an artifact and the wheel is tagged for this interpreter.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("speclib", "lint", "jsonpath", "_walk.c")


class NativeWalkHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        source = Path(self.root) / SOURCE
        target = source.with_name("_walk" + sysconfig.get_config_var("EXT_SUFFIX"))
        if not _compile(source, target):
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["artifacts"].append(str(target.relative_to(self.root)))


def _compile(source: Path, target: Path) -> bool:
    # LDSHARED compiles and links an extension module on this platform ("cc -shared" on
    # Linux, with "-bundle -undefined dynamic_lookup" on macOS).
    linker = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc -shared")
    include = sysconfig.get_paths()["include"]
    command = [*linker, "-O2", "-fPIC", f"-I{include}", str(source), "-o", str(target)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        result = None
        reason = str(exc)
    else:
        reason = result.stderr.strip()
    if result is None or result.returncode != 0:
        print(
            f"warning: the compiled walk was not built ({reason}); "
            "the lint engine runs its Python loop instead",
            file=sys.stderr,
        )
        return False
    return True
