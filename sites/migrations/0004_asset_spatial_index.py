"""The assets' spatial index without a spatial extension (see sites/spatial_index.py).

SQLite: an R*Tree virtual table kept in step by triggers, filled from existing rows.
PostgreSQL: a GiST expression index on the built-in box type. Other databases: nothing.
"""

from django.db import migrations


def create(apps, schema_editor):
    from sites import spatial_index

    spatial_index.create(schema_editor.connection)


def drop(apps, schema_editor):
    from sites import spatial_index

    spatial_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("sites", "0003_asset_capacity_used")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
