"""The rubric pages moved to the rubrics app (issue 13) and kept what a user sees: the same addresses
under /xa-hoi-hoc-tap/bo-tieu-chi/, the learning society's menu and breadcrumb, the labels of every
kind of subject (titles and the centres' self-assessment), and the button loading the shipped files."""

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from learning_society.models import Title
from rubrics import registry
from rubrics.models import Rubric


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_rubric_pages_keep_their_addresses():
    assert reverse("rubrics:list") == "/xa-hoi-hoc-tap/bo-tieu-chi/"
    assert reverse("rubrics:import") == "/xa-hoi-hoc-tap/bo-tieu-chi/nap/"
    assert reverse("rubrics:detail", args=[7]) == "/xa-hoi-hoc-tap/bo-tieu-chi/7/"
    assert reverse("rubrics:copy", args=[7]) == "/xa-hoi-hoc-tap/bo-tieu-chi/7/tao-ban-don-vi/"
    assert reverse("rubrics:edit", args=[7]) == "/xa-hoi-hoc-tap/bo-tieu-chi/7/sua/"
    assert reverse("rubrics:export", args=[7]) == "/xa-hoi-hoc-tap/bo-tieu-chi/7/tai-json/"
    assert reverse("rubrics:remove", args=[7]) == "/xa-hoi-hoc-tap/bo-tieu-chi/7/xoa/"


def test_the_apps_that_score_register_their_kinds_without_rubrics_importing_them():
    kinds = registry.kinds()
    assert set(Title.values) | {"centre"} == set(kinds)
    assert kinds["centre"] == "Trung tâm học tập cộng đồng (tự đánh giá)"
    assert registry.section().home_url == "learning_society:index"


def test_the_officer_loads_the_shipped_rubrics_from_the_list_and_sees_them_with_their_titles(world):
    client = _client(world.officer)
    page = client.get(reverse("rubrics:list")).content.decode()
    assert "Nạp các bộ tiêu chí mẫu" in page
    assert "Quyết định 448/QĐ-KHVN (cần xác minh), Thông tư 22/2020/TT-BGDĐT (cần xác minh)" in page
    assert reverse("learning_society:stats") in page  # the learning society's menu
    response = client.post(reverse("rubrics:import"), {"shipped": "1"}, follow=True)
    page = response.content.decode()
    assert "Đã kiểm tra" in page and "bộ tiêu chí mặc định toàn quốc" in page
    family = Rubric.objects.get(code="GDHT-448-2015", owner=None)
    assert family.title in page and "Gia đình học tập" in page
    detail = client.get(reverse("rubrics:detail", args=[family.pk])).content.decode()
    assert reverse("learning_society:index") in detail  # breadcrumb back to the section
    assert "Tải JSON" in detail


def test_load_rubrics_adds_the_missing_national_defaults_only(db, capsys):
    call_command("load_rubrics")
    first = Rubric.objects.count()
    assert first > 0 and Rubric.objects.filter(owner__isnull=False).count() == 0
    call_command("load_rubrics")
    assert Rubric.objects.count() == first
    assert "GDHT-448-2015" in capsys.readouterr().out
