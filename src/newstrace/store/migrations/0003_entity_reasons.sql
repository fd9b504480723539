-- newstrace store, version 3: why names joined an entity (issue 4).
-- A JSON list of short explanations ("'EU': acronym table", "'ECFR': defined in the text ..."),
-- so every merge of names into one entity can be read back and, if wrong, undone by hand.
ALTER TABLE entities ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
