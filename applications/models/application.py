"""The application: one organisation asks one council for one or more sites."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django_fsm import ConcurrentTransitionMixin, FSMField

from portal.models import Council, Organisation
from sites.models import ApplicationType

from .workflow import (
    DECIDED_STATUSES,
    EDITABLE_STATUSES,
    EVER_SUBMITTED,
    WAITING_ON,
    ApplicationStatus,
    ApplicationWorkflow,
)

S = ApplicationStatus
MIN_TERM_YEARS = 1
MAX_TERM_YEARS = 25


class Application(ApplicationWorkflow, ConcurrentTransitionMixin, models.Model):
    """A request for one site or a batch, moving through the workflow in `workflow.py`.

    `status` changes only through the transitions (it is protected), and only the
    services call them. ConcurrentTransitionMixin refuses to save a transition made on
    a copy whose state has changed in the database meanwhile, so two officers acting
    at once cannot both succeed. `due_on` is the current stage's due date (working
    days, paused while information is requested), kept by the services so the officer
    queue can sort and filter in SQL; `applications.clocks` computes it from the events.
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="applications")
    application_type = models.CharField(max_length=20, choices=ApplicationType.choices)
    reference = models.CharField(max_length=30, unique=True, editable=False)
    status = FSMField(max_length=30, choices=S.choices, default=S.DRAFT, protected=True)
    description = models.TextField(blank=True, help_text="What the installation is for, in a few lines.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    proposed_start_date = models.DateField(null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        "term (years)",
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_TERM_YEARS), MaxValueValidator(MAX_TERM_YEARS)],
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    licence_issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Working days from first submission to the licence (applications.clocks), fixed when it is issued:
    # the public rollout's median reads it instead of working it out for every application.
    licence_working_days = models.PositiveIntegerField(null=True, blank=True, editable=False)
    installed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The dates the supplier reports (the day it happened, which may be before the report).
    installed_on = models.DateField("installation date", null=True, blank=True, editable=False)
    installation_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    installation_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    live_at = models.DateTimeField(null=True, blank=True, editable=False)
    live_on = models.DateField("date live", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    due_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__isnull=True)
                | Q(term_years__gte=MIN_TERM_YEARS, term_years__lte=MAX_TERM_YEARS),
                name="application_term_1_to_25_years",
                violation_error_message="Enter a term between 1 and 25 years.",
            ),
            models.CheckConstraint(condition=Q(status__in=S.values), name="application_status_known"),
            models.CheckConstraint(
                condition=~Q(status__in=EVER_SUBMITTED)
                | Q(submitted_at__isnull=False, first_submitted_at__isnull=False),
                name="application_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED_STATUSES) | Q(decided_at__isnull=False),
                name="application_decided_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.WITHDRAWN) | Q(withdrawn_at__isnull=False),
                name="application_withdrawn_has_date",
            ),
            models.CheckConstraint(
                condition=Q(installation_confirmed_at__isnull=True) | Q(installation_confirmed_by__isnull=False),
                name="application_installation_confirmed_by_someone",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "status"], name="application_council_status"),
            models.Index(fields=["council", "due_on"], name="application_council_due"),
            models.Index(fields=["organisation", "status"], name="application_org_status"),
            models.Index(fields=["first_submitted_at"], name="application_first_submitted"),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean_fields(self, exclude=None):
        # The state is validated by the workflow and a check constraint; Django's
        # clean_fields would otherwise re-assign the protected field and be refused.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    @property
    def waiting_on(self) -> str | None:
        """ "applicant", "council" or None (finished): whose move it is."""
        return WAITING_ON.get(self.status)

    @property
    def is_editable(self) -> bool:
        """The applicant may change the sites and equipment (draft or returned)."""
        return self.status in EDITABLE_STATUSES


class ReferenceCounter(models.Model):
    """The last number given for a prefix and year (application references under the council's
    initials, licence numbers under initials and type); never reused. Only applications.numbering
    reads or writes it.

    Keyed by prefix (not council) so two councils with the same initials still get
    distinct references.
    """

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="referencecounter_prefix_year_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-APP-{self.year}: {self.last_number}"
