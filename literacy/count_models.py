"""The kept counts of the literacy register (issue 20): their tables and what a write of people
says about itself; literacy.counts keeps them. Apart from models.py, which imports it, so that the
register's models stay readable (its Person queryset sends `people_written`)."""

from django.db import models, transaction
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
# Sent after a write to the cells themselves that bypassed literacy.counts.refresh (a repair by hand,
# a restore through the ORM), with the `pairs` it touched: literacy.counts derives their sums again.
cells_written = Signal()


def field_names(fields) -> set[str]:
    return {f.removesuffix("_id") for f in fields}


class LiteracyCountQuerySet(models.QuerySet):
    """Cells written through the ORM rather than by literacy.counts.refresh (which writes in SQL)
    say which rounds × communes they touched, so the standard's sums of them follow."""

    def _pairs(self) -> set[tuple[int, int]]:
        return set(self.order_by().values_list("round_id", "commune_id").distinct())

    def update(self, **kwargs):
        with transaction.atomic(using=self.db):
            pairs = self._pairs()
            if field_names(kwargs) & PLACE_FIELDS:
                pairs = None  # cells moved to other rounds or communes: derive every sum again
            updated = super().update(**kwargs)
            cells_written.send(sender=self.model, pairs=pairs)
        return updated

    def delete(self):
        with transaction.atomic(using=self.db):
            pairs = self._pairs()
            deleted = super().delete()
            cells_written.send(sender=self.model, pairs=pairs)
        return deleted

    update.alters_data = True
    delete.alters_data = delete.queryset_only = True  # as QuerySet.delete: no Manager.delete()

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            cells_written.send(sender=self.model, pairs={(c.round_id, c.commune_id) for c in created})
        return created


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

    objects = LiteracyCountQuerySet.as_manager()

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


# The band key of a standard sum over every age (LiteracyStandardSum.band): its population of group
# "all" is the commune's head count of counted people.
EVERY_AGE = "*"


class LiteracyStandardSum(models.Model):
    """Tổng chuẩn XMC: the sums of the cells (LiteracyCount) of one round and commune that the literacy
    standard reads (literacy.attainment.Counts), for each age method, age band of literacy.rules and
    group (all / female / ethnic minority). literacy.counts derives them from the cells in the same
    transaction as the cells, with the filters of literacy.attainment, so the office's page reads a
    few rows per commune however many cells, people and communes there are."""

    round = models.ForeignKey("literacy.SurveyRound", on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    age_method = models.CharField(max_length=10)  # LiteracySettings.age_method (AgeMethod)
    band = models.CharField(max_length=10)  # rules.Band.key, or EVERY_AGE
    group = models.CharField(max_length=10)  # literacy.attainment.GROUPS
    population = models.PositiveIntegerField()
    exempt = models.PositiveIntegerField()
    literate1 = models.PositiveIntegerField()
    literate2 = models.PositiveIntegerField()
    literate1_ne = models.PositiveIntegerField()
    literate2_ne = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("tổng chuẩn xóa mù chữ")
        verbose_name_plural = _("tổng chuẩn xóa mù chữ")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "commune", "age_method", "band", "group"], name="literacy_standard_sum"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.commune_id}/{self.age_method}/{self.band}/{self.group}: {self.population}"


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
