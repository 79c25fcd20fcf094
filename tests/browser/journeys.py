"""The journeys issue 17 scores, as lists of pages each role walks, and the measures taken on every
page: sideways scroll (of the page, or of a box inside it such as a table's), tap targets under
44 × 44 px, and axe-core's serious or critical violations.
Shared by test_journeys.py (desktop and phone) and test_axe.py."""

import datetime
import io

from django.db import transaction

from annual import services as annual_services
from annual.models import AnnualReport
from learning_society import demo as learning_society_demo
from learning_society.models import Subject
from literacy import services as literacy_services
from literacy.models import LiteracyClass
from reports.models import ReportingPeriod, Submission
from units.calendar import today
from units.models import Unit, UnitKind, User

# What a finger taps: buttons, links, form fields and menu entries that are visible on the page.
TAPPABLE = (
    "a[href], button, select, input:not([type=hidden]), textarea, .nav-link, .page-link, .dropdown-item,"
    " [role=button], summary"
)

INSIDE = "table scrolls sideways inside"

# Pages whose tables still scroll sideways inside their box on a phone (the page itself does not):
# known work left, named here so that any other table that starts to do so fails the journeys.
WIDE_ON_PHONE = {
    ("demo.truongphong", "annual-print"): "the printable A4 report's widest tables",
}

MEASURE = """(tappable) => {
  const INSIDE = "__INSIDE__";
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && el.offsetParent !== null)
      .slice(0, 3)
      .map((el) => el.tagName.toLowerCase()
        + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
    problems.push(`scrolls sideways: ${root.scrollWidth}px in ${root.clientWidth}px (${wide.join(", ")})`);
  }
  // A table squeezed into a box that scrolls sideways hides its last columns off-screen as surely as
  // a page that scrolls: every visible box holding a table that scrolls sideways inside is reported.
  for (const box of document.querySelectorAll("body *")) {
    const overflow = getComputedStyle(box).overflowX;
    const table = box.querySelector("table");
    if (table && (overflow === "auto" || overflow === "scroll") && box.offsetParent !== null
        && box.scrollWidth > box.clientWidth + 1) {
      const what = [table.tagName.toLowerCase(), ...table.classList].join(".");
      problems.push(`${INSIDE} ${box.tagName.toLowerCase()}.${[...box.classList].join(".")}`
        + `: ${box.scrollWidth}px in ${box.clientWidth}px (${what})`);
    }
  }
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && el.offsetParent !== null
      && !el.closest(".visually-hidden, .visually-hidden-focusable, [hidden], .dropdown-menu:not(.show),"
        + " .collapse:not(.show), .modal:not(.show)");
  };
  const name = (el) => (el.innerText || el.value || el.getAttribute("aria-label") || el.name || el.tagName)
    .trim().replace(/\\s+/g, " ").slice(0, 40);
  for (const el of document.querySelectorAll(tappable)) {
    if (!visible(el)) continue;
    // A link inside a sentence is exempt (WCAG 2.5.8's inline exception): its size is the text's.
    if (el.matches("p a:not(.btn), .form-text a, .alert a:not(.btn)")) continue;
    // A check box or radio is tapped through its label, which is measured as the target.
    let target = el;
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      target = el.closest("label, .form-check, td, th") || el;
    }
    const box = target.getBoundingClientRect();
    if (box.height < 43.5 || box.width < 43.5) {
      const href = el.getAttribute("href") ? ` → ${el.getAttribute("href").slice(0, 40)}` : "";
      const size = `${Math.round(box.width)}×${Math.round(box.height)}px`;
      problems.push(`tap target ${el.tagName.toLowerCase()} ${name(el)}${href}: ${size}`);
    }
  }
  return problems;
}""".replace("__INSIDE__", INSIDE)


LEARNERS = ("Lò Văn Pằng", "Hoàng Thị Mỷ", "Sùng A Chứ Nguyễn Hoàng Long")


