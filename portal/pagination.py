"""Which page numbers a list's pagination links to (templates/includes/pagination.html)."""


def page_links(current: int, last: int) -> list[int | None]:
    """The page numbers to link to: the first, the last, two either side of this one; None for a gap.

    No link at all for a single page. Every paged list uses it: the applications' lists and
    queue through the `page_links` filter, the rollout's tables through its views.
    """
    wanted = sorted({1, last, *range(max(current - 2, 1), min(current + 2, last) + 1)})
    links: list[int | None] = []
    for number in wanted:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links if last > 1 else []
