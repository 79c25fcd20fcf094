"""Demo literacy register for the demo district: about 20,000 invented people in two survey rounds
of the 2026 statistics year, with rates that make some communes meet the standard and some miss
it, a few relapses and possible duplicates to resolve, and a few classes with results.

Idempotent: nothing is created when the office already has its demo rounds. Called by
`manage.py seed_demo` after the unit tree exists (units.management.commands.seed_demo)."""

import datetime
import random

from django.db import transaction

from units.models import Unit, UnitKind
from units.planner import analyze

from . import services
from .models import Household, Person, PersonStatus, Residence, SurveyRound

YEAR = 2026
ROUND1_DATE = datetime.date(2026, 3, 31)
ROUND2_DATE = datetime.date(2026, 9, 30)
TARGET_PEOPLE = 20_000

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lò", "Lường"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Oanh", "Thảo", "Yến"]
SECOND = ["Hồng", "Minh", "Ngọc", "Xuân", "Quốc", "Gia", "Bảo", "Thu", "Hoài", "Kim", "Trung", "Phương"]
MINORITIES = ["Thái", "Mường", "Tày", "Mông", "Dao"]
# Literacy among adults per commune, chosen so that about half the communes meet XMC level 1 and
# fewer meet level 2 (Nghị định 20/2014/NĐ-CP, Điều 20–21: 90%).
LITERATE_SHARE = [0.985, 0.955, 0.83, 0.975, 0.92, 0.80, 0.965, 0.85]


def _name(rng: random.Random, sex: str) -> str:
    middle, given = (MIDDLE_F, GIVEN_F) if sex == "F" else (MIDDLE_M, GIVEN_M)
    # A second given name for most people, as in real registers; it keeps accidental namesakes rare.
    second = f"{rng.choice(SECOND)} " if rng.random() < 0.85 else ""
    return f"{rng.choice(SURNAMES)} {rng.choice(middle)} {second}{rng.choice(given)}"


def _education(rng: random.Random, age: int, literate_share: float) -> tuple[int, int]:
    """(highest grade completed, literacy stage) for a person of `age`."""
    if age < 7:
        return 0, 0
    if age < 18:
        return min(age - 6, 12) if rng.random() < literate_share else rng.choice([0, 1, 2]), 0
    roll = rng.random()
    if roll < literate_share - 0.07:
        return rng.choice([5, 7, 9, 9, 12, 12]), 0
    if roll < literate_share - 0.03:
        return rng.choice([3, 4]), 0
    if roll < literate_share:
        return 0, rng.choice([1, 2])
    return rng.choice([0, 0, 1, 2]), 0


def seed(*, office: Unit, stdout=None) -> None:
    if SurveyRound.objects.filter(office=office, is_demo=True).exists():
        if stdout:
            stdout.write("  Sổ xóa mù chữ mẫu đã có, không tạo thêm.")
        return
    with transaction.atomic():
        _seed(office, stdout)


