import type { Command } from 'commander';
import { getOperator, listOperators, operatorEvents, type StoredOperator } from '../../data/operators.js';
import { siteHistories, type SiteHistory } from '../../data/reports.js';
import { UsageError } from '../../errors.js';
import type { SharedIdentifier } from '../../model/identifier.js';
import { recomputeOperators } from '../../pipeline/operators.js';
import { addStoreOptions, withStore, type RegisterCommand } from '../options.js';

interface Flags {
  json?: boolean;
  all?: boolean;
  [k: string]: unknown;
}

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '-');
const shown = (s: SharedIdentifier) => `${s.kind} ${s.value.length > 40 ? `${s.value.slice(0, 16)}…` : s.value}`;

/** A member site's state for the listing: alive since, or down since, from its history. */
function siteState(h: SiteHistory | undefined): { state: 'alive' | 'down' | 'never answered'; firstSeen: string | null; lastAlive: string | null; downSince: string | null } {
  if (!h) return { state: 'never answered', firstSeen: null, lastAlive: null, downSince: null };
  const state = h.downSince ? 'down' : h.lastAlive ? 'alive' : 'never answered';
  return { state, firstSeen: h.firstSeen, lastAlive: h.lastAlive?.capturedAt ?? null, downSince: h.downSince };
}

/** The JSON of one operator: members with their state, links and supporting evidence with where each was read. */
function operatorJson(op: StoredOperator, histories: Map<string, SiteHistory>) {
  return { ...op, members: op.members.map((m) => ({ ...m, ...siteState(histories.get(m.host)) })) };
}

/**
 * `jianzhen operators recompute|list|show ID`: groups of counterfeit sites run by one operator (串并案),
 * linked by the identifiers they share; recomputed after every scan, and here on demand.
 */
export const registerOperators: RegisterCommand = (program: Command, setExit) => {
  const ops = program.command('operators').description('operators (串并案): counterfeit sites grouped by the contacts, accounts, certificates and code they share');
  addStoreOptions(ops.command('recompute').description('read the identifiers of every stored visit not yet read and regroup the flagged sites')).action(async (flags: Flags) =>
    withStore(flags, async (store) => {
      const r = await recomputeOperators(store);
      const c = r.changes;
      process.stdout.write(
        `operators: ${r.operators} (new ${c.created.length}, merged ${c.merged.length}, dissolved ${c.dissolved.length}; sites joined ${c.joined.length}, left ${c.left.length})\n` +
          `sites: ${r.sites} known, ${r.inScope} flagged; identifiers read from ${r.extracted} visit(s); ${r.excluded.length} shared identifier(s) link nothing (shared infrastructure)\n`,
      );
      for (const u of r.unreadable) process.stderr.write(`jianzhen: identifiers of ${u.scanId}#${u.index + 1} could not be read: ${u.error}\n`);
      setExit(0);
    }),
  );
  addStoreOptions(ops.command('list').description('every operator: its sites, how many are alive, since when, and what links them'))
    .option('--all', 'also operators merged into another or dissolved')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) =>
      withStore(flags, async (store) => {
        const list = await listOperators(store, { all: flags.all === true });
        const histories = await siteHistories(store);
        if (flags.json) {
          const full: unknown[] = [];
          for (const o of list) {
            const op = await getOperator(store, o.id);
            full.push(op ? operatorJson(op, histories) : o);
          }
          process.stdout.write(`${JSON.stringify({ operators: full }, null, 2)}\n`);
          return setExit(0);
        }
        if (list.length === 0) process.stderr.write('no operators yet: sites are grouped when two flagged sites share a contact, account, certificate or script (jianzhen operators recompute)\n');
        for (const o of list) {
          const full = await getOperator(store, o.id);
          const states = o.members.map((m) => siteState(histories.get(m.host)));
          const first = states.map((s) => s.firstSeen).filter((x): x is string => x !== null).sort()[0];
          const status = o.status === 'active' ? '' : ` [${o.status}${o.mergedInto ? ` into ${o.mergedInto}` : ''}]`;
          process.stdout.write(
            `${o.id}${status}\t${o.members.length} sites\t${states.filter((s) => s.state === 'alive').length} alive\tfirst seen ${day(first)}\t${(full?.links ?? []).slice(0, 3).map(shown).join(', ')}\n`,
          );
        }
        setExit(0);
      }),
    );
  addStoreOptions(ops.command('show').description('one operator: its sites (alive, down, since when), the identifiers that link them with where each was read, its history'))
    .argument('<id>', 'operator id, e.g. OP-1A2B3C4D')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: Flags) =>
      withStore(flags, async (store) => {
        const op = await getOperator(store, id.toUpperCase());
        if (!op) throw new UsageError(`${id}: no such operator in ${store.location} (jianzhen operators list)`);
        const histories = await siteHistories(store);
        const events = await operatorEvents(store, op.id);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ ...operatorJson(op, histories), events }, null, 2)}\n`);
          return setExit(0);
        }
        const lines = [`${op.id}  ${op.status}${op.mergedInto ? ` into ${op.mergedInto}` : ''}  since ${day(op.createdAt)}`, '', 'sites:'];
        for (const m of op.members) {
          const s = siteState(histories.get(m.host));
          lines.push(`  ${m.host}\t${s.state}\tfirst seen ${day(s.firstSeen)}\tlast alive ${day(s.lastAlive)}${s.downSince ? `\tdown since ${day(s.downSince)}` : ''}`);
        }
        const block = (title: string, list: readonly SharedIdentifier[]) => {
          lines.push('', title);
          if (list.length === 0) lines.push('  (none)');
          for (const l of list) {
            lines.push(`  ${shown(l)} — ${l.hosts.join(', ')}`);
            for (const s of l.sightings) lines.push(`      ${s.host}: ${s.where.source} ${s.where.locator}: ${s.where.snippet}`);
          }
        };
        block('linked by (strong identifiers shared):', op.links);
        block('supporting evidence (weak identifiers shared; never a link by itself):', op.support);
        lines.push('', 'history:', ...events.map((e) => `  ${e.at}  ${e.operatorId} ${e.event}${e.host ? ` ${e.host}` : ''}${e.detail['into'] ? ` into ${String(e.detail['into'])}` : ''}`));
        process.stdout.write(`${lines.join('\n')}\n`);
        setExit(0);
      }),
    );
};
