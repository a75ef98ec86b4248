from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException


class Conflict(APIException):
    status_code = 409
    default_detail = _("记录已被他人修改，请刷新后重试")
    default_code = "conflict"
