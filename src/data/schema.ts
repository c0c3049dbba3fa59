/**
 * The schema of both backends as ordered lists of migrations, one list per dialect with the same numbering:
 * migration N (1-based) brings a store from version N-1 to N (SQLite: `PRAGMA user_version`; PostgreSQL:
 * table jianzhen_schema). Each runs in its own transaction, so a crash mid-migration leaves the previous
 * version intact (data/database.ts). Never edit a released migration: append a new one to both lists.
 */
export const sqliteMigrations: readonly string[] = [
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
  // 7: a signal's message for translation ({id, params} as JSON), so the console and reports can say in
  // Chinese what the detector said without parsing its English detail.
  `
  ALTER TABLE signals ADD COLUMN message_json TEXT;
  `,
  // 8: what the review console needs to be shared by analysts all day: decisions made together (a batch, so
  // one undo takes back a bulk decision), soft claims on sites (two analysts never review one site unawares),
  // failed logins per account and per address (throttling survives a restart), and the console's background
  // jobs (lead scans, evidence packets) so they survive a restart too.
  `
  ALTER TABLE decisions ADD COLUMN batch TEXT;
  CREATE INDEX decisions_by_actor ON decisions (actor, id);

  CREATE TABLE claims (
    host        TEXT PRIMARY KEY,
    actor       TEXT NOT NULL,
    claimed_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('account', 'address')),
    key   TEXT NOT NULL,
    at    TEXT NOT NULL
  );
  CREATE INDEX login_failures_by_key ON login_failures (kind, key, at);

  CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    actor          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    started_at     TEXT,
    finished_at    TEXT,
    heartbeat_at   TEXT,
    owner          TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    input_json     TEXT NOT NULL,
    progress_json  TEXT,
    result_json    TEXT,
    error          TEXT
  ) WITHOUT ROWID;
  CREATE INDEX jobs_by_state ON jobs (state, created_at);
  CREATE INDEX jobs_by_kind ON jobs (kind, created_at);
  `,
  // 9: operators (串并案). The identifiers read from each stored visit (detectors/identifiers), cached with the
  // extractor's version so a recompute reads each page once; the operators (groups of sites one operator
  // runs), their members (one operator per host), the identifiers that link them with where each was read,
  // and what each recompute did to them (created, joined, left, merged, dissolved).
  `
  CREATE TABLE identifier_extractions (
    scan_id       TEXT NOT NULL,
    idx           INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    extracted_at  TEXT NOT NULL,
    PRIMARY KEY (scan_id, idx),
    FOREIGN KEY (scan_id, idx) REFERENCES targets (scan_id, idx) ON DELETE CASCADE
  ) WITHOUT ROWID;

  CREATE TABLE identifiers (
    scan_id   TEXT NOT NULL,
    idx       INTEGER NOT NULL,
    ord       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    strength  TEXT NOT NULL CHECK (strength IN ('strong', 'weak')),
    raw       TEXT NOT NULL,
    source    TEXT NOT NULL,
    locator   TEXT NOT NULL,
    snippet   TEXT NOT NULL,
    shared    TEXT,
    PRIMARY KEY (scan_id, idx, ord),
    FOREIGN KEY (scan_id, idx) REFERENCES identifier_extractions (scan_id, idx) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX identifiers_by_value ON identifiers (kind, value);

  CREATE TABLE operators (
    id            TEXT PRIMARY KEY,
    status        TEXT NOT NULL CHECK (status IN ('active', 'merged', 'dissolved')),
    merged_into   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    member_count  INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE operator_members (
    host         TEXT PRIMARY KEY,
    operator_id  TEXT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    joined_at    TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX operator_members_by_operator ON operator_members (operator_id, host);

  CREATE TABLE operator_links (
    operator_id     TEXT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    value           TEXT NOT NULL,
    strength        TEXT NOT NULL CHECK (strength IN ('strong', 'weak')),
    hosts_json      TEXT NOT NULL,
    sightings_json  TEXT NOT NULL,
    PRIMARY KEY (operator_id, ord)
  ) WITHOUT ROWID;

  CREATE TABLE operator_events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    operator_id  TEXT NOT NULL,
    event        TEXT NOT NULL CHECK (event IN ('created', 'joined', 'left', 'merged', 'dissolved')),
    host         TEXT,
    detail       TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX operator_events_by_operator ON operator_events (operator_id, id);
  `,
];

/**
 * Text that is compared or sorted (hosts, ids, ISO times, platform ids) uses the C collation, so PostgreSQL
 * orders it byte by byte as SQLite does, whatever locale the server's database was created with; otherwise
 * the review queue and every "newest first" list could differ between the two backends.
 */
const K = 'TEXT COLLATE "C"';

