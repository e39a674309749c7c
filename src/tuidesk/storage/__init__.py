"""Storage: tables, the engine, migrations and queries. Only services write through it."""

# The newest migration; tests check it equals Alembic's head.
SCHEMA_HEAD = "0014"
