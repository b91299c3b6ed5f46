-- Quotes, invoices, deposit invoices and credit notes: one table, one engine.
--
-- The rules that must hold even if the app had a bug are written here, as
-- constraints and triggers: an issued document (anything not a draft) is frozen,
-- its lines too, it can never be deleted, and numbers are continuous per series
-- and year (the next number is always the previous one plus one).

-- Logos are insert-only: an issued document's snapshot refers to the logo it was
-- printed with, so a new logo never changes an old PDF.
CREATE TABLE logos (
    id         INTEGER PRIMARY KEY,
    mime       TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
    bytes      BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1048576),
    created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER logos_are_immutable BEFORE UPDATE ON logos
BEGIN SELECT RAISE(ABORT, 'logos are immutable'); END;

CREATE TRIGGER logos_in_use_are_kept BEFORE DELETE ON logos
WHEN EXISTS (SELECT 1 FROM documents WHERE logo_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'this logo is printed on issued documents'); END;

ALTER TABLE business_profile ADD COLUMN logo_id INTEGER REFERENCES logos (id);

CREATE TABLE documents (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('quote', 'invoice', 'deposit', 'credit_note')),
    -- The numbering series: invoices and deposit invoices share one.
    series             TEXT NOT NULL GENERATED ALWAYS AS (
                         CASE kind WHEN 'quote' THEN 'quote' WHEN 'credit_note' THEN 'credit_note'
                         ELSE 'invoice' END) VIRTUAL,
    status             TEXT NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'issued')),
    client_id          INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    collaboration_id   INTEGER REFERENCES collaborations (id) ON DELETE RESTRICT,
    quote_id           INTEGER REFERENCES documents (id) ON DELETE RESTRICT,
    corrects_id        INTEGER REFERENCES documents (id) ON DELETE RESTRICT,
    title              TEXT,
    service_from       TEXT,
    service_to         TEXT,
    start_date         TEXT,
    duration           TEXT,
    validity_days      INTEGER CHECK (validity_days BETWEEN 1 AND 365),
    payment_terms_days INTEGER CHECK (payment_terms_days BETWEEN 0 AND 60),
    notes              TEXT,
    -- Set when the document leaves the draft state, never before.
    year               INTEGER,
    seq                INTEGER CHECK (seq >= 1),
    number             TEXT,
    issue_date         TEXT,
    due_date           TEXT,
    valid_until        TEXT,
    vat_case           TEXT CHECK (vat_case IN ('franchise', 'domestic', 'reverse_charge', 'export')),
    total_excl         INTEGER,
    total_vat          INTEGER,
    total_incl         INTEGER,
    logo_id            INTEGER REFERENCES logos (id),
    snapshot           TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (kind = 'quote' OR status IN ('draft', 'issued')),
    CHECK (kind <> 'quote' OR status <> 'issued'),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK (status = 'draft' OR (year IS NOT NULL AND seq IS NOT NULL AND issue_date IS NOT NULL
                                AND snapshot IS NOT NULL AND total_incl IS NOT NULL
                                AND vat_case IS NOT NULL)),
    CHECK (kind <> 'credit_note' OR corrects_id IS NOT NULL),
    CHECK (kind <> 'deposit' OR quote_id IS NOT NULL)
) STRICT;

CREATE UNIQUE INDEX documents_numbers ON documents (series, year, seq) WHERE seq IS NOT NULL;
CREATE UNIQUE INDEX documents_number_text ON documents (number) WHERE number IS NOT NULL;
CREATE INDEX documents_by_kind ON documents (kind, created_at, id);
CREATE INDEX documents_by_client ON documents (client_id);
CREATE INDEX documents_by_quote ON documents (quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX documents_by_corrected ON documents (corrects_id) WHERE corrects_id IS NOT NULL;

-- Issuing: the number must be exactly the next one of its series and year.
CREATE TRIGGER documents_number_is_next BEFORE UPDATE OF status ON documents
WHEN OLD.status = 'draft' AND NEW.status <> 'draft'
 AND NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents
                  WHERE series = (CASE NEW.kind WHEN 'quote' THEN 'quote'
                                  WHEN 'credit_note' THEN 'credit_note' ELSE 'invoice' END)
                    AND year = NEW.year AND seq IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'document numbers must be continuous'); END;

