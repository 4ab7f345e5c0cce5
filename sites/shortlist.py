"""A supplier's shortlist: the assets gathered in the site finder, where an application starts.

One shortlist per user (created on the first add), holding at most batch_limit() assets,
each once. Changed only through sites.shortlist_services.
"""

from django.conf import settings
from django.db import models


def batch_limit() -> int:
    """As many sites as one application may name, and so one shortlist may hold: settings.APPLICATION_MAX_SITES.

    The one home of the rule: applications.checks.max_sites is this function.
    """
    return int(settings.APPLICATION_MAX_SITES)


class Shortlist(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Shortlist of {self.user}"


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    asset = models.ForeignKey("sites.Asset", on_delete=models.CASCADE, related_name="shortlist_items")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shortlist", "asset"],
                name="shortlistitem_asset_once",
                violation_error_message="This site is already on your shortlist.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shortlist_id}: {self.asset_id}"
