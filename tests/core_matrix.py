from tests.permission_matrix import EVERYONE, OFFICE, UrlCase

CASES = [
    UrlCase("home", ok=EVERYONE, outsider=200),
    UrlCase("password_change", ok=EVERYONE, outsider=200),
    UrlCase("password_change_done", ok=EVERYONE, outsider=200),
    # Two-factor login is for office roles; the others get 403 (tests/units/test_two_factor.py).
    UrlCase("two_factor_setup", ok=OFFICE, outsider=200),
    UrlCase(
        "two_factor_setup", ok=OFFICE, outsider=200, method="post", data=lambda w: {"code": "000000"}, label="post"
    ),
    UrlCase("two_factor_disable", ok=OFFICE, outsider=200),
    UrlCase("reports:index", ok=EVERYONE, outsider=200),
    UrlCase("centers:index", ok=EVERYONE, outsider=200),
    UrlCase("literacy:index", ok=EVERYONE, outsider=200),
    UrlCase("learning_society:index", ok=EVERYONE, outsider=200),
]

# URLs that are not pages of the portal's permission model.
# The code page of a login in progress is reached before logging in, like the login page.
PUBLIC = {"login", "logout", "healthz", "two_factor_verify"}