def _seed(office: Unit, stdout) -> None:
    rng = random.Random(20_14)
    communes = list(
        Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).active_on(ROUND1_DATE).order_by("code")
    )
    hamlets_by_commune = {c.pk: list(c.children.filter(kind=UnitKind.HAMLET).order_by("code")) for c in communes}
    communes = [c for c in communes if hamlets_by_commune[c.pk]]
    if not communes:
        return
    first = services.round_create(
        actor=None, office=office, year=YEAR, number=1, reference_date=ROUND1_DATE, is_demo=True
    )
    for commune in communes:
        workers = list(
            Unit.objects.filter(parent=commune, kind__in=[UnitKind.SCHOOL, UnitKind.CENTRE])
            .active_on()
            .order_by("code")
        )
        for i, hamlet in enumerate(hamlets_by_commune[commune.pk]):
            if workers:
                services.assignment_set(actor=None, survey_round=first, hamlet=hamlet, unit=workers[i % len(workers)])
    per_commune = TARGET_PEOPLE // len(communes)
    people: list[Person] = []
    for index, commune in enumerate(communes):
        share = LITERATE_SHARE[index % len(LITERATE_SHARE)]
        minority_share = 0.6 if commune.especially_difficult else 0.08
        hamlets = hamlets_by_commune[commune.pk]
        households = []
        count = 0
        number = 0
        while count < per_commune:
            number += 1
            size = rng.choice([2, 3, 4, 4, 5, 5, 6, 7])
            hamlet = hamlets[number % len(hamlets)]
            ethnicity = rng.choice(MINORITIES) if rng.random() < minority_share else "Kinh"
            head_sex = "M" if rng.random() < 0.8 else "F"
            head = _name(rng, head_sex)
            household = Household(
                round=first,
                commune=commune,
                hamlet=hamlet,
                code=f"{commune.code[-3:]}-{number:04d}",
                house_number=str(rng.randint(1, 300)),
                head_name=head,
                residence=Residence.PERMANENT if rng.random() < 0.95 else Residence.TEMPORARY,
                is_demo=True,
            )
            households.append((household, size, head, head_sex, ethnicity))
            count += size
        Household.objects.bulk_create([h for h, *_rest in households], batch_size=1000)
        for household, size, head, head_sex, ethnicity in households:
            head_age = rng.randint(25, 75)
            for member in range(size):
                if member == 0:
                    sex, name, age, relation = head_sex, head, head_age, "Chủ hộ"
                elif member == 1:
                    sex = "F" if head_sex == "M" else "M"
                    name, age, relation = _name(rng, sex), max(18, head_age + rng.randint(-6, 4)), "Vợ/chồng"
                else:
                    sex = rng.choice("MF")
                    name, age, relation = _name(rng, sex), max(0, head_age - rng.randint(20, 35)), "Con"
                grade, stage = _education(rng, age, share)
                disability = rng.random() < 0.012
                birth_year = YEAR - age
                birth_date = (
                    datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.7 else None
                )
                person = Person(
                    round=first,
                    household=household,
                    commune=commune,
                    full_name=name,
                    birth_year=birth_year,
                    birth_date=birth_date,
                    sex=sex,
                    ethnicity=ethnicity,
                    relation=relation,
                    grade=grade,
                    stage=stage,
                    disability=disability,
                    exempt=disability and rng.random() < 0.6,
                    is_demo=True,
                )
                people.append(services.prepare_person(person))
    Person.objects.bulk_create(people, batch_size=2000)

    second = services.round_create(
        actor=None, office=office, year=YEAR, number=2, reference_date=ROUND2_DATE, is_demo=True
    )
    # Thousands of people written in this transaction: plan what follows with their statistics.
    analyze(Household, Person, SurveyRound)
    _second_round_changes(rng, second)
    analyze(Person)
    _classes(rng, second, communes)
    _dossier_in_progress(office, communes)
    if stdout:
        count = f"{len(people):,}".replace(",", ".")  # Vietnamese groups thousands with a dot: 20.024
        stdout.write(f"  Sổ xóa mù chữ mẫu: {count} nhân khẩu ở {len(communes)} xã, hai đợt điều tra năm {YEAR}.")


def _second_round_changes(rng: random.Random, second: SurveyRound) -> None:
    """What a second survey finds: moves, deaths, births, a few relapses and double entries."""
    adults = list(
        Person.objects.filter(round=second, birth_year__lte=YEAR - 15, birth_year__gte=YEAR - 60).order_by("id")
    )
    sample = rng.sample(adults, 80)
    moved, deceased, relapsed = sample[:30], sample[30:40], [p for p in sample[40:] if p.literacy_level >= 1][:12]
    for person in moved:
        person.status = PersonStatus.MOVED_AWAY
    for person in deceased:
        person.status = PersonStatus.DECEASED
    for person in relapsed:
        person.found_illiterate = True
        services.prepare_person(person)
    Person.objects.bulk_update(moved + deceased + relapsed, ["status", "found_illiterate", "literacy_level"])
    households = list(Household.objects.filter(round=second).order_by("id")[:400:10])
    born = []
    for household in households[:25]:
        sex = rng.choice("MF")
        born.append(
            services.prepare_person(
                Person(
                    round=second,
                    household=household,
                    commune_id=household.commune_id,
                    full_name=_name(rng, sex),
                    birth_year=YEAR,
                    birth_date=datetime.date(YEAR, rng.randint(4, 9), rng.randint(1, 28)),
                    sex=sex,
                    relation="Con",
                    status=PersonStatus.NEWLY_BORN,
                    is_demo=True,
                )
            )
        )
    # Double entries: the same person written down again in a neighbour's household.
    for original in rng.sample(adults, 6):
        neighbour = (
            Household.objects.filter(round=second, commune_id=original.commune_id)
            .exclude(pk=original.household_id)
            .first()
        )
        if neighbour is None:
            continue
        born.append(
            services.prepare_person(
                Person(
                    round=second,
                    household=neighbour,
                    commune_id=original.commune_id,
                    full_name=original.full_name.upper() if rng.random() < 0.5 else original.full_name,
                    birth_year=original.birth_year,
                    sex=original.sex,
                    ethnicity=original.ethnicity,
                    grade=original.grade,
                    relation="Người ở nhờ",
                    status=PersonStatus.NEWLY_ARRIVED,
                    is_demo=True,
                )
            )
        )
    Person.objects.bulk_create(born)


