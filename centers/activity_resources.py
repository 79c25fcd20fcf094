"""The learning resources a centre used in an activity (issue 19). The library is the shared app
resources/; the link is this app's (Activity.resources), so resources/ never imports centres: the
resource page learns how many activities used it from the counter registered here (resources.usage).
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resources.models import Resource
from resources.selectors import published_for
from resources.usage import register_usage
from units.models import Unit

from .models import Activity


def choices_for(centre: Unit, activity: Activity | None = None):
    """What the activity form offers: the published resources of the libraries above the centre,
    and those the activity already used (a resource hidden since stays on it)."""
    published = Q(pk__in=published_for(centre).values("pk"))
    if activity is not None and activity.pk:
        published |= Q(pk__in=activity.resources.values("pk"))
    return Resource.objects.filter(published).order_by("-featured", "field", "title", "id")


def check_resources(activity: Activity, resources) -> list | None:
    """The chosen resources, or a ValidationError on one the centre may not use; None: unchanged."""
    if resources is None:
        return None
    chosen = list(resources)
    allowed = set(published_for(activity.centre).values_list("pk", flat=True))
    if activity.pk:
        allowed |= set(activity.resources.values_list("pk", flat=True))
    refused = [r for r in chosen if r.pk not in allowed]
    if refused:
        raise ValidationError(
            {
                "resources": _("Học liệu “%(title)s” chưa được phòng đăng hoặc không thuộc thư viện của phòng.")
                % {"title": refused[0].title}
            }
        )
    return chosen


def resource_names(resources) -> str:
    return "; ".join(sorted(r.title for r in resources))


def activities_using(resource_ids: list[int]) -> dict[int, int]:
    """{resource id: activities that used it} in one query."""
    through = Activity.resources.through
    rows = (
        through.objects.filter(resource_id__in=resource_ids)
        .values("resource_id")
        .annotate(n=Count("activity_id"))
        .order_by()
    )
    return {row["resource_id"]: row["n"] for row in rows}


def register() -> None:
    register_usage("centers.activities", gettext_lazy("hoạt động của TTHTCĐ"), activities_using)
