"""Export buttons of the submission and roll-up pages (XLSX and PDF of the same row source)."""


def submission_export_links(submission) -> list:
    return []


def rollup_export_links(request, period) -> list:
    return []
