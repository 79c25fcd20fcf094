"""The permission matrix: every URL once, for anonymous, each role and a user of another unit.

Each app lists its URLs in `tests/<app>/matrix.py` as `CASES = [UrlCase(...), ...]`;
tests/test_permission_matrix.py collects them all, runs every case for every role, and fails when a
named URL of the project has no case. Expected statuses:
- anonymous → redirect to the login page;
- roles in `ok` → 200 (GET) or any of 200/302 (POST with `data`);
- roles in `hidden` → 404 (they may not see the object at all);
- other roles → `default` (403: may see, may not act; use 404 for objects outside their scope);
- "outsider" (an officer and a principal of office B) → `outsider`:
  404: the URL names an object of office A: exactly 404 for both, whatever the method;
  200: a list or create page of the user's own scope: what a user of the same role gets in their
       own office (`outsider_status`, default `expected(role)`; a POST carrying office A's ids must
       come back as a form error, 200, never a 302), and no name of office A's objects on the page
       (tests/test_permission_matrix.py OFFICE_A_NAMES);
  302: a POST that acts on the outsider's own office only (no id of office A in it): done (302).
`query` may be a function of the World, for query strings that carry ids ("?thon=<pk>").
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
    query: str | Callable[[Any], str] = ""  # appended to the URL, e.g. "?q=dong" or lambda w: f"?thon={pk}"
    htmx: bool = False  # send HX-Request like the page's htmx calls do
    label: str = ""  # distinguishes two cases of the same URL name
    outsider_status: dict = field(default_factory=dict)  # role → status for office B where it differs

    def query_for(self, world) -> str:
        return self.query(world) if callable(self.query) else self.query

    def url(self, world, kwargs: dict | None = None) -> str:
        from django.urls import reverse

        return reverse(self.name, kwargs=self.kwargs(world) if kwargs is None else kwargs) + self.query_for(world)

    @property
    def id(self) -> str:
        return f"{self.name}{'[' + self.label + ']' if self.label else ''}"

    def expected(self, role: str) -> int:
        if role in self.ok:
            return 200
        if role in self.hidden:
            return 404
        return self.default

    def expected_for_outsider(self, role: str) -> int:
        """What an officer or principal of office B gets (see the module docstring)."""
        if self.outsider == 404:
            return 404
        status = self.outsider_status.get(role, self.expected(role))
        if status == 200 and self.outsider == 302:
            return 302
        return status
