"""Connector registry: one module per CRM kind."""

from importlib import import_module

from django.utils.translation import gettext as _

# kind → (module, class); a module is imported only when its kind is used.
REGISTRY = {
    "tryton": ("tryton", "TrytonConnector"),
    "hubspot": ("hubspot", "HubSpotConnector"),
    "salesforce": ("salesforce", "SalesforceConnector"),
    "odoo": ("odoo", "OdooConnector"),
    "dynamics": ("dynamics", "DynamicsConnector"),
}


def get_connector(connection, secret: str):
    """The connector for this connection's kind."""
    try:
        module, name = REGISTRY[connection.kind]
    except KeyError:
        raise ValueError(_("Unknown CRM kind: %(kind)s") % {"kind": connection.kind}) from None
    cls = getattr(import_module(f"{__name__}.{module}"), name)
    return cls(connection, secret)
