"""The phone's keypad for numbers (issue 17): every whole-number field of the portal opens the digits
keypad (inputmode="numeric") and every decimal field the one with a decimal separator
(inputmode="decimal"). Django draws both as <input type="number"> without inputmode, which some
phones answer with the full keyboard. Installed once, when units.forms is imported (every app's
forms import it first), so forms built from models get it too; a field giving its own widget keeps
it. Dates (units.forms.DateInput) and amounts (units.forms.AmountField) set theirs where defined."""

from django import forms


class WholeNumberInput(forms.NumberInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", **(attrs or {})})


class DecimalNumberInput(forms.NumberInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})


def install() -> None:
    forms.IntegerField.widget = WholeNumberInput
    forms.DecimalField.widget = DecimalNumberInput
    forms.FloatField.widget = DecimalNumberInput


install()
