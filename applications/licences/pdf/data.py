"""Everything one licence PDF says, as plain data (no database): built by applications.licences.document."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol


class ScheduleRow(Protocol):
    """A schedule row (applications.models.LicenceSite, saved or not)."""

    position: int
    asset_reference: str
    asset_type_name: str
    street: str
    ward_name: str
    easting: float
    northing: float
    longitude: float
    latitude: float
    equipment_summary: str
    annual_fee: Decimal | None
    conditions: str


class Around(Protocol):
    """What is around the sites, in BNG metres (applications.licences.surroundings.Surroundings)."""

    def assets_in(self, box: tuple[float, float, float, float]): ...

    def wards_in(self, box: tuple[float, float, float, float]) -> list: ...


@dataclass(frozen=True)
class LicenceDocument:
    number: str
    kind: str  # LicenceKind value
    licence_type: str  # ApplicationType value
    licence_type_label: str
    licensor_name: str
    licensor_email: str
    licensee_name: str
    licensee_company_number: str
    licensee_ofcom_reference: str
    application_reference: str
    issued_on: date
    starts_on: date
    ends_on: date
    term_years: int
    issued_by_name: str
    sites: list[ScheduleRow]
    site_shapes: list  # each site's geometry in BNG metres (shapely), as `sites`
    surroundings: Around
    annual_fee_total: Decimal
    application_fee: Decimal
    legal_fee: Decimal
    surveyor_fee: Decimal
    fees_to_be_confirmed: bool
    verification_url: str
    # The council's own: its colour (the band across every page), logo (PNG, first page) and
    # special conditions (after the standard terms), as they were when the licence was issued.
    licensor_colour: str = "#106165"
    licensor_logo_png: bytes = b""
    licensor_conditions: str = ""
    replaces_number: str = ""
    reason: str = ""

    @property
    def one_off_total(self) -> Decimal:
        return self.application_fee + self.legal_fee + self.surveyor_fee
