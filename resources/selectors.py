"""Reads of the library and the good models, scoped to the user through units.selectors: every
list runs the same number of queries whatever its length.

A user reads the published items of every office above (or at) the units they work in — their
district's library and, when there is one, the province's — and, besides, whatever the units they
see proposed (an office sees its units' proposals; a centre its own)."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from units.models import Unit, UnitKind
from units.selectors import active_memberships, scope_roots, units_visible_to
from units.text import fold

from .models import GoodModel, ModelPhoto, ModelStatus, Resource, ResourceStatus


def office_of(unit: Unit) -> Unit:
    """The nearest office at or above `unit` (the library it proposes to); its tree's root if none."""
    ids = [*unit.ancestor_ids(), unit.pk]
    office = Unit.objects.filter(pk__in=ids, kind=UnitKind.OFFICE).order_by("-depth").first()
    return office or Unit.objects.get(pk=ids[0])


def _ancestor_ids(units) -> set[int]:
    return {int(pk) for unit in units for pk in unit.path.strip("/").split("/") if pk}


def library_offices(user) -> QuerySet[Unit]:
    """The offices whose published items the user reads: at or above the units they work in."""
    if getattr(user, "is_superuser", False):
        return Unit.objects.filter(kind=UnitKind.OFFICE)
    return Unit.objects.filter(pk__in=_ancestor_ids(scope_roots(user)), kind=UnitKind.OFFICE)


def libraries_above(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=_ancestor_ids([unit]), kind=UnitKind.OFFICE)


# Resources -------------------------------------------------------------------------------------


def resources_visible_to(user) -> QuerySet[Resource]:
    if not getattr(user, "is_authenticated", False):
        return Resource.objects.none()
    if user.is_superuser:
        return Resource.objects.all()
    return Resource.objects.filter(
        Q(status=ResourceStatus.PUBLISHED, office__in=library_offices(user)) | Q(unit__in=units_visible_to(user))
    )


def resource_list(user, *, query: str = "", field: str = "", audience: str = "", status: str = "") -> QuerySet:
    resources = resources_visible_to(user)
    if query.strip():
        for word in fold(query).split()[:6]:
            resources = resources.filter(search_text__contains=word)
    if field:
        resources = resources.filter(field=field)
    if audience:
        resources = resources.filter(audience=audience)
    if status:
        resources = resources.filter(status=status)
    return resources.select_related("unit", "office").order_by("-featured", "title", "id")


def published_for(unit: Unit) -> QuerySet[Resource]:
    """The resources a unit may pick (a centre logging an activity): published in a library above it."""
    return (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED, office__in=libraries_above(unit))
        .select_related("office")
        .order_by("-featured", "field", "title", "id")
    )


def proposals_waiting(user) -> int:
    """Resources and good models waiting for the user's decision, for the index page's badge."""
    offices = [m.unit for m in active_memberships(user) if m.unit.kind == UnitKind.OFFICE]
    if not offices and not user.is_superuser:
        return 0
    q = Q() if user.is_superuser else Q(office__path__startswith=offices[0].path)
    return (
        Resource.objects.filter(q, status=ResourceStatus.PROPOSED).count()
        + GoodModel.objects.filter(q, status=ModelStatus.PROPOSED).count()
    )


# Good models -----------------------------------------------------------------------------------


def models_visible_to(user) -> QuerySet[GoodModel]:
    """Published models of the user's libraries, and every model (drafts too) of the units they see."""
    if not getattr(user, "is_authenticated", False):
        return GoodModel.objects.none()
    if user.is_superuser:
        return GoodModel.objects.all()
    return GoodModel.objects.filter(
        Q(status=ModelStatus.PUBLISHED, office__in=library_offices(user)) | Q(unit__in=units_visible_to(user))
    )


def _with_cover(models: QuerySet[GoodModel]) -> QuerySet[GoodModel]:
    first = ModelPhoto.objects.filter(good_model=OuterRef("pk")).order_by("uploaded_at", "id")
    return models.annotate(cover_id=Subquery(first.values("pk")[:1]))


def gallery(user) -> QuerySet[GoodModel]:
    """The published models the user reads, newest first, each with its first photo's id."""
    models = models_visible_to(user).filter(status=ModelStatus.PUBLISHED)
    return _with_cover(models.select_related("unit")).order_by("-published_at", "-id")


def model_list(user, *, status: str = "") -> QuerySet[GoodModel]:
    """Every model the user sees, any status (the register), each with its cover."""
    models = models_visible_to(user)
    if status:
        models = models.filter(status=status)
    return _with_cover(models.select_related("unit")).order_by("status", "-published_at", "-id")


def year_models(office: Unit, start, end) -> QuerySet[GoodModel]:
    """Models of the office's tree published between `start` and `end` (the annual report)."""
    return (
        GoodModel.objects.filter(
            office__path__startswith=office.path,
            status=ModelStatus.PUBLISHED,
            published_at__date__gte=start,
            published_at__date__lte=end,
        )
        .select_related("unit")
        .order_by("published_at", "id")
    )


def library_count(office: Unit) -> int:
    return Resource.objects.filter(office__path__startswith=office.path, status=ResourceStatus.PUBLISHED).count()
