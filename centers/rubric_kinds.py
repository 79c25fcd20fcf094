"""What the centres tell the rubric pages (rubrics/registry.py, found at start-up by rubrics.apps):
the TTHTCĐ self-assessment (Công văn 2553) is a kind of subject scored by a rubric, managed on the
same pages with the same ownership rules as the learning society's titles. Its national default is
created by migration 0002 (centers/rubric_2553.py), not by the shipped-files button."""

from django.utils.translation import gettext_lazy as _

from rubrics import registry

RUBRIC_SUBJECT = "centre"

registry.register_kind(RUBRIC_SUBJECT, _("Trung tâm học tập cộng đồng (tự đánh giá)"))
