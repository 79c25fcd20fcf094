"""The portal's import graph, read from the source with Python's ast (nothing is imported or run).

    python manage.py import_graph            # print the app diagram (mermaid) and any broken rule
    python manage.py import_graph --write    # rewrite the diagram in docs/architecture.md
    python manage.py import_graph --check    # exit 1 when docs/architecture.md's diagram is out of date

tests/test_architecture.py uses the same functions: no import cycle between the project's modules,
no file over 600 lines, and the arrows between apps below; docs/architecture.md's diagram must be
the one this command writes, so the document stays true when code moves.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "architecture.md"
START, END = "<!-- import-graph:start -->", "<!-- import-graph:end -->"
MAX_LINES = 600

# Every top-level package of the project and its layer. Arrows go down the layers only:
# domain apps → engine apps → shared apps; the project package (settings, URLs, home) sits on top.
LAYERS = {
    "gdtx_portal": "project",
    "api": "outer",
    "centers": "domain",
    "literacy": "domain",
    "learning_society": "domain",
    "training": "domain",
    "inspections": "domain",
    "emulation": "domain",
    "communication": "domain",
    "reports": "engine",
    "annual": "engine",
    "jobs": "shared",
    "resources": "shared",
    "rubrics": "shared",
    "documents": "shared",
    "committees": "shared",
    "units": "shared",
}
LAYER_TITLES = {
    "project": "project: settings, URL root, home pages",
    "outer": "outer apps: read the others, imported by none",
    "domain": "domain apps",
    "engine": "engine apps",
    "shared": "shared apps",
}
NOT_PACKAGES = {"tests", "bench", "docs", "static", "templates", "staticfiles", "backups", "node_modules"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "reports.views.periods"
    target: str  # imported project module, e.g. "reports.selectors"
    path: str  # file, relative to the project root
    line: int
    lazy: bool  # inside a function: runs when it is called (still a dependency, still part of a cycle)
    type_only: bool  # under `if TYPE_CHECKING:`: never runs, read by type checkers only


def app_of(module: str) -> str:
    return module.split(".", 1)[0]


def project_packages(root: Path = ROOT) -> list[str]:
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and (p / "__init__.py").exists() and p.name not in NOT_PACKAGES and not p.name.startswith(".")
    )


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Module name → file, for the project's own packages (tests/, bench/ and migrations left out)."""
    modules = {}
    for package in project_packages(root):
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts or any(part.startswith(".") for part in parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(body, lazy: bool = False, type_only: bool = False):
    """(node, lazy, type_only) for every import statement, however deeply nested."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, lazy, type_only
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _walk(node.body, True, type_only)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _walk(node.body, lazy, True)
            yield from _walk(node.orelse, lazy, type_only)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                yield from _walk(getattr(node, field, None) or [], lazy, type_only)


def _resolve(name: str, modules) -> str | None:
    """The longest prefix of a dotted name that is a project module."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def imports_of(module: str, path: Path, modules, root: Path = ROOT) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node, lazy, type_only in _walk(tree.body):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import name`: name may be a submodule (then that module is imported).
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        for name in targets:
            target = _resolve(name, modules)
            if target and target != module:
                rel = str(path.relative_to(root))
                found.append(Import(module, target, rel, node.lineno, lazy, type_only))
    return found


def all_imports(root: Path = ROOT) -> list[Import]:
    modules = project_modules(root)
    return [imp for module, path in modules.items() for imp in imports_of(module, path, modules, root)]


def module_cycles(imports: list[Import], key=lambda module: module) -> list[list[str]]:
    """Strongly connected components (Tarjan) of more than one module (or app, with key=app_of) in
    the import graph. An import inside a function counts: it only hides the cycle until that call
    (the reviewer's reports/views/exports.py ↔ periods.py was one); `if TYPE_CHECKING:` does not."""
    graph = defaultdict(set)
    for imp in imports:
        source, target = key(imp.source), key(imp.target)
        if not imp.type_only and source != target:
            graph[source].add(target)
    index, low, stack, on_stack, components = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[current] = min(low[current], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[current])
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                if len(component) > 1:
                    components.append(sorted(component))

    for node in sorted(set(graph) | {t for targets in graph.values() for t in targets}):
        if node not in index:
            visit(node)
    return sorted(components)


def describe_cycle(component: list[str], imports: list[Import], key=lambda module: module) -> str:
    members = set(component)
    lines = sorted(
        {
            f"    {imp.path}:{imp.line} imports {imp.target}" + (" (inside a function)" if imp.lazy else "")
            for imp in imports
            if not imp.type_only
            and key(imp.source) != key(imp.target)
            and key(imp.source) in members
            and key(imp.target) in members
        }
    )
    return "cycle between " + ", ".join(component) + ":\n" + "\n".join(lines)


def long_files(root: Path = ROOT, limit: int = MAX_LINES) -> list[tuple[str, int]]:
    """Project .py files (tests and bench included, migrations and the venv not) over `limit` lines."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or any(part.startswith(".") for part in parts) or parts[0] in {"staticfiles"}:
            continue
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            found.append((str(path.relative_to(root)), count))
    return found


def allowed(source_app: str, target_app: str) -> str | None:
    """None when an import from one app to another keeps the arrows; else the rule it breaks."""
    source, target = LAYERS.get(source_app), LAYERS.get(target_app)
    if source is None or target is None:
        unknown = source_app if source is None else target_app
        return f"{unknown}/ is in no layer: add it to LAYERS in units/management/commands/import_graph.py"
    if source_app == "units":
        return "units imports none of the project's apps"
    if source == "shared" and target_app != "units":
        return f"{source_app} (shared) imports only units"
    if source == "domain" and target == "domain":
        return "domain apps (centers, literacy, learning_society) never import each other"
    if source == "engine" and target in ("domain", "project"):
        return f"{source_app} (engine) never imports a {'domain app' if target == 'domain' else 'project module'}"
    if target == "outer" and source != "project":
        return f"{target_app} (outer) is imported by no app: it reads the others, they never read it"
    if source != "project" and target == "project":
        return f"{source_app} imports nothing from gdtx_portal (settings come through django.conf.settings)"
    return None


def arrow_violations(imports: list[Import]) -> list[str]:
    broken = defaultdict(list)
    for imp in imports:
        source, target = app_of(imp.source), app_of(imp.target)
        if source != target and (rule := allowed(source, target)):
            broken[rule].append(f"{imp.path}:{imp.line} imports {imp.target}")
    return [f"{rule}:\n    " + "\n    ".join(sorted(set(sites))) for rule, sites in sorted(broken.items())]


def app_arrows(imports: list[Import]) -> dict[tuple[str, str], int]:
    """(app, app it imports) → how many import statements make that arrow (lazy ones included)."""
    arrows = defaultdict(int)
    for imp in imports:
        source, target = app_of(imp.source), app_of(imp.target)
        if source != target:
            arrows[(source, target)] += 1
    return dict(arrows)


def diagram(imports: list[Import], root: Path = ROOT) -> str:
    """The block between the markers in docs/architecture.md: a mermaid flowchart, one box per app
    grouped by layer, one arrow per pair of apps with an import between them."""
    apps = project_packages(root)
    arrows = app_arrows(imports)
    lines = [
        START,
        "<!-- Written by `python manage.py import_graph --write` from the imports; do not edit by hand. -->",
        "```mermaid",
        "flowchart TD",
    ]
    for layer in ("project", "outer", "domain", "engine", "shared"):
        members = [app for app in apps if LAYERS.get(app) == layer]
        if members:
            lines.append(f'    subgraph {layer}["{LAYER_TITLES[layer]}"]')
            lines += [f"        {app}" for app in members]
            lines.append("    end")
    unplaced = [app for app in apps if app not in LAYERS]
    lines += [f"    {app}" for app in unplaced]
    lines += [f"    {source} --> {target}" for source, target in sorted(arrows)]
    lines += ["```", END]
    return "\n".join(lines)


def documented_block(doc: Path = DOC) -> str | None:
    text = doc.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return None
    return text[text.index(START) : text.index(END) + len(END)]


def write_diagram(block: str, doc: Path = DOC) -> bool:
    """Puts the block between the markers (appends a section with them when missing). True if changed."""
    text = doc.read_text(encoding="utf-8")
    if START in text and END in text:
        new = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        new = text.rstrip("\n") + "\n\n## Import graph\n\n" + block + "\n"
    if new != text:
        doc.write_text(new, encoding="utf-8")
    return new != text


class Command(BaseCommand):
    help = "Sơ đồ phụ thuộc giữa các ứng dụng, đọc từ các câu lệnh import (--write: ghi vào docs/architecture.md)."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Ghi sơ đồ vào docs/architecture.md.")
        parser.add_argument("--check", action="store_true", help="Báo lỗi nếu sơ đồ trong tài liệu đã cũ.")

    def handle(self, *args, write=False, check=False, **options):
        imports = all_imports()
        block = diagram(imports)
        if write:
            changed = write_diagram(block)
            self.stdout.write(f"{DOC.relative_to(ROOT)}: {'đã cập nhật sơ đồ' if changed else 'sơ đồ đã đúng'}")
        elif check:
            if documented_block() != block:
                raise CommandError(
                    f"Sơ đồ trong {DOC.relative_to(ROOT)} không khớp với mã: chạy python manage.py import_graph --write"
                )
            self.stdout.write("Sơ đồ khớp với mã.")
        else:
            self.stdout.write(block)
        problems = [describe_cycle(c, imports) for c in module_cycles(imports)] + arrow_violations(imports)
        for problem in problems:
            self.stderr.write(problem)
        if problems and check:
            sys.exit(1)
