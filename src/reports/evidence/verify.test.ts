/**
 * Verification of evidence packets without a browser: a packet of known files is written and signed,
 * then tampered with in each way a packet can be changed; every change must be caught and named.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTestPacket } from '../../../test/fixtures/signed-packet.js';
import { loadOrCreateKeys, readPacket, sm2KeyFingerprint, sm2PublicKeyHex, sm2PublicKeyPem, verifyPacket, type PendingFile, type SigningKeys } from './manifest.js';

let root: string;
let keys: SigningKeys;
let packetDir: string;
let zipFile: string;

const files: PendingFile[] = [
  { path: 'capture/page.html', category: '网页源代码', format: 'HTML', mime: 'text/html', data: Buffer.from('<html><body>假冒查询平台</body></html>'), description: 'd' },
  { path: 'stored/whois.txt', category: 'WHOIS', format: '文本', mime: 'text/plain', data: Buffer.from('Domain Name: cx-mem-gov.cn\n'), description: 'd' },
  { path: 'report.pdf', category: '提取报告', format: 'PDF', mime: 'application/pdf', data: Buffer.from('%PDF-1.4 fake'), description: 'd' },
];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(tmpdir(), 'jianzhen-verify-'));
  keys = loadOrCreateKeys(path.join(root, 'keys'), { sm2: true });
  const written = await writeTestPacket({ outDir: root, id: 'JZ-test', files, keys });
  packetDir = written.dir;
  zipFile = written.zipFile;
});

/** A fresh copy of the packet folder to tamper with. */
function copy(name: string): string {
  const dest = path.join(root, name);
  fs.cpSync(packetDir, dest, { recursive: true });
  return dest;
}

/** Verifies the packet at `where`, expecting it to fail with a problem that starts with each of `prefixes`. */
async function expectProblems(where: string, prefixes: readonly string[]): Promise<void> {
  const report = verifyPacket(await readPacket(where));
  expect(report.ok).toBe(false);
  for (const prefix of prefixes) expect(report.problems.some((p) => p.startsWith(prefix)), prefix).toBe(true);
}

