import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { findChromium } from '../../crawler/browser.js';
import { audit } from '../../data/review.js';
import { UsageError, errorMessage } from '../../errors.js';
import { buildEvidencePacket, custodyProblems, loadOrCreateKeys, readPacket, sm2KeyFingerprint, sm2PublicKeyHex, sm2PublicKeyPem, verifyPacket, type CustodyOptions } from '../../reports/evidence/index.js';
import { actorOf, openExistingStore } from '../../reports/output.js';
import { allSiteRecords } from '../../reports/sites.js';
import { buildOperatorPacket } from '../../reports/evidence/operator.js';
import { launchEvidenceBrowser } from '../../pipeline/evidence.js';
import { getOperator } from '../../data/operators.js';
import { chooseSites, type RegisterCommand } from '../options.js';
import type { Store } from '../../data/store.js';

const VERDICTS = ['counterfeit', 'suspicious', 'benign', 'official', 'unreachable'];

interface BuildFlags {
  site?: string[];
  operator?: string;
  verdict?: string;
  out?: string;
  sm2?: boolean;
  actor?: string;
  timeout?: string;
  extractor?: string[];
  witness?: string[];
  unit?: string;
  place?: string;
  case?: string;
  caseNumber?: string;
  exitIp?: string;
  [k: string]: unknown;
}

/** The store's key folder: keys/ in its home (beside the SQLite file; .jianzhen/ for PostgreSQL). */
const keyDir = (home: string): string => path.join(home, 'keys');

/** The option each custody field comes from, for the error messages. */
const CUSTODY_OPTIONS = {
  extractors: '--extractor',
  witnesses: '--witness',
  unit: '--unit',
  place: '--place',
  caseCause: '--case',
  caseNumber: '--case-number',
  exitIp: '--exit-ip',
} as const;

const repeatable = (v: string, p: string[] = []): string[] => [...p, v];

async function buildCommand(flags: BuildFlags): Promise<number> {
  const config = loadConfig(flags);
  const sites = flags.site ?? [];
  if (flags.operator !== undefined && (sites.length > 0 || flags.verdict)) throw new UsageError('--operator builds one case packet of its sites: give it without --site or --verdict');
  if (flags.operator !== undefined && !/^OP-[0-9A-F]{8}(-\d+)?$/i.test(flags.operator)) throw new UsageError(`--operator ${flags.operator}: not an operator id (OP- and 8 hex digits; jianzhen operators list)`);
  if (sites.length === 0 && !flags.verdict && flags.operator === undefined) throw new UsageError('give --site HOST (repeatable), --verdict VERDICT or --operator ID');
  if (flags.verdict && !VERDICTS.includes(flags.verdict)) throw new UsageError(`--verdict ${flags.verdict}: expected one of ${VERDICTS.join(', ')}`);
  const timeoutMs = flags.timeout === undefined ? 30_000 : Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout ${flags.timeout}: expected seconds > 0`);
  const custody: CustodyOptions = {
    extractors: flags.extractor ?? [],
    witnesses: flags.witness ?? [],
    unit: flags.unit ?? null,
    place: flags.place ?? null,
    caseCause: flags.case ?? null,
    caseNumber: flags.caseNumber ?? null,
    exitIp: flags.exitIp ?? null,
  };
  const problems = custodyProblems(custody, CUSTODY_OPTIONS);
  if (problems.length) throw new UsageError(problems.join('; '));
  const chromiumPath = findChromium(config.chromium);
  const store = await openExistingStore(config.store);
  try {
    if (flags.operator !== undefined) return await buildCaseCommand(store, flags.operator.toUpperCase(), { flags, config, custody, timeoutMs, chromiumPath });
    const chosen = await chooseSites(store, { site: sites, verdict: flags.verdict });
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
            custody,
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

/** `evidence build --operator ID`: one case packet of an operator's sites (reports/evidence/operator.ts). */
async function buildCaseCommand(
  store: Store,
  id: string,
  o: { flags: BuildFlags; config: ReturnType<typeof loadConfig>; custody: CustodyOptions; timeoutMs: number; chromiumPath: string },
): Promise<number> {
  const op = await getOperator(store, id);
  if (!op || op.status !== 'active') {
    throw new UsageError(`--operator ${id}: no such operator in ${store.location}${op ? ` (it was ${op.status}${op.mergedInto ? ` into ${op.mergedInto}` : ''})` : ''}; jianzhen operators list shows them`);
  }
  const records = new Map((await allSiteRecords(store)).map((s) => [s.host, s]));
  const sites = op.members.map((m) => records.get(m.host)).filter((s) => s !== undefined);
  const outDir = path.resolve(o.flags.out ?? path.join(store.home, 'evidence'));
  fs.mkdirSync(outDir, { recursive: true });
  const keys = loadOrCreateKeys(keyDir(store.home), { sm2: o.flags.sm2 === true });
  const actor = actorOf(o.flags.actor);
  process.stderr.write(`evidence: case packet of ${op.id} (${sites.length} sites) → ${outDir}  (signing key ${keys.ed25519.fingerprint})\n`);
  const browser = await launchEvidenceBrowser(o.chromiumPath);
  try {
    const built = await buildOperatorPacket(store, browser, op, sites, {
      outDir,
      proxy: o.config.proxy,
      dns: o.config.dns,
      allowPrivate: o.config.allowPrivate,
      keys,
      actor,
      custody: o.custody,
      timeoutMs: o.timeoutMs,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    await audit(store, {
      actor,
      action: 'evidence.build.operator',
      subject: op.id,
      detail: { packetId: built.record.id, manifestSha256: built.record.manifestSha256, zip: built.zip, sites: built.sites.map((b) => ({ host: b.host, packetId: b.packet?.record.id ?? null, error: b.error })) },
    });
    for (const b of built.sites) if (b.error) process.stderr.write(`jianzhen: ${b.host}: no site packet (${b.error}); the case packet names it\n`);
    process.stdout.write(`${built.record.id}\t${op.id}\t${built.record.manifestSha256}\t${built.zip}\n`);
    return built.sites.every((b) => b.packet?.visitOk) ? 0 : 1;
  } finally {
    await browser.close();
  }
}

/** Reads a trusted key file given on the command line, or says which file and why not. */
function readKeyFile(option: string, file: string): string {
  if (!fs.existsSync(file)) throw new UsageError(`${option} ${file}: no such file; export the key with \`jianzhen evidence key --export${option === '--sm2-key' ? ' --sm2' : ''}\``);
  return fs.readFileSync(file, 'utf8');
}

