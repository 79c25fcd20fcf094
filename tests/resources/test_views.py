"""The pages of the library and the good models as their users meet them: proposing with a file,
the office's decisions, the gallery, another office's files and objects (404), a director who
cannot publish, and the centre's activity form offering only what it may use."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centers.models import Activity
from resources.models import GoodModel, ModelStatus, Resource, ResourceStatus
from tests.centers.helpers import make_activity
from tests.resources import helpers
from tests.test_home import home_html
from tests.units.test_navigation import year_menu
from units.models import today

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "title": "Sổ tay chăn nuôi gà",
    "field": "agriculture",
    "audience": "farmers",
    "level": "basic",
    "description": "",
    "url": "",
    "source": "Trạm Khuyến nông",
    "licence": "",
}


def _propose(client, world, upload, **extra):
    data = {**PROPOSAL, "unit": str(world.centre.pk), "upload": upload, **extra}
    return client.post(reverse("resources:resource_add"), data)


def test_a_director_proposes_a_pdf_and_the_office_publishes_it(world, login):
    client = login(world.director)
    response = _propose(client, world, helpers.pdf("so-tay.pdf"))
    resource = Resource.objects.get(title="Sổ tay chăn nuôi gà")
    assert response.status_code == 302 and resource.status == ResourceStatus.PROPOSED
    page = client.get(reverse("resources:resource", args=[resource.pk])).content.decode()
    assert "Chờ phòng duyệt" in page and "Phòng duyệt học liệu" not in page
    assert (
        client.post(reverse("resources:resource_review", args=[resource.pk]), {"status": "published"}).status_code
        == 403
    )

    officer = login(world.officer)
    index = officer.get(reverse("resources:index")).content.decode()
    assert "1 đề xuất chờ duyệt" in index
    officer.post(reverse("resources:resource_review", args=[resource.pk]), {"status": "published", "featured": "on"})
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED and resource.featured
    download = login(world.principal).get(reverse("resources:resource_file", args=[resource.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff" and download.content == helpers.PDF


def test_a_renamed_program_and_an_oversize_file_are_refused_on_the_form(world, login):
    client = login(world.director)
    exe = SimpleUploadedFile("tai-lieu.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    page = _propose(client, world, exe).content.decode()
    assert "Tệp “tai-lieu.jpg” không phải ảnh (JPG, PNG, GIF, WEBP) hay PDF." in page
    big = SimpleUploadedFile("lon.pdf", helpers.PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    page = _propose(client, world, big).content.decode()
    assert "vượt quá giới hạn" in page
    assert not Resource.objects.exists()
    good_model = helpers.make_model(world.centre)
    exe.seek(0)
    response = client.post(reverse("resources:photo_add", args=[good_model.pk]), {"file": exe})
    assert "không phải ảnh (JPG, PNG, GIF, WEBP)." in response.content.decode()
    assert not good_model.photos.exists()


def test_a_link_must_be_a_web_address(world, login):
    page = _propose(login(world.director), world, "", url="javascript:alert(1)").content.decode()
    assert "Đường dẫn không hợp lệ" in page
    assert not Resource.objects.exists()


def test_a_director_writes_a_model_proposes_it_and_cannot_publish_it(world, login):
    client = login(world.director)
    response = client.post(
        reverse("resources:model_add"),
        {"unit": str(world.centre.pk), "title": "Tủ sách cộng đồng", "kind": "reading_club", "description": "Cách làm"},
    )
    good_model = GoodModel.objects.get(title="Tủ sách cộng đồng")
    assert response.status_code == 302 and good_model.status == ModelStatus.DRAFT
    client.post(reverse("resources:photo_add", args=[good_model.pk]), {"file": helpers.png(), "caption": "Đọc sách"})
    response = client.post(reverse("resources:model_propose", args=[good_model.pk]), follow=True)
    assert "Hãy ghi kết quả đạt được trước khi đề xuất" in response.content.decode()
    good_model.results = "40 lượt mượn sách mỗi tháng"
    good_model.save()
    client.post(reverse("resources:model_propose", args=[good_model.pk]))
    assert client.post(reverse("resources:model_publish", args=[good_model.pk])).status_code == 403
    good_model.refresh_from_db()
    assert good_model.status == ModelStatus.PROPOSED

    login(world.officer).post(reverse("resources:model_publish", args=[good_model.pk]))
    gallery = login(world.principal).get(reverse("resources:gallery")).content.decode()
    photo = good_model.photos.get()
    assert "Tủ sách cộng đồng" in gallery and reverse("resources:photo_thumb", args=[photo.pk]) in gallery
    thumb = login(world.principal).get(reverse("resources:photo_thumb", args=[photo.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"


def test_another_offices_files_and_objects_are_404(world, login):
    resource = helpers.make_resource(world.office, uploaded=helpers.png("poster.png"))
    good_model = helpers.make_model(world.centre, status=ModelStatus.PUBLISHED, photos=1)
    draft = helpers.make_model(world.centre, title="Nháp")
    photo = good_model.photos.get()
    outsider = login(world.outsider_officer)
    for name, pk in [
        ("resources:resource", resource.pk),
        ("resources:resource_file", resource.pk),
        ("resources:resource_thumb", resource.pk),
        ("resources:resource_edit", resource.pk),
        ("resources:model", good_model.pk),
        ("resources:model_edit", draft.pk),
        ("resources:photo", photo.pk),
        ("resources:photo_thumb", photo.pk),
    ]:
        assert outsider.get(reverse(name, args=[pk])).status_code == 404, name
    for name, pk in [
        ("resources:resource_review", resource.pk),
        ("resources:model_return", good_model.pk),
        ("resources:model_propose", draft.pk),
        ("resources:photo_delete", photo.pk),
    ]:
        assert outsider.post(reverse(name, args=[pk]), {"status": "hidden", "note": "x"}).status_code == 404, name
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED and good_model.photos.exists()


def test_the_activity_form_offers_only_the_published_resources_of_the_office(world, login):
    published = helpers.make_resource(world.office, title="Phòng chống đuối nước")
    helpers.make_resource(world.centre, actor=world.director, title="Đề xuất chưa duyệt")
    elsewhere = helpers.make_resource(world.other_office, title="Học liệu huyện bên")
    client = login(world.director)
    url = reverse("centers:activity_add", args=[world.centre.pk])
    form = client.get(url).content.decode()
    assert "Phòng chống đuối nước" in form and "Tìm học liệu" in form
    assert "Đề xuất chưa duyệt" not in form and "Học liệu huyện bên" not in form

    data = {
        "kind": "topic",
        "field": "life_skills",
        "title": "Kỹ năng phòng chống đuối nước",
        "start_date": today().strftime("%d/%m/%Y"),
        "end_date": today().strftime("%d/%m/%Y"),
        "sessions": "1",
        "participants": "30",
    }
    refused = client.post(url, {**data, "resources": [str(elsewhere.pk)]})
    assert refused.status_code == 200 and not Activity.objects.exists()
    client.post(url, {**data, "resources": [str(published.pk)]})
    activity = Activity.objects.get()
    assert list(activity.resources.all()) == [published]
    detail = client.get(reverse("centers:activity_detail", args=[activity.pk])).content.decode()
    assert reverse("resources:resource", args=[published.pk]) in detail
    resource_page = login(world.officer).get(reverse("resources:resource", args=[published.pk])).content.decode()
    assert "1 hoạt động của TTHTCĐ" in resource_page


def test_the_edit_form_keeps_the_resources_an_activity_used(world, login):
    resource = helpers.make_resource(world.office, title="Luật Giao thông đường bộ")
    activity = make_activity(world.centre, world.director, resources=[resource])
    form = login(world.director).get(reverse("centers:activity_edit", args=[activity.pk])).content.decode()
    ticked = re.search(rf'<input type="checkbox" name="resources" value="{resource.pk}"[^>]*checked', form)
    assert ticked is not None


def test_the_link_of_a_resource_opens_through_the_portal(world, login):
    resource = helpers.make_resource(world.office)
    page = login(world.principal).get(reverse("resources:resource", args=[resource.pk])).content.decode()
    assert "https://example.org/sot-xuat-huyet" in page  # shown as text
    assert 'href="https://example.org' not in page
    response = login(world.principal).get(reverse("resources:resource_link", args=[resource.pk]))
    assert response.status_code == 302 and response["Location"] == "https://example.org/sot-xuat-huyet"


def test_the_library_search_ignores_accents(world, login):
    helpers.make_resource(world.office, title="Phòng chống sốt xuất huyết")
    helpers.make_resource(world.office, title="Kỹ thuật trồng lúa", field="agriculture")
    page = login(world.school_staff).get(reverse("resources:index") + "?q=sot+xuat").content.decode()
    assert "Phòng chống sốt xuất huyết" in page and "Kỹ thuật trồng lúa" not in page
    page = login(world.school_staff).get(reverse("resources:index") + "?linh_vuc=agriculture").content.decode()
    assert "Kỹ thuật trồng lúa" in page and "sốt xuất huyết" not in page


def test_the_year_menu_leads_to_the_library(world, client):
    menu = year_menu(home_html(client, world.director))
    assert 'href="/hoc-lieu/"' in menu and "Học liệu &amp; mô hình" in menu and "fa-book-open" in menu
