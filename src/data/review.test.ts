import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog, decisionHistory, latestDecision, latestDecisions, recordDecision } from './review.js';
import { openStore } from './store.js';

const fresh = () => openStore(join(mkdtempSync(join(tmpdir(), 'jianzhen-review-')), 'db.sqlite'));

describe('analysts’ decisions', () => {
  it('keeps every decision on a host and lets the latest one win', () => {
    const store = fresh();
    recordDecision(store, { host: 'CX-MEM-GOV.cn.', decision: 'pending', actor: 'li', at: new Date('2026-11-20T01:00:00Z') });
    recordDecision(store, { host: 'cx-mem-gov.cn', decision: 'confirmed', note: '页脚冒用备案号', actor: 'wang' });
    expect(latestDecision(store, 'cx-mem-gov.cn')).toMatchObject({ decision: 'confirmed', actor: 'wang', note: '页脚冒用备案号' });
    expect(decisionHistory(store, 'cx-mem-gov.cn').map((d) => d.decision)).toEqual(['pending', 'confirmed']);
    expect(latestDecision(store, 'other.example')).toBeNull();
    store.close();
  });

  it('lists the latest decision per host, filtered by kind', () => {
    const store = fresh();
    recordDecision(store, { host: 'a.example', decision: 'confirmed', actor: 'li' });
    recordDecision(store, { host: 'b.example', decision: 'confirmed', actor: 'li' });
    recordDecision(store, { host: 'b.example', decision: 'rejected', actor: 'wang' });
    expect(latestDecisions(store, 'confirmed').map((d) => d.host)).toEqual(['a.example']);
    expect(latestDecisions(store).map((d) => [d.host, d.decision])).toEqual([['a.example', 'confirmed'], ['b.example', 'rejected']]);
    store.close();
  });

  it('writes an audit entry for every decision', () => {
    const store = fresh();
    recordDecision(store, { host: 'a.example', decision: 'rejected', note: '新闻报道', actor: 'li' });
    expect(auditLog(store)[0]).toMatchObject({ actor: 'li', action: 'decision.rejected', subject: 'a.example', detail: { note: '新闻报道' } });
    store.close();
  });
});
