-- newstrace store, version 2: indexes for the web app's paged queries (issue 7).
-- Every page reads one page of rows through an index instead of loading the corpus.

-- The stories and the copies of one document; the claim groups and contradictions of one story.
CREATE INDEX IF NOT EXISTS story_documents_document ON story_documents(document);
CREATE INDEX IF NOT EXISTS claim_group_members_claim ON claim_group_members(claim);
CREATE INDEX IF NOT EXISTS claim_groups_story ON claim_groups(story);
CREATE INDEX IF NOT EXISTS contradictions_story ON contradictions(story);
CREATE INDEX IF NOT EXISTS copies_original ON copies(original);

-- The entity list, ordered by type and name, filtered by type.
CREATE INDEX IF NOT EXISTS entities_type_name ON entities(type, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name COLLATE NOCASE);

-- The documents and mentions of one entity (the existing mentions_entity index has no document column).
CREATE INDEX IF NOT EXISTS mentions_entity_document ON mentions(entity, document);

-- Entity names for the name filter: every entity's name and aliases, case-folded (Python's str.casefold)
-- and joined by newlines, indexed by trigrams so "contains" queries of 3+ characters use the index.
-- The store writes these rows (SQL has no full case folding); rowid = entities.rowid.
CREATE VIRTUAL TABLE IF NOT EXISTS entity_names USING fts5(names, tokenize = 'trigram case_sensitive 1');
