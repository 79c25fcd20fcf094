"""The office's annual report and the year's guidance; mounted under /bao-cao/ beside the reports
pages (gdtx_portal/urls.py), so their addresses are those they always had."""

from django.urls import path

from .views import guidance, reports, tasks

app_name = "annual"

urlpatterns = [
    path("tong-ket/", reports.annual_list, name="list"),
    path("tong-ket/them/", reports.annual_create, name="create"),
    path("tong-ket/<int:pk>/", reports.annual_detail, name="detail"),
    path("tong-ket/<int:pk>/chot-so-lieu/", reports.annual_freeze, name="freeze"),
    path("tong-ket/<int:pk>/duyet/", reports.annual_approve, name="approve"),
    path("tong-ket/<int:pk>/tra-lai/", reports.annual_return, name="return"),
    path("tong-ket/<int:pk>/ban-in/", reports.annual_document, name="document"),
    path("tong-ket/<int:pk>/tao-pdf/", reports.annual_pdf_start, name="pdf"),
    path("tong-ket/<int:pk>/excel/", reports.annual_xlsx, name="xlsx"),
    path("tong-ket/<int:pk>/word/", reports.annual_docx, name="docx"),
    path("huong-dan/", guidance.guidance_list, name="guidance_list"),
    path("huong-dan/them/", guidance.guidance_create, name="guidance_create"),
    path("huong-dan/<int:pk>/", guidance.guidance_detail, name="guidance_detail"),
    path("huong-dan/<int:pk>/ban-in/", guidance.guidance_document, name="guidance_document"),
    path("huong-dan/<int:pk>/word/", guidance.guidance_docx, name="guidance_docx"),
    path("huong-dan/<int:pk>/them-nhiem-vu/", guidance.guidance_task_add, name="guidance_task_add"),
    path("huong-dan/nhiem-vu/<int:pk>/xoa/", guidance.guidance_task_delete, name="guidance_task_delete"),
    path("huong-dan/<int:pk>/ban-hanh/", guidance.guidance_publish, name="guidance_publish"),
    path("huong-dan/<int:pk>/nhac-nop/", guidance.guidance_remind, name="guidance_remind"),
    path("huong-dan/<int:pk>/nop-ke-hoach/", guidance.plan_submit, name="plan_submit"),
    path("ke-hoach/<int:pk>/tep/", guidance.plan_file, name="plan_file"),
    path("ke-hoach/<int:pk>/ban-in/", guidance.plan_document, name="plan_document"),
    path("huong-dan/<int:pk>/tien-do/", tasks.task_matrix, name="task_matrix"),
    path("huong-dan/nhiem-vu/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("huong-dan/nhiem-vu/<int:pk>/giao/", tasks.task_assign, name="task_assign"),
    path("huong-dan/nhiem-vu/<int:pk>/bao-cao-tien-do/", tasks.progress_update, name="progress_update"),
    path("tien-do/<int:pk>/minh-chung/", tasks.progress_file, name="progress_file"),
]
