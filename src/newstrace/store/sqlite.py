"""The embedded default store: one SQLite file, openable in any SQLite tool."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..record import (
    AttributionLink,
    Claim,
    ClaimGroup,
    Contradiction,
    Corpus,
    DateMention,
    Document,
    Entity,
    Mention,
    Place,
    Quantity,
    Quote,
    Segment,
    StageError,
    Story,
    stable_id,
)
from .base import IngestErrorRecord, Original, SearchHit, Store
from .migrations import migrate

__all__ = ["SQLiteStore"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SQLiteStore(Store):
    """A newstrace database in one SQLite file (WAL mode, migrations applied on open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for database {self.path}: {exc}") from exc
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=30000")
            migrate(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open {self.path} as a newstrace database ({exc}); "
                "give --db a new file name or a database newstrace created"
            ) from exc

    # --- helpers ------------------------------------------------------------------
    def _tx(self) -> _Transaction:
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    # --- ingest -------------------------------------------------------------------
    def has_original(self, sha256: str, path: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM documents d JOIN document_paths p ON p.document = d.id "
            "WHERE d.original = ? AND (p.path = ? OR substr(p.path, 1, length(?) + 1) = ? || '#') LIMIT 1",
            (sha256, path, path, path),
        ).fetchone()
        if row:
            return True
        row = self.db.execute(
            "SELECT 1 FROM ingest_errors WHERE sha256 = ? AND path = ? LIMIT 1", (sha256, path)
        ).fetchone()
        return row is not None

    def add_ingested(
        self, original: Original, documents: Iterable[Document], *, extra: Iterable[Original] = ()
    ) -> list[str]:
        new: list[str] = []
        now = _now()
        with self._tx():
            for o in (original, *extra):
                self.db.execute(
                    "INSERT OR IGNORE INTO originals(sha256, content, size, media_type, first_path, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (o.sha256, o.content, len(o.content), o.media_type, o.path, now),
                )
            for doc in documents:
                member = doc.path.rsplit("#", 1)[1] if "#" in doc.path else ""
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO documents(id, sha256, original, member, path, media_type, text, title, "
                    "outlet, url, published, published_source, language, author, status, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ingested', ?)",
                    (
                        doc.id,
                        doc.sha256,
                        original.sha256,
                        member,
                        doc.path,
                        doc.media_type,
                        doc.text,
                        doc.title,
                        doc.outlet,
                        doc.url,
                        doc.published,
                        doc.published_source,
                        doc.language,
                        doc.author,
                        now,
                    ),
                )
                if cur.rowcount:
                    new.append(doc.id)
                self.db.execute(
                    "INSERT OR IGNORE INTO document_paths(document, path) VALUES (?, ?)", (doc.id, doc.path)
                )
            # A file that failed before and reads now is no longer an error.
            self.db.execute("DELETE FROM ingest_errors WHERE path = ? AND member = ''", (original.path,))
        return new

    def record_ingest_error(self, error: IngestErrorRecord) -> None:
        with self._tx():
            self.db.execute(
                "INSERT OR REPLACE INTO ingest_errors(path, sha256, member, reason, message, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (error.path, error.sha256, error.member, error.reason, error.message, _now()),
            )

    def ingest_errors(self) -> list[IngestErrorRecord]:
        rows = self.db.execute(
            "SELECT path, reason, message, sha256, member FROM ingest_errors ORDER BY path, member"
        ).fetchall()
        return [IngestErrorRecord(r["path"], r["reason"], r["message"], r["sha256"], r["member"]) for r in rows]

    # --- per-document analysis ----------------------------------------------------
    _DOC_COLUMNS = (
        "id, sha256, path, media_type, text, title, outlet, url, published, published_source, language, author"
    )

    def _doc_from_row(self, row: sqlite3.Row) -> Document:
        doc = Document(
            id=row["id"],
            sha256=row["sha256"],
            path=row["path"],
            text=row["text"],
            media_type=row["media_type"],
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=row["published"],
            language=row["language"],
            author=row["author"],
            published_source=row["published_source"],
        )
        return doc

    def pending_documents(self) -> Iterator[Document]:
        # Read ids first so that writes during iteration do not disturb the cursor.
        ids = [r[0] for r in self.db.execute("SELECT id FROM documents WHERE status = 'ingested' ORDER BY rowid")]
        for doc_id in ids:
            row = self.db.execute(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is not None:
                yield self._doc_from_row(row)

    def count_pending(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents WHERE status = 'ingested'").fetchone()[0])

    def mark_all_pending(self) -> int:
        with self._tx():
            cur = self.db.execute("UPDATE documents SET status = 'ingested' WHERE status != 'ingested'")
        return cur.rowcount

    def save_analysis(self, documents: Iterable[Document], pipeline: str) -> None:
        now = datetime.now(UTC).isoformat()  # microseconds: the fuse state must see every re-run
        with self._tx():
            for doc in documents:
                self._delete_analysis(doc.id)
                self._insert_analysis(doc)
                self.db.execute(
                    "UPDATE documents SET status = 'processed', processed_at = ?, pipeline = ?, language = ?, "
                    "published = ?, title = ? WHERE id = ?",
                    (now, pipeline, doc.language, doc.published, doc.title, doc.id),
                )

    def _delete_analysis(self, doc_id: str) -> None:
        # Corpus-level rows pointing at these claims go too; the fuse phase rebuilds them.
        self.db.execute(
            "DELETE FROM claim_group_members WHERE claim IN (SELECT id FROM claims WHERE document = ?)", (doc_id,)
        )
        for table in ("segments", "mentions", "dates", "quantities", "quotes", "claims", "stage_errors"):
            self.db.execute(f"DELETE FROM {table} WHERE document = ?", (doc_id,))

    def _upsert_entity(self, e: Entity) -> None:
        row = self.db.execute("SELECT aliases FROM entities WHERE id = ?", (e.id,)).fetchone()
        if row is None:
            p = e.place
            self.db.execute(
                "INSERT INTO entities(id, type, name, aliases, lat, lon, gazetteer_id, country_code, precision, score) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    e.id,
                    e.type,
                    e.name,
                    _dumps(sorted(set(e.aliases))),
                    p.lat if p else None,
                    p.lon if p else None,
                    p.gazetteer_id if p else None,
                    p.country_code if p else None,
                    p.precision if p else None,
                    p.score if p else None,
                ),
            )
            return
        aliases = set(json.loads(row["aliases"])) | set(e.aliases)
        self.db.execute("UPDATE entities SET aliases = ? WHERE id = ?", (_dumps(sorted(aliases)), e.id))

    def _insert_analysis(self, doc: Document) -> None:
        d = doc.id
        db = self.db
        db.executemany(
            'INSERT INTO segments(document, idx, start, "end", kind, language, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(d, i, s.start, s.end, s.kind, s.language, s.reason) for i, s in enumerate(doc.segments)],
        )
        for e in doc.entities.values():
            self._upsert_entity(e)
        db.executemany(
            'INSERT INTO mentions(document, idx, start, "end", text, label, entity) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(d, i, m.start, m.end, m.text, m.label, m.entity) for i, m in enumerate(doc.mentions)],
        )
        db.executemany(
            'INSERT INTO dates(document, idx, start, "end", text, value, end_value, precision, reason) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (d, i, x.start, x.end, x.text, x.value, x.end_value, x.precision, x.reason)
                for i, x in enumerate(doc.dates)
            ],
        )
        db.executemany(
            'INSERT INTO quantities(document, idx, start, "end", text, value, low, high, unit, qualifier, counted, '
            "role, sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    d,
                    i,
                    q.start,
                    q.end,
                    q.text,
                    q.value,
                    q.low,
                    q.high,
                    q.unit,
                    q.qualifier,
                    q.counted,
                    q.role,
                    q.sentence_start,
                    q.sentence_end,
                )
                for i, q in enumerate(doc.quantities)
            ],
        )
        db.executemany(
            'INSERT INTO quotes(document, idx, start, "end", text, kind, speaker, speaker_start, speaker_end, '
            "speaker_entity, cue, cue_start, cue_end, cited_outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    d,
                    i,
                    q.start,
                    q.end,
                    q.text,
                    q.kind,
                    q.speaker,
                    q.speaker_start,
                    q.speaker_end,
                    q.speaker_entity,
                    q.cue,
                    q.cue_start,
                    q.cue_end,
                    q.cited_outlet,
                )
                for i, q in enumerate(doc.quotes)
            ],
        )
        db.executemany(
            'INSERT OR REPLACE INTO claims(id, document, idx, start, "end", text, kind, attribution, hedges, '
            "quantities, quotes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    d,
                    i,
                    c.start,
                    c.end,
                    c.text,
                    c.kind,
                    _dumps([_link_to_json(a) for a in c.attribution]),
                    _dumps(c.hedges),
                    _dumps(c.quantities),
                    _dumps(c.quotes),
                )
                for i, c in enumerate(doc.claims)
            ],
        )
        db.executemany(
            "INSERT OR REPLACE INTO stage_errors(document, stage, message) VALUES (?, ?, ?)",
            [(d, e.stage, e.message) for e in doc.errors],
        )

    def load_document(self, document_id: str) -> Document:
        row = self.db.execute(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise StoreError(
                f"no document with id {document_id!r} in {self.url}; `newstrace stats` lists what is there"
            )
        doc = self._doc_from_row(row)
        self._load_analysis(doc)
        return doc

    def _load_analysis(self, doc: Document) -> None:
        q = self.db.execute
        d = doc.id
        doc.segments = [
            Segment(r["start"], r["end"], r["kind"], r["language"], r["reason"] or "")
            for r in q(
                'SELECT start, "end", kind, language, reason FROM segments WHERE document = ? ORDER BY idx', (d,)
            )
        ]
        doc.mentions = [
            Mention(r["start"], r["end"], r["text"], r["label"], r["entity"])
            for r in q('SELECT start, "end", text, label, entity FROM mentions WHERE document = ? ORDER BY idx', (d,))
        ]
        ids = sorted({m.entity for m in doc.mentions if m.entity})
        doc.entities = {e.id: e for e in self._entities_by_id(ids)}
        doc.dates = [
            DateMention(r["start"], r["end"], r["text"], r["value"], r["end_value"], r["precision"], r["reason"] or "")
            for r in q(
                'SELECT start, "end", text, value, end_value, precision, reason FROM dates WHERE document = ? '
                "ORDER BY idx",
                (d,),
            )
        ]
        doc.quantities = [
            Quantity(
                r["start"],
                r["end"],
                r["text"],
                r["value"],
                r["low"],
                r["high"],
                r["unit"],
                r["qualifier"],
                r["counted"],
                r["role"],
                r["sentence_start"],
                r["sentence_end"],
            )
            for r in q("SELECT * FROM quantities WHERE document = ? ORDER BY idx", (d,))
        ]
        doc.quotes = [
            Quote(
                r["start"],
                r["end"],
                r["text"],
                r["kind"],
                r["speaker"],
                r["speaker_start"],
                r["speaker_end"],
                r["speaker_entity"],
                r["cue"],
                r["cue_start"],
                r["cue_end"],
                r["cited_outlet"],
            )
            for r in q("SELECT * FROM quotes WHERE document = ? ORDER BY idx", (d,))
        ]
        doc.claims = [
            Claim(
                id=r["id"],
                start=r["start"],
                end=r["end"],
                text=r["text"],
                kind=r["kind"],
                attribution=[_link_from_json(a) for a in json.loads(r["attribution"])],
                hedges=json.loads(r["hedges"]),
                quantities=json.loads(r["quantities"]),
                quotes=json.loads(r["quotes"]),
            )
            for r in q("SELECT * FROM claims WHERE document = ? ORDER BY idx", (d,))
        ]
        doc.errors = [
            StageError(r["stage"], r["message"])
            for r in q("SELECT stage, message FROM stage_errors WHERE document = ?", (d,))
        ]

    def document_ids(self, *, processed_only: bool = True) -> list[str]:
        where = "WHERE status = 'processed'" if processed_only else ""
        return [r[0] for r in self.db.execute(f"SELECT id FROM documents {where} ORDER BY rowid")]

    def iter_documents(self, *, processed_only: bool = True) -> Iterator[Document]:
        for doc_id in self.document_ids(processed_only=processed_only):
            yield self.load_document(doc_id)

    def _entities_by_id(self, ids: list[str]) -> list[Entity]:
        out: list[Entity] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(
                _entity_from_row(r) for r in self.db.execute(f"SELECT * FROM entities WHERE id IN ({marks})", chunk)
            )
        return out

    def entities(self) -> dict[str, Entity]:
        return {r["id"]: _entity_from_row(r) for r in self.db.execute("SELECT * FROM entities ORDER BY id")}

    def stage_errors(self) -> list[tuple[str, str, str]]:
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute("SELECT document, stage, message FROM stage_errors ORDER BY document, stage")
        ]

    # --- corpus -------------------------------------------------------------------
    def processing_state(self) -> str:
        import hashlib

        h = hashlib.sha256()
        for r in self.db.execute("SELECT id, processed_at FROM documents WHERE status = 'processed' ORDER BY id"):
            h.update(f"{r[0]}:{r[1]}\n".encode())
        return h.hexdigest()

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def save_corpus(self, corpus: Corpus, *, state: str | None = None) -> None:
        db = self.db
        with self._tx():
            if state is not None:
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fused_state', ?)", (state,))
            for table in (
                "story_documents",
                "stories",
                "claim_group_members",
                "claim_groups",
                "contradictions",
                "copies",
            ):
                db.execute(f"DELETE FROM {table}")
            # Entities no mention points to any more (after re-processing) are dropped.
            db.execute(
                "DELETE FROM entities WHERE id NOT IN (SELECT DISTINCT entity FROM mentions WHERE entity IS NOT NULL)"
            )
            for s in corpus.stories:
                db.execute("INSERT INTO stories(id, title, score) VALUES (?, ?, ?)", (s.id, s.title, s.score))
                db.executemany(
                    "INSERT INTO story_documents(story, document) VALUES (?, ?)", [(s.id, d) for d in s.documents]
                )
            for g in corpus.claim_groups:
                db.execute(
                    "INSERT INTO claim_groups(id, story, independent_sources, sources, status, score) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (g.id, g.story, g.independent_sources, _dumps(g.sources), g.status, g.score),
                )
                db.executemany(
                    "INSERT INTO claim_group_members(claim_group, claim) VALUES (?, ?)", [(g.id, c) for c in g.claims]
                )
            for c in corpus.contradictions:
                db.execute(
                    "INSERT OR REPLACE INTO contradictions(id, story, kind, explanation, claims) VALUES (?, ?, ?, ?, ?)",
                    (stable_id("contradiction", c.kind, *c.claims), c.story, c.kind, c.explanation, _dumps(c.claims)),
                )
            db.executemany(
                "INSERT OR REPLACE INTO copies(document, original, similarity) VALUES (?, ?, ?)", corpus.copies
            )

    def load_corpus(self) -> Corpus:
        q = self.db.execute
        members: dict[str, list[str]] = {}
        for r in q("SELECT story, document FROM story_documents ORDER BY story, document"):
            members.setdefault(r[0], []).append(r[1])
        stories = [
            Story(id=r["id"], documents=members.get(r["id"], []), title=r["title"] or "", score=r["score"] or 0.0)
            for r in q("SELECT * FROM stories ORDER BY rowid")
        ]
        gm: dict[str, list[str]] = {}
        for r in q("SELECT claim_group, claim FROM claim_group_members ORDER BY claim_group, claim"):
            gm.setdefault(r[0], []).append(r[1])
        groups = [
            ClaimGroup(
                id=r["id"],
                claims=gm.get(r["id"], []),
                story=r["story"],
                independent_sources=r["independent_sources"],
                sources=json.loads(r["sources"]),
                status=r["status"],
                score=r["score"] or 0.0,
            )
            for r in q("SELECT * FROM claim_groups ORDER BY rowid")
        ]
        contradictions = [
            Contradiction(
                claims=json.loads(r["claims"]), kind=r["kind"], explanation=r["explanation"], story=r["story"]
            )
            for r in q("SELECT * FROM contradictions ORDER BY rowid")
        ]
        copies = [(r[0], r[1], r[2]) for r in q("SELECT document, original, similarity FROM copies ORDER BY document")]
        return Corpus(stories=stories, claim_groups=groups, contradictions=contradictions, copies=copies)

    # --- reading ------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        try:
            rows = self.db.execute(
                "SELECT d.id, d.title, d.path, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snip, "
                "bm25(documents_fts) AS score FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f'cannot search for {query!r}: {exc}. Use words, "a phrase", AND/OR/NOT, or prefix* '
                "(SQLite FTS5 syntax)"
            ) from exc
        return [SearchHit(r["id"], r["title"], r["path"], r["snip"], -float(r["score"])) for r in rows]

    def stats(self) -> dict[str, Any]:
        q = self.db.execute

        def count(sql: str) -> int:
            return int(q(sql).fetchone()[0])

        return {
            "database": self.url,
            "originals": count("SELECT count(*) FROM originals"),
            "documents": count("SELECT count(*) FROM documents"),
            "processed": count("SELECT count(*) FROM documents WHERE status = 'processed'"),
            "pending": count("SELECT count(*) FROM documents WHERE status = 'ingested'"),
            "ingest_errors": count("SELECT count(*) FROM ingest_errors"),
            "stage_errors": count("SELECT count(*) FROM stage_errors"),
            "segments": dict(q("SELECT kind, count(*) FROM segments GROUP BY kind ORDER BY kind").fetchall()),
            "entities": dict(q("SELECT type, count(*) FROM entities GROUP BY type ORDER BY type").fetchall()),
            "mentions": count("SELECT count(*) FROM mentions"),
            "dates": count("SELECT count(*) FROM dates"),
            "quantities": count("SELECT count(*) FROM quantities"),
            "quotes": count("SELECT count(*) FROM quotes"),
            "claims": count("SELECT count(*) FROM claims"),
            "stories": count("SELECT count(*) FROM stories"),
            "claim_groups": count("SELECT count(*) FROM claim_groups"),
            "contradictions": count("SELECT count(*) FROM contradictions"),
            "copies": count("SELECT count(*) FROM copies"),
            "languages": dict(
                q("SELECT coalesce(language, '?'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall()
            ),
        }


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")


def _link_to_json(link: AttributionLink) -> dict[str, Any]:
    return {"kind": link.kind, "source": link.source, "entity": link.entity, "start": link.start, "end": link.end}


def _link_from_json(data: dict[str, Any]) -> AttributionLink:
    return AttributionLink(data["kind"], data["source"], data.get("entity"), data.get("start"), data.get("end"))


def _entity_from_row(r: sqlite3.Row) -> Entity:
    place = None
    if r["lat"] is not None and r["lon"] is not None:
        place = Place(
            lat=r["lat"],
            lon=r["lon"],
            gazetteer_id=r["gazetteer_id"] or "",
            country_code=r["country_code"],
            precision=r["precision"] or "point",
            score=r["score"] if r["score"] is not None else 1.0,
        )
    return Entity(id=r["id"], type=r["type"], name=r["name"], aliases=json.loads(r["aliases"]), place=place)
