"""Storage: tables, the engine, migrations and queries. Only services write through it."""
