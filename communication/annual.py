"""Communication blocks of the office's annual report (annual/blocks.py discovers this module), in
its "Công tác tuyên truyền" section: the counts by commune (this app's providers) and by channel
(one aggregate). `start`–`end` are the report's school year."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock, provider_block
from documents import Cell, Column, Row, Table

from .selectors import by_channel


def channels_table(office, start, end) -> Table:
    rows, items, count = [], 0, 0
    href = reverse("communication:index") + f"?tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}"
    for line in by_channel(office, start, end):
        items += line["items"]
        count += line["count"]
        rows.append(
            Row([Cell(str(line["label"]), href=f"{href}&kenh={line['channel']}"), line["items"], line["count"]])
        )
    rows.append(Row.total([_("Cộng"), items, count]))
    return Table(
        title=_("Tuyên truyền theo kênh"),
        columns=[
            Column(_("Kênh"), width=40),
            Column(_("Số lần ghi sổ"), "int"),
            Column(_("Số lượng (tin, bài, lượt phát, chiếc, buổi)"), "int"),
        ],
        rows=rows,
        number_rows=True,
        notes=[_("Số liệu lấy trực tiếp từ sổ tin, bài tuyên truyền của các đơn vị.")],
    )


def blocks():
    return [
        AnnualBlock("communication.channels", "communication", gettext_lazy("Tuyên truyền theo kênh"), channels_table),
        provider_block(
            "providers.communication",
            "communication",
            gettext_lazy("Tin, bài và hoạt động tuyên truyền theo xã"),
            ["communication.news", "communication.posters", "communication.events"],
        ),
    ]
