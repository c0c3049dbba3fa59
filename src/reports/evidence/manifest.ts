/**
 * The evidence packet's manifest: the 电子数据清单 (every file with 类别, 文件格式 and its integrity values,
 * SHA-256 and SM3) and the 提取记录, signed with Ed25519 and optionally SM2. The signatures cover the exact
 * bytes of manifest.json, so any change to a file (its hash), to the list or to the record is detected.
 *
 * Why two hash functions: 法发〔2016〕22号 asks for a 完整性校验值 without naming the algorithm; SM3 (GB/T
 * 32905-2016) is the one Chinese forensic tools and courts use, SHA-256 the one every other tool reads.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import smCrypto from 'sm-crypto';
import { writeFileAtomic } from '../../files.js';

/** The manifest's own format name; a verifier refuses others. */
export const PACKET_FORMAT = 'jianzhen-evidence-packet/1';
export const MANIFEST_FILE = 'manifest.json';
export const ED25519_SIG_FILE = 'manifest.sig';
export const SM2_SIG_FILE = 'manifest.sm2.sig';
/** The SM2 signer identity (GM/T 0009-2012's default user id), written into the manifest for the verifier. */
export const SM2_USER_ID = '1234567812345678';

/** One line of the 电子数据清单. */
export interface ManifestFile {
  /** Path inside the packet, '/'-separated. */
  readonly path: string;
  /** 类别: what the file is evidence of (截图, 网页源代码, 视频, …). */
  readonly category: string;
  /** 文件格式: the format a reader needs to open it (PNG, HTML, MHTML, HAR (JSON), WebM, PDF, …). */
  readonly format: string;
  readonly mime: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly sm3: string;
  /** One sentence for the case officer. */
  readonly description: string;
}

/** A time given both ways, as the 提取记录 asks (UTC and Beijing time). */
export interface DualTime {
  readonly utc: string;
  readonly shanghai: string;
}

/**
 * Who extracted, for which case, before whom: the people of the 提取笔录. 法发〔2016〕22号 第七条: two or more
 * 侦查人员 extract; 第十四条: the 笔录 records the 案由 and is signed by them; 第十五条: a 见证人 witnesses, and
 * where none can, the 笔录 says so and the extraction is filmed (the packet's video).
 */
export interface Custody {
  /** 案由 */
  readonly caseCause: string | null;
  /** 案件编号 */
  readonly caseNumber: string | null;
  /** 提取单位 */
  readonly unit: string | null;
  /** 提取人（侦查人员）: from --extractor, else the user who built the packet (CLI --actor, console login). */
  readonly extractors: readonly string[];
  /** 见证人 */
  readonly witnesses: readonly string[];
}

/** Where the extraction was made: the unit's place and the network position the site saw. */
export interface VantagePoint {
  /** 提取地点 as the unit writes it (--place, else the unit's name); null when neither was given. */
  readonly place: string | null;
  /** The public address the site saw the visit come from (the exit of the network or of the proxy). */
  readonly publicAddress: string | null;
  /** How publicAddress is known: given by the officer (--exit-ip) or read from this machine's interfaces. */
  readonly publicAddressSource: string | null;
  readonly hostname: string;
  readonly proxy: string;
  readonly guardProxy: string | null;
}

/** One main-frame document of the visit: a hop of the redirect chain or the final page, with its server. */
export interface VisitedDocument {
  readonly url: string;
  readonly status: number;
  readonly location: string | null;
  readonly serverAddresses: readonly string[];
}

/** The 提取记录: enough for an investigator to reproduce the capture. */
export interface ExtractionRecord {
  readonly object: string;
  readonly url: string;
  readonly finalUrl: string | null;
  readonly resolvedIps: readonly string[];
  readonly dnsServer: string;
  readonly accessMethod: string;
  /** 提取状态: whether the site answered with a page of its own; when not, why. */
  readonly status: { readonly reachable: boolean; readonly text: '已访问' | '无法访问'; readonly reason: string | null };
  /** 访问经过: the redirect chain and the final page, each with the server that sent it. */
  readonly documents: readonly VisitedDocument[];
  readonly custody: Custody;
  readonly vantagePoint: VantagePoint;
  readonly tool: { readonly name: string; readonly version: string; readonly browser: string; readonly node: string };
  readonly startedAt: DualTime;
  readonly finishedAt: DualTime;
  readonly steps: readonly { readonly at: string; readonly step: string }[];
  readonly notes: readonly string[];
}

