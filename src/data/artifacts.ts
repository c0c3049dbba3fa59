/**
 * The content-addressed artifact store: bytes are named by their SHA-256 and never rewritten (DESIGN.md,
 * "Evidence is immutable"). Two backends behind one interface with the same keys: files under a folder
 * (`<root>/artifacts/ab/<sha256>`, the embedded default, beside the SQLite file) and an S3-compatible
 * bucket (`s3://bucket/prefix` → object `<prefix>/artifacts/ab/<sha256>`).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Artifact } from '../model/snapshot.js';
import { errorMessage } from '../errors.js';
import { processAlive } from '../files.js';
import { StoreError } from './store-error.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Checks that a string is a lower-case SHA-256 hex digest, so it can never escape the artifact folder. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) {
    throw new StoreError(`not a SHA-256 digest (64 lower-case hex characters): ${JSON.stringify(sha256)}`);
  }
}

/** The key of an artifact relative to the store's root: 'artifacts/ab/<sha256>'. */
export function artifactKey(sha256: string): string {
  assertSha256(sha256);
  return `artifacts/${sha256.slice(0, 2)}/${sha256}`;
}

/** Where artifacts live and how to reach them: a folder, or a bucket with its client settings. */
export type ArtifactLocation =
  | { readonly kind: 'file'; readonly root: string }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly prefix: string;
      readonly endpoint: string | null;
      readonly region: string | null;
      readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
    };

/** The one interface both backends implement. */
export interface ArtifactStore {
  /** A folder or s3://bucket/prefix, for messages. */
  readonly location: string;
  /**
   * Stores an artifact unless it is already there, and returns its key. The bytes are hashed first and a
   * mismatch with their name (or their stated size) is refused, so a name always proves its content.
   */
  put(artifact: Artifact): Promise<string>;
  /** The bytes of an artifact, or null when it was never stored; bytes that no longer hash to their name are an error. */
  read(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  close(): void;
}

/** Opens the artifact store at a location. */
export function openArtifactStore(location: ArtifactLocation): ArtifactStore {
  return location.kind === 'file' ? new FileArtifactStore(location.root) : new S3ArtifactStore(location);
}

/** Parses `s3://bucket/prefix` into bucket and prefix (no leading or trailing slash), or null for anything else. */
export function parseS3Url(url: string): { bucket: string; prefix: string } | null {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) return null;
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

function checkArtifact(artifact: Artifact): void {
  const { ref, data } = artifact;
  assertSha256(ref.sha256);
  const actual = sha256Of(data);
  if (actual !== ref.sha256) throw new StoreError(`artifact refused: its bytes hash to ${actual}, not ${ref.sha256}`);
  if (data.length !== ref.bytes) throw new StoreError(`artifact ${ref.sha256} refused: ${data.length} bytes, its reference says ${ref.bytes}`);
}

function checkRead(location: string, sha256: string, data: Buffer): Buffer {
  const actual = sha256Of(data);
  if (actual !== sha256) {
    throw new StoreError(`artifact ${sha256} in ${location} was altered: its bytes hash to ${actual}; restore it from a backup`);
  }
  return data;
}

const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Files named by hash under `<root>/artifacts/`. */
export class FileArtifactStore implements ArtifactStore {
  constructor(readonly root: string) {}

  get location(): string {
    return this.artifactDir;
  }

  get artifactDir(): string {
    return path.join(this.root, 'artifacts');
  }

