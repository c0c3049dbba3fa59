import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JianzhenError } from '../errors.js';
import { artifactOf } from '../../test/fixtures/snapshots.js';
import { startS3, type S3Server } from '../../test/services/s3.js';
import { FileArtifactStore, openArtifactStore, parseS3Url, S3ArtifactStore, type ArtifactStore } from './artifacts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-artifacts-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('S3 artifact store (s3rver on loopback)', () => {
  let s3: S3Server;
  let store: ArtifactStore;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => {
    store?.close();
    await s3?.stop();
  });

  /** The file s3rver keeps an object's bytes in. */
  const objectFile = (key: string) => path.join(s3.directory, s3.bucket, `${key}._S3rver_object`);

  it('stores bytes under <prefix>/artifacts/ab/<sha256>, checks before it puts, and reads them back', async () => {
    store = openArtifactStore(s3.location('nightly/2026'));
    expect(store).toBeInstanceOf(S3ArtifactStore);
    expect(store.location).toBe(`s3://${s3.bucket}/nightly/2026`);
    const shot = artifactOf(Buffer.from('仿冒页面截图 '.repeat(500)), 'image/png');
    const sha = shot.ref.sha256;
    expect(await store.has(sha)).toBe(false);
    expect(await store.read(sha)).toBeNull();
    expect(await store.put(shot)).toBe(`artifacts/${sha.slice(0, 2)}/${sha}`);
    const file = objectFile(`nightly/2026/artifacts/${sha.slice(0, 2)}/${sha}`);
    expect(fs.readFileSync(file)).toEqual(shot.data);
    const mtime = fs.statSync(file).mtimeMs;
    // Never rewritten: a second put finds the object and leaves it alone.
    await new Promise((r) => setTimeout(r, 20));
    await store.put(shot);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(await store.has(sha)).toBe(true);
    expect(await store.read(sha)).toEqual(shot.data);
  });

  it('refuses bytes that do not hash to their name, and an object altered in the bucket', async () => {
    store = openArtifactStore(s3.location('tamper'));
    const good = artifactOf(Buffer.from('genuine evidence'));
    await expect(store.put({ ref: good.ref, data: Buffer.from('forged evidence!') })).rejects.toThrow(JianzhenError);
    await expect(store.put({ ref: { ...good.ref, bytes: 3 }, data: good.data })).rejects.toThrow(/bytes/);
    expect(await store.has(good.ref.sha256)).toBe(false);
    await store.put(good);
    fs.writeFileSync(objectFile(`tamper/artifacts/${good.ref.sha256.slice(0, 2)}/${good.ref.sha256}`), 'altered evidence');
    await expect(store.read(good.ref.sha256)).rejects.toThrow(/was altered/);
  });

  it('says which bucket it could not reach and what to check', async () => {
    const nowhere = openArtifactStore({ ...s3.location(), bucket: 'no-such-bucket' });
    const err = await nowhere.put(artifactOf(Buffer.from('x'))).catch((e: unknown) => e);
    nowhere.close();
    expect(err).toBeInstanceOf(JianzhenError);
    expect((err as Error).message).toMatch(/s3:\/\/no-such-bucket.*check the bucket, --artifacts-endpoint and the AWS_\* credentials/);
  });
});

describe('file artifact store', () => {
  it('refuses a file altered on disk when it is read', async () => {
    const store = new FileArtifactStore(dir);
    const a = artifactOf(Buffer.from('screenshot'));
    const key = await store.put(a);
    fs.writeFileSync(path.join(dir, key), 'something else');
    await expect(store.read(a.ref.sha256)).rejects.toThrow(/was altered/);
  });

  it('leaves no temp file behind when a write fails', async () => {
    // A real failing write: the child may write at most 4 KiB per file (ulimit -f), and ignores SIGXFSZ so
    // the write fails with EFBIG instead of killing it.
    const artifactsUrl = pathToFileURL(path.join(here, 'artifacts.ts')).href;
    const fixturesUrl = pathToFileURL(path.join(repoRoot, 'test', 'fixtures', 'snapshots.ts')).href;
    const script = path.join(dir, 'writer.mts');
    fs.writeFileSync(
      script,
      `import { FileArtifactStore } from ${JSON.stringify(artifactsUrl)};
       import { artifactOf } from ${JSON.stringify(fixturesUrl)};
       process.on('SIGXFSZ', () => undefined);
       const store = new FileArtifactStore(${JSON.stringify(dir)});
       await store.put(artifactOf(Buffer.from('small')));
       try {
         await store.put(artifactOf(Buffer.alloc(64 * 1024, 7)));
         process.stdout.write('stored\\n');
       } catch (err) {
         process.stdout.write('refused: ' + err.message + '\\n');
       }`,
    );
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('bash', ['-c', `ulimit -f 4 && exec "${process.execPath}" --import tsx "${script}"`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.on('error', reject);
      child.on('exit', () => resolve(text));
    });
    expect(out).toMatch(/^refused: cannot store artifact [0-9a-f]{64} in .*: .*check the disk/m);
    const files = fs.readdirSync(path.join(dir, 'artifacts'), { recursive: true }).map(String);
    expect(files.filter((f) => f.startsWith(`.tmp${path.sep}`))).toEqual([]);
    // The small artifact written before is intact; the big one is not there at all.
    expect(files.filter((f) => /[0-9a-f]{64}$/.test(f))).toHaveLength(1);
  });
});

describe('artifact locations', () => {
  it('parses s3://bucket/prefix and refuses what is not one', () => {
    expect(parseS3Url('s3://jianzhen-artifacts/nightly/')).toEqual({ bucket: 'jianzhen-artifacts', prefix: 'nightly' });
    expect(parseS3Url('s3://jianzhen')).toEqual({ bucket: 'jianzhen', prefix: '' });
    expect(parseS3Url('s3://UPPER/x')).toBeNull();
    expect(parseS3Url('http://x/y')).toBeNull();
  });
});

describe('temp files of artifact writes', () => {
  it('removes the temp files a killed process left behind, and keeps those of live ones', async () => {
    const tmp = path.join(dir, 'artifacts', '.tmp');
    fs.mkdirSync(tmp, { recursive: true });
    // A process that has exited: its pid is free, so its temp file is a leftover.
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid!));
    });
    const leftover = path.join(tmp, `${'a'.repeat(64)}.${dead}-0badc0de`);
    const writing = path.join(tmp, `${'b'.repeat(64)}.${process.pid}-0badc0de`);
    fs.writeFileSync(leftover, '');
    fs.writeFileSync(writing, '');
    const store = new FileArtifactStore(dir);
    const key = await store.put(artifactOf(Buffer.from('bytes'), 'text/plain'));
    expect(fs.existsSync(path.join(dir, key))).toBe(true);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(writing)).toBe(true);
    expect(fs.readdirSync(tmp)).toEqual([path.basename(writing)]);
  });
});
