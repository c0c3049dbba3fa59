/**
 * npm run bench:detectors -- STORE — the CPU each detector spends a page, on the snapshots of a store (the demo's
 * .jianzhen/demo/jianzhen.db after `npm run demo`, or any scan's), against the store's references. Screenshots are
 * decoded ahead with sharp, as the scan's detector worker has them, and that decoding is not counted. One thread,
 * nothing else in flight: the cost of the work itself, where `--profile` and `npm run bench` show the time a step
 * took among everything else a scan does.
 */
import { existsSync } from 'node:fs';
import { openStore } from '../src/data/store.js';
import { detectors, runDetectors } from '../src/detectors/index.js';
import type { DetectorInput, Rgba } from '../src/detectors/types.js';
import { decodeAhead } from '../src/detectors/visual-match/decode-ahead.js';
import type { PageSnapshot } from '../src/model/snapshot.js';
import { loadRules } from '../src/rules/index.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file === '--help' || file === '-h') {
    process.stderr.write('usage: npm run bench:detectors -- STORE.db   (e.g. .jianzhen/demo/jianzhen.db after npm run demo)\n');
    return file ? 0 : 2;
  }
  if (!existsSync(file)) {
    process.stderr.write(`bench:detectors: no store at ${file} (run npm run demo first, or give a scan's --db)\n`);
    return 2;
  }
  const store = await openStore(file);
  const references = await store.listReferences();
  const snapshots: PageSnapshot[] = [];
  for (const scan of await store.listScans(1000)) for (const r of await store.listResults(scan.id)) if (r.snapshot) snapshots.push(r.snapshot);
  const bytes = new Map<string, Buffer>();
  const pixels = new Map<string, Rgba | null>();
  const shots = [...snapshots.flatMap((s) => [s.screenshot, s.mobile?.screenshot ?? null]), ...references.map((r) => r.snapshot.screenshot)];
  for (const a of shots) {
    if (!a || bytes.has(a.sha256)) continue;
    const b = await store.readArtifact(a.sha256);
    if (b) {
      bytes.set(a.sha256, b);
      pixels.set(a.sha256, await decodeAhead(b));
    }
  }
  await store.close();
  if (snapshots.length === 0) {
    process.stderr.write(`bench:detectors: ${file} holds no snapshot\n`);
    return 2;
  }
  const rules = loadRules();
  const input = (snapshot: PageSnapshot): DetectorInput => ({
    snapshot,
    references,
    platforms: rules.platforms,
    readArtifact: (sha) => bytes.get(sha) ?? null,
    readPixels: (sha) => pixels.get(sha) ?? null,
  });
  // The visual match remembers its last 32 outcomes by screenshot; with fewer distinct screenshots than that every
  // round after the first would be read from that memo.
  const distinct = new Set(snapshots.flatMap((s) => (s.screenshot ? [s.screenshot.sha256] : []))).size;
  if (distinct <= 40) process.stderr.write(`bench:detectors: only ${distinct} distinct screenshots; the visual match's figure is too low (it remembers 32 outcomes)\n`);
  process.stderr.write(`bench:detectors: ${snapshots.length} snapshots, ${references.length} references, ${ROUNDS} round(s) of each detector alone\n`);
  // Warm-up: compiled code and the references' cached features, as in a scan after its first pages.
  for (const s of snapshots.slice(0, 20)) runDetectors(input(s));
  const cpuMs = (list: Parameters<typeof runDetectors>[1]): number => {
    const t0 = process.cpuUsage();
    for (let round = 0; round < ROUNDS; round++) for (const s of snapshots) runDetectors(input(s), list);
    const c = process.cpuUsage(t0);
    return (c.user + c.system) / 1000 / snapshots.length / ROUNDS;
  };
  const base = cpuMs([]);
  const lines = [`${'detector'.padEnd(22)} ${'CPU ms a page'.padStart(14)}`];
  let sum = 0;
  for (const d of detectors) {
    const ms = Math.max(0, cpuMs([d]) - base);
    sum += ms;
    lines.push(`${d.id.padEnd(22)} ${ms.toFixed(2).padStart(14)}`);
  }
  lines.push(`${'(each alone, summed)'.padEnd(22)} ${sum.toFixed(2).padStart(14)}`);
  lines.push(`${'(all in one pass)'.padEnd(22)} ${(cpuMs(undefined) - base).toFixed(2).padStart(14)}`);
  lines.push(`folding every snapshot to simplified characters, counted in neither: ${base.toFixed(2)} ms a page`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = await main();
