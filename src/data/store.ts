/**
 * The store: scans, their results, snapshots, reference captures and the artifacts behind them.
 * Only `data/` knows SQL or the store's layout (DESIGN.md, "Scale"); everything else calls the `Store`
 * interface, whichever backend is behind it:
 *
 * - the database: one SQLite file (better-sqlite3, WAL; the embedded default) or a PostgreSQL server,
 *   both through Kysely (data/database.ts);
 * - the artifacts: files beside the SQLite file (`<folder>/artifacts/<first 2 hex>/<sha256>`) or an
 *   S3-compatible bucket (data/artifacts.ts).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Artifact, PageSnapshot } from '../model/snapshot.js';
import type { StoredReference } from '../model/reference.js';
import type { CaptureFailure, StoredSignal, TargetResult } from '../model/result.js';
import type { Verdict } from '../model/verdict.js';
import { artifactKey, openArtifactStore, type ArtifactLocation, type ArtifactStore } from './artifacts.js';
import { isPostgresUrl, openDatabase, schemaVersion, type DialectName, type Executor, type OpenDatabase, type Tables } from './database.js';
import { StoreError } from './store-error.js';
import { errorMessage } from '../errors.js';
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
  /** The SQLite file, or the PostgreSQL URL without its password: for messages. */
  readonly location: string;
  readonly dialect: DialectName;
  /**
   * This machine's folder for what is not in the store: signing keys and built evidence packet folders
   * (the SQLite file's folder; for PostgreSQL the configured home, .jianzhen/ by default).
   */
  readonly home: string;
  /** Where the artifact bytes live (files or S3). */
  readonly artifacts: ArtifactStore;
  createScan(input: {
    id: string;
    fingerprint: string;
    targets: readonly string[];
    options: Record<string, unknown>;
    now?: Date;
  }): Promise<ScanRecord>;
  getScan(id: string): Promise<ScanRecord | null>;
  /** The newest scans first. */
  listScans(limit?: number): Promise<ScanRecord[]>;
  /** The newest unfinished scan with this fingerprint, so an interrupted run can be resumed. */
  findUnfinishedScan(fingerprint: string): Promise<ScanRecord | null>;
  finishScan(id: string, finishedAt?: string): Promise<void>;
  /** Indexes of the targets that already have a stored result. */
  doneIndexes(scanId: string): Promise<Set<number>>;
  /**
   * Stores one target's result: artifact bytes first, then one transaction for their rows, snapshot, verdict
   * and signals. Re-saving the same (scan, index) replaces the earlier result, so a result saved twice is
   * stored once.
   */
  saveTargetResult(scanId: string, result: TargetResult, artifacts: readonly Artifact[]): Promise<void>;
  /** Every stored result of a scan, in input order. */
  listResults(scanId: string): Promise<TargetResult[]>;
  getResult(scanId: string, index: number): Promise<TargetResult | null>;
  /** Results across all scans matching every given field, newest first. */
  findResults(query: ResultQuery): Promise<FoundResult[]>;
  /** Stores bytes by hash (idempotent) and returns their key, 'artifacts/ab/<sha256>'. */
  putArtifact(artifact: Artifact): Promise<string>;
  readArtifact(sha256: string): Promise<Buffer | null>;
  /** 'artifacts/ab/<sha256>': the artifact's key in either backend (relative to the SQLite file's folder). */
  artifactPath(sha256: string): string;
  saveReference(platform: string, snapshot: PageSnapshot, artifacts: readonly Artifact[]): Promise<void>;
  /** The newest reference capture of each platform. */
  listReferences(): Promise<StoredReference[]>;
  /** Every stored snapshot of a host across scans, oldest first (a site's history). */
  snapshotsForHost(host: string): Promise<{ scanId: string; index: number; capturedAt: string; snapshot: PageSnapshot }[]>;
  close(): Promise<void>;
}

/** Where a store is: its database, and optionally its artifacts and home folder (defaults in `openStore`). */
export interface StoreLocation {
  /** A SQLite file path, or a postgres:// URL. */
  readonly database: string;
  /** Default: files beside the SQLite file, or under `home` for PostgreSQL. */
  readonly artifacts?: ArtifactLocation | null;
  /** Default: the SQLite file's folder, or .jianzhen/ in the working directory for PostgreSQL. */
  readonly home?: string | null;
}

/** The home folder a store location implies (see StoreLocation). */
export function storeHome(location: StoreLocation): string {
  if (location.home) return path.resolve(location.home);
  return isPostgresUrl(location.database) ? path.resolve('.jianzhen') : path.dirname(path.resolve(location.database));
}

