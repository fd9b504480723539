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
    AssociatedPlace,
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
from .base import DocumentSummary, EntityMention, IngestErrorRecord, Original, Page, SearchHit, Store, StorySummary
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
            # Unicode-aware case folding for name filters (SQLite's own lower() and LIKE fold ASCII only).
            self.db.create_function("nt_fold", 1, _fold, deterministic=True)
            if 2 in migrate(self.db):  # the entity name index starts empty: fill it from the entities there
                with self._tx():
                    self._index_entity_names(None)
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
                    "published = ?, published_source = ?, title = ? WHERE id = ?",
                    (now, pipeline, doc.language, doc.published, doc.published_source, doc.title, doc.id),
                )

    def _delete_analysis(self, doc_id: str) -> None:
        # Corpus-level rows pointing at these claims go too; the fuse phase rebuilds them.
        self.db.execute(
            "DELETE FROM claim_group_members WHERE claim IN (SELECT id FROM claims WHERE document = ?)", (doc_id,)
        )
        for table in (
            "segments",
            "mentions",
            "associated_places",
            "dates",
            "quantities",
            "quotes",
            "claims",
            "stage_errors",
        ):
            self.db.execute(f"DELETE FROM {table} WHERE document = ?", (doc_id,))

    def _upsert_entity(self, e: Entity) -> None:
        row = self.db.execute("SELECT aliases, reasons FROM entities WHERE id = ?", (e.id,)).fetchone()
        if row is None:
            p = e.place
            self.db.execute(
                "INSERT INTO entities(id, type, name, aliases, reasons, lat, lon, gazetteer_id, country_code, "
                "precision, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    e.id,
                    e.type,
                    e.name,
                    _dumps(sorted(set(e.aliases))),
                    _dumps(list(dict.fromkeys(e.reasons))),
                    p.lat if p else None,
                    p.lon if p else None,
                    p.gazetteer_id if p else None,
                    p.country_code if p else None,
                    p.precision if p else None,
                    p.score if p else None,
                ),
            )
            self._index_entity_names(e.id)
            return
        known = set(json.loads(row["aliases"]))
        aliases = known | set(e.aliases)
        known_reasons = json.loads(row["reasons"])
        reasons = list(dict.fromkeys([*known_reasons, *e.reasons]))
        if aliases != known or reasons != known_reasons:
            self.db.execute(
                "UPDATE entities SET aliases = ?, reasons = ? WHERE id = ?",
                (_dumps(sorted(aliases)), _dumps(reasons), e.id),
            )
        if aliases != known:
            self._index_entity_names(e.id)

    def _index_entity_names(self, entity_id: str | None) -> None:
        """(Re)write the name-filter row of one entity, or of every entity when ``entity_id`` is None."""
        if entity_id is None:
            self.db.execute("DELETE FROM entity_names")
            rows = self.db.execute("SELECT rowid, name, aliases FROM entities").fetchall()
        else:
            rows = self.db.execute("SELECT rowid, name, aliases FROM entities WHERE id = ?", (entity_id,)).fetchall()
            self.db.executemany("DELETE FROM entity_names WHERE rowid = ?", [(r[0],) for r in rows])
        self.db.executemany(
            "INSERT INTO entity_names(rowid, names) VALUES (?, ?)",
            [(r[0], "\n".join(n.casefold() for n in [r[1], *json.loads(r[2])])) for r in rows],
        )

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
            'INSERT INTO associated_places(document, idx, start, "end", text, name, lat, lon, gazetteer_id, '
            "country_code, precision, score, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    d,
                    i,
                    a.start,
                    a.end,
                    a.text,
                    a.name,
                    a.place.lat,
                    a.place.lon,
                    a.place.gazetteer_id,
                    a.place.country_code,
                    a.place.precision,
                    a.place.score,
                    a.reason,
                )
                for i, a in enumerate(doc.associated_places)
            ],
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
            "speaker_entity, cue, cue_start, cue_end, cited_outlet, cue_type, continues) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    q.cue_type,
                    q.continues,
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
        doc.associated_places = [
            AssociatedPlace(
                r["start"],
                r["end"],
                r["text"],
                r["name"],
                _place_from_row(r),
                r["reason"] or "",
            )
            for r in q("SELECT * FROM associated_places WHERE document = ? ORDER BY idx", (d,))
        ]
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
                r["cue_type"],
                r["continues"],
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

    def iter_site_texts(self) -> Iterator[tuple[str | None, str | None, str, str]]:
        for r in self.db.execute("SELECT outlet, url, path, text FROM documents ORDER BY rowid"):
            yield r[0], r[1], r[2], r[3]

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
            db.execute("DELETE FROM entity_names WHERE rowid NOT IN (SELECT rowid FROM entities)")
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
    def _fts(self, query: str, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f'cannot search for {query!r}: {exc}. Use words, "a phrase", AND/OR/NOT, or prefix* '
                "(SQLite FTS5 syntax)"
            ) from exc

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        rows = self._fts(
            query,
            "SELECT d.id, d.title, d.path, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snip, "
            "bm25(documents_fts) AS score FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (query, limit, offset),
        )
        return [SearchHit(r["id"], r["title"], r["path"], r["snip"], -float(r["score"])) for r in rows]

    def count_search(self, query: str) -> int:
        rows = self._fts(query, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (query,))
        return int(rows[0][0])

    # --- reading one page at a time -------------------------------------------------
    def count_documents(self, *, processed_only: bool = True) -> int:
        where = "WHERE status = 'processed'" if processed_only else ""
        return int(self.db.execute(f"SELECT count(*) FROM documents {where}").fetchone()[0])

    def list_documents(self, *, limit: int, offset: int = 0, processed_only: bool = True) -> Page[DocumentSummary]:
        where = "WHERE status = 'processed'" if processed_only else ""
        rows = self.db.execute(
            "SELECT id, title, path, outlet, url, published, language, media_type, sha256, length(text) AS length "
            f"FROM documents {where} ORDER BY rowid LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        items = [
            DocumentSummary(
                r["id"],
                r["title"],
                r["path"],
                r["outlet"],
                r["url"],
                r["published"],
                r["language"],
                r["media_type"],
                r["sha256"],
                int(r["length"]),
            )
            for r in rows
        ]
        return Page(items, self.count_documents(processed_only=processed_only), offset, limit)

    def counts(self) -> dict[str, int]:
        q = self.db.execute
        out = {"documents": self.count_documents()}
        for table in ("stories", "claims", "claim_groups", "contradictions"):
            out[table] = int(q(f"SELECT count(*) FROM {table}").fetchone()[0])
        return out

    def _story_members(self, story_ids: list[str]) -> dict[str, list[sqlite3.Row]]:
        out: dict[str, list[sqlite3.Row]] = {s: [] for s in story_ids}
        for chunk in _chunks(story_ids):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                "SELECT sd.story, sd.document, d.outlet, d.published FROM story_documents sd "
                f"LEFT JOIN documents d ON d.id = sd.document WHERE sd.story IN ({marks}) "
                "ORDER BY sd.story, sd.document",
                chunk,
            ):
                out[r["story"]].append(r)
        return out

    def list_stories(self, *, limit: int, offset: int = 0) -> Page[StorySummary]:
        rows = self.db.execute(
            "SELECT id, title, score FROM stories ORDER BY rowid LIMIT ? OFFSET ?", (limit, offset)
        ).fetchall()
        members = self._story_members([r["id"] for r in rows])
        items = []
        for r in rows:
            docs = members[r["id"]]
            dates = sorted(m["published"][:10] for m in docs if m["published"])
            items.append(
                StorySummary(
                    id=r["id"],
                    title=r["title"] or "",
                    score=r["score"] or 0.0,
                    documents=[m["document"] for m in docs],
                    outlets=sorted({m["outlet"] for m in docs if m["outlet"]}),
                    first_published=dates[0] if dates else None,
                    last_published=dates[-1] if dates else None,
                )
            )
        total = int(self.db.execute("SELECT count(*) FROM stories").fetchone()[0])
        return Page(items, total, offset, limit)

    def _groups_by_id(self, group_ids: list[str]) -> dict[str, ClaimGroup]:
        out: dict[str, ClaimGroup] = {}
        for chunk in _chunks(group_ids):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT * FROM claim_groups WHERE id IN ({marks}) ORDER BY rowid", chunk):
                out[r["id"]] = ClaimGroup(
                    id=r["id"],
                    claims=[],
                    story=r["story"],
                    independent_sources=r["independent_sources"],
                    sources=json.loads(r["sources"]),
                    status=r["status"],
                    score=r["score"] or 0.0,
                )
            for r in self.db.execute(
                f"SELECT claim_group, claim FROM claim_group_members WHERE claim_group IN ({marks}) "
                "ORDER BY claim_group, claim",
                chunk,
            ):
                out[r[0]].claims.append(r[1])
        return out

    def load_story(self, story_id: str) -> tuple[Story, Corpus] | None:
        q = self.db.execute
        row = q("SELECT id, title, score FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        documents = [
            r[0] for r in q("SELECT document FROM story_documents WHERE story = ? ORDER BY document", (story_id,))
        ]
        story = Story(id=row["id"], documents=documents, title=row["title"] or "", score=row["score"] or 0.0)
        group_ids = [r[0] for r in q("SELECT id FROM claim_groups WHERE story = ? ORDER BY rowid", (story_id,))]
        groups = self._groups_by_id(group_ids)
        contradictions = [
            Contradiction(
                claims=json.loads(r["claims"]), kind=r["kind"], explanation=r["explanation"], story=r["story"]
            )
            for r in q("SELECT * FROM contradictions WHERE story = ? ORDER BY rowid", (story_id,))
        ]
        copies: list[tuple[str, str, float]] = []
        for chunk in _chunks(documents):
            marks = ",".join("?" * len(chunk))
            copies.extend(
                (r[0], r[1], r[2])
                for r in q(
                    f"SELECT document, original, similarity FROM copies WHERE document IN ({marks}) ORDER BY document",
                    chunk,
                )
            )
        copies.sort(key=lambda c: c[0])
        corpus = Corpus(
            stories=[story],
            claim_groups=[groups[g] for g in group_ids if g in groups],
            contradictions=contradictions,
            copies=copies,
        )
        return story, corpus

    def document_stories(self, document_id: str) -> list[Story]:
        rows = self.db.execute(
            "SELECT s.id, s.title, s.score FROM story_documents sd JOIN stories s ON s.id = sd.story "
            "WHERE sd.document = ? ORDER BY s.rowid",
            (document_id,),
        ).fetchall()
        members = self._story_members([r["id"] for r in rows])
        return [
            Story(
                id=r["id"],
                documents=[m["document"] for m in members[r["id"]]],
                title=r["title"] or "",
                score=r["score"] or 0.0,
            )
            for r in rows
        ]

    def claim_groups_of(self, claim_ids: list[str]) -> dict[str, ClaimGroup]:
        pairs: list[tuple[str, str]] = []
        for chunk in _chunks(claim_ids):
            marks = ",".join("?" * len(chunk))
            pairs.extend(
                (r[0], r[1])
                for r in self.db.execute(
                    f"SELECT claim, claim_group FROM claim_group_members WHERE claim IN ({marks})", chunk
                )
            )
        groups = self._groups_by_id(sorted({g for _, g in pairs}))
        return {c: groups[g] for c, g in pairs if g in groups}

    def copy_links(self, document_id: str) -> tuple[str | None, list[str]]:
        row = self.db.execute(
            "SELECT original FROM copies WHERE document = ? ORDER BY rowid LIMIT 1", (document_id,)
        ).fetchone()
        copied_by = [
            r[0]
            for r in self.db.execute("SELECT document FROM copies WHERE original = ? ORDER BY document", (document_id,))
        ]
        return (row[0] if row else None), copied_by

    def original_of(self, document_id: str) -> tuple[Original, str]:
        row = self.db.execute(
            "SELECT o.sha256, o.content, o.first_path, o.media_type, d.member FROM documents d "
            "JOIN originals o ON o.sha256 = d.original WHERE d.id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id!r} in {self.url}")
        original = Original(row["sha256"], bytes(row["content"]), row["first_path"], row["media_type"] or "")
        return original, row["member"] or ""

    def entity(self, entity_id: str) -> Entity | None:
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return _entity_from_row(row) if row is not None else None

    def list_entities(
        self, *, limit: int, offset: int = 0, type: str | None = None, query: str | None = None
    ) -> Page[Entity]:
        clauses: list[str] = []
        params: list[Any] = []
        if type:
            clauses.append("type = ?")
            params.append(type)
        if query:
            needle = query.casefold()
            if len(needle) >= 3:  # the trigram index finds the candidates; the exact test below keeps the right ones
                clauses.append("rowid IN (SELECT rowid FROM entity_names WHERE entity_names MATCH ?)")
                params.append('"' + needle.replace('"', '""') + '"')
            clauses.append(
                "(instr(nt_fold(name), ?) > 0 OR EXISTS "
                "(SELECT 1 FROM json_each(entities.aliases) a WHERE instr(nt_fold(a.value), ?) > 0))"
            )
            params += [needle, needle]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.db.execute(
            f"SELECT * FROM entities {where} ORDER BY type, name COLLATE NOCASE, id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        total = int(self.db.execute(f"SELECT count(*) FROM entities {where}", params).fetchone()[0])
        return Page([_entity_from_row(r) for r in rows], total, offset, limit)

    def entity_documents(self, entity_id: str, *, limit: int, offset: int = 0) -> Page[str]:
        rows = self.db.execute(
            "SELECT DISTINCT document FROM mentions WHERE entity = ? ORDER BY document LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        ).fetchall()
        total = int(
            self.db.execute("SELECT count(DISTINCT document) FROM mentions WHERE entity = ?", (entity_id,)).fetchone()[
                0
            ]
        )
        return Page([r[0] for r in rows], total, offset, limit)

    def entity_mentions(self, entity_id: str, *, limit: int, offset: int = 0, context: int = 80) -> Page[EntityMention]:
        # substr counts characters, as Python does: the offsets index documents.text either way.
        rows = self.db.execute(
            'SELECT m.document, m.start, m."end", m.text, d.title, d.path, d.outlet, '
            "substr(d.text, max(m.start - ?, 0) + 1, m.start - max(m.start - ?, 0)) AS before, "
            'substr(d.text, m."end" + 1, ?) AS after '
            "FROM mentions m JOIN documents d ON d.id = m.document WHERE m.entity = ? "
            "ORDER BY m.document, m.idx LIMIT ? OFFSET ?",
            (context, context, context, entity_id, limit, offset),
        ).fetchall()
        items = [
            EntityMention(
                r["document"],
                r["title"],
                r["path"],
                r["outlet"],
                r["start"],
                r["end"],
                r["text"],
                r["before"],
                r["after"],
            )
            for r in rows
        ]
        total = int(self.db.execute("SELECT count(*) FROM mentions WHERE entity = ?", (entity_id,)).fetchone()[0])
        return Page(items, total, offset, limit)

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
            "associated_places": count("SELECT count(*) FROM associated_places"),
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


def _fold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """Pieces small enough for one ``IN (?, ...)`` (SQLite allows a limited number of parameters)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _link_to_json(link: AttributionLink) -> dict[str, Any]:
    return {"kind": link.kind, "source": link.source, "entity": link.entity, "start": link.start, "end": link.end}


def _link_from_json(data: dict[str, Any]) -> AttributionLink:
    return AttributionLink(data["kind"], data["source"], data.get("entity"), data.get("start"), data.get("end"))


def _place_from_row(r: sqlite3.Row) -> Place:
    """The Place of a row with lat, lon, gazetteer_id, country_code, precision and score (entities, associated_places)."""
    return Place(
        lat=r["lat"],
        lon=r["lon"],
        gazetteer_id=r["gazetteer_id"] or "",
        country_code=r["country_code"],
        precision=r["precision"] or "point",
        score=r["score"] if r["score"] is not None else 1.0,
    )


def _entity_from_row(r: sqlite3.Row) -> Entity:
    place = _place_from_row(r) if r["lat"] is not None and r["lon"] is not None else None
    reasons = json.loads(r["reasons"]) if "reasons" in r.keys() else []
    return Entity(
        id=r["id"], type=r["type"], name=r["name"], aliases=json.loads(r["aliases"]), place=place, reasons=reasons
    )
