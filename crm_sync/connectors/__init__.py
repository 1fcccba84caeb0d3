"""Connector registry: one module per CRM kind."""

from django.utils.translation import gettext as _


def get_connector(connection, secret: str):
    """The connector for this connection's kind."""
    from .tryton import TrytonConnector

    registry = {TrytonConnector.kind: TrytonConnector}
    try:
        cls = registry[connection.kind]
    except KeyError:
        raise ValueError(_("Unknown CRM kind: %(kind)s") % {"kind": connection.kind}) from None
    return cls(connection, secret)
