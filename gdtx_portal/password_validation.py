"""A password must not look like the person's own name, with or without Vietnamese accents.

Django's UserAttributeSimilarityValidator compares the password with the user's attributes as typed;
"NguyenVanChuyen2024" then passes for Nguyễn Văn Chuyên, because the accents and spaces make the
strings differ. This one compares a second time with both sides folded (units.text.fold: no
diacritics, đ → d, lower case), the name kept with and without its spaces.

AUTH_PASSWORD_VALIDATORS (settings/base.py) lists it with user_attributes username, full_name and
email; every form that sets a password passes the user it is for (units/forms.py PasswordPairMixin,
Django's PasswordChangeForm and the admin's), so the name typed on the same form counts too.
"""

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator

from units.text import fold


class _Folded:
    """The user's attributes, folded, with the user's field names for the error message."""

    def __init__(self, user, attributes, *, spaces: bool):
        self._meta = user._meta
        for name in attributes:
            value = getattr(user, name, None)
            if isinstance(value, str) and value:
                folded = fold(value)
                setattr(self, name, folded if spaces else folded.replace(" ", ""))


class NameSimilarityValidator(UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        super().validate(password, user)
        if not user or not password:
            return
        for spaces in (True, False):
            super().validate(fold(password), _Folded(user, self.user_attributes, spaces=spaces))
