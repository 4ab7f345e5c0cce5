"""Email suppliers the new sites that match their saved searches (run by cron: send_saved_search_alerts).

Each saved search with alerts on is run again, as its owner would see it now (their
visibility of restricted types, the finder's own parser and search), for the assets added
to the register after its `alerted_up_to` and no later than the run's start; one email
lists what is new (up to ALERT_LIST_SITES of them, in the search's order, with the count),
then `alerted_up_to` moves to the run's start, so each new site is told once. A search
that no longer parses (a ward merged away) is left for its owner to see, not emailed.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from portal.selectors import portal_url
from sites.saved_search_services import may_save_searches, saved_search_alerted
from sites.saved_searches import SavedSearch
from sites.search import asset_search_queryset

from .search import page_search

ALERT_LIST_SITES = 10


@dataclass
class AlertRun:
    searches: int = 0
    emails: int = 0
    sites: int = 0
    skipped: list[str] = field(default_factory=list)


def _email(search: SavedSearch, sites: list, count: int) -> None:
    query = f"?{search.query}" if search.query else ""
    lines = [
        f"{count} new site{'s' if count != 1 else ''} match{'' if count != 1 else 'es'} your saved search "
        f"“{search.name}” on the Telecoms Site Portal:",
        "",
        *[
            f"- {a.reference}: {a.asset_type.name}{', ' + a.street if a.street else ''} "
            f"{portal_url(reverse('finder:detail', args=[a.council.slug, a.reference]))}"
            for a in sites
        ],
    ]
    if count > len(sites):
        lines.append(f"- and {count - len(sites)} more")
    lines += [
        "",
        f"See them all: {portal_url(reverse('finder:list') + query)}",
        "",
        f"You get this email because you saved this search. To stop it: {portal_url(reverse('finder:saved'))}",
    ]
    subject = f"{count} new site{'s' if count != 1 else ''} for “{search.name}”"
    send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [search.user.email])


def saved_search_alerts_send(*, now: datetime | None = None) -> AlertRun:
    """Send the alerts due now (see the module's docstring); what was sent."""
    now = now or timezone.now()
    run = AlertRun()
    for search in SavedSearch.objects.filter(alerts=True, user__is_active=True).select_related("user"):
        if not may_save_searches(search.user):
            continue
        run.searches += 1
        finder = page_search(QueryDict(search.query), user=search.user)
        if not finder.is_valid:
            run.skipped.append(f"{search.user.email}: “{search.name}” no longer parses")
            continue
        new = asset_search_queryset(search=finder.search, user=search.user, council=finder.council).filter(
            created_at__gt=search.alerted_up_to, created_at__lte=now
        )
        count = new.count()
        if count:
            _email(search, list(new.select_related("asset_type", "council")[:ALERT_LIST_SITES]), count)
            run.emails += 1
            run.sites += count
        saved_search_alerted(search=search, up_to=now)
    return run
