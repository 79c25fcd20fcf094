"""The permission matrix: every URL once, for anonymous, each role and a user of another unit.

Each app lists its URLs in `tests/<app>/matrix.py` as `CASES = [UrlCase(...), ...]`;
tests/test_permission_matrix.py collects them all, runs every case for every role, and fails when a
named URL of the project has no case. Expected statuses:
- anonymous → redirect to the login page;
- roles in `ok` → 200 (GET) or any of 200/302 (POST with `data`);
- roles in `hidden` → 404 (they may not see the object at all);
- other roles → `default` (403: may see, may not act; use 404 for objects outside their scope);
- "outsider" (an officer and a principal of another office) → `outsider` (404 for objects,
  200 for lists that are scoped to the user).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from units.models import Role

ALL_ROLES = [r.value for r in Role]
OFFICE = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER, Role.VIEWER}
OFFICER = {Role.OFFICE_OFFICER}
SCHOOL = {Role.PRINCIPAL, Role.SCHOOL_STAFF}
CENTRE = {Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF}
EVERYONE = set(ALL_ROLES)


@dataclass
class UrlCase:
    name: str  # URL name, e.g. "units:detail"
    kwargs: Callable[[Any], dict] = lambda world: {}  # builds the URL kwargs from the World
    ok: set = field(default_factory=set)
    hidden: set = field(default_factory=set)
    default: int = 403
    outsider: int = 404
    method: str = "get"
    data: Callable[[Any], dict] | None = None  # POST body built from the World
    query: str = ""  # appended to the URL, e.g. "?q=dong"
    htmx: bool = False  # send HX-Request like the page's htmx calls do
    label: str = ""  # distinguishes two cases of the same URL name

    @property
    def id(self) -> str:
        return f"{self.name}{'[' + self.label + ']' if self.label else ''}"

    def expected(self, role: str) -> int:
        if role in self.ok:
            return 200
        if role in self.hidden:
            return 404
        return self.default
