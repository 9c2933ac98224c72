#!/usr/bin/env python3
"""Writes the change-log triggers of src/store/migrations/0018_sync.sql from the tables the
export carries (src/store/export_rows.rs): one column list, so no trigger forgets a column.
Run it again (and paste its output into a new migration) when a synced table gains a column;
tests/suite/sync.rs checks that every exported column has its trigger line."""
import re, sys

src = open("src/store/export_rows.rs").read()
tables = []
for block in re.finditer(r'table! \{(.*?)\n\}', src, re.S):
    body = block.group(1)
    name = re.search(r'name: "(\w+)"', body).group(1)
    if name == "draft":
        continue
    cols = re.findall(r'= (?:col|refers)\("(\w+)"', body)
    tables.append((name, [c for c in cols if c != "uuid"]))

HLC = ("UPDATE sync_state SET hlc = max(hlc + 1, "
       "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);")
WHEN = "WHEN (SELECT enabled AND NOT applying FROM sync_state)"
out = []
for name, cols in tables:
    changed = "\n            UNION ALL ".join(
        f"SELECT '{c}' WHERE NEW.{c} IS NOT OLD.{c}" if i else f"SELECT '{c}' AS field WHERE NEW.{c} IS NOT OLD.{c}"
        for i, c in enumerate(cols))
    out.append(f"""CREATE TRIGGER sync_{name}_insert AFTER INSERT ON {name}
{WHEN}
BEGIN
    {HLC}
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', '{name}', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_{name}_update AFTER UPDATE ON {name}
{WHEN}
BEGIN
    {HLC}
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, '{name}', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN ({changed}) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_{name}_delete AFTER DELETE ON {name}
{WHEN}
BEGIN
    {HLC}
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, '{name}', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;
""")
sys.stdout.write("\n".join(out))
