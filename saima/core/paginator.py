"""Page-numbered lists whose row count is cached (`saima.figures.cache.cached_over`): a count
reads every row in scope, the page itself only 25."""

from django.core import paginator
from django.utils.functional import cached_property

from saima.figures.cache import cached_over


def count_rows(queryset) -> int:
    return queryset.count()


class Paginator(paginator.Paginator):
    @cached_property
    def count(self) -> int:
        if hasattr(self.object_list, "query"):
            return cached_over(self.object_list, count_rows)
        return len(self.object_list)
