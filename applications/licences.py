"""The licence issued on approval. The PDF (reportlab) is the next issue's work.

`licence_issue_documents` is the hook `application_issue_licence` calls inside its
transaction, after the state has changed and before the applicant is told; make the
licence there (number, PDF, SHA-256). Raising from it refuses the whole transition.
"""


def licence_issue_documents(*, application, by) -> None:
    """Build and store the licence for a just-issued application (nothing yet)."""
    return None
