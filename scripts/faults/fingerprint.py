"""Checksums of a whole database (tables, sequences, schema objects), for the backup check."""

from __future__ import annotations

from typing import Any

CHECKSUM_SQL = """
SELECT n.nspname, c.relname,
       coalesce((SELECT array_agg(a.attname ORDER BY k.ord)
                 FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(attnum, ord), pg_attribute a
                 WHERE i.indrelid = c.oid AND i.indisprimary AND a.attrelid = c.oid AND a.attnum = k.attnum),
                '{}')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY 1, 2
"""

SEQUENCES_SQL = """
SELECT s.oid::regclass::text, t.oid::regclass::text, a.attname, q.last_value
FROM pg_class s
JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
JOIN pg_sequences q ON q.schemaname = s.relnamespace::regnamespace::text AND q.sequencename = s.relname
WHERE s.relkind = 'S'
ORDER BY 1
"""

SCHEMA_OBJECTS_SQL = """
SELECT 'constraint ' || conrelid::regclass || '.' || conname FROM pg_constraint
  WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
UNION ALL SELECT 'trigger ' || tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal
UNION ALL SELECT 'index ' || schemaname || '.' || indexname FROM pg_indexes
  WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p
  WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
ORDER BY 1
"""


def database_fingerprint(cursor: Any) -> dict[str, Any]:
    """Row count and md5 of every table's rows in primary-key order, sequences, schema objects."""
    cursor.execute(CHECKSUM_SQL)
    tables = {}
    for schema, table, pk in cursor.fetchall():
        name = f'"{schema}"."{table}"'
        order = ", ".join(f't."{column}"' for column in pk) if pk else "t::text"
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY {order})), '') FROM {name} t"
        )
        count, digest = cursor.fetchone()
        tables[f"{schema}.{table}"] = [count, digest]
    # Sequences are not transactional: their value is not part of the snapshot and may move
    # on while the dump runs. What matters is that a restored one never hands out a used id.
    cursor.execute(SEQUENCES_SQL)
    sequences = {}
    for sequence, table, column, last_value in cursor.fetchall():
        cursor.execute(f'SELECT max("{column}") FROM {table}')
        highest = cursor.fetchone()[0]
        sequences[sequence] = highest is None or (last_value is not None and last_value >= highest)
    cursor.execute(SCHEMA_OBJECTS_SQL)
    objects = [row[0] for row in cursor.fetchall()]
    return {"tables": tables, "sequences": sequences, "objects": objects}


def compare_fingerprints(original: dict[str, Any], copy: dict[str, Any]) -> list[str]:
    problems = []
    for table in sorted(set(original["tables"]) | set(copy["tables"])):
        a, b = original["tables"].get(table), copy["tables"].get(table)
        if a != b:
            problems.append(f"table {table}: original {a}, restored {b}")
    behind = sorted(name for name, ahead in copy["sequences"].items() if not ahead)
    if behind:
        problems.append(f"restored sequences behind their tables' highest id: {behind}")
    if set(original["sequences"]) != set(copy["sequences"]):
        problems.append("the restored database has different sequences")
    missing = sorted(set(original["objects"]) ^ set(copy["objects"]))
    if missing:
        problems.append(f"schema objects differ: {missing[:10]}")
    return problems
