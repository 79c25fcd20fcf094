from django.conf import settings

from .models import Role
from .navigation import year_nav
from .selectors import active_memberships, is_office_user, manage_roots, primary_role


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_name": settings.PORTAL_NAME}
    role = primary_role(user)
    return {
        "portal_name": settings.PORTAL_NAME,
        "my_memberships": active_memberships(user),
        "my_role": role,
        "my_role_label": Role(role).label if role else ("Quản trị hệ thống" if user.is_superuser else ""),
        "is_office_user": is_office_user(user),
        "can_manage_tree": user.is_superuser or bool(manage_roots(user)),
        "is_demo_user": getattr(user, "is_demo", False),
        # The "Công tác năm" menu: modules that declare AppConfig.nav_entry (units/navigation.py).
        "year_nav": year_nav(request),
    }
