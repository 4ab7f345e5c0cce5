"""From a licence (saved or about to be) to the data its PDF prints, and the PDF itself."""

from django.utils import timezone

from ..models import Licence, LicenceSite
from .links import verification_url
from .pdf import LicenceDocument, licence_pdf
from .surroundings import site_shape_bng, surroundings_for


def licence_document(*, licence: Licence, rows: list[LicenceSite]) -> LicenceDocument:
    """Everything the PDF says. Two queries (the plans' surroundings); the rest is in hand."""
    shapes = [site_shape_bng(row) for row in rows]
    organisation = licence.organisation
    officer = licence.issued_by
    return LicenceDocument(
        number=licence.number,
        kind=licence.kind,
        licence_type=licence.licence_type,
        licence_type_label=licence.get_licence_type_display(),
        licensor_name=licence.licensor_name,
        licensor_email=licence.council.contact_email,
        licensor_colour=licence.council.brand_colour,
        licensor_logo_png=bytes(licence.council.logo_png),
        licensor_conditions=licence.council.licence_conditions.strip(),
        licensee_name=licence.licensee_name,
        licensee_company_number=licence.licensee_company_number,
        licensee_ofcom_reference=organisation.ofcom_reference if organisation.is_code_operator else "",
        application_reference=licence.application.reference,
        issued_on=timezone.localdate(licence.issued_at),
        starts_on=licence.starts_on,
        ends_on=licence.ends_on,
        term_years=licence.term_years,
        issued_by_name=officer.get_full_name() or officer.get_username(),
        sites=rows,
        site_shapes=shapes,
        surroundings=surroundings_for(council=licence.council, rows=rows, site_shapes=shapes),
        annual_fee_total=licence.annual_fee_total,
        application_fee=licence.application_fee,
        legal_fee=licence.legal_fee,
        surveyor_fee=licence.surveyor_fee,
        fees_to_be_confirmed=licence.fees_to_be_confirmed,
        verification_url=verification_url(licence.number),
        replaces_number=licence.replaces.number if licence.replaces_id else "",
        reason=licence.reason,
    )


def licence_pdf_bytes(*, licence: Licence, rows: list[LicenceSite]) -> bytes:
    return licence_pdf(licence_document(licence=licence, rows=rows))
