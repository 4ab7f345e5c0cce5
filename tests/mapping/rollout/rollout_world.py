"""The rollout tests' world: one application in every state, two wards, and secrets that must never show.

`rollout_world(council)` makes the Glasgow of the tests: the ward around
George Square with one application in every workflow state (FACTORY_BY_STATUS), a
second ward (around Kelvingrove) with two live sites and one installed, a document, a
message, fees and conditions. `World.secrets` lists what no public page, file or feed
may contain: references, people's names and emails, messages, documents, fees,
conditions, descriptions, equipment, and the organisations whose applications are not
public. `World.hidden_sites` are the ids of sites that are not public.

Making it walks 13 applications through the services (licences included): seconds. A
test module makes it once with `world_for_module` (a module-scoped fixture), inside a
transaction rolled back at the end; each test still runs in its own savepoint.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from applications import services
from applications.models import Application, ApplicationStatus
from portal.models import Council
from sites.models import Ward
from tests.applications.factories import (
    FeeScheduleFactory,
    InstalledApplicationFactory,
    LiveApplicationFactory,
    every_state,
)
from tests.factories import AssetFactory, WardFactory, square

S = ApplicationStatus
PUBLIC = (S.APPROVED, S.LICENCE_ISSUED, S.INSTALLED, S.LIVE)
KELVINGROVE = (-4.2905, 55.8686)
DOCUMENT_NAME = "secret-drawing-7731.pdf"
MESSAGE = "Private note 4417: the key to the roof is with the janitor."
FEE = Decimal("98765.43")


@dataclass
class World:
    council: Council
    centre: Ward
    west: Ward
    states: dict[str, Application]
    west_applications: list[Application]
    secrets: list[str] = field(default_factory=list)
    hidden_sites: set[int] = field(default_factory=set)
    public_sites: set[int] = field(default_factory=set)

    def leaks(self, text: str) -> list[str]:
        """The secrets found in `text` (a page, a file, a feed): should be none."""
        return [secret for secret in self.secrets if secret in text]


def rollout_world(council) -> World:
    centre = WardFactory(council=council, name="Anderston/City/Yorkhill")
    west = WardFactory(
        council=council,
        name="Partick East/Kelvindale",
        geometry={"type": "MultiPolygon", "coordinates": [square(*KELVINGROVE, half=0.01)["coordinates"]]},
    )
    FeeScheduleFactory(council=council, annual_licence_fee=FEE, application_fee=Decimal("4321.09"))
    states = every_state(council=council)

    def west_assets(n: int):
        return [
            AssetFactory(council=council, geometry={"type": "Point", "coordinates": list(KELVINGROVE)})
            for _ in range(n)
        ]

    west_applications = [
        LiveApplicationFactory(council=council, assets=west_assets(2)),
        InstalledApplicationFactory(council=council, assets=west_assets(1)),
    ]
    approved = states[S.APPROVED]
    services.document_upload(
        application=approved,
        by=approved.supplier,
        file=SimpleUploadedFile(DOCUMENT_NAME, b"%PDF-1.4\n" + b"0" * 400),
        kind="drawing",
    )
    services.application_message_send(application=states[S.LIVE], by=states[S.LIVE].officer, body=MESSAGE)
    world = World(council=council, centre=centre, west=west, states=states, west_applications=west_applications)
    everyone = [*states.values(), *west_applications]
    world.secrets = [
        "-APP-",  # any application reference
        DOCUMENT_NAME,
        MESSAGE,
        "98765",
        "98,765",
        "4321.09",
        "The structural calculation is missing.",  # returned: the officer's reasons
        "Send the mounting bracket drawing.",  # information requested
        "Plans changed.",  # withdrawn: the supplier's reason
        "Paint the equipment to match the column.",  # conditions of approval
        "Ericsson Radio 4408",  # equipment
        *{a.description for a in everyone},
    ]
    for application in everyone:
        world.secrets += [
            application.supplier.email,
            application.supplier.get_full_name(),
            application.officer.email,
            application.officer.get_full_name(),
        ]
    for status, application in states.items():
        ids = set(application.sites.values_list("pk", flat=True))
        if status in PUBLIC:
            world.public_sites |= ids
        else:
            world.hidden_sites |= ids
            world.secrets.append(application.organisation.name)
    for application in west_applications:
        world.public_sites |= set(application.sites.values_list("pk", flat=True))
    return world


def world_for_module(django_db_blocker, tmp_path_factory):
    """Yield a World made once for a test module, and roll it back after the module's tests.

    Usage, in the module: a fixture of scope "module" taking django_db_setup,
    django_db_blocker and tmp_path_factory that does `yield from world_for_module(...)`.
    """
    uploads = tmp_path_factory.mktemp("rollout-uploads")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=uploads), transaction.atomic():
        call_command("loaddata", "fixtures/councils.json", verbosity=0)
        yield rollout_world(Council.objects.get(slug="glasgow"))
        transaction.set_rollback(True)
