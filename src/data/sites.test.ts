import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { pageSnapshot } from '../../test/fixtures/snapshots.js';
import { recordDecision } from './review.js';
import { fingerprintChanges, knownCounterfeits, lastAliveFingerprint, periodSummary, siteFingerprint, siteHistory } from './sites.js';
import type { Store } from './store.js';
import { type TargetResult } from '../model/result.js';

describeEachBackend('site history', (fresh) => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });

  /** Stores one visit of `host` as its own scan, captured at `at`. */
  async function visit(host: string, at: string, verdict: TargetResult['verdict'], title = 'page', stage: TargetResult['stage'] = 'render'): Promise<void> {
    const id = `scan-${at}-${host}`;
    await store.createScan({ id, fingerprint: id, targets: [host], options: {} });
    const alive = verdict !== 'unreachable';
    await store.saveTargetResult(
      id,
      {
        index: 0, input: host, url: `http://${host}/`, finalUrl: alive ? `http://${host}/` : null, host, registrableDomain: host,
        verdict, score: alive ? 90 : 0, platform: null, signals: [], evidence: null, error: alive ? null : 'DNS: NXDOMAIN',
        snapshot: alive ? pageSnapshot(`http://${host}/`, { title }) : null, capturedAt: at, stage, stageReason: 'test',
      },
      [],
    );
  }

  describe('siteHistory', async () => {
    it('keeps first seen, last seen alive and the date the site went down', async () => {
      await visit('fake.example', '2026-11-01T18:00:00.000Z', 'counterfeit');
      await visit('fake.example', '2026-11-05T18:00:00.000Z', 'counterfeit');
      await visit('fake.example', '2026-11-08T18:00:00.000Z', 'unreachable');
      await visit('fake.example', '2026-11-09T18:00:00.000Z', 'unreachable');
      const h = await siteHistory(store, 'FAKE.example.');
      expect(h).toMatchObject({
        host: 'fake.example',
        firstSeen: '2026-11-01T18:00:00.000Z',
        lastSeenAlive: '2026-11-05T18:00:00.000Z',
        goneSince: '2026-11-08T18:00:00.000Z',
        daysToTakedown: 7,
        everCounterfeit: true,
        latestVerdict: 'unreachable',
        observations: 4,
      });
    });

    it('is not gone while its latest visit answered, and only looks before a given time', async () => {
      await visit('back.example', '2026-11-01T18:00:00.000Z', 'counterfeit');
      await visit('back.example', '2026-11-02T18:00:00.000Z', 'unreachable');
      await visit('back.example', '2026-11-03T18:00:00.000Z', 'counterfeit');
      expect((await siteHistory(store, 'back.example')).goneSince).toBeNull();
      expect((await siteHistory(store, 'back.example', '2026-11-03T00:00:00.000Z')).goneSince).toBe('2026-11-02T18:00:00.000Z');
    });

    it('does not count a name-only screen result as a visit', async () => {
      await visit('name.example', '2026-11-01T18:00:00.000Z', 'benign', 'x', 'screen');
      expect(await siteHistory(store, 'name.example')).toMatchObject({ firstSeen: null, lastSeenAlive: null, observations: 1 });
    });
  });

  describe('knownCounterfeits', async () => {
    it('lists hosts judged counterfeit or confirmed, less those an analyst rejected', async () => {
      await visit('a.example', '2026-11-01T18:00:00.000Z', 'counterfeit');
      await visit('b.example', '2026-11-01T18:00:00.000Z', 'counterfeit');
      await visit('c.example', '2026-11-01T18:00:00.000Z', 'suspicious');
      await recordDecision(store, { host: 'b.example', decision: 'rejected', actor: 't' });
      await recordDecision(store, { host: 'c.example', decision: 'confirmed', actor: 't' });
      expect(await knownCounterfeits(store)).toEqual(['a.example', 'c.example']);
    });
  });

  describe('fingerprints', async () => {
    it('tells what changed between two visits', async () => {
      await visit('f.example', '2026-11-01T18:00:00.000Z', 'counterfeit', 'old title');
      const before = (await lastAliveFingerprint(store, 'f.example'))!;
      const after = siteFingerprint(pageSnapshot('http://f.example/', { title: 'new title' }));
      expect(fingerprintChanges(before, after)).toEqual(['title']);
      expect(fingerprintChanges(before, before)).toEqual([]);
    });
  });

  describe('periodSummary', async () => {
    it('counts targets, new counterfeits and takedowns in the period', async () => {
      await visit('a.example', '2026-11-01T18:00:00.000Z', 'counterfeit');
      await visit('a.example', '2026-11-10T18:00:00.000Z', 'unreachable');
      await visit('b.example', '2026-11-09T18:00:00.000Z', 'counterfeit');
      const s = await periodSummary(store, '2026-11-08T00:00:00.000Z', '2026-11-15T00:00:00.000Z');
      expect(s).toMatchObject({ targets: 2, newCounterfeits: 1, takenDown: 1, medianDaysToTakedown: 9, stillAlive: 1 });
      expect(s.byVerdict).toEqual({ counterfeit: 1, unreachable: 1 });
      expect(s.byStage).toEqual({ render: 2 });
    });
  });
});
