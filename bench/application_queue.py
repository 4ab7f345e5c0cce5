"""The officer queue over 10,000 applications: the first page, soonest due first, with filters.

run() bulk-creates 10,000 applications of one council in a realistic mix of states, due
dates spread around today, 1 to 3 sites each on 3,000 lighting columns over the 23
Glasgow wards, half assigned (not timed; the states are set directly, as data). Each
sample fetches the first page of 50 of applications.selectors.application_queue and
works out its rows (queue_rows), as the queue page does. The notes give the filtered
variants and queue_summary.
"""

from bench import Context, Result, median, peak_rss_kb, timed

DESCRIPTION = "officer queue, 10,000 applications: first page of 50 by due date, rows with working days left"
BUDGET_SECONDS = 0.2
APPLICATIONS = 10_000
PAGE = 50


def _load(council, supplier, officer, assets) -> None:
    import random
    from datetime import timedelta

    from django.utils import timezone

    from applications.models import Application, ApplicationSite, ApplicationStatus

    S = ApplicationStatus
    rng = random.Random(2024)
    now = timezone.now()
    today = timezone.localdate()
    mix = [
        (S.SUBMITTED, 20),
        (S.UNDER_REVIEW, 35),
        (S.INFORMATION_REQUESTED, 10),
        (S.RETURNED, 5),
        (S.APPROVED, 10),
        (S.LICENCE_ISSUED, 8),
        (S.REFUSED, 5),
        (S.LIVE, 5),
        (S.WITHDRAWN, 2),
    ]
    statuses = rng.choices([s for s, _ in mix], weights=[w for _, w in mix], k=APPLICATIONS)
    prefix = council.initials
    rows = []
    for i, status in enumerate(statuses):
        submitted = now - timedelta(days=rng.randint(1, 120))
        timed_stage = status in (S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED)
        rows.append(
            Application(
                council=council,
                organisation_id=supplier.organisation_id,
                application_type="small_cell",
                reference=f"{prefix}-APP-{today.year}-{i + 1:05d}",
                status=status,
                created_by=supplier,
                assigned_officer=officer if rng.random() < 0.5 else None,
                proposed_start_date=today + timedelta(days=90),
                term_years=10,
                first_submitted_at=submitted,
                submitted_at=submitted,
                decided_at=submitted + timedelta(days=20)
                if status in (S.APPROVED, S.REFUSED, S.LICENCE_ISSUED, S.LIVE)
                else None,
                withdrawn_at=now if status == S.WITHDRAWN else None,
                due_on=today + timedelta(days=rng.randint(-15, 30)) if timed_stage else None,
            )
        )
    applications = Application.objects.bulk_create(rows, batch_size=2000)
    sites = [
        ApplicationSite(application=application, asset=asset)
        for application in applications
        for asset in rng.sample(assets, rng.randint(1, 3))
    ]
    ApplicationSite.objects.bulk_create(sites, batch_size=5000)


def run(ctx: Context) -> Result:
    from django.db import connection

    from applications.selectors import application_queue, queue_rows, queue_summary
    from bench import _applications
    from fixtures import WARDS_FILE
    from fixtures.demo import council_ensure
    from sites.io import wards_import
    from sites.models import Ward

    council, _ = council_ensure()
    wards_import(council=council, source=WARDS_FILE)
    supplier, officer = _applications.people(council)
    assets = _applications.assets(council, 3_000)
    _load(council, supplier, officer, assets)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    ward = Ward.objects.filter(council=council).order_by("name").first()

    def page(**filters):
        return lambda: queue_rows(applications=list(application_queue(user=officer, **filters)[:PAGE]))

    baseline = peak_rss_kb()
    samples = timed(page(), repeat=50, warmup=3)
    variants = {
        "overdue": page(due="overdue"),
        "ward": page(ward=ward),
        "assigned to me": page(assignee="me"),
        "under review": page(status="under_review"),
        "summary counts": lambda: queue_summary(user=officer),
    }
    notes = [f"{name}: median {median(timed(fn, repeat=20, warmup=2)) * 1000:.1f} ms" for name, fn in variants.items()]
    return Result(samples=samples, items=PAGE, unit="rows", baseline_rss_kb=baseline, notes=notes)