-- A document is born a draft.
CREATE TRIGGER documents_start_as_drafts BEFORE INSERT ON documents
WHEN NEW.status <> 'draft' OR NEW.number IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'documents are created as drafts'); END;

-- Frozen once issued: the only change left is a sent quote being accepted or declined.
CREATE TRIGGER documents_issued_are_frozen BEFORE UPDATE ON documents
WHEN OLD.status <> 'draft' AND NOT (
        OLD.kind = 'quote' AND OLD.status = 'sent' AND NEW.status IN ('accepted', 'declined')
    AND NEW.kind IS OLD.kind AND NEW.number IS OLD.number AND NEW.seq IS OLD.seq
    AND NEW.year IS OLD.year AND NEW.snapshot IS OLD.snapshot AND NEW.client_id IS OLD.client_id
    AND NEW.total_excl IS OLD.total_excl AND NEW.total_vat IS OLD.total_vat
    AND NEW.total_incl IS OLD.total_incl AND NEW.issue_date IS OLD.issue_date
    AND NEW.due_date IS OLD.due_date AND NEW.valid_until IS OLD.valid_until
    AND NEW.vat_case IS OLD.vat_case AND NEW.logo_id IS OLD.logo_id)
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;

CREATE TRIGGER documents_issued_are_kept BEFORE DELETE ON documents
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be deleted'); END;

CREATE TABLE document_lines (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    description  TEXT NOT NULL CHECK (length(trim(description)) > 0),
    -- Thousandths: 1,5 h is 1500.
    quantity     INTEGER NOT NULL,
    unit         TEXT,
    unit_price   INTEGER NOT NULL,
    vat_rate     INTEGER NOT NULL CHECK (vat_rate IN (0, 210, 550, 1000, 2000)),
    total_excl   INTEGER NOT NULL,
    -- Deposit and deduction lines carry their VAT, so deposit + balance = quote.
    fixed_vat    INTEGER,
    deducts_id   INTEGER REFERENCES documents (id),
    UNIQUE (document_id, position)
) STRICT;

CREATE TRIGGER lines_of_issued_insert BEFORE INSERT ON document_lines
WHEN (SELECT status FROM documents WHERE id = NEW.document_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;

CREATE TRIGGER lines_of_issued_update BEFORE UPDATE ON document_lines
WHEN (SELECT status FROM documents WHERE id = OLD.document_id) <> 'draft'
  OR (SELECT status FROM documents WHERE id = NEW.document_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;

CREATE TRIGGER lines_of_issued_delete BEFORE DELETE ON document_lines
WHEN (SELECT status FROM documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
    date        TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    method      TEXT NOT NULL CHECK (method IN ('transfer', 'card', 'cash', 'check', 'other')),
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX payments_by_document ON payments (document_id);

CREATE TRIGGER payments_on_issued_invoices BEFORE INSERT ON payments
WHEN (SELECT kind IN ('invoice', 'deposit') AND status = 'issued'
      FROM documents WHERE id = NEW.document_id) IS NOT 1
BEGIN SELECT RAISE(ABORT, 'payments are recorded on issued invoices only'); END;

-- A payment is a fact: it can be removed (a mistake), never rewritten.
CREATE TRIGGER payments_are_not_edited BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments cannot be changed'); END;

INSERT INTO settings (key, value) VALUES
    ('prefix.quote', 'D'), ('prefix.invoice', 'F'), ('prefix.credit_note', 'A')
ON CONFLICT (key) DO NOTHING;
