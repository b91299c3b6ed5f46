-- Getting paid and knowing where she stands: the dashboard's figures, reminders,
-- the URSSAF declarations and the global search.

-- The currency a document was issued in, as a column: the figures add money up by
-- currency over years of history, which reading each frozen snapshot's JSON would
-- make slow. Set when a document is issued (from its snapshot) and frozen with it.
ALTER TABLE documents ADD COLUMN currency TEXT;

DROP TRIGGER documents_issued_are_frozen;
UPDATE documents SET currency = json_extract(snapshot, '$.currency') WHERE snapshot IS NOT NULL;
CREATE TRIGGER documents_issued_are_frozen BEFORE UPDATE ON documents
WHEN OLD.status <> 'draft' AND NOT (
        OLD.kind = 'quote' AND OLD.status = 'sent' AND NEW.status IN ('accepted', 'declined')
    AND NEW.kind IS OLD.kind AND NEW.number IS OLD.number AND NEW.seq IS OLD.seq
    AND NEW.year IS OLD.year AND NEW.snapshot IS OLD.snapshot AND NEW.client_id IS OLD.client_id
    AND NEW.total_excl IS OLD.total_excl AND NEW.total_vat IS OLD.total_vat
    AND NEW.total_incl IS OLD.total_incl AND NEW.issue_date IS OLD.issue_date
    AND NEW.due_date IS OLD.due_date AND NEW.valid_until IS OLD.valid_until
    AND NEW.vat_case IS OLD.vat_case AND NEW.logo_id IS OLD.logo_id
    AND NEW.exchange_rate IS OLD.exchange_rate AND NEW.currency IS OLD.currency)
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;

CREATE TRIGGER documents_issued_have_a_currency BEFORE UPDATE OF status ON documents
WHEN OLD.status = 'draft' AND NEW.status <> 'draft' AND NEW.currency IS NULL
BEGIN SELECT RAISE(ABORT, 'an issued document names its currency'); END;

-- The figures read issued documents by date, and payments by date: covering
-- indexes, so a year of history is read from the index, never the wide rows.
CREATE INDEX documents_issued_by_date ON documents
    (issue_date, kind, status, currency, total_excl, total_incl, client_id)
    WHERE status <> 'draft';
CREATE INDEX documents_issued_money ON documents
    (id, currency, total_excl, total_incl, client_id, kind, status)
    WHERE status <> 'draft';
CREATE INDEX payments_by_date ON payments (date, document_id, amount);
-- The lists' date (documents/list.rs): their newest page is read in index order.
CREATE INDEX documents_by_date ON documents
    (COALESCE(issue_date, substr(created_at, 1, 10)), id, kind);

