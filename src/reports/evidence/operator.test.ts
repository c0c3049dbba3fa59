/**
 * `jianzhen evidence build --operator ID` as a case officer runs it, against the sandbox internet: one case
 * packet holding each member site's own packet and the linkage table, which `jianzhen evidence verify`
 * accepts — and refuses once any file of any site inside it changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJianzhen as run } from '../../../test/fixtures/cli.js';
import { fixtureStore } from '../../../test/fixtures/report-store.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { listEvidencePackets } from '../../data/reports.js';
import { saveOperators } from '../../data/operators.js';
import type { Store } from '../../data/store.js';
import type { SharedIdentifier } from '../../model/identifier.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { Manifest } from './manifest.js';

const OPERATOR = 'OP-5EED0001';
const WECHAT: SharedIdentifier = {
  kind: 'wechat',
  value: 'zscx_kf88',
  strength: 'strong',
  hosts: ['cx-mem-gov.cn', 'cx-mem-gov.ltd'],
  sightings: [
    { host: 'cx-mem-gov.cn', raw: '微信：zscx_kf88', where: { source: 'text', locator: '页面文字', snippet: '客服微信：zscx_kf88' } },
    { host: 'cx-mem-gov.ltd', raw: 'VX：ZSCX_KF88', where: { source: 'html', locator: 'div.kf-float', snippet: '客服VX：ZSCX_KF88' } },
  ],
};

let sandbox: Sandbox;
let store: Store;
let dir: string;
let out: { code: number | null; stdout: string; stderr: string };
let caseDir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ store, dir } = await fixtureStore());
  // A second site of the operator, as a scan stored it.
  await store.createScan({ id: 's3', fingerprint: 's3', targets: ['cx-mem-gov.ltd'], options: {} });
  await store.saveTargetResult(
    's3',
    {
      index: 0, input: 'cx-mem-gov.ltd', url: 'http://cx-mem-gov.ltd/', finalUrl: 'http://cx-mem-gov.ltd/', host: 'cx-mem-gov.ltd', registrableDomain: 'cx-mem-gov.ltd',
      verdict: 'counterfeit', score: 95, platform: 'mem-cx', signals: [], evidence: null, error: null, capturedAt: '2026-09-04T02:00:00.000Z', stage: 'render', stageReason: 'test',
      snapshot: pageSnapshot('http://cx-mem-gov.ltd/'),
    },
    [],
  );
  await saveOperators(store, { assigned: [{ id: OPERATOR, group: { members: ['cx-mem-gov.cn', 'cx-mem-gov.ltd'], links: [WECHAT], support: [] }, isNew: true }], merged: [], dissolved: [] });
  await store.close();
  out = await run([
    'evidence', 'build', '--operator', OPERATOR, '--db', path.join(dir, 'jianzhen.db'), '--proxy', sandbox.proxyUrl, '--dns', sandbox.dnsServer,
    '--case', '涉嫌伪造国家机关证件案', '--unit', '某市公安局网络安全保卫支队', '--extractor', '张伟', '--extractor', '李娜', '--actor', 'tester',
  ]);
  const id = out.stdout.split('\t')[0]!;
  caseDir = path.join(dir, 'evidence', id);
}, 1_800_000);

afterAll(async () => {
  await sandbox?.close();
});

describe('evidence build --operator', () => {
  it('builds one case packet of the operator and prints its id, operator, manifest hash and ZIP', () => {
    expect(out.stderr).not.toMatch(/jianzhen: .*failed/);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^JZ-\\d{8}T\\d{6}Z-op-5eed0001\\t${OPERATOR}\\t[0-9a-f]{64}\\t.+\\.zip\\n$`));
  });

  it("holds each site's own packet, the linkage table with the page evidence of each shared identifier, and a report", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(caseDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.subject).toMatchObject({ host: OPERATOR, operator: { id: OPERATOR, sites: ['cx-mem-gov.cn', 'cx-mem-gov.ltd'] } });
    const sitePackets = fs.readdirSync(path.join(caseDir, 'sites'));
    expect(sitePackets.map((p) => p.replace(/^JZ-\d{8}T\d{6}Z-/, '')).sort()).toEqual(['cx-mem-gov.cn', 'cx-mem-gov.ltd']);
    for (const p of sitePackets) expect(fs.existsSync(path.join(caseDir, 'sites', p, 'manifest.sig'))).toBe(true);
    const linkage = JSON.parse(fs.readFileSync(path.join(caseDir, 'linkage.json'), 'utf8'));
    expect(linkage.links[0]).toMatchObject({ kind: 'wechat', kindZh: '微信号', value: 'zscx_kf88', sites: ['cx-mem-gov.cn', 'cx-mem-gov.ltd'] });
    const evidence = linkage.links[0].evidence as { site: string; snippet: string; file: string }[];
    expect(evidence.map((g) => g.snippet)).toEqual(['客服微信：zscx_kf88', '客服VX：ZSCX_KF88']);
    for (const g of evidence) expect(fs.existsSync(path.join(caseDir, g.file)), g.file).toBe(true);
    const report = fs.readFileSync(path.join(caseDir, 'report.html'), 'utf8');
    expect(report).toContain('关联关系表');
    expect(report).toContain('涉嫌伪造国家机关证件案');
    expect(fs.readFileSync(path.join(caseDir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('records the case under the operator and each site packet under its site', async () => {
    const { openStore } = await import('../../data/store.js');
    const s = await openStore(path.join(dir, 'jianzhen.db'));
    try {
      const hosts = (await listEvidencePackets(s)).map((p) => p.host);
      expect(hosts).toEqual(expect.arrayContaining([OPERATOR.toLowerCase(), 'cx-mem-gov.cn', 'cx-mem-gov.ltd']));
    } finally {
      await s.close();
    }
  });

  it('verifies with jianzhen evidence verify, and fails once a file of a site inside it changes', async () => {
    const zip = out.stdout.trim().split('\t')[3]!;
    const ok = await run(['evidence', 'verify', zip]);
    expect(ok.stdout).toMatch(/^OK JZ-.*-op-5eed0001: \d+ files, SHA-256 and SM3 match/);
    expect(ok.code).toBe(0);
    expect((await run(['evidence', 'verify', caseDir])).code).toBe(0);
    const inner = fs.readdirSync(path.join(caseDir, 'sites'))[0]!;
    const victim = path.join(caseDir, 'sites', inner, 'stored', 'snapshot.json');
    fs.appendFileSync(victim, ' ');
    const bad = await run(['evidence', 'verify', caseDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`changed: sites/${inner}/stored/snapshot.json`);
  });

  it('refuses an unknown operator and --operator with --site, before any work', async () => {
    const db = path.join(dir, 'jianzhen.db');
    const unknown = await run(['evidence', 'build', '--operator', 'OP-00000000', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--operator OP-00000000: no such operator .*jianzhen operators list/);
    expect((await run(['evidence', 'build', '--operator', OPERATOR, '--site', 'cx-mem-gov.cn', '--db', db])).code).toBe(2);
  });
});
