"""Making a licence PDF: a 50-site licence (the budget) and a 1-site one (in the notes).

run() loads the 23 Glasgow wards and a register of 50,000 other lighting columns around
the city centre (about 70 in each plan's 200 m square, as in a dense city), walks one
application of 50 sites and one of 1 site through the real services to
`licence_issued` (not timed), then times applications.licences.document.licence_pdf_bytes
for each licence: the data gathered from the database (the plans' surroundings) and the
whole reportlab document (terms, schedule, a location plan per site, QR code).
"""

from bench import Context, Result, peak_rss_kb, timed

DESCRIPTION = "licence PDF: 50-site licence built with reportlab (1-site in the notes)"
BUDGET_SECONDS = 1.0
BACKGROUND = 50_000


def _licensed(council, supplier, officer, sites):
    from datetime import date, timedelta
    from decimal import Decimal

    from applications.models import ApplicationSite, Licence
    from applications.services import (
        application_create,
        application_decide,
        application_issue_licence,
        application_site_decide,
        application_start_review,
        application_submit,
    )

    draft = application_create(
        by=supplier,
        application_type="small_cell",
        assets=sites,
        proposed_start_date=date.today() + timedelta(days=90),
        term_years=10,
    )
    ApplicationSite.objects.filter(application=draft).update(
        equipment_type="small_cell",
        technology="5g",
        make_model="Ericsson Radio 4408",
        height_mm=450,
        width_mm=300,
        depth_mm=150,
        weight_kg=Decimal("12.5"),
        power_draw_w=180,
        frequency_bands=["3600"],
        mounting_height_m=Decimal("6.5"),
    )
    application_submit(application=draft, by=supplier)
    application_start_review(application=draft, by=officer)
    for site in draft.sites.all():
        application_site_decide(site=site, by=officer, decision="approved", conditions="Paint to match the column.")
    application_decide(application=draft, by=officer)
    application_issue_licence(application=draft, by=officer)
    return Licence.objects.get(application=draft)


def run(ctx: Context) -> Result:
    from django.conf import settings

    from applications.licences.document import licence_pdf_bytes
    from bench import _applications
    from fixtures import WARDS_FILE
    from fixtures.demo import council_ensure
    from sites.io import wards_import

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    council, _ = council_ensure()
    wards_import(council=council, source=WARDS_FILE)
    supplier, officer = _applications.people(council)
    _applications.assets(council, BACKGROUND, seed=7, prefix="BG")
    assets = _applications.assets(council, 51)
    big = _licensed(council, supplier, officer, assets[:50])
    small = _licensed(council, supplier, officer, assets[50:])
    big_rows, small_rows = list(big.schedule.order_by("position")), list(small.schedule.order_by("position"))

    baseline = peak_rss_kb()
    samples = timed(lambda: licence_pdf_bytes(licence=big, rows=big_rows), repeat=7, warmup=1)
    small_samples = timed(lambda: licence_pdf_bytes(licence=small, rows=small_rows), repeat=7, warmup=1)
    size = len(licence_pdf_bytes(licence=big, rows=big_rows))
    small_samples.sort()
    return Result(
        samples=samples,
        items=50,
        unit="sites",
        baseline_rss_kb=baseline,
        notes=[
            f"1-site licence: median {small_samples[len(small_samples) // 2] * 1000:.0f} ms",
            f"50-site licence: {size / 1024:.0f} KiB",
            f"{BACKGROUND:,} other assets in the register around the sites (the plans' grey dots), 23 wards",
        ],
    )