async function verifyCommand(packet: string, flags: { key?: string; sm2Key?: string; json?: boolean }): Promise<number> {
  if (!fs.existsSync(packet)) throw new UsageError(`${packet}: no such packet folder or ZIP`);
  const trustedKeyPem = flags.key ? readKeyFile('--key', flags.key) : undefined;
  let trustedSm2KeyHex: string | undefined;
  if (flags.sm2Key) {
    try {
      trustedSm2KeyHex = sm2PublicKeyHex(readKeyFile('--sm2-key', flags.sm2Key));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--sm2-key ${flags.sm2Key}: ${errorMessage(err)}`);
    }
  }
  let report;
  try {
    report = verifyPacket(await readPacket(packet), { trustedKeyPem, trustedSm2KeyHex });
  } catch (err) {
    throw new UsageError(`${packet}: not a readable packet (${errorMessage(err)})`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.ok) {
    const sm2 = report.sm2KeyFingerprint ? `, SM2 key ${report.sm2KeyFingerprint}` : '';
    process.stdout.write(`OK ${report.packetId}: ${report.filesChecked} files, SHA-256 and SM3 match; signatures ${report.signatures.join(' + ')} valid (key ${report.keyFingerprint}${sm2})\n`);
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
    .option('--site <host>', 'a site (host) with stored results; repeatable', repeatable)
    .option('--verdict <verdict>', 'every site whose newest live verdict is this (e.g. counterfeit)')
    .option('--operator <id>', "one case packet of an operator (jianzhen operators list): each of its sites' packet inside, plus the linkage table")
    .option('--out <dir>', 'folder for the packets (default: evidence/ beside the store)')
    .option('--sm2', 'add an SM2 signature (GM/T 0003) beside Ed25519')
    .option('--actor <name>', 'who builds it, for the audit log (default: the OS user); also the 提取人 unless --extractor is given')
    .option('--extractor <name>', '提取人（侦查人员）printed on the PDF and signed into the manifest; repeatable (two or more extract)', repeatable)
    .option('--witness <name>', '见证人; repeatable (none: the PDF says the extraction was filmed)', repeatable)
    .option('--unit <name>', '提取单位, e.g. "某市公安局网安支队"')
    .option('--place <address>', '提取地点 (default: the unit)')
    .option('--case <text>', '案由, e.g. "涉嫌伪造国家机关证件案"')
    .option('--case-number <id>', '案件编号')
    .option('--exit-ip <address>', "the public address the site sees the visit come from (the network's or the proxy's exit), for the 提取地点")
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
    .option('--key <pem>', 'the trusted Ed25519 public key (from `evidence key --export`); the signer must be this key')
    .option('--sm2-key <pem>', 'the trusted SM2 public key (from `evidence key --export --sm2`); the packet must be SM2-signed by this key')
    .option('--json', 'print the verification report as JSON')
    .action(async (packet: string, flags: { key?: string; sm2Key?: string; json?: boolean }) => setExit(await verifyCommand(packet, flags)));
  evidence
    .command('key')
    .description('the packet signing keys of a store (created on first use): fingerprints, or a public key to hand to the receiving office')
    .option('--export', 'print the Ed25519 public key (PEM)')
    .option('--sm2', 'the SM2 key instead: with --export its public key as PEM (SubjectPublicKeyInfo, SM2 curve; openssl reads it)')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store postgres://… (or $JIANZHEN_DATABASE); the key stays in .jianzhen/keys')
    .action((flags: { export?: boolean; sm2?: boolean; db?: string; database?: string }) => {
      const config = loadConfig(flags);
      const keys = loadOrCreateKeys(keyDir(config.store.home ?? path.dirname(config.db)), { sm2: flags.sm2 === true });
      if (keys.sm2) process.stdout.write(flags.export ? sm2PublicKeyPem(keys.sm2.publicKeyHex) : `${sm2KeyFingerprint(keys.sm2.publicKeyHex)}\n`);
      else process.stdout.write(flags.export ? keys.ed25519.publicKeyPem : `${keys.ed25519.fingerprint}\n`);
      setExit(0);
    });
};
