/**
 * Validates jianzhen takedown exports against the official schemas, which the user downloads
 * (they are third-party files and are deliberately not part of this repository):
 *
 *   npx tsx scripts/validate-exports.ts --stix-schemas DIR --iodef-xsd DIR FILE...
 *
 *   FILE ending in .json  STIX 2.1 bundle (takedown.stix.json), validated with ajv.
 *   FILE ending in .xml   IODEF document (takedown.iodef.xml), validated with xmllint.
 *
 * Prints `ok` or every error for each file; exits 1 if any file has an error (or a schema folder
 * is unusable), 0 otherwise.
 *
 * Where to get the schemas
 * ------------------------
 * STIX 2.1 JSON Schemas (OASIS CTI TC, BSD-3-Clause):
 *   https://github.com/oasis-open/cti-stix2-json-schemas — the default branch holds the 2.1
 *   schemas (draft 2020-12, or draft-07 in older 2.1 snapshots); the STIX 2.0 ones (draft-04,
 *   bundle with spec_version) are on another branch and are refused here. Pass the clone (or its
 *   `schemas/` folder) as --stix-schemas. Every object is validated against the schema of its type
 *   (schemas/sdos, sros, observables, common), as the OASIS stix2-validator does, and the bundle
 *   against schemas/common/bundle.json, which $refs every type schema, so the folder must be complete.
 *
 * IODEF XML Schemas (IETF):
 *   RFC 5070 §8 "The IODEF Schema" (namespace urn:ietf:params:xml:ns:iodef-1.0), saved e.g. as
 *   iodef-1.0.xsd: https://www.rfc-editor.org/rfc/rfc5070#section-8
 *   RFC 5901 "Extensions to the IODEF-Document Class for Reporting Phishing", its schema section
 *   (the PhraudReport elements jianzhen puts in AdditionalData): https://www.rfc-editor.org/rfc/rfc5901
 *   Strip the RFC page headers/footers from the copied text. Put the .xsd files in one folder and pass
 *   it as --iodef-xsd; every .xsd there is imported by its targetNamespace. Without the RFC 5901 schema,
 *   the phishing extension is only checked laxly (RFC 5070 declares AdditionalData as xs:any
 *   processContents="lax"), and the script says so.
 *   IODEF validation runs `xmllint --noout --schema` (Debian/Ubuntu: apt-get install libxml2-utils);
 *   when xmllint is not on PATH, .xml files are reported as not validated and count as errors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { domainToASCII, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

interface Args {
  stixSchemas: string | undefined;
  iodefXsd: string | undefined;
  files: string[];
}

interface FileResult {
  errors: string[];
  notes: string[];
}

/** The command line, parsed by commander like jianzhen's own. */
function parseArgs(argv: readonly string[]): Args {
  const program = new Command('validate-exports')
    .description('validate jianzhen takedown exports (STIX 2.1 .json, IODEF .xml) against the official schemas')
    .option('--stix-schemas <dir>', 'clone of https://github.com/oasis-open/cti-stix2-json-schemas (STIX 2.1) or its schemas/ folder')
    .option('--iodef-xsd <dir>', 'folder with the RFC 5070 (and optionally RFC 5901) .xsd files')
    .argument('<file...>', '.json STIX bundles and/or .xml IODEF documents')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .parse([...argv], { from: 'user' });
  const opts = program.opts<{ stixSchemas?: string; iodefXsd?: string }>();
  return { stixSchemas: opts.stixSchemas, iodefXsd: opts.iodefXsd, files: program.args };
}

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- STIX 2.1 (ajv)

interface StixValidator {
  bundle: ValidateFunction;
  byType: Map<string, ValidateFunction>;
  draft: string;
}

/** The folder that holds common/bundle.json: DIR itself or DIR/schemas. */
function stixSchemaRoot(dir: string): string {
  for (const root of [dir, join(dir, 'schemas')]) {
    if (existsSync(join(root, 'common', 'bundle.json'))) return root;
  }
  throw new Error(`${dir}: no common/bundle.json or schemas/common/bundle.json (expected a cti-stix2-json-schemas checkout)`);
}