/** The verdict and the stored scan result the packet is about. */
export interface ManifestSubject {
  readonly host: string;
  readonly url: string | null;
  readonly registrableDomain: string | null;
  readonly platform: string | null;
  readonly verdict: string;
  readonly score: number;
  readonly scanId: string | null;
  readonly index: number | null;
  readonly capturedAt: string | null;
  /** A case packet of an operator (串并案): `host` is then the operator's id, and these are its sites. */
  readonly operator?: { readonly id: string; readonly sites: readonly string[] };
}

export interface Manifest {
  readonly format: typeof PACKET_FORMAT;
  readonly packetId: string;
  readonly createdAt: string;
  readonly subject: ManifestSubject;
  readonly extraction: ExtractionRecord;
  readonly files: readonly ManifestFile[];
  readonly signing: {
    readonly ed25519: { readonly publicKeyPem: string; readonly fingerprint: string; readonly signatureFile: string };
    readonly sm2?: { readonly publicKeyHex: string; readonly userId: string; readonly signatureFile: string };
  };
}

/** SHA-256 and SM3 of some bytes, lower-case hex. */
export function digests(data: Buffer | string): { sha256: string; sm3: string } {
  return { sha256: createHash('sha256').update(data).digest('hex'), sm3: createHash('sm3').update(data).digest('hex') };
}

/** The Ed25519 (and optional SM2) key pair that signs packets. */
export interface SigningKeys {
  readonly ed25519: { readonly privateKey: KeyObject; readonly publicKeyPem: string; readonly fingerprint: string };
  readonly sm2: { readonly privateKeyHex: string; readonly publicKeyHex: string } | null;
}

const ED_KEY = 'evidence-ed25519.key';
const ED_PUB = 'evidence-ed25519.pub';
const SM2_KEY = 'evidence-sm2.key';
const SM2_PUB = 'evidence-sm2.pub';

