"""Row sources: one Table per report, feeding the page, the XLSX and the PDF alike (STYLE.md habit 8).

Table names follow the national PCGD-XMC forms as far as known (issue 15): CMC-1 Tổng hợp chống mù
chữ (people by age band, sex and ethnicity), XMC-4 Thống kê đạt chuẩn xóa mù chữ (standard attainment
of each commune), MC1 / MC2 (name lists). The numbering of the national system is "cần xác minh":
FORM_NAMES is the one place to correct it."""

from django.utils.translation import gettext as _

from documents import Cell, Column, HeaderCell, Row, Table, vn_percent

from . import rules
from .attainment import GROUPS, CommuneStandard, NameList, OfficeStandard
from .models import AgeMethod, LiteracySettings


def settings_notes(conf: LiteracySettings) -> list[str]:
    """How the figures were computed: printed under every table (DOMAIN.md §3, verify)."""
    age = (
        _("Tuổi tính theo năm sinh: tuổi = năm thống kê − năm sinh.")
        if conf.age_method == AgeMethod.BIRTH_YEAR
        else _("Tuổi là số tuổi tròn tính đến ngày 30/9 của năm thống kê.")
    )
    exempt = (
        _("Người khuyết tật không có khả năng học (được miễn) ghi ở cột riêng và không tính vào mẫu số.")
        if conf.exempt_leave_denominator
        else _("Người được miễn vẫn tính vào mẫu số khi tính tỉ lệ.")
    )
    return [
        age,
        exempt,
        _(
            "Xã đạt chuẩn XMC khi tỉ lệ biết chữ của độ tuổi quy định từ %(p)s%% trở lên; huyện đạt chuẩn khi từ "
            "%(o)s%% số xã đạt chuẩn (%(basis)s). Xã đặc biệt khó khăn: mức độ 1 tính độ tuổi %(b1d)s, "
            "mức độ 2 tính độ tuổi %(b2d)s."
        )
        % {
            "p": rules.THRESHOLD_PERCENT,
            "o": rules.OFFICE_THRESHOLD_PERCENT,
            "basis": rules.standard_basis(),
            "b1d": rules.band_for(1, True).label,
            "b2d": rules.band_for(2, True).label,
        },
        _("Số liệu tính trực tiếp từ sổ theo dõi nhân khẩu, không nhập tay."),
    ]


def _met(flag: bool) -> str:
    return _("Đạt") if flag else _("Chưa đạt")


def _level_cells(result) -> list:
    return [
        f"{result.age_from}–{result.age_to}",
        result.population,
        result.exempt,
        result.literate,
        result.rate,
        _met(result.met),
    ]


def office_standard_table(standard: OfficeStandard, *, link=None) -> Table:
    """XMC-4: standard attainment of every commune, and the office's share of communes meeting it."""
    level_header = [
        HeaderCell(_("Độ tuổi")),
        HeaderCell(_("Dân số")),
        HeaderCell(_("Miễn")),
        HeaderCell(_("Biết chữ")),
        HeaderCell(_("Tỉ lệ (%)")),
        HeaderCell(_("Kết quả")),
    ]
    level_columns = [
        Column(_("Độ tuổi"), width=8),
        Column(_("Dân số"), "int", width=9),
        Column(_("Miễn"), "int", width=7),
        Column(_("Biết chữ"), "int", width=9),
        Column(_("Tỉ lệ (%)"), "decimal", decimals=2, width=8),
        Column(_("Kết quả"), width=9),
    ]
    rows = []
    for c in standard.communes:
        name = c.commune.full_name + (" (ĐBKK)" if c.especially_difficult else "")
        first = Cell(name, href=link(c.commune) if link else "")
        rows.append(Row([first, *_level_cells(c.level1), *_level_cells(c.level2)]))
    if standard.communes:
        total1, total2 = standard.level_total(1), standard.level_total(2)
        rows.append(
            Row.total(
                [
                    _("Cộng"),
                    _("theo xã"),
                    total1.population,
                    total1.exempt,
                    total1.literate,
                    total1.rate,
                    "",
                    _("theo xã"),
                    total2.population,
                    total2.exempt,
                    total2.literate,
                    total2.rate,
                    "",
                ]
            )
        )
        rows.append(
            Row(
                [
                    Cell(_("Số xã đạt chuẩn / tổng số xã"), bold=True),
                    Cell(
                        _("%(met)d/%(n)d xã (%(share)s) — %(result)s")
                        % {
                            "met": standard.communes_meeting_level1,
                            "n": len(standard.communes),
                            "share": vn_percent(standard.share1, 2),
                            "result": _met(standard.met1),
                        },
                        colspan=6,
                        kind="text",
                        bold=True,
                    ),
                    Cell(
                        _("%(met)d/%(n)d xã (%(share)s) — %(result)s")
                        % {
                            "met": standard.communes_meeting_level2,
                            "n": len(standard.communes),
                            "share": vn_percent(standard.share2, 2),
                            "result": _met(standard.met2),
                        },
                        colspan=6,
                        kind="text",
                        bold=True,
                    ),
                ],
                style="subtotal",
            )
        )
    return Table(
        title=_("Biểu %(code)s. %(name)s năm %(y)d")
        % {"code": "XMC-4", "name": FORM_NAMES["XMC-4"], "y": standard.year},
        subtitle=standard.office.full_name,
        unit_note=_("Đơn vị tính: người"),
        columns=[Column(_("Xã, phường, thị trấn"), width=26), *level_columns, *level_columns],
        header_rows=[
            [
                HeaderCell(_("Xã, phường, thị trấn"), rowspan=2),
                HeaderCell(_("Chuẩn XMC mức độ 1"), colspan=6),
                HeaderCell(_("Chuẩn XMC mức độ 2"), colspan=6),
            ],
            level_header + level_header,
        ],
        rows=rows,
        notes=settings_notes(standard.settings),
        number_rows=False,
    )


