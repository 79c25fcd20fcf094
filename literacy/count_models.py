"""The kept counts of the literacy register (issue 20): their tables and what a write of people
says about itself; literacy.counts keeps them. Apart from models.py, which imports it, so that the
register's models stay readable (its Person queryset sends `people_written`)."""

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

# The Person fields the kept counts (literacy.counts) are keyed on: a write to other fields (a move
# to another household, a version bump) leaves them as they are.
COUNTED_FIELDS = frozenset(
    {"round", "commune", "birth_year", "birth_mmdd", "sex", "ethnic_minority", "exempt", "literacy_level", "status"}
    | {"name_folded", "duplicate_cleared"}
)
PLACE_FIELDS = frozenset({"round", "commune"})

# Sent after a bulk write of people with `pairs`, the (round id, commune id) it touched, inside its
# transaction: literacy.counts recomputes their kept counts (a save or delete sends Django's own).
people_written = Signal()


def field_names(fields) -> set[str]:
    return {f.removesuffix("_id") for f in fields}


class LiteracyCount(models.Model):
    """Số đếm sổ XMC: how many people of a round and commune share every attribute the literacy
    standard filters on (literacy.attainment) — kept by literacy.counts in the same transaction as
    every write to the people, so the standard sums a few cells instead of scanning the register."""

    round = models.ForeignKey("literacy.SurveyRound", on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    birth_year = models.PositiveSmallIntegerField()
    # Born after 30 September (Person.birth_mmdd > 930): a year younger by the exact-age method.
    born_after_30_9 = models.BooleanField()
    sex = models.CharField(max_length=1)  # Person.sex: M / F
    ethnic_minority = models.BooleanField()
    exempt = models.BooleanField()
    literacy_level = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10)  # Person.status (PersonStatus)
    n = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("số đếm sổ xóa mù chữ")
        verbose_name_plural = _("số đếm sổ xóa mù chữ")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "round",
                    "commune",
                    "birth_year",
                    "born_after_30_9",
                    "sex",
                    "ethnic_minority",
                    "exempt",
                    "literacy_level",
                    "status",
                ],
                name="literacy_count_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.commune_id}/{self.birth_year}: {self.n}"


class DuplicateGroup(models.Model):
    """A possible duplicate still to resolve (same folded name and birth year in one commune and
    round, not cleared), kept by literacy.counts so the office home counts them without a scan."""

    round = models.ForeignKey("literacy.SurveyRound", on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    name_folded = models.CharField(max_length=150)
    birth_year = models.PositiveSmallIntegerField()
    n = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("nhóm nghi trùng")
        verbose_name_plural = _("nhóm nghi trùng")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "commune", "name_folded", "birth_year"], name="literacy_duplicate_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_folded} ({self.birth_year}) × {self.n}"
