/**
 * `jianzhen evidence key` and `evidence verify` as a receiving office uses them: export the public keys
 * once, then verify every packet against them (a packet carries its own keys, so a forger could re-sign).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJianzhen as run } from '../../../test/fixtures/cli.js';
import { writeTestPacket } from '../../../test/fixtures/signed-packet.js';
import { loadOrCreateKeys, sm2PublicKeyPem } from '../../reports/evidence/manifest.js';

const root = mkdtempSync(join(tmpdir(), 'jianzhen-evidence-cli-'));
const db = join(root, 'jianzhen.db');
let packet: string;

beforeAll(async () => {
  // The store's keys/ folder beside the database, as `evidence build` makes it.
  const keys = loadOrCreateKeys(join(root, 'keys'), { sm2: true });
  const files = [{ path: 'report.pdf', category: '提取报告', format: 'PDF', mime: 'application/pdf', data: Buffer.from('%PDF-1.4 x'), description: 'd' }];
  const written = await writeTestPacket({ outDir: root, id: 'JZ-cli', files, keys });
  packet = written.zipFile;
}, 300_000);

describe('jianzhen evidence key and verify', () => {
  it('exports the SM2 public key as PEM and pins the SM2 signer with --sm2-key', async () => {
    const exported = await run(['evidence', 'key', '--export', '--sm2', '--db', db]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const pem = join(root, 'sm2.pub.pem');
    writeFileSync(pem, exported.stdout);
    const ok = await run(['evidence', 'verify', packet, '--sm2-key', pem]);
    expect(ok.stdout).toMatch(/^OK JZ-cli: 1 files.*SM2 key SHA256:[0-9a-f]{64}\)$/m);
    expect(ok.code).toBe(0);

    const other = loadOrCreateKeys(join(root, 'other-keys'), { sm2: true });
    const otherPem = join(root, 'other.pub.pem');
    writeFileSync(otherPem, sm2PublicKeyPem(other.sm2!.publicKeyHex));
    const wrong = await run(['evidence', 'verify', packet, '--sm2-key', otherPem]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/SM2-signed by key SHA256:[0-9a-f]{64}, not by the trusted SM2 key SHA256:[0-9a-f]{64}/);
  }, 300_000);

  it('refuses an --sm2-key that is not an SM2 key, with the command that exports one', async () => {
    const ed = await run(['evidence', 'key', '--export', '--db', db]);
    const edPem = join(root, 'ed.pub.pem');
    writeFileSync(edPem, ed.stdout);
    const r = await run(['evidence', 'verify', packet, '--sm2-key', edPem]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sm2-key .*not an SM2 public key.*evidence key --export --sm2/);
    expect((await run(['evidence', 'verify', packet, '--key', edPem])).code).toBe(0);
  }, 300_000);

  it('refuses custody options a court could not read, before any work, naming the option', async () => {
    const r = await run(['evidence', 'build', '--site', 'cx-mem-gov.cn', '--db', db, '--exit-ip', 'our-office', '--case', ' ', '--extractor', '张伟\u0007']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--exit-ip our-office: not an IP address');
    expect(r.stderr).toContain('--case: empty');
    expect(r.stderr).toContain('--extractor: contains a control character');
  }, 300_000);

  it('documents the custody options in --help', async () => {
    const r = await run(['evidence', 'build', '--help']);
    for (const o of ['--extractor', '--witness', '--unit', '--place', '--case ', '--case-number', '--exit-ip']) expect(r.stdout).toContain(o);
  }, 300_000);
});
