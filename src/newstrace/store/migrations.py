"""Ordered, idempotent schema migrations.

Each ``migrations/NNNN_name.sql`` file runs once, in order, inside a transaction,
and is recorded in ``schema_migrations``. Opening a database applies whatever is
missing; opening it again applies nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from importlib import resources

__all__ = ["migrate", "available_migrations"]


def available_migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration file shipped with the package, in order."""
    folder = resources.files("newstrace.store") / "migrations"
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version_text, _, name = entry.name[:-4].partition("_")
            out.append((int(version_text), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(db: sqlite3.Connection) -> list[int]:
    """Apply the migrations this database lacks; return the versions applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    done = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
    applied = []
    for version, name, sql in available_migrations():
        if version in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            # executescript would commit on its own; run statement by statement inside our transaction.
            for statement in _statements(sql):
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement handles triggers' inner ';')."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
