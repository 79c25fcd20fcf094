"""units.grouped_update: many rows written with one UPDATE per distinct set of values."""

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from units.grouped_update import grouped_update
from units.models import PanelGeneration


def test_each_row_gets_its_own_values_with_one_update_per_distinct_set(db):
    rows = PanelGeneration.objects.bulk_create(
        [PanelGeneration(scope=i, area="literacy", last_entry=0) for i in range(1, 7)]
    )
    for row in rows:
        row.area = "unit" if row.scope % 2 else "literacy"
        row.last_entry = 5 if row.scope <= 3 else 9
    with CaptureQueriesContext(connection) as ctx:
        statements = grouped_update(PanelGeneration, rows, ["area", "last_entry"])
    assert statements == len(ctx) == 4  # (unit, 5), (literacy, 5), (unit, 9), (literacy, 9)
    stored = dict(PanelGeneration.objects.filter(scope__in=range(1, 7)).values_list("scope", "area"))
    assert stored == {1: "unit", 2: "literacy", 3: "unit", 4: "literacy", 5: "unit", 6: "literacy"}
    assert list(
        PanelGeneration.objects.filter(scope__in=range(1, 7)).order_by("scope").values_list("last_entry", flat=True)
    ) == [5, 5, 5, 9, 9, 9]


def test_also_sets_expressions_on_every_row(db):
    rows = PanelGeneration.objects.bulk_create(
        [PanelGeneration(scope=100 + i, area="x", last_entry=10 * i) for i in range(3)]
    )
    grouped_update(PanelGeneration, rows, ["area"], last_entry=F("last_entry") + 1)
    assert list(
        PanelGeneration.objects.filter(scope__gte=100).order_by("scope").values_list("last_entry", flat=True)
    ) == [1, 11, 21]
    assert grouped_update(PanelGeneration, [], ["area"]) == 0