/** The artifact location a store location implies (see StoreLocation). */
export function storeArtifacts(location: StoreLocation): ArtifactLocation {
  return location.artifacts ?? { kind: 'file', root: storeHome(location) };
}

/**
 * Opens (creating if needed) the store at a location — a SQLite file path or postgres:// URL alone, or a
 * StoreLocation — bringing its schema up to date.
 */
export async function openStore(where: string | StoreLocation): Promise<Store> {
  const location: StoreLocation = typeof where === 'string' ? { database: where } : where;
  const database = await openDatabase(location.database);
  const store = new KyselyStore(database, openArtifactStore(storeArtifacts(location)), storeHome(location));
  databases.set(store, database);
  return store;
}

/** Brings a store's schema up to date (what opening it does) and says from which version to which. */
export async function migrateStore(database: string): Promise<{ location: string; from: number; to: number }> {
  const db = await openDatabase(database);
  try {
    return { location: db.location, from: db.openedAtVersion, to: await schemaVersion(db) };
  } finally {
    await db.close();
  }
}

// The database behind each open store, for the other repository modules of data/ only.
const databases = new WeakMap<Store, OpenDatabase>();

/** The database of a store. Internal to data/: nothing outside this folder may know SQL. */
export function databaseOf(store: Store): OpenDatabase {
  const db = databases.get(store);
  if (!db) throw new StoreError('not a store opened by openStore()');
  return db;
}

/**
 * A host as the decisions, claims and evidence_packets tables key it: lower case, no trailing dot. Looser than
 * normaliseHost (model/host.ts), which also trims, unbrackets IPv6, writes IDNs and full-width letters in ASCII,
 * rewrites numeric IPv4 ("127.1" is 127.0.0.1) and makes an empty host null. The two agree on the hosts these
 * tables are given (stored results' hosts; the console's ASCII host field) except numeric IPv4 shorthand and a
 * host of dots only, so moving to normaliseHost would change keys: a decision of its own, not a clean-up.
 */
