"""Pages of the unit tree (units.py) and of people and their roles (people.py)."""

from .people import (
    membership_add,
    membership_end,
    people,
    person_create,
    person_detail,
    person_edit,
    person_password,
)
from .units import children, close, create, detail, edit, merge, move, tree

__all__ = [
    "children",
    "close",
    "create",
    "detail",
    "edit",
    "membership_add",
    "membership_end",
    "merge",
    "move",
    "people",
    "person_create",
    "person_detail",
    "person_edit",
    "person_password",
    "tree",
]
