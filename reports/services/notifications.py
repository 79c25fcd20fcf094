"""Telling people: in-portal notifications plus email (Django's email backend, sent after the
transaction commits) to the people who fill a unit's reports, and to the office's officers when a
report is submitted. `notify` is shared with annual.guidance."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Membership, Role

from ..models import (
    Notification,
    Submission,
)
from ..permissions import FILL_ROLES


def tell_reviewers(submission: Submission) -> None:
    """The officers of the office that opened the period see new reports in their notifications
    (in the portal only: one email per report would bury the office)."""
    officers = Membership.objects.active_on().filter(unit=submission.period.owner_id, role=Role.OFFICE_OFFICER)
    text = _("%(u)s đã nộp báo cáo “%(p)s”.") % {"u": submission.unit.full_name, "p": submission.period.label}
    Notification.objects.bulk_create(
        [Notification(user_id=m.user_id, text=text[:500], link=submission_link(submission)) for m in officers]
    )


def unit_people(unit_ids) -> list:
    memberships = (
        Membership.objects.active_on().filter(unit_id__in=unit_ids, role__in=FILL_ROLES).select_related("user")
    )
    return [(m.unit_id, m.user) for m in memberships if m.user.is_active]


def notify(pairs, *, subject: str, text_for, link_for) -> int:
    """In-portal notifications and emails (Django's email backend) for (unit_id, user) pairs."""
    notes, mails, seen = [], [], set()
    for unit_id, user in pairs:
        if (unit_id, user.pk) in seen:
            continue
        seen.add((unit_id, user.pk))
        text, link = text_for(unit_id), link_for(unit_id)
        notes.append(Notification(user=user, text=text[:500], link=link))
        if user.email:
            mails.append((subject, f"{text}\n\n{settings_site()}{link}", settings.DEFAULT_FROM_EMAIL, [user.email]))
    Notification.objects.bulk_create(notes)
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(notes)


def settings_site() -> str:
    return getattr(settings, "PORTAL_BASE_URL", "")


def submission_link(submission: Submission) -> str:
    return reverse("reports:submission", args=[submission.pk])


def notification_read(*, user, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
