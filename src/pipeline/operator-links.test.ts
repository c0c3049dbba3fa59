import { describe, expect, it } from 'vitest';
import { IDENTIFIER_STRENGTH, type Identifier, type IdentifierKind } from '../model/identifier.js';
import { assignOperatorIds, linkSites, operatorIdFor, type OperatorGroup, type SiteIdentifiers } from './operator-links.js';

const id = (kind: IdentifierKind, value: string, shared?: string): Identifier => ({
  kind,
  value,
  strength: IDENTIFIER_STRENGTH[kind],
  raw: value,
  where: { source: 'text', locator: '页面文字', snippet: `… ${value} …` },
  ...(shared ? { shared } : {}),
});

const site = (host: string, firstSeen: string, identifiers: Identifier[], extra: Partial<SiteIdentifiers> = {}): SiteIdentifiers => ({
  host,
  firstSeen,
  identifiers,
  inScope: true,
  ...extra,
});

const members = (groups: readonly OperatorGroup[]) => groups.map((g) => [...g.members]);

describe('linkSites', () => {
  it('joins sites that share a strong identifier, transitively, and keeps each link with where it was read', () => {
    const { groups } = linkSites([
      site('a.example', '2026-10-01', [id('wechat', 'zxcx_2026')]),
      site('b.example', '2026-10-03', [id('wechat', 'zxcx_2026'), id('analytics', 'baidu:0f3e')]),
      site('c.example', '2026-10-02', [id('analytics', 'baidu:0f3e')]),
      site('d.example', '2026-10-04', [id('qq', '123456')]),
    ]);
    expect(members(groups)).toEqual([['a.example', 'c.example', 'b.example']]);
    expect(groups[0]!.links.map((l) => [l.kind, l.value, l.hosts])).toEqual([
      ['analytics', 'baidu:0f3e', ['b.example', 'c.example']],
      ['wechat', 'zxcx_2026', ['a.example', 'b.example']],
    ]);
    expect(groups[0]!.links[1]!.sightings.map((s) => [s.host, s.where.snippet])).toEqual([
      ['a.example', '… zxcx_2026 …'],
      ['b.example', '… zxcx_2026 …'],
    ]);
  });

  it('never joins by weak identifiers, however many, but lists them as evidence inside a group', () => {
    const weak = [id('ip', '47.96.1.2'), id('name-servers', 'ns1.gang-dns.top'), id('dom-skeleton', 'abc'), id('favicon', 'f0'), id('registrar', 'tiny registrar')];
    const { groups } = linkSites([
      site('a.example', '2026-10-01', [...weak, id('phone', '18820260717')]),
      site('b.example', '2026-10-02', [...weak, id('phone', '18820260717')]),
      site('decoy.example', '2026-10-03', weak),
    ]);
    expect(members(groups)).toEqual([['a.example', 'b.example']]);
    expect(groups[0]!.support.map((s) => s.kind).sort()).toEqual(['dom-skeleton', 'favicon', 'ip', 'name-servers', 'registrar']);
    expect(groups[0]!.support.every((s) => s.hosts.length === 2)).toBe(true);
  });

  it('links nothing by shared infrastructure: marked shared, carried by an official page, or on too many sites', () => {
    const common = Array.from({ length: 6 }, (_, i) => site(`s${i}.example`, '2026-10-01', [id('script', 'kit')]));
    const { groups, excluded } = linkSites(
      [
        site('a.example', '2026-10-01', [id('email', 'abc@privacyguardian.org', '隐私保护'), id('phone', '12350')]),
        site('b.example', '2026-10-02', [id('email', 'abc@privacyguardian.org', '隐私保护'), id('phone', '12350')]),
        site('official.gov.cn', '2018-01-01', [id('phone', '12350')], { official: true, inScope: false }),
        ...common,
      ],
      { maxSitesPerIdentifier: 5 },
    );
    expect(groups).toEqual([]);
    expect(excluded.map((e) => [e.kind, e.reason])).toEqual([
      ['script', '出现在 6 个网站上（公共设施）'],
      ['phone', '官方网站本身也有（仿冒者照搬）'],
      ['email', '隐私保护'],
    ]);
  });

  it('counts sites out of scope toward "too many" but never groups them', () => {
    const benign = Array.from({ length: 3 }, (_, i) => site(`news${i}.example`, '2026-01-01', [id('wechat', 'quoted_id')], { inScope: false }));
    const { groups } = linkSites([site('a.example', '2026-10-01', [id('wechat', 'quoted_id')]), site('b.example', '2026-10-02', [id('wechat', 'quoted_id')]), ...benign], {
      maxSitesPerIdentifier: 4,
    });
    expect(groups).toEqual([]);
    // Under the cap, a news page quoting the same id neither blocks the link nor joins the group.
    const quoted = linkSites([site('a.example', '2026-10-01', [id('wechat', 'quoted_id')]), site('b.example', '2026-10-02', [id('wechat', 'quoted_id')]), ...benign]);
    expect(members(quoted.groups)).toEqual([['a.example', 'b.example']]);
  });

  it("joins a site to the one its certificate also names, and by one shared certificate", () => {
    const { groups } = linkSites([
      site('a.example', '2026-10-01', [id('tls-cert', 'c1'), id('tls-san', 'b-example.top')]),
      site('www.b-example.top', '2026-10-02', [id('tls-cert', 'c2')]),
      site('c.example', '2026-10-03', [id('tls-cert', 'c2')]),
      site('d.example', '2026-10-04', [id('tls-cert', 'c3')]),
    ]);
    expect(members(groups)).toEqual([['a.example', 'www.b-example.top', 'c.example']]);
    const san = groups[0]!.links.find((l) => l.kind === 'tls-san')!;
    expect(san.hosts).toEqual(['a.example', 'www.b-example.top']);
    expect(san.sightings.find((s) => s.host === 'www.b-example.top')!.where.snippet).toMatch(/出现在 a\.example 的证书中/);
  });
});

