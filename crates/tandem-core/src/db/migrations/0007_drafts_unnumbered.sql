-- A draft has no place in its series yet: its year and sequence are set only when
-- it is issued. Without this, a draft given `seq = 3` by hand (any sqlite3 shell
-- can) would make the next issue skip a number: numbering must stay gapless.
-- Triggers, not a CHECK: a CHECK would need the documents table rebuilt.
CREATE TRIGGER documents_drafts_unnumbered_on_insert BEFORE INSERT ON documents
WHEN NEW.status = 'draft' AND (NEW.seq IS NOT NULL OR NEW.year IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a draft has no number: its year and seq are set when it is issued');
END;

-- (An issued document turned back into a draft is refused by documents_issued_are_frozen.)
CREATE TRIGGER documents_drafts_unnumbered_on_update BEFORE UPDATE OF status, seq, year ON documents
WHEN OLD.status = 'draft' AND NEW.status = 'draft' AND (NEW.seq IS NOT NULL OR NEW.year IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a draft has no number: its year and seq are set when it is issued');
END;
