-- newstrace store, version 4: what kind of attribution a quote is (issue 5).
-- "speech", "belief", "document" or "other" (NULL: nobody is said to have made it). Only speech makes
-- its speaker a "said" source of a claim; beliefs and documents stay attributions of another kind.
ALTER TABLE quotes ADD COLUMN cue_type TEXT;
