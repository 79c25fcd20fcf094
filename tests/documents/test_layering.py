"""The documents app is shared: every engine and domain app may use it, so it may use none of them."""

import ast
from pathlib import Path

import documents

PROJECT_APPS = {"reports", "annual", "jobs", "rubrics", "centers", "literacy", "learning_society", "gdtx_portal"}


def _imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_documents_app_imports_no_engine_or_domain_app():
    root = Path(documents.__file__).parent
    modules = sorted(root.rglob("*.py"))
    assert len(modules) >= 8  # the package, apps.py and the six modules: the walk did find them
    wrong = {str(p.relative_to(root)): sorted(_imported_packages(p) & PROJECT_APPS) for p in modules}
    assert {name: apps for name, apps in wrong.items() if apps} == {}
