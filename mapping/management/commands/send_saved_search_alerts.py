"""Email suppliers the new sites matching their saved searches (mapping.finder.saved_search_alerts). For cron, daily."""

from django.core.management.base import BaseCommand

from mapping.finder.saved_search_alerts import saved_search_alerts_send


class Command(BaseCommand):
    help = "Email suppliers the sites added since the last run that match their saved searches."

    def handle(self, *args, **options):
        run = saved_search_alerts_send()
        for note in run.skipped:
            self.stderr.write(f"Skipped {note}.")
        self.stdout.write(
            f"{run.searches} saved searches checked; {run.emails} emails sent, naming {run.sites} new sites."
        )
