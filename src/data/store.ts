/**
 * The store: scans, their results, snapshots, reference captures and the artifacts behind them.
 * Only `data/` knows SQL or the store's file layout (DESIGN.md, "Scale"); everything else calls the
 * `Store` interface, which a PostgreSQL + S3 backend can implement unchanged later.
 *
 * This backend is one SQLite file (better-sqlite3, WAL) with artifacts as files beside it:
 * `<dirname(file)>/artifacts/<first 2 hex>/<sha256>`.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { parseMessage } from '../model/messages/index.js';
import type { Artifact, PageSnapshot } from '../model/snapshot.js';
import type { CaptureFailure, FunnelStage, StoredSignal, TargetResult } from '../model/result.js';
import type { Contribution, Verdict } from '../model/verdict.js';
import { errorMessage } from '../errors.js';
import { FileArtifactStore, artifactKey } from './artifacts.js';
import { migrations } from './schema.js';
import { StoreError } from './store-error.js';
import { hostOf, normaliseHost } from '../model/host.js';

export { StoreError } from './store-error.js';

export interface ScanRecord {
  id: string;
  fingerprint: string;
  createdAt: string;
  startedAt: string;
  finishedAt: string | null;
  targets: readonly string[];
  options: Record<string, unknown>;
}

/** A result found across scans (review console, reports). */
export type FoundResult = TargetResult & { scanId: string };

export interface ResultQuery {
  verdict?: Verdict;
  host?: string;
  registrableDomain?: string;
  platform?: string;
  /** At most this many, newest first; default 1000. */
  limit?: number;
}

export interface Store {
  /** Absolute path of the database file. */
  readonly file: string;
  /** Absolute path of the folder holding the artifact files. */
  readonly artifactDir: string;
  createScan(input: {
    id: string;
    fingerprint: string;
    targets: readonly string[];
    options: Record<string, unknown>;
    now?: Date;
  }): ScanRecord;
  getScan(id: string): ScanRecord | null;
  /** The newest scans first. */
  listScans(limit?: number): ScanRecord[];
  /** The newest unfinished scan with this fingerprint, so an interrupted run can be resumed. */
  findUnfinishedScan(fingerprint: string): ScanRecord | null;
  finishScan(id: string, finishedAt?: string): void;
  /** Indexes of the targets that already have a stored result. */
  doneIndexes(scanId: string): Set<number>;
  /**
   * Stores one target's result: artifacts first (files), then one transaction for snapshot, verdict and
   * signals. Re-saving the same (scan, index) replaces the earlier result.
   */
  saveTargetResult(scanId: string, result: TargetResult, artifacts: readonly Artifact[]): void;
  /** Every stored result of a scan, in input order. */
  listResults(scanId: string): TargetResult[];
  getResult(scanId: string, index: number): TargetResult | null;
  /** Results across all scans matching every given field, newest first. */
  findResults(query: ResultQuery): FoundResult[];
  /** Stores bytes by hash (idempotent) and returns their path relative to the database's folder. */
  putArtifact(artifact: Artifact): string;
  readArtifact(sha256: string): Buffer | null;
  /** 'artifacts/ab/<sha256>', relative to the database's folder. */
  artifactPath(sha256: string): string;
  saveReference(platform: string, snapshot: PageSnapshot, artifacts: readonly Artifact[]): void;
  /** The newest reference capture of each platform. */
  listReferences(): { platform: string; snapshot: PageSnapshot; capturedAt: string }[];
  /** Every stored snapshot of a host across scans, oldest first (a site's history). */
  snapshotsForHost(host: string): { scanId: string; index: number; capturedAt: string; snapshot: PageSnapshot }[];
  close(): void;
}

/** Opens (creating if needed) the store at `file`, bringing its schema up to date. */
export function openStore(file: string): Store {
  const store = SqliteStore.open(file);
  connections.set(store, store.connection);
  return store;
}

// The SQLite connection behind each open store, for the other repository modules of data/ only.
const connections = new WeakMap<Store, Database.Database>();

