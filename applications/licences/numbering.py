"""Licence numbers: GCC-SC-2027-00042 (council, licence type, year, sequence); never reused.

The council part is the council's initials (Council.initials, unique, as in application
references: Glasgow City Council -> GCC). The sequence comes from the portal's one counter
(applications.numbering.number_next) under the prefix "GCC-SC": one counter per council,
type and year, so the number alone names one licence on the public verification page.

The counter row stays locked for the rest of the issuing transaction: a second officer
issuing at the same moment waits for the first to commit, then takes the next number. A
transaction that rolls back gives its number back unused, so every committed licence has
a distinct number and none is ever given twice.
"""

from django.db import transaction

from ..models.licence import LICENCE_TYPE_CODES
from ..numbering import number_next


def licence_prefix(*, council, licence_type: str) -> str:
    """GCC-SC: the council's initials and the licence type's two letters."""
    return f"{council.initials}-{LICENCE_TYPE_CODES[licence_type]}"


def licence_number_next(*, council, licence_type: str, year: int) -> str:
    """The next licence number, e.g. GCC-SC-2027-00042. Call inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("licence_number_next must run inside the issuing transaction.")
    prefix = licence_prefix(council=council, licence_type=licence_type)
    return f"{prefix}-{year}-{number_next(prefix=prefix, year=year):05d}"
