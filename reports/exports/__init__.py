"""The shared export layer: one row source → HTML, XLSX and PDF; official documents per
Nghị định 30/2020; inline SVG charts. How to use it: docs/documents.md.

    from reports.exports import Table, Column, Row, table_to_xlsx, xlsx_response
    from reports.exports import OfficialDocument, Signer, render_official_pdf, pdf_response
    from reports.exports import bar_chart_svg, Series
"""

from .charts import Series, bar_chart_svg, grouped_bar_chart_svg, line_chart_svg, stacked_bar_chart_svg
from .documents import OfficialDocument, Signer, document_symbol, vn_document_date
from .numbers import vn_number, vn_percent
from .pdf import official_document_response, pdf_response, render_official_pdf, render_pdf
from .tables import Cell, Column, HeaderCell, Row, Table
from .xlsx import table_to_xlsx, xlsx_response

__all__ = [
    "Cell",
    "Column",
    "HeaderCell",
    "OfficialDocument",
    "Row",
    "Series",
    "Signer",
    "Table",
    "bar_chart_svg",
    "document_symbol",
    "grouped_bar_chart_svg",
    "line_chart_svg",
    "official_document_response",
    "pdf_response",
    "render_official_pdf",
    "render_pdf",
    "stacked_bar_chart_svg",
    "table_to_xlsx",
    "vn_document_date",
    "vn_number",
    "vn_percent",
    "xlsx_response",
]
