"""`manage.py generate_assets --count N`: a seeded synthetic register, to a file or the database.

    manage.py generate_assets --count 100000 --output var/assets.gpkg --crs EPSG:27700
    manage.py generate_assets --count 5000 --council glasgow      # imported, is_synthetic

The assets come from fixtures.generator (the same seed and count give the same rows);
without --output they go through sites.io.assets_import like any other file.
"""

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pyproj import CRS
from pyproj.exceptions import CRSError

from fixtures.generator import DEFAULT_SEED, generate_assets
from fixtures.output import FILE_FORMATS, assets_write
from portal.models import Council
from sites.io import ImportFileError, assets_import
from sites.io.progress import Progress, line_reporter


class Command(BaseCommand):
    help = "Generate N synthetic assets (seeded): write them to a file, or import them into a council's register."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many assets (the default mix of types).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")
        parser.add_argument("--council", default="glasgow", help="Slug of the council to import into.")
        parser.add_argument("--output", help="Write this .gpkg, .geojson or .csv file instead of importing.")
        parser.add_argument("--crs", default="EPSG:4326", help="CRS of the written file (e.g. EPSG:27700).")

    def handle(self, *args, count, seed, council, output, crs, verbosity, **options):
        if count < 1:
            raise CommandError("Give a --count of at least 1.")
        try:
            CRS.from_user_input(crs)
        except CRSError as exc:
            raise CommandError(f"'{crs}' is not a coordinate reference system; try EPSG:27700 or EPSG:4326.") from exc
        if output and Path(output).suffix.lower() not in FILE_FORMATS:
            raise CommandError(f"Write a {', '.join(FILE_FORMATS)} file, not '{output}'.")
        target = None
        if not output:
            target = Council.objects.filter(slug=council).first()
            if target is None:
                raise CommandError(f"There is no council '{council}'. Run manage.py load_demo, or give --council.")

        started = time.perf_counter()
        frame = generate_assets(count=count, seed=seed)
        self.stdout.write(f"Generated {len(frame):,} assets (seed {seed}) in {time.perf_counter() - started:.1f} s.")
        if output:
            started = time.perf_counter()
            path = assets_write(frame, output, crs=crs)
            self.stdout.write(f"Wrote {path} ({crs}) in {time.perf_counter() - started:.1f} s.")
            return
        with tempfile.TemporaryDirectory(prefix="generate-assets-") as tmp:
            path = assets_write(frame, Path(tmp) / "assets.gpkg")
            del frame
            started = time.perf_counter()
            try:
                progress = Progress(line_reporter(self.stderr)) if verbosity > 0 else None
                report = assets_import(council=target, source=path, progress=progress)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
        if not report.written:
            raise CommandError("Nothing was imported.")
        self.stdout.write(f"Imported into {target.name} in {time.perf_counter() - started:.1f} s.")
