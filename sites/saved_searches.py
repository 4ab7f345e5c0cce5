"""A supplier's saved searches: a finder search to come back to, and an email when new sites match.

Each holds the finder's canonical query string (mapping's SitePageSearch.query(), the same
one the page's own links use), a name, and when the supplier was last told of new sites.
Changed only through sites.saved_search_services; the alerts are sent by the
`send_saved_search_alerts` command (cron), which runs each search for the assets added
since `alerted_up_to`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

SAVED_SEARCH_LIMIT = 50  # per user
QUERY_MAX_LENGTH = 4000


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=QUERY_MAX_LENGTH, blank=True, help_text="The finder's query string.")
    alerts = models.BooleanField(default=True, help_text="Email when new sites match.")
    created_at = models.DateTimeField(auto_now_add=True)
    # New sites are those added after this moment; moved on by each alert run.
    alerted_up_to = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query"],
                name="savedsearch_query_once",
                violation_error_message="You have already saved this search.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
