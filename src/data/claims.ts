/**
 * Soft claims on sites: an analyst who opens a site holds it for a while, so a second analyst sees that it is
 * being reviewed instead of reviewing it too, unawares. A claim expires by itself (an analyst who walks away
 * never blocks a site for long), ends when its holder decides, and can be taken over on purpose.
 */
import { sql } from 'kysely';
import { databaseOf, hostKey, type Store } from './store.js';

export interface Claim {
  readonly host: string;
  readonly actor: string;
  readonly claimedAt: string;
  readonly expiresAt: string;
}

/**
 * Claims a host for `actor` until now + ttlMs. Succeeds when the host is unclaimed, its claim has expired, the
 * actor already holds it (the claim is renewed), or `takeover` is set; otherwise returns the claim that holds
 * it. One statement (an upsert whose update is conditional), so two analysts claiming at once never both win.
 */
export async function claimSite(
  store: Store,
  input: { host: string; actor: string; ttlMs: number; takeover?: boolean; now?: Date },
): Promise<{ ok: true; claim: Claim } | { ok: false; heldBy: Claim }> {
  const now = input.now ?? new Date();
  const host = hostKey(input.host);
  const row = { host, actor: input.actor, claimedAt: now.toISOString(), expiresAt: new Date(now.getTime() + input.ttlMs).toISOString() };
  const { db } = databaseOf(store);
  const won = await db
    .insertInto('claims')
    .values(row)
    .onConflict((oc) =>
      oc.column('host').doUpdateSet({ actor: input.actor, claimedAt: row.claimedAt, expiresAt: row.expiresAt }).where((eb) =>
        input.takeover
          ? sql<boolean>`true`
          : eb.or([eb('claims.expiresAt', '<=', row.claimedAt), eb('claims.actor', '=', input.actor)]),
      ),
    )
    .returningAll()
    .executeTakeFirst();
  if (won) return { ok: true, claim: won };
  const held = await db.selectFrom('claims').selectAll().where('host', '=', host).executeTakeFirstOrThrow();
  return { ok: false, heldBy: held };
}

/** Ends the actor's claim on a host (after a decision); another analyst's claim is left alone. */
export async function releaseClaim(store: Store, input: { hosts: readonly string[]; actor: string }): Promise<void> {
  if (input.hosts.length === 0) return;
  await databaseOf(store)
    .db.deleteFrom('claims')
    .where('host', 'in', input.hosts.map(hostKey))
    .where('actor', '=', input.actor)
    .execute();
}

/** The live (unexpired) claims on the given hosts, or on every host when none are given. */
export async function activeClaims(store: Store, hosts?: readonly string[], now: Date = new Date()): Promise<Map<string, Claim>> {
  if (hosts && hosts.length === 0) return new Map();
  const rows = await databaseOf(store)
    .db.selectFrom('claims')
    .selectAll()
    .where('expiresAt', '>', now.toISOString())
    .$if(hosts !== undefined, (q) => q.where('host', 'in', hosts!.map(hostKey)))
    .execute();
  return new Map(rows.map((r) => [r.host, r]));
}
