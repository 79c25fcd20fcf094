"""The demo district shows the library and the good models: ten resources across the fields, three
published models with photos and thumbnails, and centres' activities that used resources."""

import io

from django.core.management import call_command

from centers import demo as centre_demo
from centers.models import Activity
from resources import demo
from resources.models import GoodModel, ModelPhoto, Resource
from resources.usage import total_uses
from units.models import Unit


def test_the_demo_fills_the_library_and_the_gallery_and_runs_twice_without_change(db):
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    centre_demo.seed(office=office, stdout=io.StringIO())
    out = io.StringIO()
    demo.seed(office=office, stdout=out)

    resources = Resource.objects.filter(office=office, status="published")
    assert resources.count() == 10
    assert resources.values("field").distinct().count() >= 8
    assert resources.exclude(file="").count() == 2 and resources.filter(featured=True).count() == 2
    models = GoodModel.objects.filter(office=office, status="published")
    assert models.count() == 3
    assert all(m.photos.count() == 2 for m in models)
    assert not ModelPhoto.objects.filter(thumbnail="").exists()
    linked = Activity.objects.filter(resources__isnull=False).distinct().count()
    assert linked >= 6
    assert sum(total_uses(list(resources.values_list("pk", flat=True))).values()) >= linked
    assert "10 học liệu, 3 mô hình điển hình" in out.getvalue()

    demo.seed(office=office, stdout=io.StringIO())
    assert (Resource.objects.count(), GoodModel.objects.count(), ModelPhoto.objects.count()) == (10, 3, 6)
