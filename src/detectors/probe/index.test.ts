import { describe, expect, it } from 'vitest';
import type { ProbeRecord } from '../../model/snapshot.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import type { Signal } from '../../model/signal.js';
import { POSTS_ELSEWHERE_SIGNAL, SCRIPT_ANSWER_SIGNAL, UNLIKE_OFFICIAL_SIGNAL, VALIDATES_IMPOSSIBLE_SIGNAL, probe } from './index.js';

const { platforms } = loadRules();
const ID = '110101199003070020';

/** A probe record as the crawler makes it; the answer and where it went are overridden per case. */
function record(over: Partial<Omit<ProbeRecord, 'answer'>> & { answer?: Partial<ProbeRecord['answer']> } = {}, page = 'http://cx-mem-gov.example/'): ProbeRecord {
  const host = new URL(page).hostname;
  const { answer, ...rest } = over;
  return {
    pageUrl: page,
    form: { action: `${page}query`, method: 'post' },
    submitted: [
      { field: 'zjhm', role: 'idNumber', value: ID },
      { field: 'xm', role: 'name', value: '测试无此人' },
    ],
    via: 'click',
    request: { method: 'POST', host, path: '/query', fields: { zjhm: ID, xm: '测试无此人' }, resourceType: 'document' },
    postsTo: { host, path: '/query', method: 'POST', crossHost: false },
    classification: 'no-record',
    matched: '没有查询到',
    echoed: false,
    durationMs: 900,
    ...rest,
    answer: {
      url: `${page}query`,
      status: 200,
      title: '查询结果',
      text: '没有查询到相关证件信息！',
      navigated: true,
      domChanged: false,
      scriptBuilt: false,
      dialogs: [],
      screenshot: null,
      ...answer,
    },
  };
}

function detect(p: ProbeRecord | null, url = 'http://cx-mem-gov.example/'): Signal[] {
  const snapshot = { ...pageSnapshot(url), probe: p };
  return probe.detect({ snapshot, references: [], platforms, readArtifact: () => null });
}
const ids = (s: Signal[]): string[] => s.map((x) => x.id).sort();