export function hostKey(host: string): string {
  return host.toLowerCase().replace(/\.+$/, '');
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

type ScanRow = Tables['scans'];

/** A row of selectResults(): a verdict with its target's input and its snapshot (or failure). */
type ResultRow = Awaited<ReturnType<ReturnType<typeof selectResults>['execute']>>[number];

type SignalRow = Pick<Tables['signals'], 'scanId' | 'index' | 'id' | 'score' | 'weight' | 'detail' | 'evidenceJson' | 'platform' | 'messageJson'>;

const SIGNAL_COLUMNS = ['scanId', 'index', 'id', 'score', 'weight', 'detail', 'evidenceJson', 'platform', 'messageJson'] as const;

/** verdicts ⋈ targets ⟕ snapshots: every stored result with its input and its page (or failure). */
function selectResults(db: Executor) {
  return db
    .selectFrom('verdicts as v')
    .innerJoin('targets as t', (j) => j.onRef('t.scanId', '=', 'v.scanId').onRef('t.index', '=', 'v.index'))
    .leftJoin('snapshots as s', (j) => j.onRef('s.scanId', '=', 'v.scanId').onRef('s.index', '=', 'v.index'))
    .select([
      'v.scanId',
      'v.index',
      't.input',
      'v.verdict',
      'v.score',
      'v.platform',
      'v.error',
      'v.host',
      'v.registrableDomain',
      'v.url',
      'v.finalUrl',
      'v.evidence',
      'v.capturedAt',
      's.kind',
      's.json',
      'v.stage',
      'v.stageReason',
    ]);
}

/** The signals of many results in one query per 300 results (a row-value IN list; both dialects have it). */
async function signalsOf(db: Executor, keys: readonly { scanId: string; index: number }[]): Promise<Map<string, StoredSignal[]>> {
  const out = new Map<string, StoredSignal[]>();
  for (let i = 0; i < keys.length; i += 300) {
    const chunk = keys.slice(i, i + 300);
    const rows = await db
      .selectFrom('signals')
      .select(SIGNAL_COLUMNS)
      .where((eb) => eb(eb.refTuple('scanId', 'index'), 'in', chunk.map((k) => eb.tuple(k.scanId, k.index))))
      .orderBy('scanId')
      .orderBy('index')
      .orderBy('ord')
      .execute();
    for (const row of rows) {
      const key = `${row.index} ${row.scanId}`;
      const list = out.get(key) ?? [];
      list.push(toSignal(row));
      out.set(key, list);
    }
  }
  return out;
}

class KyselyStore implements Store {
  readonly location: string;
  readonly dialect: DialectName;

  constructor(
    private readonly database: OpenDatabase,
    readonly artifacts: ArtifactStore,
    readonly home: string,
  ) {
    this.location = database.location;
    this.dialect = database.dialect;
  }

  private get db() {
    return this.database.db;
  }

  async createScan(input: {
    id: string;
    fingerprint: string;
    targets: readonly string[];
    options: Record<string, unknown>;
    now?: Date;
  }): Promise<ScanRecord> {
    const at = (input.now ?? new Date()).toISOString();
    const optionsJson = canonicalJson(input.options);
    await this.database.write(async (trx) => {
      if (await trx.selectFrom('scans').select('id').where('id', '=', input.id).executeTakeFirst()) {
        throw new StoreError(`a scan with id ${input.id} already exists in ${this.location}`);
      }
      await trx
        .insertInto('scans')
        .values({ id: input.id, fingerprint: input.fingerprint, createdAt: at, startedAt: at, finishedAt: null, targetCount: input.targets.length, optionsJson })
        .execute();
      // Batches keep each statement under both dialects' bound-parameter limits.
      for (let i = 0; i < input.targets.length; i += 500) {
        const batch = input.targets.slice(i, i + 500).map((target, k) => ({ scanId: input.id, index: i + k, input: target }));
        await trx.insertInto('targets').values(batch).execute();
      }
    });
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

  async getScan(id: string): Promise<ScanRecord | null> {
    const row = await this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.toScans([row]))[0]! : null;
  }

  async listScans(limit = 50): Promise<ScanRecord[]> {
    const rows = await this.db.selectFrom('scans').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return this.toScans(rows);
  }

  async findUnfinishedScan(fingerprint: string): Promise<ScanRecord | null> {
    const row = await this.db
      .selectFrom('scans')
      .selectAll()
      .where('fingerprint', '=', fingerprint)
      .where('finishedAt', 'is', null)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? (await this.toScans([row]))[0]! : null;
  }

  async finishScan(id: string, finishedAt: string = new Date().toISOString()): Promise<void> {
    const info = await this.db.updateTable('scans').set({ finishedAt }).where('id', '=', id).executeTakeFirst();
    if (Number(info.numUpdatedRows) === 0) throw new StoreError(`no scan ${id} in ${this.location}`);
  }

  async doneIndexes(scanId: string): Promise<Set<number>> {
    const rows = await this.db.selectFrom('verdicts').select('index').where('scanId', '=', scanId).execute();
    return new Set(rows.map((r) => r.index));
  }

  async saveTargetResult(scanId: string, result: TargetResult, artifacts: readonly Artifact[]): Promise<void> {
    // Bytes first: once the rows commit, every hash they name is already stored.
    for (const artifact of artifacts) await this.artifacts.put(artifact);
    const body = result.snapshot
      ? { kind: 'snapshot' as const, json: JSON.stringify(result.snapshot) }
      : result.failure
        ? { kind: 'failure' as const, json: JSON.stringify(result.failure) }
        : null;
    const url = result.url ?? result.snapshot?.url ?? result.failure?.url ?? null;
    const host = normaliseHost(result.host ?? hostOf(url));
    const decidedAt = new Date().toISOString();
    await this.database.write(async (trx) => {
      await insertArtifactRows(trx, artifacts);
      // On PostgreSQL the target row is locked, so two workers saving the same (scan, index) at once take
      // turns and one result remains; SQLite's BEGIN IMMEDIATE already serialises every writer.
      const target = await trx
        .selectFrom('targets')
        .select('input')
        .where('scanId', '=', scanId)
        .where('index', '=', result.index)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (target === undefined) throw new StoreError(`scan ${scanId} has no target #${result.index} in ${this.location}`);
      if (target.input !== result.input) {
        throw new StoreError(`target #${result.index} of scan ${scanId} is ${JSON.stringify(target.input)}, not ${JSON.stringify(result.input)}`);
      }
      const at = { scan: scanId, index: result.index };
      await trx.deleteFrom('signals').where('scanId', '=', at.scan).where('index', '=', at.index).execute();
      await trx.deleteFrom('verdicts').where('scanId', '=', at.scan).where('index', '=', at.index).execute();
      await trx.deleteFrom('snapshots').where('scanId', '=', at.scan).where('index', '=', at.index).execute();
      if (body) {
        await trx
          .insertInto('snapshots')
          .values({
            scanId,
            index: result.index,
            kind: body.kind,
            host,
            url,
            finalUrl: result.finalUrl ?? result.snapshot?.finalUrl ?? null,
            capturedAt: result.capturedAt,
            json: body.json,
          })
          .execute();
      }
      await trx
        .insertInto('verdicts')
        .values({
          scanId,
          index: result.index,
          verdict: result.verdict,
          score: result.score,
          platform: result.platform,
          error: result.error,
          host,
          registrableDomain: result.registrableDomain,
          url: result.url,
          finalUrl: result.finalUrl,
          evidence: result.evidence,
          capturedAt: result.capturedAt,
          decidedAt,
          stage: result.stage ?? null,
          stageReason: result.stageReason ?? null,
        })
        .execute();
      if (result.signals.length > 0) {
        await trx
          .insertInto('signals')
          .values(
            result.signals.map((s, ord) => ({
              scanId,
              index: result.index,
              ord,
              id: s.id,
              score: s.score,
              weight: s.weight,
              detail: s.detail,
              evidenceJson: s.evidence === undefined ? null : JSON.stringify(s.evidence),
              platform: s.platform ?? null,
              messageJson: s.message === undefined ? null : JSON.stringify(s.message),
            })),
          )
          .execute();
      }
    });
  }

  async listResults(scanId: string): Promise<TargetResult[]> {
    const rows = await selectResults(this.db).where('v.scanId', '=', scanId).orderBy('v.index').execute();
    const signals = await this.db.selectFrom('signals').select(SIGNAL_COLUMNS).where('scanId', '=', scanId).orderBy('index').orderBy('ord').execute();
    const byIndex = new Map<number, StoredSignal[]>();
    for (const row of signals) {
      const list = byIndex.get(row.index) ?? [];
      list.push(toSignal(row));
      byIndex.set(row.index, list);
    }
    return rows.map((row) => toResult(row, byIndex.get(row.index) ?? []));
  }

  async getResult(scanId: string, index: number): Promise<TargetResult | null> {
    const row = await selectResults(this.db).where('v.scanId', '=', scanId).where('v.index', '=', index).executeTakeFirst();
    if (!row) return null;
    const signals = await this.db
      .selectFrom('signals')
      .select(SIGNAL_COLUMNS)
      .where('scanId', '=', scanId)
      .where('index', '=', index)
      .orderBy('ord')
      .execute();
    return toResult(row, signals.map(toSignal));
  }

  async findResults(query: ResultQuery): Promise<FoundResult[]> {
    const host = query.host === undefined ? undefined : normaliseHost(query.host);
    const rows = await selectResults(this.db)
      .$if(query.verdict !== undefined, (qb) => qb.where('v.verdict', '=', query.verdict!))
      .$if(host !== undefined, (qb) => qb.where('v.host', host === null ? 'is' : '=', host!))
      .$if(query.registrableDomain !== undefined, (qb) => qb.where('v.registrableDomain', '=', query.registrableDomain!))
      .$if(query.platform !== undefined, (qb) => qb.where('v.platform', '=', query.platform!))
      .orderBy('v.capturedAt', 'desc')
      .orderBy('v.scanId', 'desc')
      .orderBy('v.index')
      .limit(query.limit ?? 1000)
      .execute();
    const signals = await signalsOf(this.db, rows);
    return rows.map((row) => ({ ...toResult(row, signals.get(`${row.index} ${row.scanId}`) ?? []), scanId: row.scanId }));
  }

  async putArtifact(artifact: Artifact): Promise<string> {
    const key = await this.artifacts.put(artifact);
    await insertArtifactRows(this.db, [artifact]);
    return key;
  }

  readArtifact(sha256: string): Promise<Buffer | null> {
    return this.artifacts.read(sha256);
  }

  artifactPath(sha256: string): string {
    return artifactKey(sha256);
  }

  async saveReference(platform: string, snapshot: PageSnapshot, artifacts: readonly Artifact[]): Promise<void> {
    for (const artifact of artifacts) await this.artifacts.put(artifact);
    await this.database.write(async (trx) => {
      await insertArtifactRows(trx, artifacts);
      await trx.insertInto('references_').values({ platform, capturedAt: snapshot.timings.finishedAt, json: JSON.stringify(snapshot) }).execute();
    });
  }

  async listReferences(): Promise<StoredReference[]> {
    const rows = await this.db
      .selectFrom('references_ as r')
      .select(['r.platform', 'r.capturedAt', 'r.json'])
      .where('r.id', '=', (eb) => eb.selectFrom('references_ as newer').select((e) => e.fn.max('newer.id').as('id')).whereRef('newer.platform', '=', 'r.platform'))
      .orderBy('r.platform')
      .execute();
    return rows.map((r) => {
      try {
        return { platform: r.platform, capturedAt: r.capturedAt, snapshot: JSON.parse(r.json) as PageSnapshot };
      } catch (err) {
        throw damagedReference(r.platform, r.capturedAt, this.location, errorMessage(err));
      }
    });
  }

  async snapshotsForHost(host: string): Promise<{ scanId: string; index: number; capturedAt: string; snapshot: PageSnapshot }[]> {
    const h = normaliseHost(host);
    if (h === null) return [];
    const rows = await this.db
      .selectFrom('snapshots')
      .select(['scanId', 'index', 'capturedAt', 'json'])
      .where('host', '=', h)
      .where('kind', '=', 'snapshot')
      .orderBy('capturedAt')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ scanId: r.scanId, index: r.index, capturedAt: r.capturedAt, snapshot: JSON.parse(r.json) as PageSnapshot }));
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    databases.delete(this);
    this.artifacts.close();
    await this.database.close();
  }

  private async toScans(rows: readonly ScanRow[]): Promise<ScanRecord[]> {
    if (rows.length === 0) return [];
    const targets = await this.db
      .selectFrom('targets')
      .select(['scanId', 'input'])
      .where(
        'scanId',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('scanId')
      .orderBy('index')
      .execute();
    const byScan = new Map<string, string[]>();
    for (const t of targets) {
      const list = byScan.get(t.scanId) ?? [];
      list.push(t.input);
      byScan.set(t.scanId, list);
    }
    return rows.map((row) => ({
      id: row.id,
      fingerprint: row.fingerprint,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      targets: byScan.get(row.id) ?? [],
      options: JSON.parse(row.optionsJson) as Record<string, unknown>,
    }));
  }
}

