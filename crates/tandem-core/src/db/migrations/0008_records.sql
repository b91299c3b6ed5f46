-- What was recorded stays recorded (DESIGN §3 "Nothing is lost").
--
-- 1. Payments are never deleted nor rewritten. A mistaken payment is cancelled by
--    a dated reversing entry — a negative payment that names the one it cancels
--    and says why — so the receipts book keeps both lines, as a book must.
--    The table is rebuilt because its CHECK (amount > 0) must change; nothing
--    references payments, and DROP TABLE fires no trigger.
CREATE TABLE payments_v8 (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
    date        TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount <> 0),
    method      TEXT NOT NULL CHECK (method IN ('transfer', 'card', 'cash', 'check', 'other')),
    note        TEXT,
    -- A reversing entry: the payment it cancels (at most once) and why.
    reverses_id INTEGER UNIQUE REFERENCES payments_v8 (id) ON DELETE RESTRICT,
    reason      TEXT CHECK (reason IS NULL OR length(trim(reason)) > 0),
    created_at  TEXT NOT NULL,
    CHECK ((reverses_id IS NULL) = (amount > 0)),
    CHECK ((reverses_id IS NULL) = (reason IS NULL))
) STRICT;

INSERT INTO payments_v8 (id, document_id, date, amount, method, note, created_at)
SELECT id, document_id, date, amount, method, note, created_at FROM payments;

DROP TABLE payments;
ALTER TABLE payments_v8 RENAME TO payments;

CREATE INDEX payments_by_document ON payments (document_id);
CREATE INDEX payments_by_date ON payments (date, document_id, amount);

CREATE TRIGGER payments_on_issued_invoices BEFORE INSERT ON payments
WHEN (SELECT kind IN ('invoice', 'deposit') AND status = 'issued'
      FROM documents WHERE id = NEW.document_id) IS NOT 1
BEGIN SELECT RAISE(ABORT, 'payments are recorded on issued invoices only'); END;

-- A reversal cancels exactly one payment of the same invoice, for its whole
-- amount, on or after the day it was received; a reversal is never reversed.
CREATE TRIGGER payments_reversal_matches BEFORE INSERT ON payments
WHEN NEW.reverses_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM payments p
     WHERE p.id = NEW.reverses_id AND p.reverses_id IS NULL
       AND p.document_id = NEW.document_id AND p.amount = -NEW.amount AND p.date <= NEW.date)
BEGIN SELECT RAISE(ABORT, 'a reversal cancels one payment of the same invoice, in full'); END;

CREATE TRIGGER payments_are_not_edited BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments cannot be changed'); END;

CREATE TRIGGER payments_are_kept BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are never deleted: record a reversing entry'); END;

-- A reversal's negative amount gives back what the payment had settled.
CREATE TRIGGER receivables_on_payment AFTER INSERT ON payments
BEGIN
    UPDATE receivables SET settled = settled + NEW.amount WHERE document_id = NEW.document_id;
END;

-- 2. Tamper evidence: every issued document and every payment is sealed, in the
--    order it was recorded, by a SHA-256 over its frozen content chained to the
--    previous seal (`integrity.rs` computes and checks them; the migration's Rust
--    step seals what was issued before this version). The triggers only keep the
--    chain append-only; a row changed behind the triggers' back no longer matches
--    its seal, and `integrity::verify` names it.
CREATE TABLE seals (
    position  INTEGER PRIMARY KEY CHECK (position >= 1),
    entity    TEXT NOT NULL CHECK (entity IN ('document', 'payment')),
    entity_id INTEGER NOT NULL,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash      TEXT NOT NULL CHECK (length(hash) = 64),
    sealed_at TEXT NOT NULL,
    UNIQUE (entity, entity_id)
) STRICT;

CREATE TRIGGER seals_in_order BEFORE INSERT ON seals
WHEN NEW.position IS NOT (SELECT COALESCE(MAX(position), 0) + 1 FROM seals)
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM seals WHERE position = NEW.position - 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'seals are appended in order, each chained to the previous one'); END;

CREATE TRIGGER seals_are_not_edited BEFORE UPDATE ON seals
BEGIN SELECT RAISE(ABORT, 'seals cannot be changed'); END;

CREATE TRIGGER seals_are_kept BEFORE DELETE ON seals
BEGIN SELECT RAISE(ABORT, 'seals cannot be deleted'); END;

-- 3. An issued number is its series' prefix, its year and its sequence: the text
--    cannot say one thing and the columns another.
CREATE TRIGGER documents_number_matches BEFORE UPDATE OF status ON documents
WHEN OLD.status = 'draft' AND NEW.status <> 'draft'
 AND (NEW.number IS NULL
      OR NEW.number NOT LIKE '%-' || NEW.year || '-' || printf('%04d', NEW.seq)
      OR length(NEW.number) < 11)
BEGIN SELECT RAISE(ABORT, 'an issued number is <prefix>-<year>-<seq>'); END;
