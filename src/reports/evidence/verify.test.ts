/**
 * Verification of evidence packets without a browser: a packet of known files is written and signed,
 * then tampered with in each way a packet can be changed; every change must be caught and named.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { dualTime, loadOrCreateKeys, readPacket, verifyPacket, writeSignedPacket, type PendingFile, type SigningKeys } from './manifest.js';

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
  const at = new Date('2026-09-03T10:00:00Z');
  const written = await writeSignedPacket({
    outDir: root,
    id: 'JZ-test',
    createdAt: at,
    subject: { host: 'cx-mem-gov.cn', url: 'http://cx-mem-gov.cn/', registrableDomain: 'cx-mem-gov.cn', platform: 'mem-cx', verdict: 'counterfeit', score: 90, scanId: 's', index: 0, capturedAt: at.toISOString() },
    extraction: {
      object: 'cx-mem-gov.cn', url: 'http://cx-mem-gov.cn/', finalUrl: 'http://cx-mem-gov.cn/', resolvedIps: ['103.145.87.12'], dnsServer: '127.0.0.1:53',
      accessMethod: 'test', vantagePoint: { hostname: 'h', proxy: 'direct', guardProxy: null },
      tool: { name: 'jianzhen', version: '0', browser: 'none', node: process.version },
      startedAt: dualTime(at), finishedAt: dualTime(at), steps: [], notes: [],
    },
    files,
    keys,
  });
  packetDir = written.dir;
  zipFile = written.zipFile;
});

/** A fresh copy of the packet folder to tamper with. */
function copy(name: string): string {
  const dest = path.join(root, name);
  fs.cpSync(packetDir, dest, { recursive: true });
  return dest;
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
    const report = verifyPacket(await readPacket(dir));
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.startsWith('changed: capture/page.html SHA-256'))).toBe(true);
    expect(report.problems.some((p) => p.startsWith('changed: capture/page.html SM3'))).toBe(true);
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

  it('fails on an edited manifest (a hash rewritten to match a changed file) through both signatures', async () => {
    const dir = copy('manifest');
    const f = path.join(dir, 'stored', 'whois.txt');
    fs.writeFileSync(f, 'Domain Name: someone-else.cn\n');
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const { digests } = await import('./manifest.js');
    const entry = m.files.find((x: { path: string }) => x.path === 'stored/whois.txt');
    Object.assign(entry, digests(fs.readFileSync(f)), { bytes: fs.statSync(f).size });
    fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    const report = verifyPacket(await readPacket(dir));
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.startsWith('Ed25519 signature does not match'))).toBe(true);
    expect(report.problems.some((p) => p.startsWith('SM2 signature does not match'))).toBe(true);
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
