"""Licence numbers: GCC-SC-2027-00042 (council, licence type, year, sequence); never reused.

The council part is the council's initials (Council.initials, unique, as in application
references: Glasgow City Council -> GCC). The sequence is kept in the applications'
ReferenceCounter under the prefix "GCC-SC": one counter per council, type and year, so
the number alone names one licence on the public verification page.

The counter row is locked (select_for_update) for the rest of the issuing transaction:
a second officer issuing at the same moment waits for the first to commit, then takes
the next number. A transaction that rolls back gives its number back unused, so every
committed licence has a distinct number and none is ever given twice.
"""

from django.db import IntegrityError, transaction

from ..models import ReferenceCounter
from ..models.licence import LICENCE_TYPE_CODES


def licence_prefix(*, council, licence_type: str) -> str:
    """GCC-SC: the council's initials and the licence type's two letters."""
    return f"{council.initials}-{LICENCE_TYPE_CODES[licence_type]}"


def _counter(prefix: str, year: int) -> ReferenceCounter:
    """The counter row, locked for this transaction (created on first use)."""
    counter = ReferenceCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():  # a savepoint: a concurrent creator wins, we use its row
            ReferenceCounter.objects.create(prefix=prefix, year=year, last_number=0)
    except IntegrityError:
        pass
    return ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)


def licence_number_next(*, council, licence_type: str, year: int) -> str:
    """The next licence number, e.g. GCC-SC-2027-00042. Call inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("licence_number_next must run inside the issuing transaction.")
    prefix = licence_prefix(council=council, licence_type=licence_type)
    counter = _counter(prefix, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{counter.last_number:05d}"
