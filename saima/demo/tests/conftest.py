import pytest
from django.db import transaction

from saima.demo.loader import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo dataset, loaded once per test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        loaded = load_demo()
        yield loaded
        transaction.set_rollback(True)
