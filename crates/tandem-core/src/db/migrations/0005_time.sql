-- Tandem schema, version 5: time and month-end billing.
--
-- * `time_entries`: the hours she works, one row per entry, in whole minutes. An
--   entry billed on an issued invoice is frozen by the triggers below, whatever
--   the code does: the invoice says what it billed.
-- * `time_months`: the minutes of each collaboration and month, kept by triggers
--   in the same transaction as the entries, so a bank's use, its carry-over and
--   the month-end preview read a few rows instead of every entry of ten years.
-- * `timer`: the one running timer, its start instant stored (not a counter), so
--   it survives closing the app, a crash and a reboot. `id = 1`: there is one.
-- * `billings`: which month of which collaboration a draft or an invoice bills.
--   Its primary key is what refuses billing a month twice, even when two billings
--   race; deleting the draft deletes its row and frees the month.
-- * `milestones`: the payment steps of a project flat fee (« jalons »).

CREATE TABLE time_entries (
    id               INTEGER PRIMARY KEY,
    collaboration_id INTEGER NOT NULL REFERENCES collaborations (id) ON DELETE RESTRICT,
    day              TEXT NOT NULL CHECK (date(day) IS day),
    minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    task             TEXT CHECK (task IN (
        'meetings', 'email_triage', 'filing', 'planning', 'customer_care', 'letters',
        'bookkeeping', 'social_strategy', 'community_management', 'web_writing', 'visuals',
        'project_management', 'team_management', 'operations', 'automation', 'key_figures')),
    note             TEXT,
    billable         INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),
    -- The draft or invoice that bills it. A draft's deletion frees it.
    document_id      INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    -- When the entry came from the timer: the instant it started (UTC, RFC 3339).
    started_at       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX time_entries_by_day ON time_entries (day, collaboration_id);
CREATE INDEX time_entries_by_collaboration ON time_entries (collaboration_id, day);
CREATE INDEX time_entries_by_document ON time_entries (document_id) WHERE document_id IS NOT NULL;

-- A billed entry (its invoice issued) can neither change nor go, and no entry
-- can be attached to an issued document afterwards.
CREATE TRIGGER time_entries_billed_are_frozen BEFORE UPDATE ON time_entries
WHEN (OLD.document_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM documents WHERE id = OLD.document_id AND status <> 'draft'))
  OR (NEW.document_id IS NOT NULL AND NEW.document_id IS NOT OLD.document_id
      AND EXISTS (SELECT 1 FROM documents WHERE id = NEW.document_id AND status <> 'draft'))
BEGIN SELECT RAISE(ABORT, 'billed time entries cannot be changed'); END;

CREATE TRIGGER time_entries_billed_are_kept BEFORE DELETE ON time_entries
WHEN OLD.document_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM documents WHERE id = OLD.document_id AND status <> 'draft')
BEGIN SELECT RAISE(ABORT, 'billed time entries cannot be deleted'); END;

CREATE TRIGGER time_entries_attached_to_drafts BEFORE INSERT ON time_entries
WHEN NEW.document_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM documents WHERE id = NEW.document_id AND status <> 'draft')
BEGIN SELECT RAISE(ABORT, 'billed time entries cannot be added'); END;

CREATE TABLE time_months (
    collaboration_id INTEGER NOT NULL REFERENCES collaborations (id) ON DELETE CASCADE,
    month            TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    minutes          INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    billable_minutes INTEGER NOT NULL DEFAULT 0 CHECK (billable_minutes >= 0),
    PRIMARY KEY (collaboration_id, month)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER time_months_on_insert AFTER INSERT ON time_entries
BEGIN
    INSERT OR IGNORE INTO time_months (collaboration_id, month)
        VALUES (NEW.collaboration_id, substr(NEW.day, 1, 7));
    UPDATE time_months SET minutes = minutes + NEW.minutes,
                           billable_minutes = billable_minutes + NEW.minutes * NEW.billable
     WHERE collaboration_id = NEW.collaboration_id AND month = substr(NEW.day, 1, 7);
END;

CREATE TRIGGER time_months_on_delete AFTER DELETE ON time_entries
BEGIN
    UPDATE time_months SET minutes = minutes - OLD.minutes,
                           billable_minutes = billable_minutes - OLD.minutes * OLD.billable
     WHERE collaboration_id = OLD.collaboration_id AND month = substr(OLD.day, 1, 7);
END;

CREATE TRIGGER time_months_on_update AFTER UPDATE OF collaboration_id, day, minutes, billable
ON time_entries
BEGIN
    UPDATE time_months SET minutes = minutes - OLD.minutes,
                           billable_minutes = billable_minutes - OLD.minutes * OLD.billable
     WHERE collaboration_id = OLD.collaboration_id AND month = substr(OLD.day, 1, 7);
    INSERT OR IGNORE INTO time_months (collaboration_id, month)
        VALUES (NEW.collaboration_id, substr(NEW.day, 1, 7));
    UPDATE time_months SET minutes = minutes + NEW.minutes,
                           billable_minutes = billable_minutes + NEW.minutes * NEW.billable
     WHERE collaboration_id = NEW.collaboration_id AND month = substr(NEW.day, 1, 7);
END;

CREATE TABLE timer (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    collaboration_id INTEGER NOT NULL REFERENCES collaborations (id) ON DELETE CASCADE,
    task             TEXT,
    note             TEXT,
    started_at       TEXT NOT NULL
) STRICT;

CREATE TABLE billings (
    collaboration_id INTEGER NOT NULL REFERENCES collaborations (id) ON DELETE RESTRICT,
    month            TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    document_id      INTEGER NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
    -- Fixed part + commission: the client's revenue of the month she typed.
    revenue_cents    INTEGER CHECK (revenue_cents >= 0),
    PRIMARY KEY (collaboration_id, month)
) STRICT;

CREATE TABLE milestones (
    id               INTEGER PRIMARY KEY,
    collaboration_id INTEGER NOT NULL REFERENCES collaborations (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    label            TEXT NOT NULL CHECK (length(trim(label)) > 0),
    -- An amount excl. VAT, or a share of the project price; neither on the last
    -- milestone, which is the balance.
    amount_cents     INTEGER CHECK (amount_cents > 0),
    percent_bps      INTEGER CHECK (percent_bps BETWEEN 1 AND 10000),
    planned_date     TEXT CHECK (date(planned_date) IS planned_date),
    document_id      INTEGER UNIQUE REFERENCES documents (id) ON DELETE SET NULL,
    CHECK (amount_cents IS NULL OR percent_bps IS NULL),
    UNIQUE (collaboration_id, position)
) STRICT;
