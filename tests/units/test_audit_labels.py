"""Issue 17: the audit log, its filter, the unit page, a report's history and the office home show
each action in Vietnamese words, never its code ("learning_society.recognise", "freeze")."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from units import audit
from units.models import AuditEntry

APPS = ("units", "reports", "annual", "jobs", "rubrics", "documents", "centers", "literacy", "learning_society")
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _actions_written_by_the_code() -> dict[str, str]:
    """Every dotted string given as `action=` to any call, or as the default of an `action`
    parameter (form_create_from_dict(action="report_form.import") passes it on to audit.record)."""
    found = {}
    base = Path(settings.BASE_DIR)
    for app in APPS:
        for path in (base / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                values = []
                if isinstance(node, ast.Call):
                    values = [k.value for k in node.keywords if k.arg == "action"]
                elif isinstance(node, ast.FunctionDef):
                    args = node.args
                    named = args.args[len(args.args) - len(args.defaults) :]
                    values = [d for a, d in zip(named, args.defaults, strict=True) if a.arg == "action"]
                    values += [
                        d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if a.arg == "action" and d
                    ]
                for value in values:
                    for inner in ast.walk(value):
                        if (
                            isinstance(inner, ast.Constant)
                            and isinstance(inner.value, str)
                            and ACTION.match(inner.value)
                        ):
                            found[inner.value] = f"{path.relative_to(base)}:{inner.lineno}"
    return found


def test_the_scan_finds_the_actions_of_every_app():
    found = _actions_written_by_the_code()
    for action in ("unit.create", "submission.submit", "annual_report.submit", "centre.activity_create"):
        assert action in found
    assert "learning_society.return" in found  # written through a conditional expression
    assert "report_form.import" in found  # the default of a parameter


def test_every_action_the_code_writes_has_a_vietnamese_label():
    labels = audit.action_labels()
    missing = {action: where for action, where in _actions_written_by_the_code().items() if action not in labels}
    assert missing == {}, f"Add these to the app's audit_labels.py: {missing}"


def test_a_label_is_never_the_code():
    for action, label in audit.action_labels().items():
        assert "." not in str(label) and "_" not in str(label), action


def test_an_action_nobody_named_reads_as_its_area_not_its_code():
    assert audit.action_label("centre.something_new") == "Cập nhật trung tâm học tập cộng đồng"
    assert audit.action_label("mystery.thing") == "Thao tác khác"


def test_the_audit_log_and_its_filter_show_words_not_codes(world, login):
    for action in ("learning_society.recognise", "guidance.create", "annual_report.freeze", "centre.activity_create"):
        AuditEntry.objects.create(actor=world.officer, action=action, unit=world.commune)
    html = login(world.officer).get(reverse("units:audit")).content.decode()
    assert "Công nhận danh hiệu" in html
    assert "Tạo hướng dẫn nhiệm vụ năm học" in html
    assert "Chốt số liệu báo cáo năm" in html
    assert "Ghi hoạt động của trung tâm" in html
    visible = re.sub(r'value="[^"]*"', "", html)  # the filter's option values stay codes
    for code in ("learning_society.recognise", "guidance.create", "freeze", "activity create", "activity_create"):
        assert code not in visible


def test_the_audit_log_names_what_changed_in_words(world, login):
    from units.services import membership_set_submit_delegation

    membership = world.school_staff.memberships.get()
    membership_set_submit_delegation(actor=world.principal, membership=membership, delegated=True)
    html = login(world.officer).get(reverse("units:audit")).content.decode()
    assert "<strong>Được giao gửi báo cáo</strong>: Không → Có" in html
    assert "<strong>Người dùng</strong>" in html
    assert "submit_delegated" not in html