function loadStix(dir: string): StixValidator {
  const root = stixSchemaRoot(dir);
  const files = walk(root, '.json');
  const schemas = files.map((file) => {
    let schema: Record<string, unknown>;
    try {
      schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`${file}: not JSON (${(e as Error).message})`);
    }
    // Relative $refs ("../common/core.json") resolve against $id; give files without one a file: URL.
    if (typeof schema.$id !== 'string') schema = { ...schema, $id: pathToFileURL(file).href };
    return { file, rel: relative(root, file).split('\\').join('/'), schema };
  });
  const bundleEntry = schemas.find((s) => s.rel === 'common/bundle.json')!;
  const draft = String(bundleEntry.schema.$schema ?? '');
  const bundleProps = (bundleEntry.schema.properties ?? {}) as Record<string, unknown>;
  if (draft.includes('draft-04') || 'spec_version' in bundleProps) {
    throw new Error(`${bundleEntry.file}: this is the STIX 2.0 bundle schema (${draft || 'no $schema'}); use the STIX 2.1 schemas`);
  }
  // unicodeRegExp: false — the OASIS patterns use escapes such as `\-` outside a character class,
  // which are fine in plain ECMA-262 regexps but rejected under the `u` flag ajv uses by default.
  const opts = { allErrors: true, strict: false, validateSchema: false, unicodeRegExp: false } as const;
  const ajv = draft.includes('2020-12') ? new Ajv2020.default(opts) : new Ajv.default(opts);
  addFormats.default(ajv);
  // ajv-formats has no idn-hostname (used by observables/domain-name.json): check the
  // IDNA-converted name as an RFC 1123 hostname, which is what the format means.
  ajv.addFormat('idn-hostname', (value: string) => {
    const ascii = domainToASCII(value);
    return ascii !== '' && ascii.length <= 253 &&
      ascii.split('.').every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
  });
  for (const s of schemas) {
    try {
      ajv.addSchema(s.schema);
    } catch (e) {
      throw new Error(`${s.file}: ${(e as Error).message}`);
    }
  }
  const compile = (s: (typeof schemas)[number]): ValidateFunction => {
    try {
      return ajv.getSchema(String(s.schema.$id))!;
    } catch (e) {
      const missing = (e as { missingSchema?: string }).missingSchema;
      throw new Error(`${s.file}: cannot compile${missing ? `, missing referenced schema ${missing}` : ''}: ${(e as Error).message}`);
    }
  };
  const byType = new Map<string, ValidateFunction>();
  for (const s of schemas) {
    const m = /^(sdos|sros|observables|common)\/([a-z0-9-]+)\.json$/.exec(s.rel);
    if (!m) continue;
    // In common/ only the top-level objects (marking-definition, language-content, …): they pin
    // `type` to their own name; the rest there are shared definitions (core, timestamp, …).
    if (m[1] === 'common' && !JSON.stringify(s.schema).includes(`"enum":["${m[2]}"]`)) continue;
    byType.set(m[2]!, compile(s));
  }
  return { bundle: compile(bundleEntry), byType, draft: draft || 'draft-07 (no $schema)' };
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const params = e.params as Record<string, unknown>;
  let detail = e.message ?? e.keyword;
  if (e.keyword === 'additionalProperties') detail += `: ${String(params.additionalProperty)}`;
  if (e.keyword === 'enum') detail += `: ${JSON.stringify(params.allowedValues)}`;
  if (e.keyword === 'const') detail += `: ${JSON.stringify(params.allowedValue)}`;
  return `${where}: ${detail} [${e.schemaPath}]`;
}

/** Drops the noise of combinators (anyOf/oneOf/if) when a concrete error explains the failure. */
function concreteErrors(errors: ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => !['anyOf', 'oneOf', 'allOf', 'if', 'not'].includes(e.keyword));
  return concrete.length > 0 ? concrete : errors;
}

function validateStix(file: string, v: StixValidator): FileResult {
  const res: FileResult = { errors: [], notes: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    res.errors.push(`not JSON: ${(e as Error).message}`);
    return res;
  }
  const bundle = doc as { type?: unknown; objects?: unknown };
  const objects: unknown[] = Array.isArray(bundle.objects) ? bundle.objects : [];
  // Per object, against the schema of its type (what the OASIS validator does).
  const badObjects = new Set<number>();
  objects.forEach((obj, i) => {
    const o = obj as { type?: unknown; id?: unknown };
    const label = `objects[${i}] ${typeof o.id === 'string' ? o.id : `(type ${String(o.type)})`}`;
    const validate = typeof o.type === 'string' ? v.byType.get(o.type) : undefined;
    if (!validate) {
      res.notes.push(`${label}: no schema for type ${JSON.stringify(o.type)} in the schema folder (custom object?), checked only by bundle.json`);
      return;
    }
    if (!validate(obj)) {
      badObjects.add(i);
      for (const e of concreteErrors(validate.errors ?? [])) res.errors.push(`${label}: ${describe(e)}`);
    }
  });
  // The bundle envelope. Failures inside objects already reported above are not repeated; an
  // object that fails only here (e.g. a custom type) gets one line, not one per anyOf/oneOf branch.
  if (!v.bundle(doc)) {
    const envelope: ErrorObject[] = [];
    const perObject = new Set<number>();
    for (const e of v.bundle.errors ?? []) {
      const m = /^\/objects\/(\d+)/.exec(e.instancePath);
      if (!m) envelope.push(e);
      else if (!badObjects.has(Number(m[1]))) perObject.add(Number(m[1]));
    }
    for (const e of concreteErrors(envelope)) res.errors.push(`bundle: ${describe(e)}`);
    for (const i of [...perObject].sort((a, b) => a - b)) {
      const o = objects[i] as { type?: unknown; id?: unknown };
      res.errors.push(`bundle: objects[${i}] ${String(o.id ?? `(type ${String(o.type)})`)}: matches no alternative of common/bundle.json properties.objects.items (anyOf/oneOf)`);
    }
    if (envelope.length === 0 && perObject.size === 0 && badObjects.size === 0) res.errors.push('bundle: does not match common/bundle.json');
  }
  res.notes.push(`${objects.length} objects checked against ${v.byType.size} type schemas (${v.draft})`);
  return res;
}

