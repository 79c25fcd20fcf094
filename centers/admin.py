"""Read-only admin pages for support staff: every change goes through centers.services (audited),
so the admin shows the records but does not edit them."""

from django.contrib import admin

from .models import Activity, CentrePerson, CentreProfile, Club, FundingEntry, LearningNeed, SelfAssessment, YearPlan


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "centre", "kind", "field", "start_date", "participants", "women"]
    list_filter = ["kind", "field"]
    search_fields = ["title", "centre__name", "lecturer", "place"]
    date_hierarchy = "start_date"
    list_select_related = ["centre"]


@admin.register(CentrePerson)
class CentrePersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "centre", "role", "origin", "since", "until"]
    list_filter = ["role", "origin"]
    search_fields = ["full_name", "centre__name"]
    list_select_related = ["centre"]


@admin.register(FundingEntry)
class FundingEntryAdmin(ReadOnlyAdmin):
    list_display = ["date", "centre", "kind", "source", "purpose", "amount"]
    list_filter = ["kind", "source", "purpose"]
    list_select_related = ["centre"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["centre", "school_year", "status", "self_total", "office_total", "office_rating"]
    list_filter = ["school_year", "status"]
    list_select_related = ["centre"]


admin.site.register([CentreProfile, Club, LearningNeed, YearPlan], ReadOnlyAdmin)
