from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page-numbered lists with `count`, `next`, `previous` and `results`."""

    page_size_query_param = "page_size"
    max_page_size = 1000
