"""Reads for training, scoped to the user through units.selectors and aggregated in SQL: every page
runs the same number of queries whatever the number of courses and participants."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from units.calendar import school_year_dates
from units.models import Unit
from units.selectors import scope_roots, units_visible_to

from .models import Course, NeedAnswer, NeedsSurvey, Participant, ParticipantRole, Status


def courses_visible_to(user) -> QuerySet[Course]:
    """Courses the user's units organised, or that people of the user's units took part in."""
    visible = units_visible_to(user)
    took_part = Participant.objects.filter(course=OuterRef("pk"), unit__in=visible)
    return Course.objects.filter(Q(organiser__in=visible) | Q(Exists(took_part)))


def course_list(user, *, year: int | None = None) -> QuerySet[Course]:
    courses = courses_visible_to(user)
    if year is not None:
        courses = courses.filter(school_year=year)
    return (
        courses.select_related("organiser")
        .annotate(
            enrolled=Count("participants"),
            present=Count("participants", filter=Q(participants__attended=True)),
        )
        .order_by("-start_date", "-id")
    )


def participants_shown(user, course: Course) -> QuerySet[Participant]:
    """All participants for whoever sees the organiser; only their own units' people otherwise."""
    participants = course.participants.select_related("unit", "user")
    if not units_visible_to(user).filter(pk=course.organiser_id).exists():
        participants = participants.filter(unit__in=units_visible_to(user))
    return participants.order_by("full_name", "id")


def trained_in(unit: Unit) -> QuerySet[Participant]:
    """Who of the unit's (sub)tree took part in which course, newest first."""
    return (
        Participant.objects.filter(unit__path__startswith=unit.path)
        .exclude(course__status=Status.CANCELLED)
        .select_related("course", "course__organiser", "unit")
        .order_by("-course__start_date", "full_name", "id")
    )


def trained_counts(unit: Unit) -> dict:
    """The unit's people: trainings, attended and passed, all years (one query)."""
    return trained_in(unit).aggregate(
        total=Count("id"),
        attended=Count("id", filter=Q(attended=True)),
        passed=Count("id", filter=Q(result="passed")),
        people=Count("full_name", distinct=True),
    )


def summary_root(user) -> Unit | None:
    """The unit the office's summary is about: the user's first scope root (their office)."""
    roots = sorted(scope_roots(user), key=lambda u: u.depth)
    if roots:
        return roots[0]
    if user.is_superuser:
        return Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return None


def year_summary(root: Unit, year: int) -> dict:
    """The office's year against its plan: courses planned / held / cancelled, participants trained
    by role, by unit and by topic (four queries)."""
    courses = Course.objects.filter(organiser__path__startswith=root.path, school_year=year)
    plan = courses.aggregate(
        planned=Count("id", filter=~Q(status=Status.CANCELLED)),
        held=Count("id", filter=Q(status=Status.HELD)),
        cancelled=Count("id", filter=Q(status=Status.CANCELLED)),
    )
    trained = Participant.objects.filter(
        course__in=courses.filter(status=Status.HELD), attended=True, unit__path__startswith=root.path
    )
    role_counts = dict(trained.order_by().values_list("role").annotate(n=Count("id")))
    by_role = [
        {"role": role, "label": label, "count": role_counts.get(role, 0)} for role, label in ParticipantRole.choices
    ]
    by_unit = list(
        trained.order_by()
        .values("unit_id", "unit__name", "unit__kind")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(result="passed")))
        .order_by("-n", "unit__name")
    )
    by_topic = list(
        courses.exclude(status=Status.CANCELLED)
        .values("id", "topic", "status", "planned_participants", "hours", "start_date")
        .annotate(
            trained=Count("participants", filter=Q(participants__attended=True)),
            passed=Count("participants", filter=Q(participants__result="passed")),
        )
        .order_by("start_date", "id")
    )
    start, end = school_year_dates(year)
    return {
        **plan,
        "trained": sum(role_counts.values()),
        "by_role": by_role,
        "by_unit": by_unit,
        "by_topic": by_topic,
        "start": start,
        "end": end,
    }


def surveys_visible_to(user) -> QuerySet[NeedsSurvey]:
    """Surveys the user's units opened, or that units above the user's units opened for them."""
    ancestors = {int(pk) for root in scope_roots(user) for pk in root.path.strip("/").split("/") if pk}
    return NeedsSurvey.objects.filter(Q(organiser__in=units_visible_to(user)) | Q(organiser_id__in=ancestors))


def answers_shown(user, survey: NeedsSurvey) -> QuerySet[NeedAnswer]:
    answers = survey.answers.select_related("unit", "answered_by")
    if not units_visible_to(user).filter(pk=survey.organiser_id).exists():
        answers = answers.filter(unit__in=units_visible_to(user))
    return answers.order_by("unit__path", "id")


def year_headline(root: Unit, year: int) -> dict:
    """For the office's home: courses planned and held, people trained this year (two queries)."""
    courses = Course.objects.filter(organiser__path__startswith=root.path, school_year=year)
    figures = courses.aggregate(
        planned=Count("id", filter=~Q(status=Status.CANCELLED)),
        held=Count("id", filter=Q(status=Status.HELD)),
    )
    figures["trained"] = Participant.objects.filter(
        course__in=courses.filter(status=Status.HELD), attended=True
    ).count()
    return figures
