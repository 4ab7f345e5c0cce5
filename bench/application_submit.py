"""Submitting a batch of 100 sites: every check, conflicts, the event, the clock, notifications and email.

run() makes 100 lighting columns, a verified supplier and an officer (not timed). Each
sample creates a fresh draft naming the same 100 assets with their equipment filled in
(not timed) and times one applications.services.application_submit, the email to the
council included. From the second sample on, every site conflicts with the earlier
applications, so the conflict report is part of what is measured.
"""

from bench import Context, Result, peak_rss_kb

DESCRIPTION = "application_submit of a 100-site batch (all checks, conflicts, event, notifications, email)"
BUDGET_SECONDS = 2.0
SITES = 100
SAMPLES = 7


def run(ctx: Context) -> Result:
    import time
    from datetime import date, timedelta
    from decimal import Decimal

    from django.conf import settings
    from django.core import mail

    from applications.models import ApplicationSite
    from applications.services import application_create, application_submit
    from bench import _applications
    from fixtures import WARDS_FILE
    from fixtures.demo import council_ensure
    from sites.io import wards_import

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    council, _ = council_ensure()
    wards_import(council=council, source=WARDS_FILE)
    supplier, officer = _applications.people(council)
    assets = _applications.assets(council, SITES)
    equipment = {
        "equipment_type": "small_cell",
        "technology": "5g",
        "make_model": "Ericsson Radio 4408",
        "height_mm": 450,
        "width_mm": 300,
        "depth_mm": 150,
        "weight_kg": Decimal("12.5"),
        "power_draw_w": 180,
        "frequency_bands": ["3600"],
        "mounting_height_m": Decimal("6.5"),
    }
    baseline = peak_rss_kb()
    samples = []
    for _ in range(SAMPLES):
        draft = application_create(
            by=supplier,
            application_type="small_cell",
            assets=assets,
            proposed_start_date=date.today() + timedelta(days=90),
            term_years=10,
        )
        ApplicationSite.objects.filter(application=draft).update(**equipment)
        started = time.perf_counter()
        application_submit(application=draft, by=supplier)
        samples.append(time.perf_counter() - started)
    return Result(
        samples=samples,
        items=SITES,
        unit="sites",
        baseline_rss_kb=baseline,
        notes=[
            f"{len(mail.outbox)} emails sent to the council",
            f"the last submission had {SAMPLES - 1} conflicting applications per site",
        ],
    )
