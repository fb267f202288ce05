"""The floors of CADS (docs/architecture.md): an app imports only apps on lower floors, and
what must follow a change in a higher app is registered for a named moment instead
(cads.core.moments). Checked on the real source, including imports inside functions and
under `if TYPE_CHECKING:`, and dotted paths handed to `import_string`/`import_module`.

An import inside a function needs a one-line reason (`# noqa: PLC0415 - why`); migrations
import no app code (they carry their own SQL and data); and no `except ImportError` hides a
missing app of ours: every app is always installed."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Bottom to top. Apps on one floor do not import each other.
FLOORS: tuple[frozenset[str], ...] = (
    frozenset({"audit"}),
    frozenset({"core"}),
    frozenset({"accounts"}),
    frozenset({"authority"}),
    frozenset({"people"}),
    frozenset({"contacts"}),
    frozenset({"deadlines"}),
    frozenset({"checks"}),
    frozenset({"decisions"}),
    frozenset({"referrals"}),
    frozenset({"letters"}),
    frozenset({"alerts", "referrers"}),
    frozenset({"screening"}),
    frozenset({"reporting", "returns", "oversight"}),
    frozenset({"demo"}),
)
FLOOR_OF = {app: number for number, apps in enumerate(FLOORS) for app in apps}
REASON = re.compile(r"#\s*noqa:\s*PLC0415\s*[-:\u2014]+\s*\S")
DYNAMIC = frozenset({"import_string", "import_module"})


@dataclass(frozen=True)
class Found:
    path: Path
    line: int
    target: str  # the dotted module named
    inner: bool


def _target_app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "cads" else None


def _dynamic_target(node: ast.Call) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in DYNAMIC or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _walk(node: ast.AST, inner: bool) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        yield child, inner
        nested = inner or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from _walk(child, nested)


def imports_in(path: Path) -> list[Found]:
    """Every import of a `cads.*` module in one file (absolute, relative ones stay inside
    their package), with whether it sits inside a function."""
    found = []
    for node, inner in _walk(ast.parse(path.read_text()), inner=False):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.Call) and (dynamic := _dynamic_target(node)):
            targets = [dynamic]  # a hidden import: counted for the floors, not as "inner"
        else:
            continue
        statement = inner and not isinstance(node, ast.Call)
        lineno = getattr(node, "lineno", 0)
        found += [Found(path, lineno, t, statement) for t in targets if t.startswith("cads.")]
    return found


def _app_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted((root / "cads").rglob("*.py")):
        parts = path.relative_to(root / "cads").parts
        if len(parts) > 1 and "tests" not in parts:
            yield parts[0], path


def floor_violations(root: Path) -> list[str]:
    """Imports that go up a floor or sideways, and apps with no floor."""
    problems = []
    apps = {p.name for p in (root / "cads").iterdir() if (p / "apps.py").exists()}
    problems += [
        f"cads.{app} has no floor in tests/layers.py" for app in sorted(apps - set(FLOOR_OF))
    ]
    for app, path in _app_files(root):
        if "migrations" in path.parts:
            continue
        for found in imports_in(path):
            target = _target_app(found.target)
            if target is None or target == app or app not in FLOOR_OF:
                continue
            if FLOOR_OF.get(target, len(FLOORS)) >= FLOOR_OF[app]:
                where = f"{path.relative_to(root)}:{found.line}"
                problems.append(f"{where}: cads.{app} imports {found.target} (not below it)")
    return problems


def inner_import_violations(root: Path) -> list[str]:
    """Imports inside functions without a one-line reason on the import's line."""
    problems = []
    for path in [*root.glob("cads/**/*.py"), *root.glob("config/**/*.py")]:
        if "tests" in path.parts:
            continue
        lines = path.read_text().splitlines()
        for node, inner in _walk(ast.parse("\n".join(lines)), inner=False):
            if not (inner and isinstance(node, ast.Import | ast.ImportFrom)):
                continue
            if not REASON.search(lines[node.lineno - 1]):
                where = f"{path.relative_to(root)}:{node.lineno}"
                problems.append(f"{where}: import inside a function without a reason")
    return problems


def migration_violations(root: Path) -> list[str]:
    """Migrations that import app code (editing it would change an old migration)."""
    problems = []
    for path in sorted(root.glob("cads/*/migrations/*.py")):
        for found in imports_in(path):
            if ".migrations." not in found.target:
                where = f"{path.relative_to(root)}:{found.line}"
                problems.append(f"{where}: a migration imports {found.target}")
    return problems


def import_error_fallbacks(root: Path) -> list[str]:
    """`except ImportError` around an import of our own apps (they are always installed)."""
    problems = []
    for path in sorted(root.glob("cads/**/*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            ours = any(f.target.startswith("cads.") for s in node.body for f in _found(s, path))
            if ours and catches & {"ImportError", "ModuleNotFoundError"}:
                problems.append(f"{path.relative_to(root)}:{node.lineno}: except ImportError")
    return problems


def _found(statement: ast.stmt, path: Path) -> list[Found]:
    if isinstance(statement, ast.ImportFrom) and statement.module and statement.level == 0:
        return [Found(path, statement.lineno, statement.module, False)]
    if isinstance(statement, ast.Import):
        return [Found(path, statement.lineno, a.name, False) for a in statement.names]
    return []