/** The same schema for PostgreSQL, migration for migration (see sqliteMigrations for what each is for). */
export const postgresMigrations: readonly string[] = [
  // 1
  `
  CREATE TABLE scans (
    id            ${K} PRIMARY KEY,
    fingerprint   ${K} NOT NULL,
    created_at    ${K} NOT NULL,
    started_at    ${K} NOT NULL,
    finished_at   ${K},
    target_count  INTEGER NOT NULL,
    options_json  TEXT NOT NULL
  );
  CREATE INDEX scans_by_fingerprint ON scans (fingerprint, finished_at, created_at);

  CREATE TABLE targets (
    scan_id  ${K} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    input    TEXT NOT NULL,
    PRIMARY KEY (scan_id, idx)
  );

  CREATE TABLE snapshots (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    scan_id      ${K} NOT NULL,
    idx          INTEGER NOT NULL,
    kind         ${K} NOT NULL CHECK (kind IN ('snapshot', 'failure')),
    host         ${K},
    url          TEXT,
    final_url    TEXT,
    captured_at  ${K} NOT NULL,
    json         TEXT NOT NULL,
    FOREIGN KEY (scan_id, idx) REFERENCES targets (scan_id, idx) ON DELETE CASCADE
  );
  CREATE UNIQUE INDEX snapshots_by_target ON snapshots (scan_id, idx);
  CREATE INDEX snapshots_by_host ON snapshots (host, captured_at);

  CREATE TABLE verdicts (
    scan_id             ${K} NOT NULL,
    idx                 INTEGER NOT NULL,
    verdict             ${K} NOT NULL
                        CHECK (verdict IN ('counterfeit', 'suspicious', 'benign', 'official', 'unreachable')),
    score               DOUBLE PRECISION NOT NULL,
    platform            ${K},
    error               TEXT,
    host                ${K},
    registrable_domain  ${K},
    url                 TEXT,
    final_url           TEXT,
    evidence            TEXT,
    captured_at         ${K} NOT NULL,
    decided_at          ${K} NOT NULL,
    PRIMARY KEY (scan_id, idx),
    FOREIGN KEY (scan_id, idx) REFERENCES targets (scan_id, idx) ON DELETE CASCADE
  );
  CREATE INDEX verdicts_by_verdict ON verdicts (verdict, platform);
  CREATE INDEX verdicts_by_host ON verdicts (host);
  CREATE INDEX verdicts_by_domain ON verdicts (registrable_domain);

  CREATE TABLE signals (
    scan_id        ${K} NOT NULL,
    idx            INTEGER NOT NULL,
    ord            INTEGER NOT NULL,
    id             ${K} NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    weight         DOUBLE PRECISION NOT NULL,
    detail         TEXT NOT NULL,
    evidence_json  TEXT,
    PRIMARY KEY (scan_id, idx, ord),
    FOREIGN KEY (scan_id, idx) REFERENCES verdicts (scan_id, idx) ON DELETE CASCADE
  );
  CREATE INDEX signals_by_id ON signals (id);

  CREATE TABLE artifacts (
    sha256      ${K} PRIMARY KEY CHECK (length(sha256) = 64),
    mime        TEXT NOT NULL,
    bytes       BIGINT NOT NULL,
    created_at  ${K} NOT NULL
  );

  CREATE TABLE references_ (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    platform     ${K} NOT NULL,
    captured_at  ${K} NOT NULL,
    json         TEXT NOT NULL
  );
  CREATE INDEX references_by_platform ON references_ (platform, id);
  `,
  // 2
  `
  CREATE TABLE decisions (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    host        ${K} NOT NULL,
    decision    ${K} NOT NULL CHECK (decision IN ('confirmed', 'rejected', 'pending')),
    note        TEXT NOT NULL DEFAULT '',
    actor       ${K} NOT NULL,
    scan_id     ${K},
    idx         INTEGER,
    decided_at  ${K} NOT NULL
  );
  CREATE INDEX decisions_by_host ON decisions (host, id);

  CREATE TABLE audit_log (
    id       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at       ${K} NOT NULL,
    actor    ${K} NOT NULL,
    action   ${K} NOT NULL,
    subject  TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_by_at ON audit_log (at);
  `,
  // 3: SQLite's COLLATE NOCASE name is a unique index on lower(name) here; lookups compare lower() alike.
  `
  CREATE TABLE users (
    id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name           ${K} NOT NULL,
    role           ${K} NOT NULL CHECK (role IN ('analyst', 'supervisor')),
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     ${K} NOT NULL
  );
  CREATE UNIQUE INDEX users_by_name ON users (lower(name));

  CREATE TABLE sessions (
    id_hash     ${K} PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  ${K} NOT NULL,
    expires_at  ${K} NOT NULL
  );
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  `,
  // 4
  `
  CREATE TABLE evidence_packets (
    id               ${K} PRIMARY KEY,
    host             ${K} NOT NULL,
    scan_id          ${K},
    idx              INTEGER,
    built_at         ${K} NOT NULL,
    actor            ${K} NOT NULL,
    manifest_sha256  ${K} NOT NULL CHECK (length(manifest_sha256) = 64),
    manifest_sm3     TEXT NOT NULL,
    folder           TEXT NOT NULL,
    zip              TEXT,
    zip_sha256       ${K}
  );
  CREATE INDEX evidence_packets_by_host ON evidence_packets (host, built_at);
  `,
  // 5
  `
  ALTER TABLE verdicts ADD COLUMN stage ${K} CHECK (stage IN ('screen', 'dns', 'http', 'render'));
  ALTER TABLE verdicts ADD COLUMN stage_reason TEXT;
  CREATE INDEX verdicts_by_stage ON verdicts (stage);

  CREATE TABLE schedule_runs (
    id           ${K} PRIMARY KEY,
    job          ${K} NOT NULL,
    kind         ${K} NOT NULL,
    run_date     ${K} NOT NULL,
    started_at   ${K} NOT NULL,
    finished_at  ${K},
    scan_id      ${K},
    status       ${K} NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    targets_json TEXT NOT NULL DEFAULT '[]',
    sources_json TEXT NOT NULL DEFAULT '[]',
    diff_json    TEXT,
    error        TEXT
  );
  CREATE INDEX schedule_runs_by_job ON schedule_runs (job, started_at);
  `,
  // 6
  `
  ALTER TABLE signals ADD COLUMN platform ${K};
  `,
  // 7
  `
  ALTER TABLE signals ADD COLUMN message_json TEXT;
  `,
  // 8
  `
  ALTER TABLE decisions ADD COLUMN batch ${K};
  CREATE INDEX decisions_by_actor ON decisions (actor, id);

  CREATE TABLE claims (
    host        ${K} PRIMARY KEY,
    actor       ${K} NOT NULL,
    claimed_at  ${K} NOT NULL,
    expires_at  ${K} NOT NULL
  );

  CREATE TABLE login_failures (
    id    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind  ${K} NOT NULL CHECK (kind IN ('account', 'address')),
    key   ${K} NOT NULL,
    at    ${K} NOT NULL
  );
  CREATE INDEX login_failures_by_key ON login_failures (kind, key, at);

  CREATE TABLE jobs (
    id             ${K} PRIMARY KEY,
    kind           ${K} NOT NULL,
    state          ${K} NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    actor          ${K} NOT NULL,
    created_at     ${K} NOT NULL,
    started_at     ${K},
    finished_at    ${K},
    heartbeat_at   ${K},
    owner          ${K},
    attempts       INTEGER NOT NULL DEFAULT 0,
    input_json     TEXT NOT NULL,
    progress_json  TEXT,
    result_json    TEXT,
    error          TEXT
  );
  CREATE INDEX jobs_by_state ON jobs (state, created_at);
  CREATE INDEX jobs_by_kind ON jobs (kind, created_at);
  `,
  `
  CREATE TABLE identifier_extractions (
    scan_id       ${K} NOT NULL,
    idx           INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    extracted_at  ${K} NOT NULL,
    PRIMARY KEY (scan_id, idx),
    FOREIGN KEY (scan_id, idx) REFERENCES targets (scan_id, idx) ON DELETE CASCADE
  );

  CREATE TABLE identifiers (
    scan_id   ${K} NOT NULL,
    idx       INTEGER NOT NULL,
    ord       INTEGER NOT NULL,
    kind      ${K} NOT NULL,
    value     ${K} NOT NULL,
    strength  ${K} NOT NULL CHECK (strength IN ('strong', 'weak')),
    raw       TEXT NOT NULL,
    source    ${K} NOT NULL,
    locator   TEXT NOT NULL,
    snippet   TEXT NOT NULL,
    shared    TEXT,
    PRIMARY KEY (scan_id, idx, ord),
    FOREIGN KEY (scan_id, idx) REFERENCES identifier_extractions (scan_id, idx) ON DELETE CASCADE
  );
  CREATE INDEX identifiers_by_value ON identifiers (kind, value);

  CREATE TABLE operators (
    id            ${K} PRIMARY KEY,
    status        ${K} NOT NULL CHECK (status IN ('active', 'merged', 'dissolved')),
    merged_into   ${K},
    created_at    ${K} NOT NULL,
    updated_at    ${K} NOT NULL,
    member_count  INTEGER NOT NULL
  );

  CREATE TABLE operator_members (
    host         ${K} PRIMARY KEY,
    operator_id  ${K} NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    joined_at    ${K} NOT NULL
  );
  CREATE INDEX operator_members_by_operator ON operator_members (operator_id, host);

  CREATE TABLE operator_links (
    operator_id     ${K} NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    kind            ${K} NOT NULL,
    value           ${K} NOT NULL,
    strength        ${K} NOT NULL CHECK (strength IN ('strong', 'weak')),
    hosts_json      TEXT NOT NULL,
    sightings_json  TEXT NOT NULL,
    PRIMARY KEY (operator_id, ord)
  );

  CREATE TABLE operator_events (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at           ${K} NOT NULL,
    operator_id  ${K} NOT NULL,
    event        ${K} NOT NULL CHECK (event IN ('created', 'joined', 'left', 'merged', 'dissolved')),
    host         ${K},
    detail       TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX operator_events_by_operator ON operator_events (operator_id, id);
  `,
];
