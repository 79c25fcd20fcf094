"""Building blocks for the steering committee tests."""

import datetime

from committees import services
from committees.models import Kind, Position
from tests.communication.helpers import pdf

ESTABLISHED = datetime.date(2025, 3, 15)


def make_committee(commune, *, kind=Kind.PCGD_XMC, number="25/QĐ-UBND", uploaded=None):
    return services.committee_create(
        actor=None,
        commune=commune,
        kind=kind,
        decision_number=number,
        decision_date=ESTABLISHED,
        decision_signer="Đặng Quốc Bảo, Chủ tịch UBND xã",
        uploaded=uploaded,
    )


def add_member(committee, name="Hoàng Văn Sơn", *, position=Position.MEMBER, job="Phó Chủ tịch UBND xã", day=None):
    return services.member_add(
        actor=None, committee=committee, full_name=name, position=position, job=job, from_date=day or ESTABLISHED
    )


def with_pdf(commune, **kwargs):
    return make_committee(commune, uploaded=pdf("quyet-dinh.pdf"), **kwargs)
