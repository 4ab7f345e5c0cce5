"""The public rollout with 20,000 public sites: the city map page and a ward page, whole responses.

run() bulk-creates (not timed) 8 operators, 24,000 lighting columns over the 23 Glasgow
wards, and applications with 1 to 4 sites each: 20,000 approved sites of public
applications (approved, licence issued, installed, live), submitted and licensed over
two years, plus 4,000 applications that must stay hidden (submitted, under review,
refused, withdrawn). The states are set directly, as data; no service runs.

Each sample GETs /rollout/ (summary, filters, choropleth, the first page of the table,
the folium map) and the busiest ward's page (boundary, counts, timeline chart, median,
table) through Django's test client, and keeps the slower of the two, so the median is
within the budget only if both pages are. The summaries are cached until an application
changes (applications.public.public_summary_for): the samples are what a visitor gets
between changes; the notes give both pages with the summary worked out afresh, a
filtered map, the map's GeoJSON (all 20,000 sites, fetched by the page's script), the
CSV download and the feed.
"""

from bench import Context, Result, median, peak_rss_kb, timed

DESCRIPTION = "public rollout, 20,000 public sites: /rollout/ and a ward page (the slower of the two per sample)"
BUDGET_SECONDS = 0.2
PUBLIC_SITES = 20_000
HIDDEN_APPLICATIONS = 4_000
OPERATORS = 8


def _operators(officer):
    from django.utils import timezone

    from portal.models import Organisation

    names = ["Bench Mobile", "North Neutral Host", "Clyde Fibre", "Glasgow IoT", "Kelvin 5G", "Merchant Wi-Fi"]
    names += [f"Operator {n}" for n in range(len(names), OPERATORS)]
    rows = [
        Organisation(
            name=f"{name} Ltd",
            companies_house_number=f"SC{800000 + i:06d}",
            verified_at=timezone.now(),
            verified_by=officer,
        )
        for i, name in enumerate(names[:OPERATORS])
    ]
    return Organisation.objects.bulk_create(rows)


def _load(council, supplier, officer, assets, operators) -> None:
    import random
    from datetime import timedelta

    from django.utils import timezone

    from applications.clocks import working_days_between
    from applications.models import Application, ApplicationSite, ApplicationStatus, SiteDecision, Technology

    S = ApplicationStatus
    rng = random.Random(2026)
    now = timezone.now()
    prefix = council.initials
    public_mix = [(S.APPROVED, 20), (S.LICENCE_ISSUED, 25), (S.INSTALLED, 20), (S.LIVE, 35)]
    hidden_mix = [(S.SUBMITTED, 30), (S.UNDER_REVIEW, 40), (S.REFUSED, 20), (S.WITHDRAWN, 10)]
    technologies = [t.value for t in Technology]
    decided_states = {S.REFUSED, *(s for s, _ in public_mix)}
    plans = []  # (status, site count)
    sites_left = PUBLIC_SITES
    while sites_left > 0:
        count = min(rng.randint(1, 4), sites_left)
        plans.append((rng.choices([s for s, _ in public_mix], [w for _, w in public_mix])[0], count))
        sites_left -= count
    plans += [
        (rng.choices([s for s, _ in hidden_mix], [w for _, w in hidden_mix])[0], rng.randint(1, 3))
        for _ in range(HIDDEN_APPLICATIONS)
    ]
    applications = []
    for i, (status, _) in enumerate(plans):
        submitted = now - timedelta(days=rng.randint(40, 730), hours=rng.randint(0, 8))
        decided = submitted + timedelta(days=rng.randint(5, 35))
        licensed = decided + timedelta(days=rng.randint(1, 20))
        installed = licensed + timedelta(days=rng.randint(5, 60))
        live = installed + timedelta(days=rng.randint(1, 20))
        past = {
            "licensed": status in (S.LICENCE_ISSUED, S.INSTALLED, S.LIVE),
            "installed": status in (S.INSTALLED, S.LIVE),
            "live": status == S.LIVE,
        }
        applications.append(
            Application(
                council=council,
                organisation=operators[i % len(operators)],
                application_type="small_cell",
                reference=f"{prefix}-APP-2026-{i + 1:06d}",
                status=status,
                created_by=supplier,
                assigned_officer=officer,
                proposed_start_date=(decided + timedelta(days=30)).date(),
                term_years=10,
                first_submitted_at=submitted,
                submitted_at=submitted,
                decided_at=decided if status in decided_states else None,
                licence_issued_at=licensed if past["licensed"] else None,
                installed_at=installed if past["installed"] else None,
                installed_on=installed.date() if past["installed"] else None,
                licence_working_days=working_days_between(timezone.localdate(submitted), timezone.localdate(licensed))
                if past["licensed"]
                else None,
                installation_confirmed_at=installed if past["installed"] else None,
                installation_confirmed_by=officer if past["installed"] else None,
                live_at=live if past["live"] else None,
                live_on=live.date() if past["live"] else None,
                withdrawn_at=now if status == S.WITHDRAWN else None,
            )
        )
    applications = Application.objects.bulk_create(applications, batch_size=2000)
    sites, next_asset = [], 0
    for application, (status, count) in zip(applications, plans, strict=True):
        decision = {S.REFUSED: SiteDecision.REFUSED, S.SUBMITTED: SiteDecision.PENDING}.get(status)
        if decision is None:
            decision = SiteDecision.PENDING if status in (S.UNDER_REVIEW, S.WITHDRAWN) else SiteDecision.APPROVED
        for _ in range(count):
            decided = decision != SiteDecision.PENDING
            sites.append(
                ApplicationSite(
                    application=application,
                    asset=assets[next_asset % len(assets)],
                    technology=rng.choice(technologies),
                    equipment_type="small_cell",
                    decision=decision,
                    refusal_reason="structural_capacity" if decision == SiteDecision.REFUSED else "",
                    decided_by=officer if decided else None,
                    decided_at=(application.decided_at or now) if decided else None,
                )
            )
            next_asset += 1
    ApplicationSite.objects.bulk_create(sites, batch_size=5000)


