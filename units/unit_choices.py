"""Unit selects in Vietnamese order: every select of units (the portal's UnitChoiceField, a model
form's foreign key, a plain ModelChoiceField) lists them in tree order with the units under one
parent in Vietnamese alphabetical order (`units.text.tree_order`)."""

from django import forms
from django.forms.models import ModelChoiceIterator

from .text import tree_order


class VietnameseUnitOrder(ModelChoiceIterator):
    """The database's ORDER BY name puts "Đồng Tâm" after "Yên Bình"; a select's list is bounded,
    so it is sorted in Python."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in tree_order(list(self.queryset)):
            yield self.choice(obj)


def order_units_vn(field: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """Give a unit select that is not a UnitChoiceField the Vietnamese order."""
    field.iterator = VietnameseUnitOrder
    field.widget.choices = field.choices
    return field
