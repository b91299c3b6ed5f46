-- Team: job descriptions (fiches de poste), recruits and team members, onboarding
-- templates and the checklists started from them.
--
-- A checklist is a COPY of its template: its items carry their own titles, details
-- and due dates, so editing or deleting the template never changes a running
-- onboarding (template_id is only a reminder of where it came from).

CREATE TABLE onboarding_templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- Who is being onboarded: a recruit of the team, or a new client.
    kind        TEXT NOT NULL CHECK (kind IN ('recruit', 'client')),
    description TEXT,
    -- The code of a built-in template (read-only; duplicate it to adapt it), else NULL.
    builtin     TEXT UNIQUE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE onboarding_template_sections (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES onboarding_templates (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    UNIQUE (template_id, position)
) STRICT;

CREATE TABLE onboarding_template_items (
    id              INTEGER PRIMARY KEY,
    section_id      INTEGER NOT NULL REFERENCES onboarding_template_sections (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    details         TEXT,
    link            TEXT,
    -- Days after the start date (negative: to do before the first day).
    due_offset_days INTEGER CHECK (due_offset_days BETWEEN -90 AND 365),
    who             TEXT NOT NULL CHECK (who IN ('right_hand', 'recruit', 'client')),
    UNIQUE (section_id, position)
) STRICT;

CREATE TABLE job_descriptions (
    id                     INTEGER PRIMARY KEY,
    -- NULL: the user's own business.
    client_id              INTEGER REFERENCES clients (id) ON DELETE RESTRICT,
    title                  TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- The built-in template it was started from (informative), or NULL.
    template               TEXT,
    context                TEXT,
    missions               TEXT,
    tasks                  TEXT,
    skills                 TEXT,
    qualities              TEXT,
    tools                  TEXT,
    hours_per_week_minutes INTEGER CHECK (hours_per_week_minutes BETWEEN 1 AND 4800),
    pay_unit               TEXT CHECK (pay_unit IN ('hour', 'month', 'project')),
    pay_cents              INTEGER CHECK (pay_cents > 0),
    pricing_notes          TEXT,
    start_date             TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    status                 TEXT NOT NULL CHECK (status IN ('draft', 'open', 'filled')),
    onboarding_template_id INTEGER REFERENCES onboarding_templates (id) ON DELETE SET NULL,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK ((pay_cents IS NULL) = (pay_unit IS NULL))
) STRICT;

CREATE INDEX job_descriptions_by_client ON job_descriptions (client_id, status);

CREATE TABLE team_members (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER REFERENCES clients (id) ON DELETE RESTRICT,
    job_description_id INTEGER REFERENCES job_descriptions (id) ON DELETE SET NULL,
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email              TEXT,
    phone              TEXT,
    role               TEXT,
    pay_unit           TEXT CHECK (pay_unit IN ('hour', 'month', 'project')),
    pay_cents          INTEGER CHECK (pay_cents > 0),
    notes              TEXT,
    stage              TEXT NOT NULL CHECK (stage IN
                         ('candidate', 'interview', 'selected', 'onboarding', 'active', 'left', 'rejected')),
    stage_changed_at   TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((pay_cents IS NULL) = (pay_unit IS NULL))
) STRICT;

CREATE INDEX team_members_by_client ON team_members (client_id, stage);

CREATE TABLE onboarding_checklists (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    template_id   INTEGER REFERENCES onboarding_templates (id) ON DELETE SET NULL,
    -- The template's name when it was started: still shown once the template is gone.
    template_name TEXT NOT NULL,
    member_id     INTEGER REFERENCES team_members (id) ON DELETE CASCADE,
    client_id     INTEGER REFERENCES clients (id) ON DELETE RESTRICT,
    start_date    TEXT NOT NULL CHECK (date(start_date) = start_date),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE onboarding_items (
    id           INTEGER PRIMARY KEY,
    checklist_id INTEGER NOT NULL REFERENCES onboarding_checklists (id) ON DELETE CASCADE,
    -- Order within the checklist (gaps allowed; reordering swaps through negatives).
    position     INTEGER NOT NULL,
    section      TEXT NOT NULL,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    details      TEXT,
    link         TEXT,
    due_date     TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
    who          TEXT NOT NULL CHECK (who IN ('right_hand', 'recruit', 'client')),
    done_at      TEXT,
    UNIQUE (checklist_id, position)
) STRICT;

-- The overview looks for open items by due date.
CREATE INDEX onboarding_items_open ON onboarding_items (checklist_id, done_at, due_date);

-- Built-in templates (read-only in the app; "Dupliquer" makes an editable copy).
INSERT INTO onboarding_templates (id, name, kind, description, builtin, created_at, updated_at) VALUES
  (1, 'Nouvelle recrue VA', 'recruit',
   'Accueillir une assistante virtuelle dans l''équipe d''un client : accès, process, premières tâches et points d''étape.',
   'new_va', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  (2, 'Nouveau client', 'client',
   'Démarrer une collaboration : devis signé, accès aux outils, appel de lancement et premiers livrables.',
   'new_client', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

INSERT INTO onboarding_template_sections (id, template_id, position, title) VALUES
  (1, 1, 0, 'Avant l''arrivée'),
  (2, 1, 1, 'Accès et outils'),
  (3, 1, 2, 'Process à lire'),
  (4, 1, 3, 'Premières tâches'),
  (5, 1, 4, 'Points d''étape'),
  (6, 2, 0, 'Contractualisation'),
  (7, 2, 1, 'Accès aux outils'),
  (8, 2, 2, 'Lancement'),
  (9, 2, 3, 'Suivi');

INSERT INTO onboarding_template_items (section_id, position, title, details, link, due_offset_days, who) VALUES
  (1, 0, 'Envoyer le contrat de prestation et la fiche de poste', 'Missions, volume horaire, rémunération, confidentialité.', NULL, -5, 'right_hand'),
  (1, 1, 'Signer le contrat et envoyer ses coordonnées de facturation', NULL, NULL, -2, 'recruit'),
  (1, 2, 'Présenter la recrue à l''équipe', 'Message de bienvenue dans l''outil de communication de l''équipe.', NULL, 0, 'client'),
  (2, 0, 'Créer l''adresse e-mail et les comptes', 'Messagerie, agenda partagé, outil de gestion de projets.', NULL, 0, 'right_hand'),
  (2, 1, 'Partager les accès (gestionnaire de mots de passe)', 'Jamais de mot de passe par e-mail.', NULL, 0, 'right_hand'),
  (2, 2, 'Se connecter à chaque outil et confirmer les accès', NULL, NULL, 1, 'recruit'),
  (3, 0, 'Lire le guide de l''équipe et la charte de communication', NULL, NULL, 2, 'recruit'),
  (3, 1, 'Lire les process de ses missions (e-mails, agenda, service client)', NULL, NULL, 3, 'recruit'),
  (4, 0, 'Réaliser une première tâche accompagnée', 'Tri des e-mails ou prise de rendez-vous, avec relecture.', NULL, 3, 'recruit'),
  (4, 1, 'Faire un retour détaillé sur la première tâche', NULL, NULL, 4, 'right_hand'),
  (5, 0, 'Point de fin de première semaine', 'Questions, blocages, ajustements.', NULL, 7, 'right_hand'),
  (5, 1, 'Bilan de fin de premier mois', 'Qualité, délais, communication ; décider de la suite.', NULL, 30, 'right_hand'),
  (6, 0, 'Recevoir le devis signé', 'Bon pour accord daté et signé.', NULL, -7, 'client'),
  (6, 1, 'Envoyer la facture d''acompte', NULL, NULL, -5, 'right_hand'),
  (6, 2, 'Recevoir le questionnaire de démarrage', 'Activité, offres, outils, priorités, habitudes de communication.', NULL, -3, 'client'),
  (7, 0, 'Obtenir l''accès à la messagerie et à l''agenda', NULL, NULL, 0, 'client'),
  (7, 1, 'Obtenir l''accès aux outils (drive, gestion de projets, réseaux sociaux)', 'Par invitation ou gestionnaire de mots de passe.', NULL, 1, 'client'),
  (7, 2, 'Vérifier chaque accès', NULL, NULL, 2, 'right_hand'),
  (8, 0, 'Appel de lancement', 'Objectifs, priorités du premier mois, règles de communication.', NULL, 1, 'right_hand'),
  (8, 1, 'Envoyer le compte rendu et le plan du premier mois', NULL, NULL, 2, 'right_hand'),
  (9, 0, 'Premier point hebdomadaire', NULL, NULL, 7, 'right_hand'),
  (9, 1, 'Bilan du premier mois', 'Heures consommées, résultats, ajustements du périmètre.', NULL, 30, 'right_hand');
