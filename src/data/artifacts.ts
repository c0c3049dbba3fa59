/**
 * The content-addressed artifact store on the local file system: bytes are named by their SHA-256
 * and never rewritten (DESIGN.md, "Evidence is immutable"). An S3-compatible backend implements the
 * same three operations with the same relative keys.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Artifact } from '../model/snapshot.js';
import { StoreError } from './store-error.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Checks that a string is a lower-case SHA-256 hex digest, so it can never escape the artifact folder. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) {
    throw new StoreError(`not a SHA-256 digest (64 lower-case hex characters): ${JSON.stringify(sha256)}`);
  }
}

/** The key of an artifact relative to the store's folder: 'artifacts/ab/<sha256>'. */
export function artifactKey(sha256: string): string {
  assertSha256(sha256);
  return `artifacts/${sha256.slice(0, 2)}/${sha256}`;
}

/** Files named by hash under `<root>/artifacts/`. */
export class FileArtifactStore {
  constructor(readonly root: string) {}

  get artifactDir(): string {
    return path.join(this.root, 'artifacts');
  }

  /**
   * Writes an artifact if it is not there yet and returns its key. The bytes are hashed first and a
   * mismatch is refused, so a name always proves its content. Written to a temp file, flushed, then
   * renamed, so a reader never sees a partial file even if the process dies mid-write.
   */
  put(artifact: Artifact): string {
    const { ref, data } = artifact;
    const key = artifactKey(ref.sha256);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== ref.sha256) {
      throw new StoreError(`artifact refused: its bytes hash to ${actual}, not ${ref.sha256}`);
    }
    if (data.length !== ref.bytes) {
      throw new StoreError(`artifact ${ref.sha256} refused: ${data.length} bytes, its reference says ${ref.bytes}`);
    }
    const file = path.join(this.root, key);
    if (fs.existsSync(file)) return key;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const fd = fs.openSync(temp, 'wx');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      // Another writer may have stored the same bytes meanwhile; renaming over identical content is harmless.
      fs.renameSync(temp, file);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw err;
    }
    return key;
  }

  /** The bytes of an artifact, or null when it was never stored. */
  read(sha256: string): Buffer | null {
    const file = path.join(this.root, artifactKey(sha256));
    try {
      return fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}
