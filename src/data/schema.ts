/**
 * The SQLite schema as an ordered list of migrations. Migration N (1-based) brings a database from
 * `PRAGMA user_version = N-1` to N; each runs in its own transaction, so a crash mid-migration leaves
 * the previous version intact. Never edit a released migration: append a new one.
 */
export const migrations: readonly string[] = [
  // 1: the first schema.
  `
  CREATE TABLE scans (
    id            TEXT PRIMARY KEY,
    fingerprint   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    target_count  INTEGER NOT NULL,
    options_json  TEXT NOT NULL
  );
  -- findUnfinishedScan: newest unfinished scan with a fingerprint.
  CREATE INDEX scans_by_fingerprint ON scans (fingerprint, finished_at, created_at);

  CREATE TABLE targets (
    scan_id  TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    input    TEXT NOT NULL,
    PRIMARY KEY (scan_id, idx)
  ) WITHOUT ROWID;

  -- One row per stored visit: the whole PageSnapshot, or the failure outcome when no page came back
  -- (kind says which). Kept as JSON because the snapshot is immutable and read whole by detectors.
  CREATE TABLE snapshots (
    id           INTEGER PRIMARY KEY,
    scan_id      TEXT NOT NULL,
    idx          INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('snapshot', 'failure')),
    host         TEXT,
    url          TEXT,
    final_url    TEXT,
    captured_at  TEXT NOT NULL,
    json         TEXT NOT NULL,
    FOREIGN KEY (scan_id, idx) REFERENCES targets (scan_id, idx) ON DELETE CASCADE
  );
  -- One visit per (scan, target): re-saving a result replaces it.
  CREATE UNIQUE INDEX snapshots_by_target ON snapshots (scan_id, idx);
  CREATE INDEX snapshots_by_host ON snapshots (host, captured_at);

  CREATE TABLE verdicts (
    scan_id             TEXT NOT NULL,
    idx                 INTEGER NOT NULL,
    verdict             TEXT NOT NULL
                        CHECK (verdict IN ('counterfeit', 'suspicious', 'benign', 'official', 'unreachable')),
    score               REAL NOT NULL,
    platform            TEXT,
    error               TEXT,
    host                TEXT,
    registrable_domain  TEXT,
    url                 TEXT,
    final_url           TEXT,
    evidence            TEXT,
    captured_at         TEXT NOT NULL,
    decided_at          TEXT NOT NULL,
    PRIMARY KEY (scan_id, idx),
    FOREIGN KEY (scan_id, idx) REFERENCES targets (scan_id, idx) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX verdicts_by_verdict ON verdicts (verdict, platform);
  CREATE INDEX verdicts_by_host ON verdicts (host);
  CREATE INDEX verdicts_by_domain ON verdicts (registrable_domain);

  CREATE TABLE signals (
    scan_id        TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    ord            INTEGER NOT NULL,
    id             TEXT NOT NULL,
    score          REAL NOT NULL,
    weight         REAL NOT NULL,
    detail         TEXT NOT NULL,
    evidence_json  TEXT,
    PRIMARY KEY (scan_id, idx, ord),
    FOREIGN KEY (scan_id, idx) REFERENCES verdicts (scan_id, idx) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX signals_by_id ON signals (id);

  -- Bytes live in files named by their hash; this table says what they are.
  CREATE TABLE artifacts (
    sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    created_at  TEXT NOT NULL
  ) WITHOUT ROWID;

  -- Reference captures of the official platforms. History is kept; the newest row per platform wins.
  CREATE TABLE references_ (
    id           INTEGER PRIMARY KEY,
    platform     TEXT NOT NULL,
    captured_at  TEXT NOT NULL,
    json         TEXT NOT NULL
  );
  CREATE INDEX references_by_platform ON references_ (platform, id);
  `,
  // 2: analysts' decisions on sites and the audit log (review console, takedown lists, evidence packets).
  `
  CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    host        TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected', 'pending')),
    note        TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    scan_id     TEXT,
    idx         INTEGER,
    decided_at  TEXT NOT NULL
  );
  -- The latest decision per host wins; history is kept.
  CREATE INDEX decisions_by_host ON decisions (host, id);

  CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_by_at ON audit_log (at);
  `,
  // 3: review-console accounts and sessions. Passwords are scrypt hashes with per-user salts; a session
  // is stored only as the SHA-256 of its random id, so a copy of the database cannot be replayed as a login.
  `
  CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role           TEXT NOT NULL CHECK (role IN ('analyst', 'supervisor')),
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
  );

  CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  `,
  // 4: evidence packets built for sites (reports/evidence): which packet, when, by whom, and the hash of its
  // signed manifest, so a takedown list and the statistics can name the packet handed over.
  `
  CREATE TABLE evidence_packets (
    id               TEXT PRIMARY KEY,
    host             TEXT NOT NULL,
    scan_id          TEXT,
    idx              INTEGER,
    built_at         TEXT NOT NULL,
    actor            TEXT NOT NULL,
    manifest_sha256  TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
    manifest_sm3     TEXT NOT NULL,
    folder           TEXT NOT NULL,
    zip              TEXT,
    zip_sha256       TEXT
  ) WITHOUT ROWID;
  CREATE INDEX evidence_packets_by_host ON evidence_packets (host, built_at);
  `,
  // 5: the funnel stage where each target stopped and why, and the nightly schedule's runs with their
  // diffs (new, changed, gone) so an operator and the weekly summary can read what each night found.
  `
  ALTER TABLE verdicts ADD COLUMN stage TEXT CHECK (stage IN ('screen', 'dns', 'http', 'render'));
  ALTER TABLE verdicts ADD COLUMN stage_reason TEXT;
  CREATE INDEX verdicts_by_stage ON verdicts (stage);

  CREATE TABLE schedule_runs (
    id           TEXT PRIMARY KEY,
    job          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    run_date     TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    scan_id      TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    -- The run's target list and their sources, fixed at its start, so a killed run resumes the same scan.
    targets_json TEXT NOT NULL DEFAULT '[]',
    sources_json TEXT NOT NULL DEFAULT '[]',
    diff_json    TEXT,
    error        TEXT
  ) WITHOUT ROWID;
  CREATE INDEX schedule_runs_by_job ON schedule_runs (job, started_at);
  `,
  // 6: the platform each signal points at, so a verdict's platform attribution (rules.json "attribution")
  // can be read and explained from the store like its score.
  `
  ALTER TABLE signals ADD COLUMN platform TEXT;
  `,
  // 7: each signal's reason as a catalogue message (model/messages: id and parameters), so a stored verdict
  // explains itself in the reader's language.
  `
  ALTER TABLE signals ADD COLUMN message_json TEXT;
  `,
];