  /**
   * Written to a temp file (in artifacts/.tmp), flushed, then renamed, so a reader never sees a partial file
   * even if the process dies mid-write; a write that fails removes its temp file.
   */
  async put(artifact: Artifact): Promise<string> {
    checkArtifact(artifact);
    const key = artifactKey(artifact.ref.sha256);
    const file = path.join(this.root, key);
    if (await exists(file)) return key;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const temp = path.join(await this.tempDir(), `${artifact.ref.sha256}.${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const handle = await fs.promises.open(temp, 'wx');
      try {
        await handle.writeFile(artifact.data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Another writer may have stored the same bytes meanwhile; renaming over identical content is harmless.
      await fs.promises.rename(temp, file);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw new StoreError(`cannot store artifact ${artifact.ref.sha256} in ${this.artifactDir}: ${errorMessage(err)}; check the disk and its permissions`, { cause: err });
    }
    return key;
  }

  private temps: Promise<string> | null = null;

  /**
   * The one folder temp files are written in (renamed from there into place, on the same file system). A
   * process killed mid-write leaves its temp file behind; the first write of the next process removes those of
   * processes that are gone — one folder to read, not the whole store.
   */
  private tempDir(): Promise<string> {
    this.temps ??= (async () => {
      const dir = path.join(this.artifactDir, '.tmp');
      await fs.promises.mkdir(dir, { recursive: true });
      for (const name of await fs.promises.readdir(dir)) {
        const pid = Number(/\.(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
        if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) await fs.promises.rm(path.join(dir, name), { force: true });
      }
      return dir;
    })().catch((err: unknown) => {
      this.temps = null; // a full disk now may have room at the next write
      throw err;
    });
    return this.temps;
  }

  async read(sha256: string): Promise<Buffer | null> {
    const file = path.join(this.root, artifactKey(sha256));
    try {
      return checkRead(this.artifactDir, sha256, await fs.promises.readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  has(sha256: string): Promise<boolean> {
    return exists(path.join(this.root, artifactKey(sha256)));
  }

  close(): void {}
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Objects in an S3-compatible bucket, path-style (most S3-compatible stores, government clouds' included,
 * and s3rver in the tests do not serve virtual-hosted bucket names). Checked before put, so an object is
 * never rewritten; the upload carries Content-MD5, so the server refuses bytes damaged on the way.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;
  private client: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | null = null;

  constructor(private readonly loc: Extract<ArtifactLocation, { kind: 's3' }>) {
    this.bucket = loc.bucket;
    this.prefix = loc.prefix;
    this.location = `s3://${loc.bucket}${loc.prefix ? `/${loc.prefix}` : ''}`;
  }

  /** The SDK is loaded on first use: a store on files never pays for it. */
  private sdk(): Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: this.newClient(sdk) }));
    return this.client;
  }

  private newClient(sdk: typeof import('@aws-sdk/client-s3')): S3Client {
    const loc = this.loc;
    return new sdk.S3Client({
      forcePathStyle: true,
      // Many S3-compatible servers have no region; the SDK needs one to sign.
      region: loc.region ?? 'us-east-1',
      ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
      ...(loc.credentials ? { credentials: loc.credentials } : {}),
      // The SDK's newer default checksums (CRC32 trailers) are not understood by every S3-compatible store.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  private key(sha256: string): string {
    const key = artifactKey(sha256);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  async put(artifact: Artifact): Promise<string> {
    checkArtifact(artifact);
    const key = artifactKey(artifact.ref.sha256);
    if (await this.has(artifact.ref.sha256)) return key;
    const { client, sdk } = await this.sdk();
    try {
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(artifact.ref.sha256),
          Body: artifact.data,
          ContentType: artifact.ref.mime,
          ContentLength: artifact.data.length,
          ContentMD5: createHash('md5').update(artifact.data).digest('base64'),
          Metadata: { sha256: artifact.ref.sha256 },
        }),
      );
    } catch (err) {
      throw this.failure(`store artifact ${artifact.ref.sha256}`, err);
    }
    return key;
  }

  async read(sha256: string): Promise<Buffer | null> {
    const { client, sdk } = await this.sdk();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      if (!out.Body) return null;
      return checkRead(this.location, sha256, Buffer.from(await out.Body.transformToByteArray()));
    } catch (err) {
      if (notFound(err)) return null;
      if (err instanceof StoreError) throw err;
      throw this.failure(`read artifact ${sha256}`, err);
    }
  }

  async has(sha256: string): Promise<boolean> {
    const { client, sdk } = await this.sdk();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw this.failure(`look up artifact ${sha256}`, err);
    }
  }

  close(): void {
    this.client?.then(({ client }) => client.destroy()).catch(() => undefined);
  }

  private failure(what: string, err: unknown): StoreError {
    return new StoreError(
      `cannot ${what} in ${this.location}: ${errorMessage(err)}; check the bucket, --artifacts-endpoint and the AWS_* credentials`,
      { cause: err },
    );
  }
}

function notFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
