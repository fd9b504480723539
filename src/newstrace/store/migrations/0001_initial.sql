-- newstrace store, version 1: originals, documents, per-document analysis, corpus-level results.
-- Offsets (start, end) always index documents.text.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

-- Every input file, byte for byte (chain of custody).
CREATE TABLE originals (
    sha256 TEXT PRIMARY KEY,
    content BLOB NOT NULL,
    size INTEGER NOT NULL,
    media_type TEXT,
    first_path TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

-- Inputs that could not become documents, with the reason.
CREATE TABLE ingest_errors (
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',
    member TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (path, sha256, member)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,           -- of this document's own raw bytes
    original TEXT NOT NULL REFERENCES originals(sha256),
    member TEXT NOT NULL DEFAULT '', -- line number inside a JSON Lines file, '' for whole files
    path TEXT NOT NULL,             -- as given at ingest (first seen)
    media_type TEXT NOT NULL,
    text TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,
    published_source TEXT,
    language TEXT,
    author TEXT,
    status TEXT NOT NULL DEFAULT 'ingested',  -- ingested | processed
    ingested_at TEXT NOT NULL,
    processed_at TEXT,
    pipeline TEXT
);
CREATE INDEX documents_status ON documents(status);

CREATE TABLE document_paths (
    document TEXT NOT NULL REFERENCES documents(id),
    path TEXT NOT NULL,
    PRIMARY KEY (document, path)
);

CREATE TABLE stage_errors (
    document TEXT NOT NULL REFERENCES documents(id),
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (document, stage)
);

CREATE TABLE segments (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    language TEXT,
    reason TEXT,
    PRIMARY KEY (document, idx)
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',  -- JSON list
    lat REAL,
    lon REAL,
    gazetteer_id TEXT,
    country_code TEXT,
    precision TEXT,
    score REAL
);

CREATE TABLE mentions (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity TEXT,
    PRIMARY KEY (document, idx)
);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE dates (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    end_value TEXT,
    precision TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (document, idx)
);

CREATE TABLE quantities (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    unit TEXT,
    qualifier TEXT,
    counted TEXT,
    role TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    PRIMARY KEY (document, idx)
);

CREATE TABLE quotes (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_entity TEXT,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cited_outlet TEXT,
    PRIMARY KEY (document, idx)
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    attribution TEXT NOT NULL DEFAULT '[]',  -- JSON list of links
    hedges TEXT NOT NULL DEFAULT '[]',
    quantities TEXT NOT NULL DEFAULT '[]',
    quotes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX claims_document ON claims(document);

-- Corpus-level results, recomputed by the fuse phase in one transaction.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    score REAL
);
CREATE TABLE story_documents (
    story TEXT NOT NULL REFERENCES stories(id),
    document TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (story, document)
);
CREATE TABLE claim_groups (
    id TEXT PRIMARY KEY,
    story TEXT,
    independent_sources INTEGER NOT NULL,
    sources TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    score REAL
);
CREATE TABLE claim_group_members (
    claim_group TEXT NOT NULL REFERENCES claim_groups(id),
    claim TEXT NOT NULL REFERENCES claims(id),
    PRIMARY KEY (claim_group, claim)
);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY,
    story TEXT,
    kind TEXT NOT NULL,
    explanation TEXT NOT NULL,
    claims TEXT NOT NULL  -- JSON list of claim ids
);
CREATE TABLE copies (
    document TEXT NOT NULL REFERENCES documents(id),
    original TEXT NOT NULL REFERENCES documents(id),
    similarity REAL NOT NULL,
    PRIMARY KEY (document, original)
);

-- Full-text search over documents (external content: the text is stored once).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
