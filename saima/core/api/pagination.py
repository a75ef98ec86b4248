from rest_framework.pagination import PageNumberPagination

from saima.core.paginator import Paginator


class Pagination(PageNumberPagination):
    """Page-numbered lists with `count`, `next`, `previous` and `results`."""

    django_paginator_class = Paginator
    page_size_query_param = "page_size"
    max_page_size = 1000