/** The fingerprint people compare by eye: SHA-256 of the public key's DER (SubjectPublicKeyInfo). */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('hex')}`;
}

// SubjectPublicKeyInfo of an SM2 key (RFC 5480 id-ecPublicKey with the SM2 curve, GB/T 35276 OID
// 1.2.156.10197.1.301) up to the uncompressed point: the form openssl and Chinese CA tools read.
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/** An SM2 public key (sm-crypto's uncompressed hex point, 04‖x‖y) as a PEM SubjectPublicKeyInfo. */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  const der = Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/**
 * Reads an SM2 public key given as exported (PEM) or as sm-crypto's hex point; throws a sentence when it
 * is neither.
 */
export function sm2PublicKeyHex(text: string): string {
  const t = text.trim();
  if (/^04[0-9a-f]{128}$/i.test(t)) return t.toLowerCase();
  const pem = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(t);
  const der = pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : null;
  if (der && der.length === SM2_SPKI_PREFIX.length + 65 && der.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX)) {
    return der.subarray(SM2_SPKI_PREFIX.length).toString('hex');
  }
  throw new Error('not an SM2 public key: expected the PEM of `jianzhen evidence key --export --sm2` or a 130-digit hex point starting 04');
}

/** The SM2 key's fingerprint, made as the Ed25519 one: SHA-256 of its SubjectPublicKeyInfo DER. */
export function sm2KeyFingerprint(publicKeyHex: string): string {
  const der = Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
  return `SHA256:${createHash('sha256').update(der).digest('hex')}`;
}

// The private key is written once with mode 0600 in a 0700 folder; 'wx' refuses to overwrite a key, so
// two builds racing on first use cannot leave packets signed by a key that no longer exists.
function writeSecret(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * Writes a public key file beside its private key, from the private key as stored: two builds racing on first use
 * generate two pairs but keep one private key (writeSecret), and each writes the public half of that one. Written
 * atomically and only when it differs, so a reader never sees half a key.
 */
function writePublic(file: string, text: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return;
  } catch {
    // missing: written below
  }
  writeFileAtomic(file, text);
}

/** Loads the signing keys from `dir` (the store's keys/ folder), creating them on first use. */
export function loadOrCreateKeys(dir: string, opts: { sm2?: boolean } = {}): SigningKeys {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const edKey = path.join(dir, ED_KEY);
  if (!fs.existsSync(edKey)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeSecret(edKey, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  }
  const privateKey = createPrivateKey(fs.readFileSync(edKey));
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  writePublic(path.join(dir, ED_PUB), publicKeyPem);
  let sm2: SigningKeys['sm2'] = null;
  if (opts.sm2) {
    const smKey = path.join(dir, SM2_KEY);
    if (!fs.existsSync(smKey)) writeSecret(smKey, `${smCrypto.sm2.generateKeyPairHex().privateKey}\n`);
    const privateKeyHex = fs.readFileSync(smKey, 'utf8').trim();
    sm2 = { privateKeyHex, publicKeyHex: smCrypto.sm2.getPublicKeyFromPrivateKey(privateKeyHex) };
    writePublic(path.join(dir, SM2_PUB), `${sm2.publicKeyHex}\n`);
  }
  return { ed25519: { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) }, sm2 };
}

/** The signatures of manifest bytes: Ed25519 as base64, SM2 (SM3 with the signer's Z value) as hex. */
export function signManifest(bytes: Buffer, keys: SigningKeys): { ed25519: string; sm2: string | null } {
  const ed25519 = sign(null, bytes, keys.ed25519.privateKey).toString('base64');
  const sm2 = keys.sm2
    ? smCrypto.sm2.doSignature(bytes, keys.sm2.privateKeyHex, { hash: true, der: true, publicKey: keys.sm2.publicKeyHex, userId: SM2_USER_ID })
    : null;
  return { ed25519, sm2 };
}

/** A packet to verify, as a folder or a ZIP: its file list and bytes. */
export interface PacketSource {
  readonly label: string;
  /** Every plain file inside the packet folder, by its '/'-separated path there. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Every folder inside the packet folder (a ZIP's folder entries, a folder's sub-folders), no trailing '/'. */
  readonly folders: ReadonlySet<string>;
  /** What is there but not inside the packet folder, or not a plain file: each a sentence for the report. */
  readonly strays: readonly string[];
}

/**
 * Reads a packet folder (every entry under it) or a ZIP. A ZIP's packet folder is the one holding
 * manifest.json (our ZIPs have one top folder, `<id>/`); an entry anywhere else, or one whose name climbs
 * out with '..', is a stray, never silently dropped and never taken for the packet.
 */
export async function readPacket(location: string): Promise<PacketSource> {
  const stat = fs.statSync(location);
  const files = new Map<string, Buffer>();
  const folders = new Set<string>();
  const strays: string[] = [];
  if (stat.isDirectory()) {
    const walk = (dir: string, prefix: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          folders.add(rel);
          walk(path.join(dir, entry.name), rel);
        } else if (entry.isFile()) files.set(rel, fs.readFileSync(path.join(dir, entry.name)));
        // A link may point anywhere on the machine: its target is no part of the packet.
        else strays.push(`not a plain file: ${rel} is a ${entry.isSymbolicLink() ? 'symbolic link' : 'special file'}; a packet holds plain files only`);
      }
    };
    walk(location, '');
    return { label: location, files, folders, strays };
  }
  const zip = await JSZip.loadAsync(fs.readFileSync(location));
  const entries = Object.values(zip.files);
  const homes = [...new Set(entries.filter((f) => !f.dir && /^([^/]+\/)?manifest\.json$/.test(f.name)).map((f) => f.name.slice(0, -MANIFEST_FILE.length)))].sort();
  const tops = new Set(entries.map((f) => `${f.name.split('/')[0]}/`));
  // The folder holding manifest.json; with none, the single top folder (so the report says manifest.json is missing).
  const root = homes.includes('') ? '' : (homes[0] ?? (tops.size === 1 && entries.every((f) => f.name.includes('/')) ? [...tops][0]! : ''));
  if (homes.length > 1) strays.push(`several folders hold a ${MANIFEST_FILE} (${homes.join(', ')}): only ${root} is checked; verify one packet per ZIP`);
  for (const f of entries) {
    const original = (f as { unsafeOriginalName?: string }).unsafeOriginalName ?? f.name;
    if (original !== f.name || !f.name.startsWith(root)) {
      strays.push(`outside the packet folder${root ? ` ${root}` : ''}: ${original} is not part of the packet`);
      continue;
    }
    const rel = f.name.slice(root.length).replace(/\/$/, '');
    if (rel === '') continue;
    if (f.dir) folders.add(rel);
    else files.set(rel, await f.async('nodebuffer'));
  }
  return { label: location, files, folders, strays };
}

/** What `verify` found: ok only when every hash and every signature holds and nothing was added or removed. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly packetId: string | null;
  readonly problems: readonly string[];
  readonly filesChecked: number;
  readonly signatures: readonly string[];
  readonly keyFingerprint: string | null;
  /** The SM2 signer's fingerprint, when the packet is SM2-signed. */
  readonly sm2KeyFingerprint: string | null;
}

/** The keys a receiving office trusts, as exported by `evidence key --export [--sm2]`. */
export interface TrustedKeys {
  /** Ed25519 public key, PEM. */
  readonly trustedKeyPem?: string;
  /** SM2 public key, as sm-crypto's hex point (sm2PublicKeyHex reads the exported PEM). */
  readonly trustedSm2KeyHex?: string;
}

/**
 * Verifies a packet: the manifest's signature(s) over its exact bytes, then every listed file's size,
 * SHA-256 and SM3, then that nothing was added (a file, an empty folder, an entry beside the packet
 * folder). A trusted key (an exported public key) additionally pins the signer, since a forger could
 * re-sign a changed packet with a key of their own.
 */
export function verifyPacket(source: PacketSource, opts: TrustedKeys = {}): VerifyReport {
  const problems: string[] = [...source.strays];
  const signatures: string[] = [];
  const manifestBytes = source.files.get(MANIFEST_FILE);
  if (!manifestBytes) {
    problems.push(`missing: ${MANIFEST_FILE}`);
    return { ok: false, packetId: null, problems, filesChecked: 0, signatures, keyFingerprint: null, sm2KeyFingerprint: null };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    if (manifest.format !== PACKET_FORMAT || !Array.isArray(manifest.files)) throw new Error(`not a ${PACKET_FORMAT} manifest`);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    problems.push(`${MANIFEST_FILE} is unreadable: ${why}`);
    return { ok: false, packetId: null, problems, filesChecked: 0, signatures, keyFingerprint: null, sm2KeyFingerprint: null };
  }

  const ed = manifest.signing?.ed25519;
  let fingerprint: string | null = null;
  const edSig = source.files.get(ed?.signatureFile ?? ED25519_SIG_FILE);
  if (!ed?.publicKeyPem) problems.push(`${MANIFEST_FILE} names no Ed25519 public key`);
  else if (!edSig) problems.push(`missing: ${ed.signatureFile ?? ED25519_SIG_FILE} (Ed25519 signature)`);
  else {
    try {
      fingerprint = keyFingerprint(ed.publicKeyPem);
      const good = verify(null, manifestBytes, createPublicKey(ed.publicKeyPem), Buffer.from(edSig.toString('utf8').trim(), 'base64'));
      if (good) signatures.push('Ed25519');
      else problems.push(`Ed25519 signature does not match ${MANIFEST_FILE}: the manifest or ${ed.signatureFile} was changed`);
    } catch (err) {
      problems.push(`Ed25519 signature cannot be checked: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (opts.trustedKeyPem && fingerprint !== keyFingerprint(opts.trustedKeyPem)) {
      problems.push(`signed by key ${fingerprint}, not by the trusted key ${keyFingerprint(opts.trustedKeyPem)}`);
    }
  }
  const sm2 = manifest.signing?.sm2;
  let sm2Fingerprint: string | null = null;
  if (!sm2 && opts.trustedSm2KeyHex) problems.push(`not SM2-signed, but an SM2 key (${sm2KeyFingerprint(opts.trustedSm2KeyHex)}) is trusted: the packet must carry ${SM2_SIG_FILE}`);
  if (sm2) {
    sm2Fingerprint = /^04[0-9a-f]{128}$/i.test(sm2.publicKeyHex ?? '') ? sm2KeyFingerprint(sm2.publicKeyHex) : null;
    if (opts.trustedSm2KeyHex && sm2.publicKeyHex?.toLowerCase() !== opts.trustedSm2KeyHex.toLowerCase()) {
      problems.push(`SM2-signed by key ${sm2Fingerprint ?? '(unreadable)'}, not by the trusted SM2 key ${sm2KeyFingerprint(opts.trustedSm2KeyHex)}`);
    }
    const sig = source.files.get(sm2.signatureFile);
    if (!sig) problems.push(`missing: ${sm2.signatureFile} (SM2 signature)`);
    else {
      let good = false;
      try {
        good = smCrypto.sm2.doVerifySignature(manifestBytes, sig.toString('utf8').trim(), sm2.publicKeyHex, { hash: true, der: true, userId: sm2.userId });
      } catch {
        good = false;
      }
      if (good) signatures.push('SM2');
      else problems.push(`SM2 signature does not match ${MANIFEST_FILE}: the manifest or ${sm2.signatureFile} was changed`);
    }
  }

  const listed = new Set<string>([MANIFEST_FILE, ed?.signatureFile ?? ED25519_SIG_FILE, ...(sm2 ? [sm2.signatureFile] : [])]);
  for (const f of manifest.files) {
    listed.add(f.path);
    const data = source.files.get(f.path);
    if (!data) {
      problems.push(`missing: ${f.path}`);
      continue;
    }
    const d = digests(data);
    if (data.length !== f.bytes) problems.push(`changed: ${f.path} is ${data.length} bytes, the manifest says ${f.bytes}`);
    if (d.sha256 !== f.sha256) problems.push(`changed: ${f.path} SHA-256 is ${d.sha256}, the manifest says ${f.sha256}`);
    if (d.sm3 !== f.sm3) problems.push(`changed: ${f.path} SM3 is ${d.sm3}, the manifest says ${f.sm3}`);
  }
  for (const name of source.files.keys()) if (!listed.has(name)) problems.push(`added: ${name} is not in the manifest`);
  // A folder is part of the packet only as the place of its files (listed or present); an empty one was
  // added (named once, at its top: the folders inside it are part of the same addition).
  const present = [...source.files.keys(), ...listed];
  const empty = new Set([...source.folders].filter((folder) => !present.some((p) => p.startsWith(`${folder}/`))));
  for (const folder of [...empty].sort()) {
    const parent = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : null;
    if (parent === null || !empty.has(parent)) problems.push(`added: empty folder ${folder}/ is not in the manifest`);
  }
  return {
    ok: problems.length === 0,
    packetId: manifest.packetId,
    problems,
    filesChecked: manifest.files.length,
    signatures,
    keyFingerprint: fingerprint,
    sm2KeyFingerprint: sm2Fingerprint,
  };
}

