from django.db import migrations

# Ranking full-text matches reads every matching article's stored tsvector. Kept in the row (MAIN)
# and compressed with lz4 it is read about 40% faster than from the TOAST table with pglz: on 100,000
# articles a word in a quarter of them ranks in ~100 ms instead of ~175 ms (bench/search_bench.py).
# Rows written before this migration keep their old storage until they are next saved.
STORAGE = "ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE MAIN"
LZ4 = """
DO $$
BEGIN
    ALTER TABLE articles_article ALTER COLUMN search_document SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: search_document keeps the default compression';
END
$$
"""


def compact_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STORAGE)
        schema_editor.execute(LZ4)


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE EXTENDED")
        schema_editor.execute("ALTER TABLE articles_article ALTER COLUMN search_document SET COMPRESSION default")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_cable_records"),
    ]

    operations = [
        migrations.RunPython(compact_storage, default_storage, elidable=False),
    ]
