import { beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { pageSnapshot } from '../../test/fixtures/snapshots.js';
import type { Identifier, OperatorGroup, SharedIdentifier } from '../model/identifier.js';
import { auditLog, latestDecision } from './review.js';
import {
  decideOperator,
  getOperator,
  identifiersByHost,
  listOperators,
  operatorEvents,
  operatorIdsEverUsed,
  operatorMembership,
  operatorOfHost,
  pendingExtractions,
  saveIdentifiers,
  saveOperators,
} from './operators.js';
import type { Store } from './store.js';

const wechat = (value: string, snippet = `微信：${value}`): Identifier => ({
  kind: 'wechat',
  value,
  strength: 'strong',
  raw: `微信：${value}`,
  where: { source: 'text', locator: '页面文字', snippet },
});

const link = (value: string, hosts: string[]): SharedIdentifier => ({
  kind: 'wechat',
  value,
  strength: 'strong',
  hosts,
  sightings: hosts.map((host) => ({ host, raw: value, where: { source: 'text', locator: '页面文字', snippet: `${host}: ${value}` } })),
});

const group = (members: string[], value = 'gang_01'): OperatorGroup => ({ members, links: [link(value, members)], support: [] });

describeEachBackend('operators store', (fresh) => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });

  /** Stores one visit of `host` in its own scan. */
  async function visit(host: string, at: string): Promise<{ scanId: string }> {
    const scanId = `scan-${host}-${at}`;
    await store.createScan({ id: scanId, fingerprint: scanId, targets: [host], options: {} });
    await store.saveTargetResult(
      scanId,
      {
        index: 0, input: host, url: `http://${host}/`, finalUrl: `http://${host}/`, host, registrableDomain: host, verdict: 'counterfeit', score: 90,
        platform: 'mem-cx', signals: [], evidence: null, error: null, snapshot: pageSnapshot(`http://${host}/`), capturedAt: at, stage: 'render', stageReason: 'test',
      },
      [],
    );
    return { scanId };
  }

  it('lists visits not yet read, stores what was read and returns it per host, newest wording first', async () => {
    const a1 = await visit('a.example', '2026-10-01T00:00:00.000Z');
    const a2 = await visit('a.example', '2026-10-05T00:00:00.000Z');
    expect((await pendingExtractions(store, 1)).map((p) => p.scanId).sort()).toEqual([a1.scanId, a2.scanId].sort());
    await saveIdentifiers(store, a1.scanId, 0, 1, [wechat('gang_01', 'old wording'), wechat('old_id')]);
    await saveIdentifiers(store, a2.scanId, 0, 1, [wechat('gang_01', 'new wording')]);
    expect(await pendingExtractions(store, 1)).toEqual([]);
    // A new extractor version reads every visit again.
    expect(await pendingExtractions(store, 2)).toHaveLength(2);
    const ids = (await identifiersByHost(store)).get('a.example')!;
    expect(ids.map((i) => [i.value, i.where.snippet])).toEqual([
      ['gang_01', 'new wording'],
      ['old_id', '微信：old_id'],
    ]);
    // Re-reading a visit replaces what it gave.
    await saveIdentifiers(store, a1.scanId, 0, 2, []);
    expect((await identifiersByHost(store)).get('a.example')!.map((i) => i.value)).toEqual(['gang_01']);
  });

  it('saves operators with members and links, moves hosts, merges and dissolves with a history, never reusing an id', async () => {
    await saveOperators(store, { assigned: [{ id: 'OP-A', group: group(['a.example', 'b.example']), isNew: true }, { id: 'OP-C', group: group(['c.example', 'd.example'], 'other'), isNew: true }], merged: [], dissolved: [] }, new Date('2026-10-01T00:00:00Z'));
    expect((await listOperators(store)).map((o) => [o.id, o.members.map((m) => m.host)])).toEqual([
      ['OP-A', ['a.example', 'b.example']],
      ['OP-C', ['c.example', 'd.example']],
    ]);
    expect((await getOperator(store, 'OP-A'))!.links[0]!.sightings.map((s) => s.where.snippet)).toEqual(['a.example: gang_01', 'b.example: gang_01']);
    expect(await operatorOfHost(store, 'B.EXAMPLE')).toBe('OP-A');

    // OP-C's sites join OP-A (and a new one), OP-C is merged; then OP-A loses everything.
    const changes = await saveOperators(
      store,
      { assigned: [{ id: 'OP-A', group: group(['a.example', 'b.example', 'c.example', 'd.example', 'e.example']), isNew: false }], merged: [{ id: 'OP-C', into: 'OP-A' }], dissolved: [] },
      new Date('2026-10-02T00:00:00Z'),
    );
    expect(changes.joined.map((j) => j.host)).toEqual(['c.example', 'd.example', 'e.example']);
    expect(Object.fromEntries(await operatorMembership(store))).toEqual({ 'a.example': 'OP-A', 'b.example': 'OP-A', 'c.example': 'OP-A', 'd.example': 'OP-A', 'e.example': 'OP-A' });
    expect((await listOperators(store, { all: true })).find((o) => o.id === 'OP-C')).toMatchObject({ status: 'merged', mergedInto: 'OP-A', members: [] });
    const events = await operatorEvents(store, 'OP-A');
    expect(events.map((e) => [e.operatorId, e.event, e.host])).toEqual([
      ['OP-A', 'created', null],
      ['OP-A', 'joined', 'a.example'],
      ['OP-A', 'joined', 'b.example'],
      ['OP-C', 'created', null],
      ['OP-C', 'joined', 'c.example'],
      ['OP-C', 'joined', 'd.example'],
      ['OP-A', 'joined', 'c.example'],
      ['OP-A', 'joined', 'd.example'],
      ['OP-A', 'joined', 'e.example'],
      ['OP-C', 'merged', null],
    ]);

    await saveOperators(store, { assigned: [], merged: [], dissolved: ['OP-A'] }, new Date('2026-10-03T00:00:00Z'));
    expect(await listOperators(store)).toEqual([]);
    expect(await operatorMembership(store)).toEqual(new Map());
    expect((await operatorIdsEverUsed(store)).sort()).toEqual(['OP-A', 'OP-C']);
    expect((await operatorEvents(store, 'OP-A')).filter((e) => e.event === 'left').map((e) => e.host)).toEqual(['a.example', 'b.example', 'c.example', 'd.example', 'e.example']);
  });

  it('records a decision on an operator on every member site, each audited, and the operator itself audited', async () => {
    await saveOperators(store, { assigned: [{ id: 'OP-A', group: group(['a.example', 'b.example']), isNew: true }], merged: [], dissolved: [] });
    const made = await decideOperator(store, { operatorId: 'OP-A', decision: 'confirmed', note: '同一微信号', actor: 'analyst' });
    expect(made.map((d) => d.host)).toEqual(['a.example', 'b.example']);
    expect((await latestDecision(store, 'b.example'))).toMatchObject({ decision: 'confirmed', note: '同一微信号', actor: 'analyst' });
    const log = await auditLog(store);
    expect(log.map((e) => [e.action, e.subject])).toEqual(
      expect.arrayContaining([
        ['operator.decision.confirmed', 'OP-A'],
        ['decision.confirmed', 'a.example'],
        ['decision.confirmed', 'b.example'],
      ]),
    );
  });
});
