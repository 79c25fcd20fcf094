from annual.blocks import provider_block

from . import providers


def blocks():
    return [provider_block("plugin_app.visits", "communication", "Tham quan thư viện", [providers.VISITS])]
