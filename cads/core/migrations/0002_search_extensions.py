"""Person matching (pg_trgm trigram similarity, fuzzystrmatch soundex and metaphone)."""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [CreateExtension("pg_trgm"), CreateExtension("fuzzystrmatch")]