describe('linkSites: sites that name another', () => {
  it('joins a name that only redirects to a flagged site, and a front to the back end its form posts to', () => {
    const { groups } = linkSites([
      site('ad-name.example', '2026-10-01', [id('redirect', 'front.example')]),
      site('www.front.example', '2026-10-02', [id('form-target', 'backend.example')]),
      site('api.backend.example', '2026-10-03', []),
      site('other-front.example', '2026-10-04', [id('form-target', 'backend.example')]),
    ]);
    expect(members(groups)).toEqual([['ad-name.example', 'www.front.example', 'api.backend.example', 'other-front.example']]);
    expect(groups[0]!.links.find((l) => l.kind === 'redirect')!.sightings.map((s) => s.where.snippet)).toEqual(['… front.example …', 'ad-name.example 跳转到 www.front.example']);
  });

  it('links nothing by naming an official platform, even when several look-alikes do', () => {
    const { groups, excluded } = linkSites([
      site('a.example', '2026-10-01', [id('redirect', 'e-cqs.cn')]),
      site('b.example', '2026-10-02', [id('redirect', 'e-cqs.cn')]),
      site('reference:samr-cnse', '2018-01-01', [], { official: true, inScope: false, domain: 'e-cqs.cn' }),
    ]);
    expect(groups).toEqual([]);
    expect(excluded.map((e) => e.reason)).toEqual(['指向官方平台']);
  });
});

describe('assignOperatorIds', () => {
  const group = (...m: string[]): OperatorGroup => ({ members: m, links: [], support: [] });

  it('names a new group after its oldest site, deterministically, and avoids ids already taken', () => {
    const first = operatorIdFor('a.example', new Set());
    expect(first).toMatch(/^OP-[0-9A-F]{8}$/);
    expect(operatorIdFor('a.example', new Set([first]))).toBe(`${first}-2`);
    const { assigned } = assignOperatorIds([group('a.example', 'b.example')], []);
    expect(assigned).toEqual([{ id: first, group: group('a.example', 'b.example'), isNew: true }]);
  });

  it('keeps the id of a group that grew or lost a site', () => {
    const prev = [{ id: 'OP-OLD', members: ['a.example', 'b.example', 'c.example'], createdAt: '2026-10-01' }];
    expect(assignOperatorIds([group('a.example', 'b.example', 'x.example')], prev).assigned[0]!.id).toBe('OP-OLD');
  });

  it('when two groups merge, keeps the id with more sites in the merged group and records the other as merged', () => {
    const prev = [
      { id: 'OP-SMALL', members: ['a.example', 'b.example'], createdAt: '2026-09-01' },
      { id: 'OP-BIG', members: ['c.example', 'd.example', 'e.example'], createdAt: '2026-10-01' },
    ];
    const r = assignOperatorIds([group('a.example', 'b.example', 'c.example', 'd.example', 'e.example')], prev);
    expect(r.assigned.map((a) => a.id)).toEqual(['OP-BIG']);
    expect(r.merged).toEqual([{ id: 'OP-SMALL', into: 'OP-BIG' }]);
    // Equal shares: the older operator keeps its id.
    const tie = assignOperatorIds([group('a.example', 'b.example', 'c.example', 'd.example')], [prev[0]!, { ...prev[1]!, members: ['c.example', 'd.example'] }]);
    expect(tie.assigned[0]!.id).toBe('OP-SMALL');
  });

  it('when a group splits, the larger part keeps the id and the other gets a new one; a group gone is dissolved', () => {
    const prev = [
      { id: 'OP-X', members: ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'], createdAt: '2026-09-01' },
      { id: 'OP-GONE', members: ['y.example', 'z.example'], createdAt: '2026-09-02' },
    ];
    const r = assignOperatorIds([group('d.example', 'e.example'), group('a.example', 'b.example', 'c.example')], prev);
    expect(r.assigned.map((a) => [a.id, a.isNew])).toEqual([
      [operatorIdFor('d.example', new Set()), true],
      ['OP-X', false],
    ]);
    expect(r.dissolved).toEqual(['OP-GONE']);
    expect(r.merged).toEqual([]);
  });
});
