"""The library and the good models through their services: who proposes and who publishes, files
judged by content with a thumbnail beside every image, and centres linking resources to activities."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from centers import services as centre_services
from resources import selectors, services
from resources.models import ModelStatus, ResourceStatus
from resources.usage import usage_of
from tests.centers.helpers import make_activity
from tests.resources import helpers
from units.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_centre_proposes_and_the_office_publishes(world):
    proposal = helpers.make_resource(world.centre, actor=world.director, title="Trồng rau VietGAP")
    assert proposal.status == ResourceStatus.PROPOSED
    assert proposal.office == world.office  # the nearest office above the centre
    assert proposal not in selectors.published_for(world.centre)

    own = helpers.make_resource(world.office, actor=world.officer, title="Luật Đất đai 2024")
    assert own.status == ResourceStatus.PUBLISHED  # the curator's own goes straight in

    services.resource_review(actor=world.officer, resource=proposal, status="published", featured=True)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.featured, proposal.reviewed_by) == ("published", True, world.officer)
    assert list(selectors.published_for(world.centre)) == [proposal, own]  # the featured one first
    assert AuditEntry.objects.filter(action="resources.resource_review", object_id=str(proposal.pk)).exists()


def test_a_hidden_resource_is_never_featured_nor_offered(world):
    resource = helpers.make_resource(world.office, featured=True)
    services.resource_review(actor=world.officer, resource=resource, status="hidden", featured=True)
    resource.refresh_from_db()
    assert (resource.status, resource.featured) == ("hidden", False)
    assert not selectors.published_for(world.centre).exists()


def test_a_resource_needs_a_link_or_a_file(world):
    with pytest.raises(ValidationError) as error:
        helpers.make_resource(world.centre, actor=world.director, url="")
    assert "Hãy ghi đường dẫn của học liệu hoặc tải tệp lên." in str(error.value)


def test_an_image_gets_a_small_thumbnail_and_a_pdf_none(world):
    image = helpers.make_resource(world.office, uploaded=helpers.jpg("ap-phich.jpg", size=(1600, 1200)))
    assert image.content_type == "image/jpeg" and image.original_name == "ap-phich.jpg"
    with image.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert thumb.size == (480, 360)
    document = helpers.make_resource(world.office, uploaded=helpers.pdf())
    assert document.content_type == "application/pdf" and not document.thumbnail


def test_a_program_renamed_as_a_photo_is_refused_in_vietnamese(world):
    exe = SimpleUploadedFile("anh-dep.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        helpers.make_resource(world.centre, actor=world.director, uploaded=exe)
    assert "không phải ảnh (JPG, PNG, GIF, WEBP) hay PDF" in str(error.value)
    good_model = helpers.make_model(world.centre)
    exe.seek(0)
    with pytest.raises(ValidationError) as error:
        services.photo_add(actor=world.director, good_model=good_model, uploaded=exe)
    assert "không phải ảnh" in str(error.value)
    assert not good_model.photos.exists()


def test_a_broken_image_and_an_oversize_file_are_refused(world):
    broken = SimpleUploadedFile("hong.jpg", b"\xff\xd8\xff\xe0" + b"rac" * 100, content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        helpers.make_resource(world.centre, actor=world.director, uploaded=broken)
    assert "bị hỏng hoặc không đọc được" in str(error.value)
    big = SimpleUploadedFile("lon.pdf", helpers.PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        helpers.make_resource(world.centre, actor=world.director, uploaded=big)
    assert "lon.pdf" in str(error.value) and "vượt quá giới hạn" in str(error.value)


def test_a_good_model_goes_from_draft_to_published(world):
    good_model = helpers.make_model(world.centre, results="")
    assert good_model.status == ModelStatus.DRAFT and good_model.office == world.office
    with pytest.raises(ValidationError) as error:
        services.model_propose(actor=world.director, good_model=good_model)
    assert "Hãy ghi kết quả đạt được" in str(error.value)
    with pytest.raises(ValidationError):
        services.model_publish(actor=world.officer, good_model=good_model)  # not proposed yet

    services.model_update(actor=world.director, good_model=good_model, results="30 người đọc đều đặn")
    services.model_propose(actor=world.director, good_model=good_model)
    published = services.model_publish(actor=world.officer, good_model=good_model)
    assert published.status == ModelStatus.PUBLISHED and published.published_by == world.officer
    assert published.published_at is not None


def test_the_office_returns_a_model_with_a_reason(world):
    good_model = helpers.make_model(world.centre, status=ModelStatus.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        services.model_return(actor=world.officer, good_model=good_model, note="  ")
    assert "Hãy ghi lý do trả lại" in str(error.value)
    back = services.model_return(actor=world.officer, good_model=good_model, note="Thiếu ảnh buổi sinh hoạt")
    assert (back.status, back.review_note, back.published_at) == ("draft", "Thiếu ảnh buổi sinh hoạt", None)


def test_a_published_model_is_seen_by_every_unit_of_the_office_only(world):
    draft = helpers.make_model(world.centre, title="Bản nháp của trung tâm")
    published = helpers.make_model(world.centre, status=ModelStatus.PUBLISHED, photos=2)
    assert list(selectors.gallery(world.principal)) == [published]  # a school reads the office's gallery
    assert published.pk in selectors.model_list(world.principal).values_list("pk", flat=True)
    assert draft not in selectors.models_visible_to(world.principal)  # not another unit's draft
    assert draft in selectors.models_visible_to(world.director)
    assert not selectors.gallery(world.outsider_officer).exists()
    assert selectors.gallery(world.principal).get().cover_id == published.photos.first().pk


def test_photos_get_thumbnails_and_have_a_limit(world, settings):
    good_model = helpers.make_model(world.centre)
    photo = services.photo_add(actor=world.director, good_model=good_model, uploaded=helpers.jpg(size=(2000, 1000)))
    with photo.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert thumb.size == (480, 240)
    for i in range(services.MAX_PHOTOS - 1):
        services.photo_add(actor=None, good_model=good_model, uploaded=helpers.png(f"{i}.png"))
    with pytest.raises(ValidationError) as error:
        services.photo_add(actor=None, good_model=good_model, uploaded=helpers.png())
    assert "tối đa 12 ảnh" in str(error.value)
    services.photo_delete(actor=world.director, photo=photo)
    assert good_model.photos.count() == services.MAX_PHOTOS - 1


def test_a_centre_links_published_resources_to_an_activity(world):
    used = helpers.make_resource(world.office, title="Phòng chống đuối nước")
    proposal = helpers.make_resource(world.centre, actor=world.director, title="Chưa duyệt")
    elsewhere = helpers.make_resource(world.other_office, title="Học liệu huyện bên")

    activity = make_activity(world.centre, world.director, resources=[used])
    assert list(activity.resources.all()) == [used]
    entry = AuditEntry.objects.get(action="centre.activity_create", object_id=str(activity.pk))
    assert entry.changes["resources"] == ["", "Phòng chống đuối nước"]
    assert usage_of([used.pk]) == {used.pk: [("hoạt động của TTHTCĐ", 1)]}

    for refused in (proposal, elsewhere):
        with pytest.raises(ValidationError) as error:
            make_activity(world.centre, world.director, title="Khác", resources=[refused])
        assert "chưa được phòng đăng hoặc không thuộc thư viện của phòng" in str(error.value)


def test_a_resource_hidden_later_stays_on_the_activities_that_used_it(world):
    resource = helpers.make_resource(world.office)
    activity = make_activity(world.centre, world.director, resources=[resource])
    services.resource_review(actor=world.officer, resource=resource, status="hidden", featured=False)
    centre_services.activity_update(actor=world.director, activity=activity, title="Sửa tên", resources=[resource])
    assert list(activity.resources.all()) == [resource]
    centre_services.activity_update(actor=world.director, activity=activity, resources=[])
    assert not activity.resources.exists()
