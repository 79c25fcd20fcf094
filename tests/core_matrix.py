from tests.permission_matrix import EVERYONE, UrlCase

CASES = [
    UrlCase("home", ok=EVERYONE, outsider=200),
    UrlCase("password_change", ok=EVERYONE, outsider=200),
    UrlCase("password_change_done", ok=EVERYONE, outsider=200),
    UrlCase("reports:index", ok=EVERYONE, outsider=200),
    UrlCase("centers:index", ok=EVERYONE, outsider=200),
    UrlCase("literacy:index", ok=EVERYONE, outsider=200),
    UrlCase("learning_society:index", ok=EVERYONE, outsider=200),
]

# URLs that are not pages of the portal's permission model.
PUBLIC = {"login", "logout", "healthz"}
