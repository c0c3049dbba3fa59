import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { findChromium } from '../../crawler/browser.js';
import { audit } from '../../data/review.js';
import { UsageError, errorMessage } from '../../errors.js';
import { buildEvidencePacket, launchEvidenceBrowser, loadOrCreateKeys, readPacket, verifyPacket } from '../../reports/evidence/index.js';
import { actorOf, openExistingStore } from '../../reports/output.js';
import { allSiteRecords } from '../../reports/sites.js';
import type { RegisterCommand } from '../options.js';

const VERDICTS = ['counterfeit', 'suspicious', 'benign', 'official', 'unreachable'];

interface BuildFlags {
  site?: string[];
  verdict?: string;
  out?: string;
  sm2?: boolean;
  actor?: string;
  timeout?: string;
  [k: string]: unknown;
}

/** The store's key folder: keys/ in its home (beside the SQLite file; .jianzhen/ for PostgreSQL). */
const keyDir = (home: string): string => path.join(home, 'keys');

async function buildCommand(flags: BuildFlags): Promise<number> {
  const config = loadConfig(flags);
  const sites = flags.site ?? [];
  if (sites.length === 0 && !flags.verdict) throw new UsageError('give --site HOST (repeatable) or --verdict VERDICT');
  if (flags.verdict && !VERDICTS.includes(flags.verdict)) throw new UsageError(`--verdict ${flags.verdict}: expected one of ${VERDICTS.join(', ')}`);
  const timeoutMs = flags.timeout === undefined ? 30_000 : Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout ${flags.timeout}: expected seconds > 0`);
  const chromiumPath = findChromium(config.chromium);
  const store = await openExistingStore(config.store);
  try {
    const all = await allSiteRecords(store);
    const wanted = new Set(sites.map((h) => h.toLowerCase().replace(/\.+$/, '')));
    const unknown = [...wanted].filter((h) => !all.some((s) => s.host === h));
    if (unknown.length) throw new UsageError(`--site: no stored result for ${unknown.join(', ')} in ${store.location}`);
    const chosen = all.filter((s) => wanted.has(s.host) || (flags.verdict !== undefined && s.lastSeenAlive !== null && s.verdict === flags.verdict));
    if (chosen.length === 0) throw new UsageError(`no site with verdict ${flags.verdict} in ${store.location}`);
    const outDir = path.resolve(flags.out ?? path.join(store.home, 'evidence'));
    fs.mkdirSync(outDir, { recursive: true });
    const keys = loadOrCreateKeys(keyDir(store.home), { sm2: flags.sm2 === true });
    const actor = actorOf(flags.actor);
    process.stderr.write(`evidence: ${chosen.length} site(s) → ${outDir}  (signing key ${keys.ed25519.fingerprint})\n`);
    const browser = await launchEvidenceBrowser(chromiumPath);
    let failed = 0;
    try {
      for (const [i, site] of chosen.entries()) {
        try {
          const built = await buildEvidencePacket(store, browser, site, {
            outDir,
            proxy: config.proxy,
            dns: config.dns,
            allowPrivate: config.allowPrivate,
            keys,
            actor,
            timeoutMs,
            log: (line) => process.stderr.write(`[${i + 1}/${chosen.length}] ${line}\n`),
          });
          await audit(store, {
            actor,
            action: 'evidence.build',
            subject: site.host,
            detail: { packetId: built.record.id, manifestSha256: built.record.manifestSha256, zip: built.zip, zipSha256: built.record.zipSha256, visitOk: built.visitOk },
          });
          if (!built.visitOk) failed++;
          process.stdout.write(`${built.record.id}\t${site.host}\t${built.record.manifestSha256}\t${built.zip}${built.visitOk ? '' : `\tvisit failed: ${built.visitError}`}\n`);
        } catch (err) {
          failed++;
          process.stderr.write(`jianzhen: evidence for ${site.host} failed: ${errorMessage(err)}\n`);
        }
      }
    } finally {
      await browser.close();
    }
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function verifyCommand(packet: string, flags: { key?: string; json?: boolean }): Promise<number> {
  if (!fs.existsSync(packet)) throw new UsageError(`${packet}: no such packet folder or ZIP`);
  let trustedKeyPem: string | undefined;
  if (flags.key) {
    if (!fs.existsSync(flags.key)) throw new UsageError(`--key ${flags.key}: no such file`);
    trustedKeyPem = fs.readFileSync(flags.key, 'utf8');
  }
  let report;
  try {
    report = verifyPacket(await readPacket(packet), { trustedKeyPem });
  } catch (err) {
    throw new UsageError(`${packet}: not a readable packet (${errorMessage(err)})`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.ok) {
    process.stdout.write(`OK ${report.packetId}: ${report.filesChecked} files, SHA-256 and SM3 match; signatures ${report.signatures.join(' + ')} valid (key ${report.keyFingerprint})\n`);
  } else {
    process.stdout.write(`FAILED ${report.packetId ?? packet}: ${report.problems.length} problem(s)\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`);
  }
  return report.ok ? 0 : 1;
}

/**
 * `jianzhen evidence build|verify|key`: evidence packets for police — build signed packets from the
 * store plus a fresh recorded visit, verify a packet folder or ZIP, export the signing public key.
 */
export const registerEvidence: RegisterCommand = (program: Command, setExit) => {
  const evidence = program.command('evidence').description('signed evidence packets for police: build, verify, export the public key');
  evidence
    .command('build')
    .description('build a packet (folder + ZIP) per site: stored evidence plus a fresh recorded visit and a Chinese PDF summary')
    .option('--site <host>', 'a site (host) with stored results; repeatable', (v: string, p: string[] = []) => [...p, v])
    .option('--verdict <verdict>', 'every site whose newest live verdict is this (e.g. counterfeit)')
    .option('--out <dir>', 'folder for the packets (default: evidence/ beside the store)')
    .option('--sm2', 'add an SM2 signature (GM/T 0003) beside Ed25519')
    .option('--actor <name>', 'who builds it, for the audit log (default: the OS user)')
    .option('--timeout <seconds>', 'page load bound for the fresh visit', '30')
    .option('--proxy <url>', 'send the visit through this HTTP proxy')
    .option('--dns <host:port>', 'resolver for the address check and the resolved-IP record')
    .option('--whois <host:port>', 'accepted for symmetry with scan; the packet uses the stored WHOIS')
    .option('--allow-private', 'allow sites that resolve to loopback, private or link-local addresses')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store postgres://… (or $JIANZHEN_DATABASE) instead of the SQLite file')
    .option('--artifacts <s3-url|dir>', 'artifact store: s3://BUCKET/PREFIX or a folder (default: beside the SQLite file)')
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3)')
    .option('--chromium <path>', 'Chromium binary')
    .action(async (flags: BuildFlags) => setExit(await buildCommand(flags)));
  evidence
    .command('verify')
    .description('check every file hash (SHA-256, SM3) and the signature(s) of a packet; exit 1 on any change')
    .argument('<packet>', 'a packet folder or its ZIP')
    .option('--key <pem>', 'the trusted public key (from `evidence key --export`); the signer must be this key')
    .option('--json', 'print the verification report as JSON')
    .action(async (packet: string, flags: { key?: string; json?: boolean }) => setExit(await verifyCommand(packet, flags)));
  evidence
    .command('key')
    .description('the packet signing key of a store (created on first use)')
    .option('--export', 'print the Ed25519 public key (PEM)')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store postgres://… (or $JIANZHEN_DATABASE); the key stays in .jianzhen/keys')
    .action((flags: { export?: boolean; db?: string; database?: string }) => {
      const config = loadConfig(flags);
      const keys = loadOrCreateKeys(keyDir(config.store.home ?? path.dirname(config.db)));
      if (flags.export) process.stdout.write(keys.ed25519.publicKeyPem);
      else process.stdout.write(`${keys.ed25519.fingerprint}\n`);
      setExit(0);
    });
};
