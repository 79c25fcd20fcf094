"""URLs added by the hardening work (issue 8), for tests/test_permission_matrix.py.

The audit log is for office roles (officer, leader, viewer), each over their own scope: school,
centre and association roles get 403; an officer of another office gets 200 with only their
own office's entries (tests/hardening/test_audit_page.py).
"""

from tests.permission_matrix import OFFICE, UrlCase

CASES = [
    UrlCase("units:audit", ok=OFFICE, outsider=200),
    UrlCase("units:audit", ok=OFFICE, outsider=200, query="?action=unit.update&date_from=01/01/2020", label="lọc"),
]
