"""Licences: the immutable licence issued for an approved application, its PDF and its checks.

Everything about the licence record lives here; the application's move to licence_issued
(and on to installed and live) is a workflow service, applications.services.delivery.

- `services`: licence_issue (through the workflow's hook `licence_issue_documents`,
  which applications.services.application_issue_licence calls inside its transaction),
  licence_revoke, licence_vary_or_renew.
- `numbering`: GCC-SC-2027-00042, never reused, unique under concurrent issuing.
- `pdf`: the reportlab document (styles, tables, location plans, terms, QR code).
- `document`, `surroundings`, `snapshot`: from the database to what the PDF prints.
- `verification`: SHA-256 of the file, and checking an uploaded copy.
- `selectors`: reads scoped to who asks (the public page, the download permission).
- `links`: the verification page and download addresses (the views are in mapping).
"""


def licence_issue_documents(*, application, by):
    """Build and store the licence for a just-issued application (see services.licence_issue).

    Imported lazily: applications.services imports this package while it is itself
    being imported, and the licence services import applications.services.notify.
    """
    from .services import licence_issue_documents as issue

    return issue(application=application, by=by)
