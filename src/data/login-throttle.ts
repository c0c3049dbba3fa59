/**
 * Failed console logins, counted per account and per client address over a sliding window, kept in the
 * store so a restart does not reset them. The policy (how many, how long) is the caller's; this module
 * records and counts.
 */
import { databaseOf, type Store } from './store.js';

export type ThrottleKind = 'account' | 'address';

/** Records a failed login against the account name and the client address (either may be null). */
export async function recordLoginFailure(
  store: Store,
  input: { account: string | null; address: string | null; now?: Date; keepMs: number },
): Promise<void> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  const rows: { kind: ThrottleKind; key: string; at: string }[] = [];
  if (input.account) rows.push({ kind: 'account', key: input.account.toLowerCase(), at });
  if (input.address) rows.push({ kind: 'address', key: input.address, at });
  await databaseOf(store).write(async (trx) => {
    // Old failures no longer count for anything: swept on every write so the table stays small.
    await trx.deleteFrom('login_failures').where('at', '<', new Date(now.getTime() - input.keepMs).toISOString()).execute();
    if (rows.length) await trx.insertInto('login_failures').values(rows).execute();
  });
}

/**
 * The failures of one account or address since `since`, newest first (at most `limit`): the caller's policy
 * reads how many there were and when the oldest that still counts falls out of the window.
 */
export async function recentLoginFailures(store: Store, input: { kind: ThrottleKind; key: string; since: string; limit: number }): Promise<string[]> {
  const rows = await databaseOf(store)
    .db.selectFrom('login_failures')
    .select('at')
    .where('kind', '=', input.kind)
    .where('key', '=', input.kind === 'account' ? input.key.toLowerCase() : input.key)
    .where('at', '>=', input.since)
    .orderBy('at', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((r) => r.at);
}

/** Forgets an account's failures after a successful login (its address keeps its count). */
export async function clearLoginFailures(store: Store, account: string): Promise<void> {
  await databaseOf(store).db.deleteFrom('login_failures').where('kind', '=', 'account').where('key', '=', account.toLowerCase()).execute();
}
