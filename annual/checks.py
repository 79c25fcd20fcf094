"""Start-up check: every indicator key an annual-report block names is registered by some app.

A domain app lists its own keys in its annual.py (next to its providers.py); renaming one there
without the other would otherwise drop a column from the report without a word."""

from django.core.checks import Error, register

from reports.providers import get_provider

from .blocks import all_blocks


@register()
def annual_blocks_name_registered_providers(app_configs=None, **kwargs):
    return [
        Error(
            f"The annual-report block {block.key!r} reads the indicator {key!r}, which no app registers.",
            hint="Rename the key in the app's annual.py as well, or register the provider.",
            obj=block.key,
            id="annual.E001",
        )
        for block in all_blocks()
        for key in block.providers
        if get_provider(key) is None
    ]