describe('evidence packet verification', () => {
  it('passes an untouched packet, folder and ZIP, with both signatures', async () => {
    for (const where of [packetDir, zipFile]) {
      const report = verifyPacket(await readPacket(where));
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.signatures).toEqual(['Ed25519', 'SM2']);
      expect(report.filesChecked).toBe(files.length);
    }
  });

  it('creates the private keys with mode 0600 and reuses them on the next build', () => {
    const mode = fs.statSync(path.join(root, 'keys', 'evidence-ed25519.key')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(fs.statSync(path.join(root, 'keys', 'evidence-sm2.key')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeys(path.join(root, 'keys')).ed25519.fingerprint).toBe(keys.ed25519.fingerprint);
  });

  it('fails on a one-byte change to a file and names the file', async () => {
    const dir = copy('byte');
    const f = path.join(dir, 'capture', 'page.html');
    const bytes = fs.readFileSync(f);
    bytes[10] = bytes[10]! ^ 1;
    fs.writeFileSync(f, bytes);
    await expectProblems(dir, ['changed: capture/page.html SHA-256', 'changed: capture/page.html SM3']);
  });

  it('fails on a removed file', async () => {
    const dir = copy('removed');
    fs.rmSync(path.join(dir, 'stored', 'whois.txt'));
    expect(verifyPacket(await readPacket(dir)).problems).toEqual(['missing: stored/whois.txt']);
  });

  it('fails on an added file', async () => {
    const dir = copy('added');
    fs.writeFileSync(path.join(dir, 'extra.txt'), 'x');
    expect(verifyPacket(await readPacket(dir)).problems).toEqual(['added: extra.txt is not in the manifest']);
  });

  it('fails on an added empty folder, in a packet folder and in its ZIP', async () => {
    const dir = copy('empty-folder');
    fs.mkdirSync(path.join(dir, 'extra', 'deeper'), { recursive: true });
    expect(verifyPacket(await readPacket(dir)).problems).toEqual(['added: empty folder extra/ is not in the manifest']);
    const zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
    zip.folder('JZ-test/capture/empty');
    const tampered = path.join(root, 'empty-folder.zip');
    fs.writeFileSync(tampered, await zip.generateAsync({ type: 'nodebuffer' }));
    expect(verifyPacket(await readPacket(tampered)).problems).toEqual(['added: empty folder capture/empty/ is not in the manifest']);
  });

  it('names an entry beside the packet folder in a ZIP as outside the packet, and still checks the packet', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
    zip.file('readme-first.txt', 'x');
    zip.file('other/evil.exe', 'MZ');
    const tampered = path.join(root, 'outside.zip');
    fs.writeFileSync(tampered, await zip.generateAsync({ type: 'nodebuffer' }));
    const report = verifyPacket(await readPacket(tampered));
    expect(report.ok).toBe(false);
    expect(report.packetId).toBe('JZ-test');
    expect(report.signatures).toEqual(['Ed25519', 'SM2']);
    expect(report.problems).toEqual([
      'outside the packet folder JZ-test/: readme-first.txt is not part of the packet',
      'outside the packet folder JZ-test/: other/ is not part of the packet',
      'outside the packet folder JZ-test/: other/evil.exe is not part of the packet',
    ]);
  });

  it('names a ZIP entry that climbs out with .. as outside the packet', async () => {
    // JSZip cleans names when it writes them, so the entry's name is patched in the ZIP's bytes.
    const zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
    zip.file('JZ-test/AAAevil.txt', 'x');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const patched = Buffer.from(bytes.toString('latin1').replaceAll('JZ-test/AAAevil.txt', 'JZ-test/../evil.txt'), 'latin1');
    const tampered = path.join(root, 'climb.zip');
    fs.writeFileSync(tampered, patched);
    const report = verifyPacket(await readPacket(tampered));
    expect(report.problems).toEqual(['outside the packet folder JZ-test/: JZ-test/../evil.txt is not part of the packet']);
  });

  it('refuses a symbolic link inside a packet folder', async () => {
    const dir = copy('link');
    fs.symlinkSync('/etc/hostname', path.join(dir, 'stored', 'hostname'));
    expect(verifyPacket(await readPacket(dir)).problems).toEqual([
      'not a plain file: stored/hostname is a symbolic link; a packet holds plain files only',
    ]);
  });

  it('pins the SM2 signer to a trusted key exported as PEM, as the Ed25519 one', async () => {
    const pem = sm2PublicKeyPem(keys.sm2!.publicKeyHex);
    expect(sm2PublicKeyHex(pem)).toBe(keys.sm2!.publicKeyHex);
    const good = verifyPacket(await readPacket(packetDir), { trustedSm2KeyHex: sm2PublicKeyHex(pem) });
    expect(good.problems).toEqual([]);
    expect(good.sm2KeyFingerprint).toBe(sm2KeyFingerprint(keys.sm2!.publicKeyHex));
    const other = loadOrCreateKeys(path.join(root, 'other-sm2-keys'), { sm2: true });
    const pinned = verifyPacket(await readPacket(packetDir), { trustedSm2KeyHex: other.sm2!.publicKeyHex });
    expect(pinned.ok).toBe(false);
    expect(pinned.problems).toEqual([`SM2-signed by key ${good.sm2KeyFingerprint}, not by the trusted SM2 key ${sm2KeyFingerprint(other.sm2!.publicKeyHex)}`]);
    expect(() => sm2PublicKeyHex(keys.ed25519.publicKeyPem)).toThrow(/not an SM2 public key/);
  });

  it('exports an SM2 public key that openssl reads and verifies the manifest signature with', async (ctx) => {
    const pemFile = path.join(root, 'sm2.pub.pem');
    fs.writeFileSync(pemFile, sm2PublicKeyPem(keys.sm2!.publicKeyHex));
    const sigFile = path.join(root, 'sm2.sig.der');
    fs.writeFileSync(sigFile, Buffer.from(fs.readFileSync(path.join(packetDir, 'manifest.sm2.sig'), 'utf8').trim(), 'hex'));
    const run = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pemFile, '-rawin', '-digest', 'sm3', '-in', path.join(packetDir, 'manifest.json'),
      '-sigfile', sigFile, '-pkeyopt', 'distid:1234567812345678'], { encoding: 'utf8' });
    if (run.error) ctx.skip('openssl is not installed; the SM2 key round trip above still ran');
    expect(run.stdout).toMatch(/Signature Verified Successfully/);
  });

  it('fails on an edited manifest (a hash rewritten to match a changed file) through both signatures', async () => {
    const dir = copy('manifest');
    const f = path.join(dir, 'stored', 'whois.txt');
    fs.writeFileSync(f, 'Domain Name: someone-else.cn\n');
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const { digests } = await import('./manifest.js');
    const entry = m.files.find((x: { path: string }) => x.path === 'stored/whois.txt');
    Object.assign(entry, digests(fs.readFileSync(f)), { bytes: fs.statSync(f).size });
    fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    await expectProblems(dir, ['Ed25519 signature does not match', 'SM2 signature does not match']);
  });

  it('fails on a wrong signature, and on a packet re-signed by a key other than the trusted one', async () => {
    const dir = copy('sig');
    const other = loadOrCreateKeys(path.join(root, 'other-keys'));
    const { signManifest } = await import('./manifest.js');
    fs.writeFileSync(path.join(dir, 'manifest.sig'), `${signManifest(fs.readFileSync(path.join(dir, 'manifest.json')), other).ed25519}\n`);
    expect(verifyPacket(await readPacket(dir)).problems).toEqual([
      'Ed25519 signature does not match manifest.json: the manifest or manifest.sig was changed',
    ]);
    // The untouched packet checked against a different trusted key names the signer's fingerprint.
    const pinned = verifyPacket(await readPacket(packetDir), { trustedKeyPem: other.ed25519.publicKeyPem });
    expect(pinned.ok).toBe(false);
    expect(pinned.problems[0]).toMatch(/^signed by key SHA256:[0-9a-f]{64}, not by the trusted key/);
  });

  it('fails on a changed byte inside the ZIP', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
    zip.file('JZ-test/report.pdf', Buffer.from('%PDF-1.4 fakf'));
    const tampered = path.join(root, 'tampered.zip');
    fs.writeFileSync(tampered, await zip.generateAsync({ type: 'nodebuffer' }));
    const report = verifyPacket(await readPacket(tampered));
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      `changed: report.pdf SHA-256 is ${(await import('./manifest.js')).digests('%PDF-1.4 fakf').sha256}, the manifest says ${(await import('./manifest.js')).digests('%PDF-1.4 fake').sha256}`,
    );
  });
});

