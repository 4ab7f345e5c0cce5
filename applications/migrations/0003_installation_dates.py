"""For the public rollout: the installation and go-live dates the supplier reports (the day it
happened), and the working days from first submission to the licence, fixed when it is issued.

Applications installed or live before these fields existed take the day of their report;
licensed ones get their working days from the same clock the service uses.
"""

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    from applications.clocks import working_days_between

    Application = apps.get_model("applications", "Application")
    licensed = Application.objects.filter(licence_issued_at__isnull=False, first_submitted_at__isnull=False)
    for application in licensed:
        application.licence_working_days = max(
            working_days_between(
                timezone.localdate(application.first_submitted_at), timezone.localdate(application.licence_issued_at)
            ),
            0,
        )
        application.save(update_fields=["licence_working_days"])
    for application in Application.objects.filter(installed_at__isnull=False, installed_on__isnull=True):
        application.installed_on = timezone.localdate(application.installed_at)
        if application.live_at is not None:
            application.live_on = timezone.localdate(application.live_at)
        application.save(update_fields=["installed_on", "live_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_licences"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="installed_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="installation date"),
        ),
        migrations.AddField(
            model_name="application",
            name="live_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="date live"),
        ),
        migrations.AddField(
            model_name="application",
            name="licence_working_days",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
