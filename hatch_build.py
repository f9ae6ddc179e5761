"""Build hook: compiles the lint engine's C modules at install.

Each is the compiled form of a hot Python loop that stays beside it as the reference and the
fallback (the tests compare the two): the JSONPath walk (speclib/lint/jsonpath/_walk.c, for
walk.py), the JSON loader's node and key counts (speclib/_jsonmeasure.c, for jsonload.py), the
ranges of JSON paths in source text (speclib/lint/_positions.c, for positions.py), the resolved
view, its index and a lookup of parents (speclib/lint/_resolve.c, for document.py, refindex.py
and functions/oas_misc.py) and the YAML loader (speclib/_yamlbuild.c with its first reader,
speclib/_yamlscan.h, for yamlbuild.py; it falls back on libyaml and needs libyaml's headers,
the Debian package libyaml-dev). They are optional: without a C compiler (or the headers) the
engine runs the Python code, with the same results, only slower, so a failed build warns and
goes on. In an editable install (``uv sync``) a module is written beside its source; in a
wheel it is included as an artifact and the wheel is tagged for this interpreter.

``python hatch_build.py`` builds the modules in place in its own checkout, without hatchling
(benchmarks/lint_instructions.py does so in the worktree of the revision it compares with).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

# Each module's source and the libraries it links with.
SOURCES = (
    (Path("speclib", "lint", "jsonpath", "_walk.c"), ()),
    (Path("speclib", "_jsonmeasure.c"), ()),
    (Path("speclib", "lint", "_positions.c"), ()),
    (Path("speclib", "lint", "_resolve.c"), ()),
    (Path("speclib", "_yamlbuild.c"), ("-lyaml",)),  # libyaml, which PyYAML's parser also is
)


def build_in_place(root: Path) -> list[Path]:
    """Compile every module beside its source under ``root``; the modules built."""
    built = []
    for source, libraries in SOURCES:
        path = root / source
        target = path.with_name(path.stem + sysconfig.get_config_var("EXT_SUFFIX"))
        if _compile(path, target, libraries):
            built.append(target)
    return built


def _compile(source: Path, target: Path, libraries: tuple[str, ...]) -> bool:
    # LDSHARED compiles and links an extension module on this platform ("cc -shared" on
    # Linux, with "-bundle -undefined dynamic_lookup" on macOS).
    linker = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc -shared")
    include = sysconfig.get_paths()["include"]
    command = [*linker, "-O2", "-fPIC", f"-I{include}", str(source), *libraries, "-o", str(target)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        result = None
        reason = str(exc)
    else:
        reason = result.stderr.strip()
    if result is None or result.returncode != 0:
        print(
            f"warning: {source} was not compiled ({reason}); "
            "the lint engine runs its Python code instead",
            file=sys.stderr,
        )
        return False
    return True


if __name__ == "__main__":
    build_in_place(Path(__file__).resolve().parent)
else:  # loaded by hatchling
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface

    class NativeModulesHook(BuildHookInterface):
        def initialize(self, version: str, build_data: dict) -> None:
            for target in build_in_place(Path(self.root)):
                build_data["pure_python"] = False
                build_data["infer_tag"] = True
                build_data["artifacts"].append(str(target.relative_to(self.root)))