describe('probe detector', () => {
  it('flags a form that declares the impossible certificate valid, at full strength', () => {
    const s = detect(record({ classification: 'valid', matched: '证件有效', echoed: true, answer: { text: `查询结果：证件有效\n姓名 测试无此人\n身份证号 ${ID}` } }));
    const v = s.find((x) => x.id === VALIDATES_IMPOSSIBLE_SIGNAL);
    expect(v?.score).toBe(1);
    expect(v?.detail).toContain(ID);
    expect(v?.detail).toContain('wrong check digit');
    // The valid answer is not also reported as "unlike the official answer".
    expect(ids(s)).not.toContain(UNLIKE_OFFICIAL_SIGNAL);
  });

  it('gives nothing for the official no-record answer on the page itself', () => {
    expect(detect(record())).toEqual([]);
  });

  it('gives nothing when no probe was made', () => {
    expect(detect(null)).toEqual([]);
    const snapshot = pageSnapshot('http://cx-mem-gov.example/');
    expect(probe.detect({ snapshot, references: [], platforms, readArtifact: () => null })).toEqual([]);
  });

  it('flags a form that posts to another registrable domain, more so to a bare address', () => {
    const elsewhere = record({ postsTo: { host: 'api.cert-check.top', path: '/v1/q', method: 'POST', crossHost: true } });
    expect(detect(elsewhere).find((x) => x.id === POSTS_ELSEWHERE_SIGNAL)?.score).toBe(0.75);
    const ip = record({ postsTo: { host: '45.61.139.24', path: '/q.php', method: 'POST', crossHost: true } });
    expect(detect(ip).find((x) => x.id === POSTS_ELSEWHERE_SIGNAL)?.score).toBe(0.9);
  });

  it('does not flag a form posting to another name of the same site, or to the official platform', () => {
    const sameSite = record({ postsTo: { host: 'api.cx-mem-gov.example', path: '/q', method: 'POST', crossHost: true } });
    expect(ids(detect(sameSite))).not.toContain(POSTS_ELSEWHERE_SIGNAL);
    // A training school's page whose form hands the query to the genuine platform.
    const toOfficial = record({ postsTo: { host: 'cx.mem.gov.cn', path: '/query', method: 'POST', crossHost: true } }, 'http://www.peixun.example/');
    expect(detect(toOfficial, 'http://www.peixun.example/')).toEqual([]);
  });

  it('reads where the query form declares it posts when no probe saw a request, for less than a request seen', () => {
    const fields = [
      { tag: 'input', type: 'text', name: 'xm', id: null, label: '姓　　名', placeholder: null },
      { tag: 'input', type: 'text', name: 'sfzh', id: null, label: '身份证号', placeholder: null },
    ] as const;
    const planted = (action: string | null, p: ProbeRecord | null = null): Signal[] => {
      const snapshot = { ...pageSnapshot('http://www.old-school.example/UploadFiles/zscx/index.html', { forms: [{ action, method: 'post', fields }] }), probe: p };
      return probe.detect({ snapshot, references: [], platforms, readArtifact: () => null });
    };
    const declared = planted('http://zfcx-gd.example/wx/query').find((x) => x.id === POSTS_ELSEWHERE_SIGNAL);
    expect(declared?.score).toBe(0.6);
    expect(declared?.detail).toContain('zfcx-gd.example/wx/query');
    expect(declared?.detail).toContain('nothing submitted');
    expect(planted('http://45.61.139.24/q.php').find((x) => x.id === POSTS_ELSEWHERE_SIGNAL)?.score).toBe(0.75);
    // Its own site, the official platform, a script-only form: nothing.
    for (const action of ['http://www.old-school.example/zscx/cx.asp', 'https://cx.mem.gov.cn/query', null]) expect(planted(action)).toEqual([]);
    // A probe that saw the request where it really went outranks the declaration.
    expect(ids(planted('http://zfcx-gd.example/wx/query', record({}, 'http://www.old-school.example/UploadFiles/zscx/index.html')))).not.toContain(POSTS_ELSEWHERE_SIGNAL);
  });

  it('notes an answer written by script, weakly', () => {
    const s = detect(record({ answer: { navigated: false, domChanged: true, scriptBuilt: true, status: null } }));
    expect(s.map((x) => [x.id, x.score])).toEqual([[SCRIPT_ANSWER_SIGNAL, 0.5]]);
  });

  it('flags a no-record answer worded unlike the official platforms', () => {
    const s = detect(record({ matched: '查无', answer: { text: '查无此证，请核实后再查' } }));
    expect(s.find((x) => x.id === UNLIKE_OFFICIAL_SIGNAL)?.score).toBe(0.6);
  });

  it('reads an alert() answer as the answer', () => {
    const s = detect(record({ classification: 'unknown', matched: null, answer: { navigated: false, domChanged: false, scriptBuilt: true, text: '', dialogs: ['系统繁忙'] } }));
    expect(ids(s)).toEqual([SCRIPT_ANSWER_SIGNAL, UNLIKE_OFFICIAL_SIGNAL].sort());
    expect(s.find((x) => x.id === UNLIKE_OFFICIAL_SIGNAL)?.detail).toContain('系统繁忙');
  });

  it('compares nothing when the page did not answer at all', () => {
    const s = detect(record({ classification: 'unknown', matched: null, answer: { navigated: false, domChanged: false, text: '', status: null } }));
    expect(s).toEqual([]);
  });

  it('never reports against an official host, even from a stored snapshot that carries a probe', () => {
    const s = detect(record({ classification: 'valid', echoed: true }, 'http://cx.mem.gov.cn/'), 'http://cx.mem.gov.cn/');
    expect(s).toEqual([]);
  });
});
