-- newstrace store, version 5: associative places (issue 4).
-- Places an article is about without saying anything happened there: a nationality adjective ("Russian
-- forces" -> Russia), a union ("the EU"), a place inside an organisation's name ("Toronto Police Services
-- Board" -> Toronto). Kept apart from mentions and entities, so no event, map point or claim place reads them.
CREATE TABLE IF NOT EXISTS associated_places (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,           -- the gazetteer's canonical name
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    gazetteer_id TEXT NOT NULL,
    country_code TEXT,
    precision TEXT NOT NULL,
    score REAL,
    reason TEXT,
    PRIMARY KEY (document, idx)
);
CREATE INDEX IF NOT EXISTS associated_places_gazetteer_id ON associated_places(gazetteer_id);
