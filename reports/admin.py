"""Admin for superusers: forms and periods are read here; every change goes through the pages and
services (which validate and leave history), so the admin does not edit values or workflow."""

from django.contrib import admin

from .models import ReportForm, ReportingPeriod, Submission, ValueChange


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportForm)
class ReportFormAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title", "status", "owner", "published_at"]
    list_filter = ["status"]
    search_fields = ["code", "title"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["label", "form", "owner", "open_date", "due_date", "lock_date"]
    list_select_related = ["form", "owner"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["unit", "period", "status", "version", "first_submitted_at", "reviewed_at"]
    list_filter = ["status"]
    list_select_related = ["unit", "period", "period__form"]
    search_fields = ["unit__code", "unit__name"]


@admin.register(ValueChange)
class ValueChangeAdmin(ReadOnlyAdmin):
    list_display = ["submission", "cell", "old_value", "new_value", "changed_by", "changed_at"]
    list_select_related = ["submission__unit", "submission__period__form", "cell__row", "cell__column", "changed_by"]
