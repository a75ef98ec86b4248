from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>`, the token from `saima token create USERNAME`."""

    keyword = "Bearer"
