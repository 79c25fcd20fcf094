import datetime
import io
import types

import pytest
from django.core.management import call_command

from units import demo
from units.models import AuditEntry, Membership, Role, Unit, UnitKind, User
from units.plugins import plugin_modules
from units.selectors import primary_role, unit_children_on

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--no-modules", *args, stdout=out)
    return out.getvalue()


def active(kind):
    return Unit.objects.active_on().filter(kind=kind)


def test_it_builds_a_demo_district_of_realistic_size():
    seed()
    office = Unit.objects.get(code=demo.OFFICE_CODE)
    assert office.kind == UnitKind.OFFICE and "(dữ liệu mẫu)" in office.name
    assert active(UnitKind.COMMUNE).count() == 12
    assert active(UnitKind.COMMUNE).filter(especially_difficult=True).count() == 2
    assert 34 <= active(UnitKind.SCHOOL).count() <= 40
    assert set(active(UnitKind.SCHOOL).values_list("school_level", flat=True)) == {"MN", "TH", "THCS"}
    assert active(UnitKind.CENTRE).count() == 12
    assert active(UnitKind.DISTRICT_CENTRE).count() == 1
    assert active(UnitKind.ASSOCIATION).count() == 13
    for commune in active(UnitKind.COMMUNE):
        assert active(UnitKind.CENTRE).filter(parent=commune).count() == 1, commune
        hamlets = active(UnitKind.HAMLET).filter(parent=commune).count()
        assert 4 <= hamlets <= 8 or commune.predecessors.exists(), commune


def test_everything_it_creates_is_marked_as_demo():
    seed()
    units = Unit.objects.filter(path__startswith=Unit.objects.get(code=demo.OFFICE_CODE).path)
    assert units.count() == Unit.objects.count()
    assert all(code.startswith("DEMO-") for code in units.values_list("code", flat=True))
    assert not units.filter(is_demo=False).exists()
    assert User.objects.count() == len(demo.PEOPLE)
    assert not User.objects.filter(is_demo=False).exists()
    assert all(u.startswith("demo.") for u in User.objects.values_list("username", flat=True))


def test_running_it_twice_changes_nothing():
    def counts():
        return [m.objects.count() for m in (Unit, User, Membership, AuditEntry)]

    seed()
    before = counts()
    paths = dict(Unit.objects.values_list("code", "path"))
    output = seed()
    assert counts() == before
    assert dict(Unit.objects.values_list("code", "path")) == paths
    assert "không tạo thêm" in output


def test_the_merged_commune_names_the_two_communes_it_was_formed_from():
    seed()
    merged = Unit.objects.get(code=demo.MERGED["code"])
    assert merged.valid_from == datetime.date(2025, 7, 1)
    old = {u.name: u for u in merged.predecessors.all()}
    assert set(old) == {"Phú Lộc", "Thành Công"}
    for commune in old.values():
        assert commune.valid_to == datetime.date(2025, 6, 30)
        assert not commune.is_active
    # Their hamlets and schools now sit under the merged commune, and the tree of June 2025
    # still shows them where they were.
    assert Unit.objects.get(code="DEMO-X13-T01").parent == merged
    before = {u.code for u in unit_children_on(old["Phú Lộc"], datetime.date(2025, 6, 1))}
    assert {"DEMO-X13-T01", "DEMO-X13-THCS", "DEMO-X13-TT"} <= before
    after = {u.code for u in unit_children_on(merged, datetime.date(2025, 8, 1))}
    assert {"DEMO-X13-T01", "DEMO-X14-T01", "DEMO-X12-TT"} <= after
    assert "DEMO-X13-TT" not in after


def test_each_role_has_a_demo_login_with_the_shared_password(client):
    output = seed()
    listed = [p for p in demo.PEOPLE if p.listed]
    assert {p.role for p in listed} == set(Role.values)
    for person in listed:
        assert person.username in output
        assert client.login(username=person.username, password=demo.DEMO_PASSWORD), person.username
        assert primary_role(User.objects.get(username=person.username)) == person.role
        assert client.get("/").status_code == 200
        client.logout()
    assert demo.DEMO_PASSWORD in output


def test_the_login_table_names_each_users_unit():
    output = seed()
    assert "Trường THCS Nguyễn Trãi, thị trấn An Lạc" in output
    assert "Hội Khuyến học xã Tân Phong" in output


def test_it_calls_each_domain_apps_seeder_in_order(monkeypatch):
    calls = []
    for name in ["learning_society", "literacy", "centers", "reports"]:
        module = types.ModuleType(f"{name}.demo")
        module.seed = lambda *, office, stdout, name=name: calls.append((name, office.code))
        monkeypatch.setitem(__import__("sys").modules, f"{name}.demo", module)
    plugin_modules.cache_clear()  # the loader finds the stand-ins, then forgets them
    try:
        call_command("seed_demo", stdout=io.StringIO())
    finally:
        plugin_modules.cache_clear()
    # The order comes from the apps (reports' AppConfig.demo_stage), not from a list of names.
    assert calls == [(n, demo.OFFICE_CODE) for n in ["centers", "literacy", "learning_society", "reports"]]
    calls.clear()
    seed()
    assert calls == []
