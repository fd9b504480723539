-- newstrace store, version 6: the pieces of one quotation (issue 5).
-- A quotation its attribution splits ('"A," she said. "B."') is stored as one quote per piece, each with its
-- own verbatim span; a later piece names the earlier one it continues (its idx in the same document).
ALTER TABLE quotes ADD COLUMN continues INTEGER;
