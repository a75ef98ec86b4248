import pytest


@pytest.fixture
def login(client, world):
    """login("county_admin") signs the client in as that persona and returns the client."""

    def sign_in(persona):
        client.force_login(getattr(world, persona))
        return client

    return sign_in
