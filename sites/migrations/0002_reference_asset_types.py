from django.db import migrations


def load(apps, schema_editor):
    from sites.reference_data import ensure_asset_types

    ensure_asset_types(apps.get_model("sites", "AssetType"))


class Migration(migrations.Migration):
    dependencies = [("sites", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