def seed_journeys() -> None:
    """What the journeys open beyond `demo_reports_and_centres`: the learning society, a draft
    annual report of the office and a literacy class of the director's centre with three learners
    and one more who can be enrolled (the class page and its term-results grid; the literacy demo
    takes minutes to seed)."""
    officer = User.objects.get(username="demo.chuyenvien")
    office = officer.memberships.get().unit
    with transaction.atomic():
        learning_society_demo.seed(office=office, stdout=io.StringIO())
    annual_services.annual_report_create(actor=officer, office=office, school_year=datetime.date.today().year - 1)
    centre = User.objects.get(username="demo.giamdoc").memberships.get().unit
    year = today().year
    survey_round = literacy_services.round_create(
        actor=None, office=office, year=year, number=1, reference_date=datetime.date(year, 1, 1)
    )
    hamlet = Unit.objects.filter(kind=UnitKind.HAMLET, parent=centre.parent).order_by("pk").first()
    household = literacy_services.household_create(
        actor=None, survey_round=survey_round, hamlet=hamlet, code="HJ001", head_name=LEARNERS[0]
    )
    people = [
        literacy_services.person_create(
            actor=None, household=household, full_name=name, birth_year=year - 25, sex="M", grade=0, stage=0
        )
        for name in LEARNERS
    ]
    literacy_class = literacy_services.class_create(
        actor=None, run_by=centre, name="Lớp xóa mù chữ giai đoạn 1", stage="1", start_date=datetime.date(year, 1, 5)
    )
    literacy_services.enrol(actor=None, literacy_class=literacy_class, persons=people)
    # Someone of the commune not yet in the class: the page's "Thêm học viên" list has a row to choose.
    literacy_services.person_create(
        actor=None, household=household, full_name="Giàng Thị Dua", birth_year=year - 30, sex="F", grade=0, stage=0
    )


def journeys() -> dict[str, list[tuple[str, str]]]:
    """{username: [(name, path), …]} for the demo district seeded by `demo_reports_and_centres`."""
    officer = User.objects.get(username="demo.chuyenvien")
    principal_unit = User.objects.get(username="demo.hieutruong").memberships.get().unit
    director_unit = User.objects.get(username="demo.giamdoc").memberships.get().unit
    association_unit = User.objects.get(username="demo.khuyenhoc").memberships.get().unit
    centre = director_unit
    week = ReportingPeriod.objects.filter(form__code="HTSD-TUAN").order_by("-end_date").first()
    sent = Submission.objects.filter(period__owner=officer.memberships.get().unit).exclude(status="draft").first()
    own = Submission.objects.filter(unit=principal_unit).order_by("-period__end_date").first()
    commune = association_unit.parent
    year = datetime.date.today().year
    subject = Subject.objects.filter(area__path__startswith=commune.path).order_by("pk").first()
    literacy_class = LiteracyClass.objects.get(run_by=centre)
    return {
        "demo.chuyenvien": [
            ("home", "/"),
            ("periods", "/bao-cao/ky/"),
            ("period", f"/bao-cao/ky/{week.pk}/"),
            ("period-units", f"/bao-cao/ky/{week.pk}/don-vi/"),
            ("rollup", f"/bao-cao/ky/{week.pk}/tong-hop/"),
            ("submission", f"/bao-cao/bao-cao/{sent.pk}/"),
            ("annual-list", "/bao-cao/tong-ket/"),
            ("annual-report", f"/bao-cao/tong-ket/{AnnualReport.objects.get().pk}/"),
            ("centres", "/trung-tam/"),
            ("learning-society", "/xa-hoi-hoc-tap/"),
        ],
        "demo.hieutruong": [
            ("home", "/"),
            ("inbox", "/bao-cao/can-nop/"),
            ("report", f"/bao-cao/bao-cao/{own.pk}/"),
        ],
        "demo.giamdoc": [
            ("home", "/"),
            ("centre", f"/trung-tam/{centre.pk}/"),
            ("people", f"/trung-tam/{centre.pk}/ho-so/"),
            ("activities", f"/trung-tam/{centre.pk}/hoat-dong/"),
            ("activity-add", f"/trung-tam/{centre.pk}/hoat-dong/them/"),
            ("funding", f"/trung-tam/{centre.pk}/kinh-phi/"),
            ("literacy-class", f"/xoa-mu-chu/lop/{literacy_class.pk}/"),
            ("term-results", f"/xoa-mu-chu/lop/{literacy_class.pk}/bang-ket-qua/"),
            ("yearly-report", f"/trung-tam/{centre.pk}/bao-cao-nam/?nam={year}"),
            ("inbox", "/bao-cao/can-nop/"),
        ],
        "demo.khuyenhoc": [
            ("home", "/"),
            ("learning-society", "/xa-hoi-hoc-tap/"),
            ("area", f"/xa-hoi-hoc-tap/don-vi/{commune.pk}/"),
            ("recognised", "/xa-hoi-hoc-tap/da-cong-nhan/"),
            ("stats", "/xa-hoi-hoc-tap/thong-ke/"),
            ("subject", f"/xa-hoi-hoc-tap/doi-tuong/{subject.pk}/"),
            ("assess", f"/xa-hoi-hoc-tap/doi-tuong/{subject.pk}/danh-gia/"),
        ],
    }
