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
];
