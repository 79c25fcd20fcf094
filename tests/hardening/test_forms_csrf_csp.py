"""Every page of the permission matrix, rendered for a role that may open it:
- every POST form carries the CSRF token (a form without it would fail for the user with a 403);
- no inline <script> without the response's CSP nonce and no inline event handler (onclick=...),
  which the production Content-Security-Policy would block (docs/security.md).
"""

import re

import pytest

from tests.permission_matrix import ALL_ROLES
from tests.test_permission_matrix import CASES, _request

pytestmark = pytest.mark.django_db

GET_CASES = [c for c in CASES if c.method == "get"]
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
POST = re.compile(r"""method\s*=\s*["']?post""", re.I)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>", re.I)
HANDLER = re.compile(r"""<[a-z][^>]*\s(on[a-z]+)\s*=\s*["']""", re.I)

# Inline handlers and un-nonced inline scripts work in development and tests (report-only policy) but
# are blocked in production. None is left: behaviours are data attributes handled in
# static/js/portal.js (data-autosubmit, data-check-all, data-confirm). Keep this empty.
KNOWN_INLINE: set[str] = set()


def _known(case) -> bool:
    return case.name in KNOWN_INLINE or case.name.split(":")[0] in KNOWN_INLINE


@pytest.mark.parametrize("case", [c for c in GET_CASES if c.ok], ids=lambda c: c.id)
def test_every_post_form_carries_the_csrf_token_and_no_inline_script(case, world, client):
    role = next(r for r in ALL_ROLES if case.expected(r) == 200)
    client.force_login(world.role_users[role])
    response = _request(client, case, world)
    assert response.status_code == 200
    if not response.get("Content-Type", "").startswith("text/html"):
        return  # a download (XLSX, PDF): no forms, nothing a browser runs
    html = response.content.decode()
    for attributes, body in FORM.findall(html):
        if POST.search(attributes):
            assert "csrfmiddlewaretoken" in body, f"{case.id}: a POST form without the CSRF token"
    if _known(case):
        return
    for attributes in INLINE_SCRIPT.findall(html):
        if "nonce=" not in attributes and "application/json" not in attributes:
            pytest.fail(f"{case.id}: inline <script> without the CSP nonce")
    handlers = HANDLER.findall(html)
    assert handlers == [], f"{case.id}: inline event handlers {handlers} are blocked by the CSP"
