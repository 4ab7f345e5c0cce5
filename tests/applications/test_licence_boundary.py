"""The licence record has one home, applications.licences.services; the application's move to
licence_issued (applications.services.delivery) asks it for the licence and writes none itself."""

import re

from tests.source_tree import project_sources

# Making or changing a licence record: a Licence(...) built, rows bulk-created, a revocation stamped.
LICENCE_WRITE = re.compile(
    r"(?<!class )\bLicence\(|LicenceSite\.objects\.bulk_create|Licence\.objects\.\w*create|\.revoked_at\s*="
)


def test_licences_are_written_in_the_licence_services_only():
    writers = sorted({path for path, text in project_sources().items() if LICENCE_WRITE.search(text)})
    assert writers == ["applications/licences/services.py"]


def test_no_second_licensing_services_module():
    modules = [path for path in project_sources() if re.search(r"licens(e|ing)[^/]*\.py$", path)]
    assert modules == []
