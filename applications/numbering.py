"""The one counter behind every number the portal gives: application references
(GCC-APP-2026-00042, services.core.reference_next) and licence numbers (GCC-SC-2027-00042,
licences.numbering.licence_number_next).

One ReferenceCounter row per prefix and year ("GCC" for applications, "GCC-SC" for small
cell licences). The row is incremented in SQL before it is read, so the increment holds
the row's lock (PostgreSQL) or the database's write lock (SQLite) until the caller's
transaction ends: a second caller waits (or, on SQLite, may be refused) and never gets the
same number. A transaction that rolls back gives its number back unused. Call it inside
the transaction that uses the number.
"""

from django.db.models import F

from .models import ReferenceCounter


def number_next(*, prefix: str, year: int) -> int:
    """The next number for `prefix` in `year`, from 1 (the counter is created on first use)."""
    counter, _ = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return ReferenceCounter.objects.filter(pk=counter.pk).values_list("last_number", flat=True).get()