def _classes(rng: random.Random, second: SurveyRound, communes: list[Unit]) -> None:
    """A stage-1 class in each of the two communes furthest from the standard, with term results."""
    from .selectors import enrol_candidates

    by_share = sorted(enumerate(communes), key=lambda pair: LITERATE_SHARE[pair[0] % len(LITERATE_SHARE)])
    for index, (_position, commune) in enumerate(by_share[:2]):
        run_by = (
            Unit.objects.filter(parent=commune, kind=UnitKind.CENTRE).active_on().first()
            or Unit.objects.filter(parent=commune, kind=UnitKind.SCHOOL).active_on().first()
        )
        if run_by is None:
            continue
        literacy_class = services.class_create(
            actor=None,
            run_by=run_by,
            name=f"Lớp xóa mù chữ giai đoạn 1 — {commune.name}",
            stage="1",
            start_date=datetime.date(2025, 10, 6),
            end_date=datetime.date(2026, 9, 15),
            teacher="Giáo viên biệt phái (mẫu)",
            location="Nhà văn hóa thôn",
            is_demo=True,
        )
        learners = list(enrol_candidates(literacy_class)[:12])
        services.enrol(actor=None, literacy_class=literacy_class, persons=learners)
        for enrolment in literacy_class.enrolments.select_related("person__round"):
            for term in (1, 2):
                services.result_record(actor=None, enrolment=enrolment, term=term, result=rng.choice(["HTT", "HT"]))
            if index == 0:
                services.result_record(
                    actor=None, enrolment=enrolment, term=3, result=rng.choice(["HTT", "HT", "HT", "CHT"])
                )
        _attendance(literacy_class, dropout=index == 1)
    post_runner = (
        Unit.objects.filter(parent=communes[0], kind=UnitKind.CENTRE).active_on().first()
        or Unit.objects.filter(parent=communes[0], kind=UnitKind.SCHOOL).active_on().first()
    )
    if post_runner is not None:
        services.class_create(
            actor=None,
            run_by=post_runner,
            name=f"Lớp giáo dục tiếp tục sau khi biết chữ — {communes[0].name}",
            stage="post",
            start_date=datetime.date(2026, 10, 12),
            is_demo=True,
        )


def _attendance(literacy_class, *, dropout: bool) -> None:
    """Issue 19: eight weekly sessions with their attendance; in the second class one learner left."""
    from . import class_ops

    rng = random.Random(19 + literacy_class.pk)  # its own stream: the register's figures stay as they were
    enrolments = list(literacy_class.enrolments.order_by("pk"))
    for week in range(8):
        class_ops.attendance_save(
            actor=None,
            literacy_class=literacy_class,
            date=literacy_class.start_date + datetime.timedelta(days=7 * week),
            topic=f"Bài {week + 1} (mẫu)",
            present_ids={e.pk for e in enrolments if rng.random() < 0.85},
        )
    if dropout and enrolments:
        class_ops.dropout_record(
            actor=None,
            enrolment=enrolments[-1],
            date=literacy_class.start_date + datetime.timedelta(days=60),
            reason="work",
            note="Đi làm công nhân ở tỉnh ngoài (mẫu)",
        )


def _dossier_in_progress(office: Unit, communes: list[Unit]) -> None:
    """Issue 18: the first commune meeting level 1 has sent its recognition dossier to the office,
    which has still to check it (the demo walks it to a decision)."""
    from django.utils import timezone

    from .dossier import level_figures
    from .models import RecognitionDossier

    for commune in communes:
        figures = level_figures(commune, YEAR, 1)
        if figures and figures["met"]:
            RecognitionDossier.objects.get_or_create(
                commune=commune,
                year=YEAR,
                level=1,
                defaults={
                    "office": office,
                    "status": RecognitionDossier.Status.SUBMITTED,
                    "submitted_at": timezone.now(),
                    "self_check": "Xã đã rà soát sổ theo dõi và tự kiểm tra; tỉ lệ biết chữ đạt chuẩn mức độ 1.",
                },
            )
            return