_GROUP_LABELS = {"all": "Tổng số", "female": "Nữ", "minority": "Dân tộc thiểu số"}

# The national names of the literacy tables (PCGD-XMC information system; numbering cần xác minh).
FORM_NAMES = {
    "CMC-1": "Tổng hợp chống mù chữ",
    "CMC-2": "Thống kê số người mù chữ",
    "XMC-3": "Tổng hợp kết quả xóa mù chữ",
    "XMC-4": "Thống kê đạt chuẩn xóa mù chữ",
}


def commune_band_table(standard: CommuneStandard, conf: LiteracySettings, year: int) -> Table:
    """CMC-1: each age band by sex and ethnic minority, both literacy levels, with the exempt apart."""
    rows = []
    for band in rules.BANDS:
        rows.append(Row.section(_("Độ tuổi %(b)s") % {"b": band.label}, 8))
        for group in GROUPS:
            r1, r2 = standard.group_levels(band, group)
            rows.append(
                Row(
                    [
                        _(_GROUP_LABELS[group]),
                        r1.population,
                        r1.exempt,
                        r1.denominator,
                        r1.literate,
                        r1.rate,
                        r2.literate,
                        r2.rate,
                    ],
                    level=1,
                )
            )
    return Table(
        title=_("Biểu %(code)s. %(name)s năm %(y)d — người biết chữ theo độ tuổi, giới tính, dân tộc")
        % {"code": "CMC-1", "name": FORM_NAMES["CMC-1"], "y": year},
        subtitle=standard.commune.full_name,
        unit_note=_("Đơn vị tính: người"),
        columns=[
            Column(_("Độ tuổi, đối tượng"), width=24),
            Column(_("Dân số"), "int", width=10),
            Column(_("Miễn"), "int", width=8),
            Column(_("Mẫu số"), "int", width=10),
            Column(_("Biết chữ mức 1"), "int", width=10),
            Column(_("Tỉ lệ (%)"), "decimal", decimals=2, width=9),
            Column(_("Biết chữ mức 2"), "int", width=10),
            Column(_("Tỉ lệ (%)"), "decimal", decimals=2, width=9),
        ],
        header_rows=[
            [
                HeaderCell(_("Độ tuổi, đối tượng"), rowspan=2),
                HeaderCell(_("Dân số"), rowspan=2),
                HeaderCell(_("Miễn"), rowspan=2),
                HeaderCell(_("Mẫu số"), rowspan=2),
                HeaderCell(_("Mức độ 1"), colspan=2),
                HeaderCell(_("Mức độ 2"), colspan=2),
            ],
            [
                HeaderCell(_("Biết chữ")),
                HeaderCell(_("Tỉ lệ (%)")),
                HeaderCell(_("Biết chữ")),
                HeaderCell(_("Tỉ lệ (%)")),
            ],
        ],
        rows=rows,
        notes=settings_notes(conf),
    )


def name_list_table(names: NameList, persons) -> Table:
    """MC1 / MC2; `persons` are the list's people as read (the export job reads them in chunks)."""
    level, commune, survey_round, band = names.level, names.commune, names.survey_round, names.band
    rows = [
        Row(
            [
                p.full_name,
                p.birth_date.strftime("%d/%m/%Y") if p.birth_date else str(p.birth_year),
                p.get_sex_display(),
                p.ethnicity_name,
                p.household.hamlet.full_name,
                p.household.head_name,
                p.grade,
                p.get_stage_display() if p.stage else "",
            ]
        )
        for p in persons
    ]
    return Table(
        title=_("Danh sách MC%(l)d. Người chưa biết chữ mức độ %(l)d, độ tuổi %(b)s") % {"l": level, "b": band.label},
        subtitle=_("%(c)s — năm %(y)d, đợt %(n)d")
        % {"c": commune.full_name, "y": survey_round.year, "n": survey_round.number},
        columns=[
            Column(_("Họ và tên"), width=26),
            Column(_("Ngày/năm sinh"), width=12),
            Column(_("Giới tính"), width=8),
            Column(_("Dân tộc"), width=10),
            Column(_("Thôn, tổ dân phố"), width=18),
            Column(_("Chủ hộ"), width=18),
            Column(_("Lớp đã hoàn thành"), "int", width=9),
            Column(_("Hoàn thành XMC"), width=12),
        ],
        rows=rows,
        number_rows=True,
        notes=settings_notes(names.settings),
    )


def import_errors_table(batch) -> Table:
    return Table(
        title=_("Danh sách lỗi khi nhập tệp %(f)s") % {"f": batch.file_name},
        columns=[Column(_("Dòng"), "int", width=8), Column(_("Cột"), width=22), Column(_("Lỗi"), width=80)],
        rows=[Row([row, column, message]) for row, column, message in batch.errors],
        notes=[_("Sửa các dòng trên trong tệp Excel rồi tải lên lại; chưa có dòng nào được nhập.")],
    )
