"""Page-numbered lists whose row count is cached (`saima.figures.cache.cached_over`) when every
change of their rows moves the data versions: a count reads every row in scope, the page
itself only 25."""

from django.core import paginator
from django.utils.functional import cached_property

from saima.figures import versions
from saima.figures.cache import cached_over


def count_rows(queryset) -> int:
    return queryset.count()


class Paginator(paginator.Paginator):
    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if hasattr(rows, "query") and versions.tracks(rows.model):
            return cached_over(rows, count_rows)
        return paginator.Paginator.count.func(self)
