"""`manage.py add_council`: a council in the portal from the command line (portal.councils).

    manage.py add_council --name "Glasgow City Council" --ons-code S12000049 --slug glasgow \\
        --contact-email digital.infrastructure@glasgow.gov.uk --boundary boundary.geojson \\
        [--initials GCC] [--colour "#005ea5"] [--logo logo.png] [--conditions conditions.txt]

Then `import_wards FILE --council SLUG` and `import_assets FILE --council SLUG`, and the council
is live. Give its area as a boundary file (any vector format GDAL reads, in any CRS it states)
or as --bbox=west,south,east,north in degrees (with the "=": a west of -4.45 would
otherwise read as an option).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.councils import area_from_bbox, area_from_file, council_add


class Command(BaseCommand):
    help = "Add a council: its name, ONS code, contact, area (boundary file or box) and branding."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='Its full name, such as "Glasgow City Council".')
        parser.add_argument("--ons-code", required=True, help="Its ONS code, such as S12000049.")
        parser.add_argument("--contact-email", required=True, help="Where suppliers write to the council.")
        area = parser.add_mutually_exclusive_group(required=True)
        area.add_argument("--boundary", type=Path, help="A file of its boundary polygon(s).")
        area.add_argument(
            "--bbox", help="Its area as west,south,east,north in degrees (WGS84): --bbox=-4.45,55.77,-4.05,55.94."
        )
        parser.add_argument("--slug", default="", help="Its part of the portal's addresses (default: from the name).")
        parser.add_argument(
            "--initials", default="", help="The start of its references and licence numbers (default: from the name)."
        )
        parser.add_argument("--colour", default="", help="Its brand colour, such as #005ea5.")
        parser.add_argument("--logo", type=Path, help="Its logo, a PNG of at most 200 KB.")
        parser.add_argument("--conditions", type=Path, help="A text file of its special licence conditions.")

    def handle(self, *args, **options):
        try:
            area = area_from_file(options["boundary"]) if options["boundary"] else area_from_bbox(options["bbox"])
            council = council_add(
                name=options["name"],
                ons_code=options["ons_code"],
                contact_email=options["contact_email"],
                area=area,
                slug=options["slug"],
                initials=options["initials"],
                brand_colour=options["colour"],
                logo_png=_read(options["logo"], "logo", binary=True),
                licence_conditions=_read(options["conditions"], "conditions"),
            )
        except ValidationError as exc:
            raise CommandError(_plain(exc)) from None
        west, south, east, north = council.bounds
        self.stdout.write(
            f"Added {council.name} ({council.ons_code}) as '{council.slug}', references {council.initials}-APP-..., "
            f"area {west:.4f},{south:.4f} to {east:.4f},{north:.4f}"
            f"{' with its exact boundary' if council.boundary else ' (a box)'}.\n"
            f"Next: manage.py import_wards FILE --council {council.slug}, "
            f"then manage.py import_assets FILE --council {council.slug}."
        )


def _read(path: Path | None, what: str, *, binary: bool = False):
    if path is None:
        return b"" if binary else ""
    if not path.is_file():
        raise CommandError(f"There is no {what} file at {path}.")
    return path.read_bytes() if binary else path.read_text(encoding="utf-8")


def _plain(exc: ValidationError) -> str:
    """Every problem, one per line, named by the option it came from."""
    options = {"ons_code": "--ons-code", "contact_email": "--contact-email", "brand_colour": "--colour"}
    if not hasattr(exc, "error_dict"):
        return "\n".join(exc.messages)
    lines = []
    for field, errors in exc.message_dict.items():
        where = options.get(field, f"--{field.replace('_', '-')}") if field != "__all__" else ""
        lines += [f"{where}: {message}" if where else message for message in errors]
    return "\n".join(lines)