def run(ctx: Context) -> Result:
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from applications.public import public_sites
    from bench import _applications
    from fixtures import WARDS_FILE
    from fixtures.demo import council_ensure
    from sites.io import wards_import

    council, _ = council_ensure()
    wards_import(council=council, source=WARDS_FILE)
    supplier, officer = _applications.people(council)
    operators = _operators(officer)
    assets = _applications.assets(council, PUBLIC_SITES + 4_000, prefix="RLC")
    _load(council, supplier, officer, assets, operators)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    public = public_sites(council=council)
    total = public.count()
    assert total == PUBLIC_SITES, total
    code, in_ward = (
        public.values_list("asset__ward__code").annotate(n=Count("pk")).order_by("-n", "asset__ward__code").first()
    )
    client = Client()

    def get(path: str) -> int:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")
        return len(response.content)

    city, ward = "/rollout/", f"/rollout/wards/{code}/"
    sizes = {path: get(path) for path in (city, ward)}
    pairs = []

    def both() -> None:
        first = timed(lambda: get(city))[0]
        second = timed(lambda: get(ward))[0]
        pairs.append((first, second))

    baseline = peak_rss_kb()
    timed(both, repeat=2)  # warm-up
    pairs.clear()
    timed(both, repeat=30)
    samples = [max(pair) for pair in pairs]

    def cold(path: str):
        cache.clear()  # the summaries recomputed, as after any change to an application
        return get(path)

    operator = operators[0].pk
    variants = {
        "/rollout/?status=live&ward=...&operator=...": f"/rollout/?status=live&ward={code}&operator={operator}",
        "/rollout/sites.geojson (all sites, for the map)": "/rollout/sites.geojson",
        "/rollout/sites.geojson?ward=... (the ward's map)": f"/rollout/sites.geojson?ward={code}",
        "/rollout/data.csv (all sites)": "/rollout/data.csv",
        "/rollout/feed/": "/rollout/feed/",
    }
    notes = [
        f"/rollout/: median {median([a for a, _ in pairs]) * 1000:.1f} ms, {sizes[city] / 1024:.0f} KiB",
        f"ward page ({in_ward:,} sites): median {median([b for _, b in pairs]) * 1000:.1f} ms, "
        f"{sizes[ward] / 1024:.0f} KiB",
    ]
    for label, path in (("/rollout/", city), ("ward page", ward)):
        notes.append(
            f"{label}, summary not cached: median {median(timed(lambda p=path: cold(p), repeat=7)) * 1000:.1f} ms"
        )
    for label, path in variants.items():
        size = get(path)
        notes.append(
            f"{label}: median {median(timed(lambda p=path: get(p), repeat=5)) * 1000:.1f} ms, {size / 1024:,.0f} KiB"
        )
    return Result(samples=samples, items=2, unit="pages", baseline_rss_kb=baseline, notes=notes)
