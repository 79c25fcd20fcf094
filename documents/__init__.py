"""The shared export layer: one row source → HTML, XLSX and PDF; official documents per
Nghị định 30/2020; inline SVG charts. How to use it: docs/documents.md.

    from documents import Table, Column, Row, table_to_xlsx, xlsx_response
    from documents import OfficialDocument, Signer, render_official_pdf, pdf_response
    from documents import bar_chart_svg, Series

A shared app: it imports only Django, third-party libraries and `units`, never an engine or a
domain app (they import it). No models, so importing it while apps load is safe.
"""

from .charts import Series, bar_chart_svg, grouped_bar_chart_svg, line_chart_svg, stacked_bar_chart_svg
from .numbers import percent_of, share_meets, truncate_percent, vn_number, vn_percent
from .official import OfficialDocument, Signer, document_symbol, vn_document_date
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
    "percent_of",
    "render_official_pdf",
    "render_pdf",
    "share_meets",
    "stacked_bar_chart_svg",
    "table_to_xlsx",
    "truncate_percent",
    "vn_document_date",
    "vn_number",
    "vn_percent",
    "xlsx_response",
]
