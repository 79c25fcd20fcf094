"""The columns of the household template: the header the template writes, the other names a commune's
own file may use, and the key a header folds to (case, accents, spacing and brackets ignored)."""

import re
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from units import legal
from units.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # the header row must have this column
    aliases: tuple[str, ...] = ()
    help: str = ""

    @property
    def must_fill(self) -> bool:
        """Every row must give a value (a blank cell is an error, rows.py); the other columns may be
        left blank in a row, even those the header must have (blank Dân tộc is Kinh)."""
        return self.key in MUST_FILL

    @property
    def guide_label(self):
        """What the import guide says under "Bắt buộc" (issue 17: optional columns said "Có")."""
        if self.must_fill:
            return gettext_lazy("Có")
        if self.required:
            return gettext_lazy("Không (giữ cột, ô để trống được)")
        return gettext_lazy("Không")


MUST_FILL = frozenset({"household_code", "hamlet", "head_name", "full_name", "birth", "sex"})


COLUMNS = [
    Column(
        "household_code",
        "Mã hộ",
        True,
        ("mã hộ gia đình", "số phiếu"),
        gettext_lazy("Mã do xã đặt, duy nhất trong xã."),
    ),
    Column(
        "hamlet",
        "Thôn/Tổ dân phố",
        True,
        ("thôn", "tổ dân phố", "thôn, tổ dân phố", "thôn/tdp"),
        gettext_lazy("Tên hoặc mã thôn, tổ dân phố của xã."),
    ),
    Column("house_number", "Số nhà", False, (), gettext_lazy("Có thể để trống.")),
    Column("head_name", "Chủ hộ", True, ("họ tên chủ hộ", "họ và tên chủ hộ"), gettext_lazy("Họ và tên chủ hộ.")),
    Column("full_name", "Họ và tên", True, ("họ tên",), gettext_lazy("Họ và tên nhân khẩu.")),
    Column(
        "birth",
        "Ngày sinh",
        True,
        ("năm sinh", "ngày sinh hoặc năm sinh", "ngày/tháng/năm sinh", "ngày tháng năm sinh"),
        gettext_lazy("dd/mm/yyyy, ô ngày của Excel, hoặc chỉ năm sinh (ví dụ 1985)."),
    ),
    Column("sex", "Giới tính", True, ("nam/nữ",), gettext_lazy("Nam hoặc Nữ.")),
    Column(
        "ethnicity",
        "Dân tộc",
        True,
        (),
        format_lazy(
            "{} {}; {}",
            gettext_lazy("Mã (01–54) hoặc tên dân tộc theo"),
            legal.cite("qd121_1979"),
            gettext_lazy("để trống là Kinh."),
        ),
    ),
    Column("relation", "Quan hệ với chủ hộ", False, ("quan hệ",), gettext_lazy("Ví dụ: Chủ hộ, Vợ, Con.")),
    Column(
        "grade",
        "Lớp đã hoàn thành",
        True,
        ("trình độ văn hóa", "lớp"),
        gettext_lazy("Số từ 0 đến 12 (có thể ghi 9/12)."),
    ),
    Column("stage", "Hoàn thành XMC", True, ("xmc", "hoàn thành xóa mù chữ"), gettext_lazy("GĐ1, GĐ2 hoặc để trống.")),
    Column("disability", "Khuyết tật", True, (), gettext_lazy("x hoặc Có nếu khuyết tật; để trống nếu không.")),
    Column(
        "exempt",
        "Miễn",
        True,
        ("miễn học", "được miễn"),
        gettext_lazy("x nếu khuyết tật không có khả năng học (quy định của địa phương / hướng dẫn điều tra)."),
    ),
    Column(
        "residence",
        "Cư trú",
        False,
        ("thường trú/tạm trú",),
        gettext_lazy("Thường trú hoặc Tạm trú; để trống là Thường trú."),
    ),
    Column(
        "status",
        "Tình trạng",
        False,
        (),
        gettext_lazy("Để trống, Mới chuyển đến, Mới sinh, Đã chuyển đi hoặc Đã chết."),
    ),
    Column(
        "id_number",
        "Số định danh cá nhân",
        False,
        ("số định danh", "mã định danh", "số cccd", "cccd", "căn cước công dân", "số căn cước"),
        gettext_lazy("12 chữ số; dùng để nhận ra cùng một người khi nhập lại. Có thể để trống."),
    ),
    Column(
        "found_illiterate",
        "Tái mù chữ",
        False,
        ("tái mù", "không biết chữ"),
        gettext_lazy("x nếu kiểm tra thực tế người này không đọc, viết được; để trống nếu không."),
    ),
]
# Read only when the file has the column: a file without it keeps what the register holds.
OPTIONAL_PERSON_KEYS = ("id_number", "found_illiterate")
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
PUNCT = re.compile(r"[^a-z0-9]")
_PAREN = re.compile(r"\(.*?\)")


def header_key(text) -> str:
    return PUNCT.sub("", fold(_PAREN.sub("", str(text or ""))))


HEADER_LOOKUP: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.header, *_c.aliases):
        HEADER_LOOKUP[header_key(_name)] = _c.key