/** Formats a time in UTC and in Asia/Shanghai (UTC+8, no daylight saving) for the 提取记录. */
export function dualTime(d: Date): DualTime {
  const shanghai = new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
  return { utc: d.toISOString(), shanghai };
}

/** A file about to go into a packet. */
export interface PendingFile {
  readonly path: string;
  readonly category: string;
  readonly format: string;
  readonly mime: string;
  readonly data: Buffer;
  readonly description: string;
}

/** The manifest line of a file: its 类别, 文件格式, size and both integrity values. */
export function toManifestFile(f: PendingFile): ManifestFile {
  return { path: f.path, category: f.category, format: f.format, mime: f.mime, bytes: f.data.length, ...digests(f.data), description: f.description };
}

/**
 * Writes a packet: the files, manifest.json, its signature(s), as `<outDir>/<id>/` and `<outDir>/<id>.zip`
 * (whose single top folder is `<id>/`). The folder is written under a temporary name and renamed, so a
 * half-written packet never carries the final name.
 */
export async function writeSignedPacket(input: {
  outDir: string;
  id: string;
  createdAt: Date;
  subject: ManifestSubject;
  extraction: ExtractionRecord;
  files: readonly PendingFile[];
  keys: SigningKeys;
}): Promise<{ dir: string; zipFile: string; manifestBytes: Buffer; zipBytes: Buffer }> {
  const { outDir, id, keys } = input;
  const manifest: Manifest = {
    format: PACKET_FORMAT,
    packetId: id,
    createdAt: input.createdAt.toISOString(),
    subject: input.subject,
    extraction: input.extraction,
    files: input.files.map(toManifestFile),
    signing: {
      ed25519: { publicKeyPem: keys.ed25519.publicKeyPem, fingerprint: keys.ed25519.fingerprint, signatureFile: ED25519_SIG_FILE },
      ...(keys.sm2 ? { sm2: { publicKeyHex: keys.sm2.publicKeyHex, userId: SM2_USER_ID, signatureFile: SM2_SIG_FILE } } : {}),
    },
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const sigs = signManifest(manifestBytes, keys);
  const dir = path.join(outDir, id);
  if (fs.existsSync(dir)) throw new Error(`packet folder ${dir} already exists`);
  const tmpDir = `${dir}.partial`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  const zip = new JSZip();
  const put = (rel: string, data: Buffer): void => {
    const file = path.join(tmpDir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
    zip.file(`${id}/${rel}`, data, { date: input.createdAt });
  };
  for (const f of input.files) put(f.path, f.data);
  put(MANIFEST_FILE, manifestBytes);
  put(ED25519_SIG_FILE, Buffer.from(`${sigs.ed25519}\n`));
  if (sigs.sm2) put(SM2_SIG_FILE, Buffer.from(`${sigs.sm2}\n`));
  fs.renameSync(tmpDir, dir);
  const zipFile = `${dir}.zip`;
  const zipBytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  writeFileAtomic(zipFile, zipBytes);
  return { dir, zipFile, manifestBytes, zipBytes };
}