-- What is still owed on each issued invoice (incl. VAT, the invoice's currency),
-- kept by triggers as payments and credit notes arrive, so the dashboard and the
-- overdue list read the few open invoices, never ten years of paid ones. Derived:
-- the documents and payments stay the record (a property test checks both agree).
CREATE TABLE receivables (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    number      TEXT NOT NULL,
    client_id   INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    due_date    TEXT,
    total       INTEGER NOT NULL,
    settled     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX receivables_open ON receivables
    (due_date, document_id, number, client_id, currency, total, settled) WHERE settled < total;

INSERT INTO receivables (document_id, number, client_id, currency, due_date, total, settled)
SELECT d.id, d.number, d.client_id, d.currency, d.due_date, d.total_incl,
       (SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.document_id = d.id)
     + (SELECT COALESCE(SUM(n.total_incl), 0) FROM documents n
         WHERE n.corrects_id = d.id AND n.kind = 'credit_note' AND n.status = 'issued')
  FROM documents d WHERE d.kind IN ('invoice', 'deposit') AND d.status = 'issued';

CREATE TRIGGER receivables_on_issue AFTER UPDATE OF status ON documents
WHEN OLD.status = 'draft' AND NEW.status = 'issued' AND NEW.kind IN ('invoice', 'deposit')
BEGIN
    INSERT INTO receivables (document_id, number, client_id, currency, due_date, total)
    VALUES (NEW.id, NEW.number, NEW.client_id, NEW.currency, NEW.due_date, NEW.total_incl);
END;

CREATE TRIGGER receivables_on_credit_note AFTER UPDATE OF status ON documents
WHEN OLD.status = 'draft' AND NEW.status = 'issued' AND NEW.kind = 'credit_note'
BEGIN
    UPDATE receivables SET settled = settled + NEW.total_incl WHERE document_id = NEW.corrects_id;
END;

CREATE TRIGGER receivables_on_payment AFTER INSERT ON payments
BEGIN
    UPDATE receivables SET settled = settled + NEW.amount WHERE document_id = NEW.document_id;
END;

CREATE TRIGGER receivables_on_payment_removed AFTER DELETE ON payments
BEGIN
    UPDATE receivables SET settled = settled - OLD.amount WHERE document_id = OLD.document_id;
END;

-- A reminder sent about an overdue invoice: what it asked for, as it was that day.
-- A record, like the invoice: never changed nor deleted.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
    kind        TEXT NOT NULL CHECK (kind IN ('first', 'second', 'formal_notice')),
    date        TEXT NOT NULL CHECK (date(date) = date),
    days_late   INTEGER NOT NULL CHECK (days_late >= 1),
    amount_due  INTEGER NOT NULL CHECK (amount_due > 0),
    penalty_bps INTEGER NOT NULL CHECK (penalty_bps BETWEEN 0 AND 10000),
    penalties   INTEGER NOT NULL CHECK (penalties >= 0),
    -- The 40 € recovery indemnity (C. com. L441-10, D441-5): professional clients only.
    indemnity   INTEGER NOT NULL CHECK (indemnity IN (0, 4000)),
    -- A formal notice's deadline to pay.
    deadline    TEXT CHECK (deadline IS NULL OR date(deadline) = deadline),
    created_at  TEXT NOT NULL,
    CHECK ((kind = 'formal_notice') = (deadline IS NOT NULL))
) STRICT;
CREATE INDEX reminders_by_document ON reminders (document_id, date);

CREATE TRIGGER reminders_are_kept BEFORE DELETE ON reminders
BEGIN SELECT RAISE(ABORT, 'reminders are kept'); END;
CREATE TRIGGER reminders_are_frozen BEFORE UPDATE ON reminders
BEGIN SELECT RAISE(ABORT, 'reminders cannot be changed'); END;

-- A period declared to the URSSAF: "YYYY-MM" (monthly) or "YYYY-Qn" (quarterly),
-- with what was declared that day.
CREATE TABLE urssaf_declarations (
    period        TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                                       OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
    revenue       INTEGER NOT NULL CHECK (revenue >= 0),
    contributions INTEGER NOT NULL CHECK (contributions >= 0),
    declared_on   TEXT NOT NULL CHECK (date(declared_on) = declared_on),
    created_at    TEXT NOT NULL
) STRICT;

-- Documents found by number or title in a few milliseconds over 100 000 of them:
-- a trigram index (substrings, any characters), kept by triggers.
CREATE VIRTUAL TABLE documents_search USING fts5 (
    number, title, content = 'documents', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO documents_search (rowid, number, title) SELECT id, number, title FROM documents;

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents
BEGIN
    INSERT INTO documents_search (rowid, number, title) VALUES (NEW.id, NEW.number, NEW.title);
END;
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents
BEGIN
    INSERT INTO documents_search (documents_search, rowid, number, title)
    VALUES ('delete', OLD.id, OLD.number, OLD.title);
END;
CREATE TRIGGER documents_search_update AFTER UPDATE OF number, title ON documents
BEGIN
    INSERT INTO documents_search (documents_search, rowid, number, title)
    VALUES ('delete', OLD.id, OLD.number, OLD.title);
    INSERT INTO documents_search (rowid, number, title) VALUES (NEW.id, NEW.number, NEW.title);
END;
