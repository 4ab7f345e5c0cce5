"""One counter gives application references and licence numbers (applications.numbering)."""

import re

import pytest
from django.db import transaction

from applications.licences.numbering import licence_number_next
from applications.models import ReferenceCounter
from applications.numbering import number_next
from applications.services.core import reference_next
from tests.factories import CouncilFactory
from tests.source_tree import project_sources

pytestmark = pytest.mark.django_db


def test_both_formats_come_from_the_one_counter(glasgow):
    with transaction.atomic():
        assert reference_next(council=glasgow, year=2026) == "GCC-APP-2026-00001"
        assert reference_next(council=glasgow, year=2026) == "GCC-APP-2026-00002"
        assert licence_number_next(council=glasgow, licence_type="small_cell", year=2027) == "GCC-SC-2027-00001"
        assert licence_number_next(council=glasgow, licence_type="rooftop", year=2027) == "GCC-RT-2027-00001"
        # Each format's counter is the shared one under its prefix: the next call of either follows it.
        assert number_next(prefix="GCC", year=2026) == 3
        assert reference_next(council=glasgow, year=2026) == "GCC-APP-2026-00004"
        assert number_next(prefix="GCC-SC", year=2027) == 2
        assert licence_number_next(council=glasgow, licence_type="small_cell", year=2027) == "GCC-SC-2027-00003"
    other = CouncilFactory()
    with transaction.atomic():
        assert reference_next(council=other, year=2026) == f"{other.initials}-APP-2026-00001"
    assert set(ReferenceCounter.objects.values_list("prefix", "year", "last_number")) == {
        ("GCC", 2026, 4),
        ("GCC-SC", 2027, 3),
        ("GCC-RT", 2027, 1),
        (other.initials, 2026, 1),
    }


def test_no_second_counter_is_written():
    users = [path for path, text in project_sources().items() if re.search(r"ReferenceCounter\.objects", text)]
    assert users == ["applications/numbering.py"]