// ---------------------------------------------------------------- IODEF (xmllint)

interface IodefSchemas {
  schemaFile: string;
  namespaces: Map<string, string>;
  cleanup: () => void;
}

function targetNamespace(xsd: string): string | undefined {
  const head = readFileSync(xsd, 'utf8').slice(0, 4000);
  return /<(?:[A-Za-z_][\w.-]*:)?schema\b[^>]*\btargetNamespace\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
}

function loadIodef(dir: string): IodefSchemas {
  const namespaces = new Map<string, string>();
  for (const xsd of walk(dir, '.xsd')) {
    const ns = targetNamespace(xsd);
    if (ns && !namespaces.has(ns)) namespaces.set(ns, resolve(xsd));
  }
  if (![...namespaces.keys()].some((ns) => /^urn:ietf:params:xml:ns:iodef-\d/.test(ns))) {
    throw new Error(`${dir}: no .xsd with an IODEF targetNamespace (urn:ietf:params:xml:ns:iodef-1.0, RFC 5070 §8)`);
  }
  if (namespaces.size === 1) {
    return { schemaFile: [...namespaces.values()][0]!, namespaces, cleanup: () => {} };
  }
  // Several namespaces (IODEF + RFC 5901 phishing extension): a wrapper that imports them all.
  const tmp = mkdtempSync(join(tmpdir(), 'jianzhen-xsd-'));
  const imports = [...namespaces].map(
    ([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${pathToFileURL(file).href}"/>`,
  );
  const wrapper = join(tmp, 'wrapper.xsd');
  writeFileSync(wrapper, `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports.join('\n')}\n</xs:schema>\n`);
  return { schemaFile: wrapper, namespaces, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).error === undefined;
}

function validateIodef(file: string, s: IodefSchemas): FileResult {
  const res: FileResult = { errors: [], notes: [] };
  const text = readFileSync(file, 'utf8');
  const used = new Set([...text.matchAll(/\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!));
  for (const ns of used) {
    if (!s.namespaces.has(ns)) {
      res.notes.push(`no schema for namespace ${ns}: its elements are only checked laxly (AdditionalData is xs:any processContents="lax")`);
    }
  }
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', s.schemaFile, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = `${run.stderr}${run.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const l of lines) {
    if (l === `${file} validates`) continue;
    if (/fails to validate$/.test(l)) continue;
    if (/^warning:|Skipping import of schema/.test(l)) {
      res.notes.push(l);
      continue;
    }
    res.errors.push(l.startsWith(file) ? l.slice(file.length).replace(/^:/, 'line ') : l);
  }
  if (run.status !== 0 && res.errors.length === 0) res.errors.push(`xmllint exited with status ${run.status}`);
  return res;
}

// ---------------------------------------------------------------- main

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  let failed = false;
  const needStix = args.files.some((f) => f.endsWith('.json'));
  const needIodef = args.files.some((f) => f.endsWith('.xml'));

  let stix: StixValidator | undefined;
  let stixProblem: string | undefined;
  if (needStix) {
    try {
      if (!args.stixSchemas) throw new Error('--stix-schemas DIR is required for .json files');
      stix = loadStix(args.stixSchemas);
    } catch (e) {
      stixProblem = (e as Error).message;
    }
  }
  let iodef: IodefSchemas | undefined;
  let iodefProblem: string | undefined;
  if (needIodef) {
    try {
      if (!args.iodefXsd) throw new Error('--iodef-xsd DIR is required for .xml files');
      if (!hasXmllint()) throw new Error('xmllint is not on PATH (apt-get install libxml2-utils): IODEF NOT validated');
      iodef = loadIodef(args.iodefXsd);
    } catch (e) {
      iodefProblem = (e as Error).message;
    }
  }

  try {
    for (const file of args.files) {
      let res: FileResult;
      if (!existsSync(file)) res = { errors: ['no such file'], notes: [] };
      else if (file.endsWith('.json')) res = stix ? validateStix(file, stix) : { errors: [stixProblem!], notes: [] };
      else if (file.endsWith('.xml')) res = iodef ? validateIodef(file, iodef) : { errors: [iodefProblem!], notes: [] };
      else res = { errors: ['not a .json (STIX) or .xml (IODEF) file'], notes: [] };
      if (res.errors.length === 0) {
        process.stdout.write(`${file}: ok\n`);
      } else {
        failed = true;
        process.stdout.write(`${file}: ${res.errors.length} error${res.errors.length === 1 ? '' : 's'}\n`);
        for (const e of res.errors) process.stdout.write(`  error: ${e}\n`);
      }
      for (const n of res.notes) process.stdout.write(`  note: ${n}\n`);
    }
  } finally {
    iodef?.cleanup();
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