describe('signing keys on first use', () => {
  it('writes each public key from the private key kept on disk, mending one a racing build left behind', () => {
    // Two builds on first use each generate a pair; only one private key is kept (written exclusively), and the
    // other build's public half must not stay beside it.
    const dir = path.join(root, 'raced-keys');
    const kept = loadOrCreateKeys(dir, { sm2: true });
    const other = loadOrCreateKeys(path.join(root, 'raced-other'), { sm2: true });
    fs.writeFileSync(path.join(dir, 'evidence-ed25519.pub'), other.ed25519.publicKeyPem);
    fs.writeFileSync(path.join(dir, 'evidence-sm2.pub'), `${other.sm2!.publicKeyHex}\n`);
    const again = loadOrCreateKeys(dir, { sm2: true });
    expect(again.ed25519.fingerprint).toBe(kept.ed25519.fingerprint);
    expect(fs.readFileSync(path.join(dir, 'evidence-ed25519.pub'), 'utf8')).toBe(kept.ed25519.publicKeyPem);
    expect(fs.readFileSync(path.join(dir, 'evidence-sm2.pub'), 'utf8')).toBe(`${kept.sm2!.publicKeyHex}\n`);
    expect(fs.readdirSync(dir).sort()).toEqual(['evidence-ed25519.key', 'evidence-ed25519.pub', 'evidence-sm2.key', 'evidence-sm2.pub']);
  });
});
