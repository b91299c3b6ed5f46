-- Tandem schema, version 4: what every invoice needs to be right in law.
--
-- * A client can be a private person (« particulier »): no professional late
--   penalties, no 40 € indemnity, and the VAT rules for consumers (CGI art. 259-2°).
-- * A draft in a foreign currency keeps the exchange rate she typed, frozen at issue
--   with the snapshot: French VAT on such an invoice is also stated in euros
--   (CGI art. 289-IV, rate of art. 266-1 bis). Millionths of a euro per unit.
-- * The legal rates the late-penalty floor and its usual default come from
--   (C. com. art. L441-10 II): the legal interest rate for professionals, set
--   each half-year by arrêté, and the ECB's main refinancing rate. One row per
--   period, in force from `from_date` until the next row.

ALTER TABLE clients ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));

ALTER TABLE documents ADD COLUMN exchange_rate INTEGER CHECK (exchange_rate > 0);

-- The frozen trigger now names the new column too (a migration that shipped is
-- never edited, so the trigger is replaced here).
DROP TRIGGER documents_issued_are_frozen;
CREATE TRIGGER documents_issued_are_frozen BEFORE UPDATE ON documents
WHEN OLD.status <> 'draft' AND NOT (
        OLD.kind = 'quote' AND OLD.status = 'sent' AND NEW.status IN ('accepted', 'declined')
    AND NEW.kind IS OLD.kind AND NEW.number IS OLD.number AND NEW.seq IS OLD.seq
    AND NEW.year IS OLD.year AND NEW.snapshot IS OLD.snapshot AND NEW.client_id IS OLD.client_id
    AND NEW.total_excl IS OLD.total_excl AND NEW.total_vat IS OLD.total_vat
    AND NEW.total_incl IS OLD.total_incl AND NEW.issue_date IS OLD.issue_date
    AND NEW.due_date IS OLD.due_date AND NEW.valid_until IS OLD.valid_until
    AND NEW.vat_case IS OLD.vat_case AND NEW.logo_id IS OLD.logo_id
    AND NEW.exchange_rate IS OLD.exchange_rate)
BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;

CREATE TABLE legal_rates (
    from_date    TEXT PRIMARY KEY CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- « Taux de l'intérêt légal », creditors other than private persons, basis points.
    interest_bps INTEGER NOT NULL CHECK (interest_bps BETWEEN 0 AND 10000),
    -- ECB main refinancing operations rate in force on the first day of the period.
    ecb_bps      INTEGER NOT NULL CHECK (ecb_bps BETWEEN -1000 AND 10000)
) STRICT;

-- Arrêtés of 2024-2025 (JO), and the ECB rate (2,15 % since 11 June 2025).
INSERT INTO legal_rates (from_date, interest_bps, ecb_bps) VALUES
    ('2024-07-01', 492, 425),
    ('2025-01-01', 371, 315),
    ('2025-07-01', 276, 215),
    ('2026-01-01', 262, 215);
