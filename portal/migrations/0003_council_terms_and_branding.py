"""Councils' own initials, boundary, branding and special conditions (several councils in one portal)."""

import re

import django.core.validators
from django.db import migrations, models


def initials_from_names(apps, schema_editor):
    """Existing councils keep the initials their references already use (derived from the name)."""
    Council = apps.get_model("portal", "Council")
    taken = set()
    for council in Council.objects.order_by("pk"):
        base = "".join(word[0] for word in re.findall(r"[A-Za-z]+", council.name)).upper()[:6] or "APP"
        initials, n = base, 1
        while initials in taken:  # two councils with the same initials: GCC, then GCCB...
            initials = (base[:5] + chr(ord("A") + n)) if len(base) >= 2 else f"C{chr(ord('A') + n)}"
            n += 1
        taken.add(initials)
        Council.objects.filter(pk=council.pk).update(initials=initials)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_form_submission")]

    operations = [
        migrations.AddField(model_name="council", name="initials", field=models.CharField(default="", max_length=6)),
        migrations.RunPython(initials_from_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="council",
            name="initials",
            field=models.CharField(
                max_length=6,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2,6}$", "Enter the council's initials in capitals, two to six letters, such as GCC."
                    )
                ],
            ),
        ),
        migrations.AddField(model_name="council", name="boundary", field=models.JSONField(blank=True, null=True)),
        migrations.AddField(
            model_name="council",
            name="brand_colour",
            field=models.CharField(
                default="#1d70b8",
                max_length=7,
                validators=[
                    django.core.validators.RegexValidator(
                        "^#[0-9a-fA-F]{6}$", "Enter the colour as # and six hexadecimal digits, such as #1d70b8."
                    )
                ],
            ),
        ),
        migrations.AddField(
            model_name="council", name="logo_png", field=models.BinaryField(blank=True, default=b"", editable=False)
        ),
        migrations.AddField(
            model_name="council",
            name="licence_conditions",
            field=models.TextField(
                blank=True,
                help_text="The council's own conditions, printed in every licence it issues after the standard terms.",
                verbose_name="Special conditions",
            ),
        ),
        migrations.AlterField(
            model_name="council",
            name="initials",
            field=models.CharField(
                error_messages={
                    "unique": "Another council's references already start with these initials: choose others."
                },
                max_length=6,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2,6}$", "Enter the council's initials in capitals, two to six letters, such as GCC."
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="council",
            name="name",
            field=models.CharField(
                error_messages={"unique": "There is already a council with this name."}, max_length=200, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="council",
            name="ons_code",
            field=models.CharField(
                error_messages={"unique": "There is already a council with this ONS code."},
                max_length=9,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[ENSW]\\d{8}$", "Enter an ONS code such as S12000049 (a letter and eight digits)."
                    )
                ],
                verbose_name="ONS code",
            ),
        ),
        migrations.AlterField(
            model_name="council",
            name="slug",
            field=models.SlugField(error_messages={"unique": "Another council already has this slug."}, unique=True),
        ),
    ]
