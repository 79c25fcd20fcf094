import datetime
import io

from django.core.management import call_command

from centers import demo
from centers.models import Activity, SelfAssessment
from units.models import Unit, UnitKind


def test_the_demo_gives_every_open_centre_a_year_of_activity_and_runs_twice_without_change(db):
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    out = io.StringIO()
    demo.seed(office=office, stdout=out)
    centres = Unit.objects.subtree_of(office).filter(kind=UnitKind.CENTRE).active_on()
    assert centres.count() >= 12
    for centre in centres:
        assert Activity.objects.filter(centre=centre).count() >= 20, centre
    assert SelfAssessment.objects.filter(status="rated").count() >= 5
    before = (Activity.objects.count(), SelfAssessment.objects.count())
    demo.seed(office=office, stdout=io.StringIO())
    assert (Activity.objects.count(), SelfAssessment.objects.count()) == before
    assert "TTHTCĐ" in out.getvalue()


def test_a_province_with_more_than_29_centres_gets_a_real_founding_date_for_each():
    # The date was built as 2 March + index as a day of the month: centre 30 crashed seed_demo.
    centre = Unit(valid_from=datetime.date(2000, 1, 1))
    dates = [demo._decision_date(centre, index) for index in range(0, 61)]
    assert dates[0] == datetime.date(2009, 3, 2)
    assert dates[29] == datetime.date(2009, 3, 31)
    assert dates[30] == datetime.date(2009, 4, 1)
    assert dates[60] == datetime.date(2009, 5, 1)
    assert len(set(dates)) == 61
