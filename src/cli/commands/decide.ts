import type { Command } from 'commander';
import { recordDecision, type Decision } from '../../data/review.js';
import { UsageError } from '../../errors.js';
import { actorOf } from '../../reports/output.js';
import { addActorOptions, chooseSites, collect, withStore, type RegisterCommand, type StoreFlags } from '../options.js';

const DECISIONS: readonly Decision[] = ['confirmed', 'rejected', 'pending'];

interface DecideFlags extends StoreFlags {
  site?: string[];
  verdict?: string;
  decision: string;
  note?: string;
}

/**
 * `jianzhen decide --site HOST | --verdict V --decision confirmed|rejected|pending [--note TEXT]`: records an
 * analyst's decision without the review console (scripts, the demo). Each decision is audited.
 */
export const registerDecide: RegisterCommand = (program: Command, setExit) => {
  const decide = program
    .command('decide')
    .description("record an analyst's decision on sites (confirmed sites go on takedown lists)")
    .option('--site <host>', 'a site (host) with stored results; repeatable', collect)
    .option('--verdict <verdict>', 'every site whose newest live verdict is this (e.g. counterfeit)')
    .requiredOption('--decision <decision>', DECISIONS.join(' | '))
    .option('--note <text>', 'why', '');
  addActorOptions(decide, 'who decides').action(async (flags: DecideFlags) => {
    if (!DECISIONS.includes(flags.decision as Decision)) throw new UsageError(`--decision ${flags.decision}: expected one of ${DECISIONS.join(', ')}`);
    if (!flags.site?.length && !flags.verdict) throw new UsageError('give --site HOST (repeatable) or --verdict VERDICT');
    await withStore(flags, async (store) => {
      const chosen = await chooseSites(store, flags);
      const actor = actorOf(flags.actor);
      for (const s of chosen) {
        const basis = s.history.lastAlive ?? s.history.latest;
        await recordDecision(store, { host: s.host, decision: flags.decision as Decision, note: flags.note, actor, scanId: basis.scanId, index: basis.index });
        process.stdout.write(`${s.host}\t${flags.decision}\n`);
      }
      process.stderr.write(`decide: ${chosen.length} site(s) ${flags.decision} by ${actor}\n`);
      setExit(0);
    });
  });
};