/** The SQLite connection of a store. Internal to data/: nothing outside this folder may know SQL. */
export function sqliteOf(store: Store): Database.Database {
  const db = connections.get(store);
  if (!db) throw new StoreError('not a SQLite store opened by openStore()');
  return db;
}

/** Identifies "the same scan" for resumption: sha256 of a canonical JSON of targets and options. */
export function scanFingerprint(targets: readonly string[], options: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson({ targets, options })).digest('hex');
}

/** A sortable, readable scan id: UTC time to the second, then the first 8 hex of the fingerprint. */
export function newScanId(fingerprint: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${fingerprint.slice(0, 8)}`;
}

/** JSON with object keys sorted at every depth, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

interface ScanRow {
  id: string;
  fingerprint: string;
  created_at: string;
  started_at: string;
  finished_at: string | null;
  target_count: number;
  options_json: string;
}

interface ResultRow {
  scan_id: string;
  idx: number;
  input: string;
  verdict: Verdict;
  score: number;
  platform: string | null;
  error: string | null;
  host: string | null;
  registrable_domain: string | null;
  url: string | null;
  final_url: string | null;
  evidence: string | null;
  captured_at: string;
  kind: 'snapshot' | 'failure' | null;
  json: string | null;
  stage: FunnelStage | null;
  stage_reason: string | null;
}

interface SignalRow {
  idx: number;
  id: string;
  score: number;
  weight: number;
  detail: string;
  evidence_json: string | null;
  platform: string | null;
  message_json: string | null;
}

const RESULT_COLUMNS = `v.scan_id, v.idx, t.input, v.verdict, v.score, v.platform, v.error, v.host,
  v.registrable_domain, v.url, v.final_url, v.evidence, v.captured_at, s.kind, s.json, v.stage, v.stage_reason`;
const RESULT_FROM = `verdicts v
  JOIN targets t ON t.scan_id = v.scan_id AND t.idx = v.idx
  LEFT JOIN snapshots s ON s.scan_id = v.scan_id AND s.idx = v.idx`;

class SqliteStore implements Store {
  readonly file: string;
  readonly artifactDir: string;
  private readonly db: Database.Database;
  private readonly artifacts: FileArtifactStore;
  /** For sqliteOf(): the other repository modules of data/ share this connection. */
  get connection(): Database.Database {
    return this.db;
  }
  private readonly st;

  static open(file: string): SqliteStore {
    const abs = path.resolve(file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    let db: Database.Database | undefined;
    try {
      db = new Database(abs);
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a commit survives a process crash; only an OS crash may lose the last ones.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db, abs);
      return new SqliteStore(abs, db);
    } catch (err) {
      db?.close();
      if (err instanceof StoreError) throw err;
      throw new StoreError(`${abs} is not a usable jianzhen store: ${errorMessage(err)}`, { cause: err, exitCode: 2 });
    }
  }

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
    this.artifacts = new FileArtifactStore(path.dirname(file));
    this.artifactDir = this.artifacts.artifactDir;
    this.st = {
      insertScan: db.prepare(`INSERT INTO scans (id, fingerprint, created_at, started_at, finished_at, target_count, options_json)
        VALUES (?, ?, ?, ?, NULL, ?, ?)`),
      insertTarget: db.prepare('INSERT INTO targets (scan_id, idx, input) VALUES (?, ?, ?)'),
      getScan: db.prepare('SELECT * FROM scans WHERE id = ?'),
      listScans: db.prepare('SELECT * FROM scans ORDER BY created_at DESC, rowid DESC LIMIT ?'),
      scanTargets: db.prepare('SELECT input FROM targets WHERE scan_id = ? ORDER BY idx').pluck(),
      targetInput: db.prepare('SELECT input FROM targets WHERE scan_id = ? AND idx = ?').pluck(),
      findUnfinished: db.prepare(`SELECT * FROM scans WHERE fingerprint = ? AND finished_at IS NULL
        ORDER BY created_at DESC, rowid DESC LIMIT 1`),
      finishScan: db.prepare('UPDATE scans SET finished_at = ? WHERE id = ?'),
      doneIndexes: db.prepare('SELECT idx FROM verdicts WHERE scan_id = ?').pluck(),
      deleteSignals: db.prepare('DELETE FROM signals WHERE scan_id = ? AND idx = ?'),
      deleteVerdict: db.prepare('DELETE FROM verdicts WHERE scan_id = ? AND idx = ?'),
      deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE scan_id = ? AND idx = ?'),
      insertSnapshot: db.prepare(`INSERT INTO snapshots (scan_id, idx, kind, host, url, final_url, captured_at, json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertVerdict: db.prepare(`INSERT INTO verdicts (scan_id, idx, verdict, score, platform, error, host,
        registrable_domain, url, final_url, evidence, captured_at, decided_at, stage, stage_reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertSignal: db.prepare(`INSERT INTO signals (scan_id, idx, ord, id, score, weight, detail, evidence_json, platform, message_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      listResults: db.prepare(`SELECT ${RESULT_COLUMNS} FROM ${RESULT_FROM} WHERE v.scan_id = ? ORDER BY v.idx`),
      getResult: db.prepare(`SELECT ${RESULT_COLUMNS} FROM ${RESULT_FROM} WHERE v.scan_id = ? AND v.idx = ?`),
      findResults: db.prepare(`SELECT ${RESULT_COLUMNS} FROM ${RESULT_FROM}
        WHERE (@verdict IS NULL OR v.verdict = @verdict)
          AND (@host IS NULL OR v.host = @host)
          AND (@domain IS NULL OR v.registrable_domain = @domain)
          AND (@platform IS NULL OR v.platform = @platform)
        ORDER BY v.captured_at DESC, v.scan_id DESC, v.idx
        LIMIT @limit`),
      scanSignals: db.prepare(`SELECT idx, id, score, weight, detail, evidence_json, platform, message_json FROM signals
        WHERE scan_id = ? ORDER BY idx, ord`),
      resultSignals: db.prepare(`SELECT idx, id, score, weight, detail, evidence_json, platform, message_json FROM signals
        WHERE scan_id = ? AND idx = ? ORDER BY ord`),
      insertArtifact: db.prepare('INSERT OR IGNORE INTO artifacts (sha256, mime, bytes, created_at) VALUES (?, ?, ?, ?)'),
      insertReference: db.prepare('INSERT INTO references_ (platform, captured_at, json) VALUES (?, ?, ?)'),
      latestReferences: db.prepare(`SELECT r.platform, r.captured_at, r.json FROM references_ r
        WHERE r.id = (SELECT max(id) FROM references_ WHERE platform = r.platform) ORDER BY r.platform`),
      snapshotsForHost: db.prepare(`SELECT scan_id, idx, captured_at, json FROM snapshots
        WHERE host = ? AND kind = 'snapshot' ORDER BY captured_at, id`),
    };
  }

  createScan(input: {
    id: string;
    fingerprint: string;
    targets: readonly string[];
    options: Record<string, unknown>;
    now?: Date;
  }): ScanRecord {
    const at = (input.now ?? new Date()).toISOString();
    const optionsJson = canonicalJson(input.options);
    this.db.transaction(() => {
      if (this.st.getScan.get(input.id)) throw new StoreError(`a scan with id ${input.id} already exists in ${this.file}`);
      this.st.insertScan.run(input.id, input.fingerprint, at, at, input.targets.length, optionsJson);
      input.targets.forEach((target, idx) => this.st.insertTarget.run(input.id, idx, target));
    }).immediate();
    return {
      id: input.id,
      fingerprint: input.fingerprint,
      createdAt: at,
      startedAt: at,
      finishedAt: null,
      targets: [...input.targets],
      options: JSON.parse(optionsJson) as Record<string, unknown>,
    };
  }

  getScan(id: string): ScanRecord | null {
    const row = this.st.getScan.get(id) as ScanRow | undefined;
    return row ? this.toScan(row) : null;
  }

  listScans(limit = 50): ScanRecord[] {
    return (this.st.listScans.all(limit) as ScanRow[]).map((row) => this.toScan(row));
  }

  findUnfinishedScan(fingerprint: string): ScanRecord | null {
    const row = this.st.findUnfinished.get(fingerprint) as ScanRow | undefined;
    return row ? this.toScan(row) : null;
  }

  finishScan(id: string, finishedAt: string = new Date().toISOString()): void {
    const info = this.st.finishScan.run(finishedAt, id);
    if (info.changes === 0) throw new StoreError(`no scan ${id} in ${this.file}`);
  }

  doneIndexes(scanId: string): Set<number> {
    return new Set(this.st.doneIndexes.all(scanId) as number[]);
  }

  saveTargetResult(scanId: string, result: TargetResult, artifacts: readonly Artifact[]): void {
    // Files first: once the rows commit, every hash they name is already on disk.
    for (const artifact of artifacts) this.putArtifact(artifact);
    const body = result.snapshot
      ? { kind: 'snapshot' as const, json: JSON.stringify(result.snapshot) }
      : result.failure
        ? { kind: 'failure' as const, json: JSON.stringify(result.failure) }
        : null;
    const url = result.url ?? result.snapshot?.url ?? result.failure?.url ?? null;
    const host = normaliseHost(result.host ?? hostOf(url));
    const decidedAt = new Date().toISOString();
    this.db.transaction(() => {
      const input = this.st.targetInput.get(scanId, result.index) as string | undefined;
      if (input === undefined) throw new StoreError(`scan ${scanId} has no target #${result.index} in ${this.file}`);
      if (input !== result.input) {
        throw new StoreError(`target #${result.index} of scan ${scanId} is ${JSON.stringify(input)}, not ${JSON.stringify(result.input)}`);
      }
      this.st.deleteSignals.run(scanId, result.index);
      this.st.deleteVerdict.run(scanId, result.index);
      this.st.deleteSnapshot.run(scanId, result.index);
      if (body) {
        const finalUrl = result.finalUrl ?? result.snapshot?.finalUrl ?? null;
        this.st.insertSnapshot.run(scanId, result.index, body.kind, host, url, finalUrl, result.capturedAt, body.json);
      }
      this.st.insertVerdict.run(scanId, result.index, result.verdict, result.score, result.platform, result.error, host,
        result.registrableDomain, result.url, result.finalUrl, result.evidence, result.capturedAt, decidedAt,
        result.stage ?? null, result.stageReason ?? null);
      result.signals.forEach((s, ord) => {
        this.st.insertSignal.run(scanId, result.index, ord, s.id, s.score, s.weight, s.detail,
          s.evidence === undefined ? null : JSON.stringify(s.evidence), s.platform ?? null, s.message ? JSON.stringify(s.message) : null);
      });
    }).immediate();
  }

  listResults(scanId: string): TargetResult[] {
    const signals = groupSignals(this.st.scanSignals.all(scanId) as SignalRow[]);
    return (this.st.listResults.all(scanId) as ResultRow[]).map((row) => toResult(row, signals.get(row.idx) ?? []));
  }

  getResult(scanId: string, index: number): TargetResult | null {
    const row = this.st.getResult.get(scanId, index) as ResultRow | undefined;
    if (!row) return null;
    return toResult(row, (this.st.resultSignals.all(scanId, index) as SignalRow[]).map(toSignal));
  }

  findResults(query: ResultQuery): FoundResult[] {
    const rows = this.st.findResults.all({
      verdict: query.verdict ?? null,
      host: query.host === undefined ? null : normaliseHost(query.host),
      domain: query.registrableDomain ?? null,
      platform: query.platform ?? null,
      limit: query.limit ?? 1000,
    }) as ResultRow[];
    return rows.map((row) => ({
      ...toResult(row, (this.st.resultSignals.all(row.scan_id, row.idx) as SignalRow[]).map(toSignal)),
      scanId: row.scan_id,
    }));
  }

  putArtifact(artifact: Artifact): string {
    const key = this.artifacts.put(artifact);
    this.st.insertArtifact.run(artifact.ref.sha256, artifact.ref.mime, artifact.ref.bytes, new Date().toISOString());
    return key;
  }

  readArtifact(sha256: string): Buffer | null {
    return this.artifacts.read(sha256);
  }

  artifactPath(sha256: string): string {
    return artifactKey(sha256);
  }

  saveReference(platform: string, snapshot: PageSnapshot, artifacts: readonly Artifact[]): void {
    for (const artifact of artifacts) this.putArtifact(artifact);
    this.st.insertReference.run(platform, snapshot.timings.finishedAt, JSON.stringify(snapshot));
  }

  listReferences(): { platform: string; snapshot: PageSnapshot; capturedAt: string }[] {
    const rows = this.st.latestReferences.all() as { platform: string; captured_at: string; json: string }[];
    return rows.map((r) => ({ platform: r.platform, capturedAt: r.captured_at, snapshot: JSON.parse(r.json) as PageSnapshot }));
  }

  snapshotsForHost(host: string): { scanId: string; index: number; capturedAt: string; snapshot: PageSnapshot }[] {
    const rows = this.st.snapshotsForHost.all(normaliseHost(host)) as
      { scan_id: string; idx: number; captured_at: string; json: string }[];
    return rows.map((r) => ({
      scanId: r.scan_id,
      index: r.idx,
      capturedAt: r.captured_at,
      snapshot: JSON.parse(r.json) as PageSnapshot,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private toScan(row: ScanRow): ScanRecord {
    return {
      id: row.id,
      fingerprint: row.fingerprint,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      targets: this.st.scanTargets.all(row.id) as string[],
      options: JSON.parse(row.options_json) as Record<string, unknown>,
    };
  }
}

/**
 * Brings the schema up to date. Each step takes the write lock first and re-reads the version, so two
 * processes opening a new store at once never apply a migration twice.
 */
function migrate(db: Database.Database, file: string): void {
  const latest = migrations.length;
  for (;;) {
    const applied = db.transaction((): boolean => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > latest) {
        throw new StoreError(
          `${file} has schema version ${version}, newer than this jianzhen understands (${latest}); upgrade jianzhen`,
          { exitCode: 2 },
        );
      }
      if (version === latest) return false;
      if (version === 0) {
        // A SQLite file that already holds tables but no version is someone else's database.
        const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
        if (tables > 0) throw new StoreError(`${file} is a SQLite database but not a jianzhen store`, { exitCode: 2 });
      }
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
      return true;
    }).immediate();
    if (!applied) return;
  }
}

function toResult(row: ResultRow, signals: StoredSignal[]): TargetResult {
  const stored = row.json === null ? null : (JSON.parse(row.json) as unknown);
  return {
    index: row.idx,
    input: row.input,
    url: row.url,
    finalUrl: row.final_url,
    host: row.host,
    registrableDomain: row.registrable_domain,
    verdict: row.verdict,
    score: row.score,
    platform: row.platform,
    signals,
    evidence: row.evidence,
    error: row.error,
    snapshot: row.kind === 'snapshot' ? (stored as PageSnapshot) : null,
    failure: row.kind === 'failure' ? (stored as CaptureFailure) : null,
    capturedAt: row.captured_at,
    // Only results the funnel decided carry a stage; older rows read back exactly as they were saved.
    ...(row.stage === null ? {} : { stage: row.stage, stageReason: row.stage_reason }),
  };
}

function toSignal(row: SignalRow): StoredSignal {
  const message = parseMessage(row.message_json);
  const signal: StoredSignal = {
    id: row.id,
    score: row.score,
    weight: row.weight,
    detail: row.detail,
    ...(row.platform === null ? {} : { platform: row.platform }),
    ...(message ? { message } : {}),
  };
  return row.evidence_json === null
    ? signal
    : { ...signal, evidence: JSON.parse(row.evidence_json) as Record<string, unknown> };
}

function groupSignals(rows: SignalRow[]): Map<number, StoredSignal[]> {
  const byIndex = new Map<number, StoredSignal[]>();
  for (const row of rows) {
    const list = byIndex.get(row.idx) ?? [];
    list.push(toSignal(row));
    byIndex.set(row.idx, list);
  }
  return byIndex;
}



