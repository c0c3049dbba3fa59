/**
 * Login throttling: after ACCOUNT_LIMIT failed logins for one account, or ADDRESS_LIMIT from one client
 * address, within WINDOW_MS, further logins for it are refused — the right password included, without even
 * checking it — until the oldest counted failure leaves the window. Failures are kept in the store (a restart
 * forgives nothing); a refused attempt is audited but not counted again, so the lock lifts on time.
 */
import { clearLoginFailures, recentLoginFailures, recordLoginFailure, type ThrottleKind } from '../data/login-throttle.js';
import type { Store } from '../data/store.js';

export const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;

/** When the account or address may try again, or null when it may now. */
export async function loginBlockedUntil(store: Store, input: { account: string; address: string | null; now: Date }): Promise<{ until: Date; by: ThrottleKind } | null> {
  const since = new Date(input.now.getTime() - WINDOW_MS).toISOString();
  const checks: [ThrottleKind, string | null, number][] = [
    ['account', input.account || null, ACCOUNT_LIMIT],
    ['address', input.address, ADDRESS_LIMIT],
  ];
  let blocked: { until: Date; by: ThrottleKind } | null = null;
  for (const [kind, key, limit] of checks) {
    if (!key) continue;
    const recent = await recentLoginFailures(store, { kind, key, since, limit });
    if (recent.length < limit) continue;
    const until = new Date(new Date(recent[limit - 1]!).getTime() + WINDOW_MS);
    if (!blocked || until > blocked.until) blocked = { until, by: kind };
  }
  return blocked;
}

/** Counts a failed login against the account and the address. */
export function loginFailed(store: Store, input: { account: string; address: string | null; now: Date }): Promise<void> {
  return recordLoginFailure(store, { account: input.account || null, address: input.address, now: input.now, keepMs: WINDOW_MS });
}

/** Forgets the account's failures after a successful login. */
export function loginSucceeded(store: Store, account: string): Promise<void> {
  return clearLoginFailures(store, account);
}
