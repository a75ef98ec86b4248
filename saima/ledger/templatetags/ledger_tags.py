from django import template

from saima.accounts import access

register = template.Library()


@register.filter
def may_import_ledger(user) -> bool:
    """{% if user|may_import_ledger %}: show the import link only to those who may import."""
    return access.can_anywhere(user, "import_ledger")
