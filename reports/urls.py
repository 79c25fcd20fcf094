from django.urls import path

from .views import exports, forms, offline, periods, submissions

app_name = "reports"

urlpatterns = [
    path("", submissions.index, name="index"),
    path("can-nop/", submissions.inbox, name="inbox"),
    path("thong-bao/", submissions.notifications, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", submissions.notification_read, name="notification_read"),
    # Forms as data
    path("bieu-mau/", forms.form_list, name="form_list"),
    path("bieu-mau/them/", forms.form_create, name="form_create"),
    path("bieu-mau/nhap-tep/", forms.form_import, name="form_import"),
    path("bieu-mau/<int:pk>/", forms.form_detail, name="form_detail"),
    path("bieu-mau/<int:pk>/sua/", forms.form_edit, name="form_edit"),
    path("bieu-mau/<int:pk>/them-phan/", forms.section_add, name="section_add"),
    path("bieu-mau/<int:pk>/them-chi-tieu/", forms.row_add, name="row_add"),
    path("bieu-mau/<int:pk>/them-cot/", forms.column_add, name="column_add"),
    path("bieu-mau/<int:pk>/them-quy-tac/", forms.rule_add, name="rule_add"),
    path("bieu-mau/<int:pk>/ban-hanh/", forms.form_publish, name="form_publish"),
    path("bieu-mau/<int:pk>/phien-ban-moi/", forms.form_new_version, name="form_new_version"),
    path("bieu-mau/<int:pk>/xuat-tep/", forms.form_export, name="form_export"),
    path("bieu-mau/o/<int:pk>/", forms.cell_edit, name="cell_edit"),
    path("bieu-mau/phan/<int:pk>/xoa/", forms.section_delete, name="section_delete"),
    path("bieu-mau/chi-tieu/<int:pk>/xoa/", forms.row_delete, name="row_delete"),
    path("bieu-mau/cot/<int:pk>/xoa/", forms.column_delete, name="column_delete"),
    path("bieu-mau/quy-tac/<int:pk>/xoa/", forms.rule_delete, name="rule_delete"),
    # Periods, board, roll-up
    path("ky/", periods.period_list, name="period_list"),
    path("ky/mo/", periods.period_create, name="period_create"),
    path("ky/<int:pk>/", periods.period_detail, name="period_detail"),
    path("ky/<int:pk>/don-vi/", periods.period_units, name="period_units"),
    path("ky/<int:pk>/nhac-nop/", periods.period_remind, name="period_remind"),
    path("ky/<int:pk>/duyet-hang-loat/", periods.period_bulk_approve, name="period_bulk_approve"),
    path("ky/<int:pk>/tong-hop/", periods.rollup, name="rollup"),
    path("ky/<int:pk>/tong-hop/o/<int:cell_pk>/", periods.rollup_cell, name="rollup_cell"),
    path("ky/<int:pk>/tong-hop/ban-in/", exports.rollup_document, name="rollup_document"),
    # One unit's report
    path("bao-cao/<int:pk>/", submissions.submission_detail, name="submission"),
    path("bao-cao/<int:pk>/lay-so-lieu/", submissions.submission_refresh, name="submission_refresh"),
    path("bao-cao/<int:pk>/duyet/", submissions.submission_approve, name="submission_approve"),
    path("bao-cao/<int:pk>/tra-lai/", submissions.submission_return, name="submission_return"),
    path("bao-cao/<int:pk>/mo-khoa/", submissions.submission_unlock, name="submission_unlock"),
    path("bao-cao/<int:pk>/ban-in/", exports.submission_document, name="submission_document"),
    path("bao-cao/<int:pk>/excel/", offline.submission_offline, name="submission_offline"),
]
