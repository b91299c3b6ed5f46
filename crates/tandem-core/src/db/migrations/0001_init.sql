-- Tandem schema, version 1: settings, business profile, clients, collaborations.
-- Money is INTEGER cents, durations INTEGER minutes, percentages INTEGER basis
-- points. The CHECK constraints repeat the core's rules so that no bug and no
-- hand-made SQL can store an impossible row.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The user's own business: exactly one row (id = 1) once the welcome is done.
CREATE TABLE business_profile (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name          TEXT NOT NULL CHECK (length(trim(legal_name)) > 0),
    trade_name          TEXT,
    legal_status        TEXT NOT NULL CHECK (legal_status IN
                          ('micro_entrepreneur', 'ei', 'eurl', 'sasu', 'sarl', 'sas', 'other')),
    siret               TEXT NOT NULL CHECK (length(siret) = 14 AND siret NOT GLOB '*[^0-9]*'),
    registry            TEXT,
    share_capital_cents INTEGER CHECK (share_capital_cents >= 0),
    address_line1       TEXT NOT NULL,
    address_line2       TEXT,
    postal_code         TEXT NOT NULL,
    city                TEXT NOT NULL,
    country             TEXT NOT NULL CHECK (length(country) = 2),
    email               TEXT NOT NULL,
    phone               TEXT,
    vat_regime          TEXT NOT NULL CHECK (vat_regime IN ('franchise', 'registered')),
    vat_number          TEXT,
    iban                TEXT,
    bic                 TEXT,
    payment_terms_days  INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 60),
    late_penalty_bps    INTEGER NOT NULL CHECK (late_penalty_bps BETWEEN 0 AND 10000),
    updated_at          TEXT NOT NULL,
    CHECK (vat_regime = 'franchise' OR vat_number IS NOT NULL),
    CHECK (legal_status NOT IN ('eurl', 'sasu', 'sarl', 'sas')
           OR (registry IS NOT NULL AND share_capital_cents IS NOT NULL))
) STRICT;

CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contact_name  TEXT,
    email         TEXT,
    phone         TEXT,
    address_line1 TEXT,
    address_line2 TEXT,
    postal_code   TEXT,
    city          TEXT,
    country       TEXT NOT NULL CHECK (length(country) = 2),
    siren         TEXT CHECK (siren IS NULL OR (length(siren) = 9 AND siren NOT GLOB '*[^0-9]*')),
    vat_number    TEXT,
    doc_language  TEXT NOT NULL CHECK (doc_language IN ('fr', 'en')),
    currency      TEXT NOT NULL CHECK (currency IN ('EUR', 'CHF', 'CAD', 'USD', 'GBP')),
    notes         TEXT,
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- The client list pages through active (or archived) clients sorted by name.
CREATE INDEX clients_by_name ON clients (archived, name COLLATE NOCASE, id);

CREATE TABLE collaborations (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('va', 'right_hand')),
    status        TEXT NOT NULL CHECK (status IN ('prospect', 'active', 'paused', 'ended')),
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date      TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    notes         TEXT,
    pricing_model TEXT NOT NULL CHECK (pricing_model IN
                    ('hourly', 'monthly_flat', 'project_flat', 'fixed_plus_commission')),
    -- hourly
    hourly_rate_cents      INTEGER CHECK (hourly_rate_cents > 0),
    monthly_hours_minutes  INTEGER CHECK (monthly_hours_minutes > 0),
    overage_rate_cents     INTEGER CHECK (overage_rate_cents > 0),
    unused_hours           TEXT CHECK (unused_hours IN ('lost', 'carried_over')),
    -- monthly_flat
    monthly_amount_cents     INTEGER CHECK (monthly_amount_cents > 0),
    indicative_hours_minutes INTEGER CHECK (indicative_hours_minutes > 0),
    -- project_flat
    project_amount_cents INTEGER CHECK (project_amount_cents > 0),
    deposit_cents        INTEGER CHECK (deposit_cents > 0),
    -- fixed_plus_commission
    fixed_amount_cents   INTEGER CHECK (fixed_amount_cents >= 0),
    commission_bps       INTEGER CHECK (commission_bps BETWEEN 1 AND 10000),
    commission_cap_cents INTEGER CHECK (commission_cap_cents > 0),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    -- Exactly one pricing model: its own required fields are set, every other
    -- model's fields are NULL.
    CHECK (CASE pricing_model
        WHEN 'hourly' THEN hourly_rate_cents IS NOT NULL AND unused_hours IS NOT NULL
            AND coalesce(monthly_amount_cents, indicative_hours_minutes, project_amount_cents,
                         deposit_cents, fixed_amount_cents, commission_bps, commission_cap_cents) IS NULL
        WHEN 'monthly_flat' THEN monthly_amount_cents IS NOT NULL
            AND coalesce(hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours,
                         project_amount_cents, deposit_cents, fixed_amount_cents, commission_bps,
                         commission_cap_cents) IS NULL
        WHEN 'project_flat' THEN project_amount_cents IS NOT NULL
            AND (deposit_cents IS NULL OR deposit_cents <= project_amount_cents)
            AND coalesce(hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours,
                         monthly_amount_cents, indicative_hours_minutes, fixed_amount_cents,
                         commission_bps, commission_cap_cents) IS NULL
        WHEN 'fixed_plus_commission' THEN fixed_amount_cents IS NOT NULL AND commission_bps IS NOT NULL
            AND coalesce(hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours,
                         monthly_amount_cents, indicative_hours_minutes, project_amount_cents,
                         deposit_cents) IS NULL
        END)
) STRICT;

CREATE INDEX collaborations_by_client ON collaborations (client_id, status);

-- Delegated task areas of a collaboration (codes of the research's catalogues).
CREATE TABLE collaboration_tasks (
    collaboration_id INTEGER NOT NULL REFERENCES collaborations (id) ON DELETE CASCADE,
    task             TEXT NOT NULL CHECK (task IN (
        'meetings', 'email_triage', 'filing', 'planning', 'customer_care', 'letters',
        'bookkeeping', 'social_strategy', 'community_management', 'web_writing', 'visuals',
        'project_management', 'team_management', 'operations', 'automation', 'key_figures')),
    PRIMARY KEY (collaboration_id, task)
) STRICT, WITHOUT ROWID;
