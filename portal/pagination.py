"""Page by page reading of long, sorted lists (the catalog's 30,000 APIs)."""

from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """A paginator that reads a page's primary keys first, then only those rows.

    `LIMIT 25 OFFSET 14975` makes PostgreSQL build and throw away every row before the page;
    asking for the keys alone lets it walk an index of the sort columns (the catalog's
    `(name, id)`) without visiting the table, and keeps the rows sorted narrow: page 600 of
    the benchmark's catalog read in ~1 ms instead of ~180 ms (docs/benchmarks.md). The cost
    is one more query per page, the same for every page.

    `known_keys` are the first keys of the list in its order when the caller already has them
    (the catalog's facet statement ranks a search's matches): pages within them skip the
    keys query.
    """

    def __init__(self, *args, known_keys: list | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.known_keys = known_keys

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.known_keys is not None and top <= len(self.known_keys):
            keys = self.known_keys[bottom:top]
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