/** A reference capture that cannot be read: the detectors would compare against nothing, so the scan stops first. */
export function damagedReference(platform: string, capturedAt: string, location: string, why: string): StoreError {
  return new StoreError(
    `the reference capture of ${platform} (captured ${capturedAt}) in ${location} is damaged (${why}); run \`jianzhen references refresh\` with the same --db and NET options to capture it again`,
  );
}

/**
 * Records what stored artifacts are (idempotent: the first row of a hash stays). Rows go in hash order: two
 * PostgreSQL transactions saving results that share artifacts (a common favicon) then take their locks in
 * the same order and wait for each other instead of deadlocking.
 */
async function insertArtifactRows(db: Executor, artifacts: readonly Artifact[]): Promise<void> {
  if (artifacts.length === 0) return;
  const now = new Date().toISOString();
  const unique = [...new Map(artifacts.map((a) => [a.ref.sha256, a.ref])).values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  await db
    .insertInto('artifacts')
    .values(unique.map((ref) => ({ sha256: ref.sha256, mime: ref.mime, bytes: ref.bytes, createdAt: now })))
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

function toResult(row: ResultRow, signals: StoredSignal[]): TargetResult {
  const stored = row.json === null ? null : (JSON.parse(row.json) as unknown);
  return {
    index: row.index,
    input: row.input,
    url: row.url,
    finalUrl: row.finalUrl,
    host: row.host,
    registrableDomain: row.registrableDomain,
    verdict: row.verdict,
    score: row.score,
    platform: row.platform,
    signals,
    evidence: row.evidence,
    error: row.error,
    snapshot: row.kind === 'snapshot' ? (stored as PageSnapshot) : null,
    failure: row.kind === 'failure' ? (stored as CaptureFailure) : null,
    capturedAt: row.capturedAt,
    // Only results the funnel decided carry a stage; older rows read back exactly as they were saved.
    ...(row.stage === null ? {} : { stage: row.stage, stageReason: row.stageReason }),
  };
}

function toSignal(row: SignalRow): StoredSignal {
  return {
    id: row.id,
    score: row.score,
    weight: row.weight,
    detail: row.detail,
    ...(row.platform === null ? {} : { platform: row.platform }),
    ...(row.evidenceJson === null ? {} : { evidence: JSON.parse(row.evidenceJson) as Record<string, unknown> }),
    ...(row.messageJson === null ? {} : { message: JSON.parse(row.messageJson) as NonNullable<StoredSignal['message']> }),
  };
}
