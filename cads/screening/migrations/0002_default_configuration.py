"""Seed the default RAG levels, clocks and continuum of need (cads.screening.seed)."""

from django.db import migrations

from cads.screening.seed import seed


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
