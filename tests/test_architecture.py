"""The shape of the code (issue 13): one home per concern stays one home only if these hold.

Read from the source with ast by units/management/commands/import_graph.py (the same code that
draws docs/architecture.md's diagram): no import cycle between the project's modules, no file
over 600 lines, imports between apps only along the arrows, and the documented diagram current.
"""

from units.management.commands import import_graph as graph


def test_no_import_cycle_between_the_projects_modules():
    imports = graph.all_imports()
    cycles = [graph.describe_cycle(component, imports) for component in graph.module_cycles(imports)]
    assert cycles == [], "Import cycles (move the shared part to a third module):\n" + "\n".join(cycles)


def test_no_cycle_between_apps():
    """The diagram reads one way: if app A imports app B, nothing in B imports A (lazily or not)."""
    imports = graph.all_imports()
    cycles = [
        graph.describe_cycle(c, imports, key=graph.app_of) for c in graph.module_cycles(imports, key=graph.app_of)
    ]
    assert cycles == [], "Apps that import each other:\n" + "\n".join(cycles)


def test_no_file_over_600_lines():
    long = [f"{path}: {lines} lines" for path, lines in graph.long_files()]
    assert long == [], f"Files over {graph.MAX_LINES} lines (split by concern):\n" + "\n".join(long)


def test_imports_between_apps_follow_the_arrows():
    """units imports none of ours; jobs, rubrics and documents import only units; the domain apps
    (centers, literacy, learning_society) never import each other; reports and annual never import
    a domain app; only gdtx_portal's own modules import gdtx_portal. Lazy imports count too."""
    broken = graph.arrow_violations(graph.all_imports())
    assert broken == [], "Imports against the arrows:\n" + "\n".join(broken)


def test_every_app_has_a_layer():
    assert [app for app in graph.project_packages() if app not in graph.LAYERS] == []


def test_the_diagram_in_docs_architecture_is_the_one_the_imports_draw():
    block = graph.diagram(graph.all_imports())
    assert graph.documented_block() == block, (
        "docs/architecture.md is out of date: python manage.py import_graph --write"
    )


def test_the_checker_sees_cycles_lazy_imports_and_arrows(tmp_path):
    """The checks above would pass on any code if the reader missed imports: a small made-up project."""
    files = {
        "units/__init__.py": "",
        "units/a.py": "from units import b\n",
        "units/b.py": "from . import a\n",  # a ↔ b: a cycle at import time
        "units/c.py": "def f():\n    from units import d\n",
        "units/d.py": "from units.c import f\n",  # c ↔ d, one way inside a function: still a cycle
        "units/e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from units import f\n",
        "units/f.py": "from units import e\n",  # e → f for type checkers only: no cycle
        "centers/__init__.py": "",
        "centers/x.py": "def f():\n    from literacy.y import g\n",  # lazy, still an arrow
        "literacy/__init__.py": "",
        "literacy/y.py": "import reports.z\n",
        "reports/__init__.py": "",
        "reports/z.py": "from centers import x\n",
        "reports/migrations/__init__.py": "",
        "reports/migrations/0001_big.py": "x = 1\n" * 700,
        "reports/long.py": "x = 1\n" * 601,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    imports = graph.all_imports(tmp_path)
    cycles = [["centers.x", "literacy.y", "reports.z"], ["units.a", "units.b"], ["units.c", "units.d"]]
    assert graph.module_cycles(imports) == cycles
    assert "units/c.py:2 imports units.d (inside a function)" in graph.describe_cycle(["units.c", "units.d"], imports)
    assert graph.module_cycles(imports, key=graph.app_of) == [["centers", "literacy", "reports"]]
    broken = "\n".join(graph.arrow_violations(imports))
    assert "centers/x.py:2 imports literacy.y" in broken  # domain → domain, lazy
    assert "reports/z.py:1 imports centers.x" in broken  # engine → domain
    assert "literacy/y.py:1" not in broken  # domain → engine is the right way
    assert graph.long_files(tmp_path) == [("reports/long.py", 601)]
    assert graph.app_arrows(imports) == {
        ("centers", "literacy"): 1,
        ("literacy", "reports"): 1,
        ("reports", "centers"): 1,
    }


def test_import_graph_write_replaces_only_the_block_between_the_markers(tmp_path):
    doc = tmp_path / "architecture.md"
    doc.write_text(f"# Before\n\n{graph.START}\nold drawing\n{graph.END}\n\n## After\n")
    block = graph.diagram(graph.all_imports())
    assert graph.write_diagram(block, doc) is True
    assert graph.documented_block(doc) == block
    assert doc.read_text() == f"# Before\n\n{block}\n\n## After\n"
    assert graph.write_diagram(block, doc) is False  # already current: the file is left alone


def test_the_api_app_reads_every_layer_and_is_read_by_none():
    """api (issue 16) sits outside the domain apps: it serves their figures, so it may import them,
    and no app may import it (the domain apps would otherwise meet through it)."""
    assert graph.LAYERS["api"] == "outer"
    for app in ("units", "reports", "annual", "literacy", "learning_society", "documents"):
        assert graph.allowed("api", app) is None
    for app in ("reports", "annual", "literacy", "centers", "jobs"):
        assert graph.allowed(app, "api") is not None
    assert graph.allowed("gdtx_portal", "api") is None
    assert graph.allowed("api", "gdtx_portal") is not None
