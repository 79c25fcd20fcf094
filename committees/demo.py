"""Demo data for the steering committees: the Ban chỉ đạo PCGD-XMC and the Ban chỉ đạo xây dựng xã
hội học tập of two demo communes, with their decisions and members, and one dated change (the
head of the first commune's PCGD-XMC committee replaced after moving to another post). Through
committees.services, so the audit trail is an officer's. A commune that already has them is left
alone."""

import datetime

from units.models import Unit, UnitKind, today

from . import services
from .models import Committee, Kind, Position

# (position, name, job) — invented names.
MEMBERS = {
    Kind.PCGD_XMC: [
        (Position.HEAD, "Hoàng Văn Sơn", "Phó Chủ tịch UBND xã"),
        (Position.DEPUTY, "Nguyễn Thị Hạnh", "Hiệu trưởng trường THCS"),
        (Position.DEPUTY, "Lò Thị Mai", "Giám đốc TTHTCĐ"),
        (Position.MEMBER, "Vàng A Páo", "Trưởng thôn"),
        (Position.MEMBER, "Trần Văn Long", "Chủ tịch Hội Khuyến học xã"),
        (Position.SECRETARY, "Phạm Thu Trang", "Công chức Văn hóa - Xã hội"),
    ],
    Kind.LEARNING_SOCIETY: [
        (Position.HEAD, "Đặng Quốc Bảo", "Chủ tịch UBND xã"),
        (Position.DEPUTY, "Trần Văn Long", "Chủ tịch Hội Khuyến học xã"),
        (Position.MEMBER, "Lò Thị Mai", "Giám đốc TTHTCĐ"),
        (Position.MEMBER, "Bùi Văn Tâm", "Chủ tịch Ủy ban MTTQ xã"),
        (Position.SECRETARY, "Phạm Thu Trang", "Công chức Văn hóa - Xã hội"),
    ],
}


def seed(*, office: Unit, stdout=None) -> None:
    communes = list(Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).active_on().order_by("code")[:2])
    day = today()
    established = datetime.date(day.year - 1, 3, 15)
    made = 0
    for n, commune in enumerate(communes):
        for k, kind in enumerate(Kind.values):
            if Committee.objects.filter(commune=commune, kind=kind).exists():
                continue
            committee = services.committee_create(
                actor=None,
                commune=commune,
                kind=kind,
                decision_number=f"{25 + 10 * n + k}/QĐ-UBND",
                decision_date=established,
                decision_signer="Đặng Quốc Bảo, Chủ tịch UBND xã",
            )
            members = [
                services.member_add(
                    actor=None, committee=committee, full_name=name, position=position, job=job, from_date=established
                )
                for position, name, job in MEMBERS[kind]
            ]
            if n == 0 and kind == Kind.PCGD_XMC:
                services.member_replace(
                    actor=None,
                    member=members[0],
                    on=day - datetime.timedelta(days=60),
                    full_name="Lường Văn Thái",
                    job="Phó Chủ tịch UBND xã",
                    change_note="Kiện toàn ban: ông Hoàng Văn Sơn chuyển công tác",
                )
            made += 1
    if stdout is not None and made:
        stdout.write(f"  Ban chỉ đạo: {made} ban của {len(communes)} xã.")
