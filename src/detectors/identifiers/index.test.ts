import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { artifactOf, pageSnapshot } from '../../../test/fixtures/snapshots.js';
import type { Identifier, IdentifierKind } from '../../model/identifier.js';
import type { Artifact, PageSnapshot } from '../../model/snapshot.js';
import { extractIdentifiers, findContacts, foldForContacts, normalisePhone } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A snapshot of `url` whose stored HTML is the fixture page, with any other bytes it names. */
function visit(url: string, page: string | null, overrides: Partial<PageSnapshot> = {}, extra: Artifact[] = []) {
  const html = page ? artifactOf(fixture(page), 'text/html') : null;
  const bytes = new Map([...(html ? [html] : []), ...extra].map((a) => [a.ref.sha256, a.data]));
  const text = overrides.text ?? (page ? htmlToText(fixture(page).toString('utf8')) : '');
  const snapshot = pageSnapshot(url, { html: html?.ref ?? null, ...overrides, text });
  return extractIdentifiers({ snapshot, readArtifact: (sha) => bytes.get(sha) ?? null });
}

/** Roughly what innerText gives: the body's text without tags, scripts or hidden elements. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<p class="hidden"[\s\S]*?<\/p>/gi, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

const values = (ids: readonly Identifier[], kind: IdentifierKind) => [...new Set(ids.filter((i) => i.kind === kind).map((i) => i.value))].sort();

describe('contacts, however they are written', () => {
  const ids = visit('http://zs-banli.example/', 'contacts.html');

  it('reads WeChat ids after VX, 加v, 微信号 in alt text and in a weixin:// link, in lower case', () => {
    expect(values(ids, 'wechat')).toEqual(['wxid-scan01', 'zxcx-bak88', 'zxcx_2026']);
    const link = ids.find((i) => i.kind === 'wechat' && i.where.source === 'html' && i.raw.startsWith('weixin:'))!;
    expect(link.where.locator).toContain('a');
    expect(ids.find((i) => i.kind === 'wechat' && i.where.source === 'text')!.where.snippet).toContain('客服VX：zxcx_2026');
  });

  it('reads 微信同号 before an id as the WeChat id, and before a number as the phone it shares', () => {
    expect(findContacts('微信同号：hgzs_2026（长按复制）').map((c) => [c.kind, c.value])).toEqual([['wechat', 'hgzs_2026']]);
    expect(findContacts('微信同号：139 2026 8866').map((c) => [c.kind, c.value])).toEqual([['phone', '13920268866']]);
  });

  it('normalises mobile and landline numbers: +86, dashes, spaces, 全角 and Chinese numerals, tel: links, 400 lines', () => {
    expect(values(ids, 'phone')).toEqual(['075588886666', '13500001234', '18820260717', '4000261188']);
    // The hidden line spells the same mobile in Chinese numerals (幺八八…): read from the HTML, not the visible text.
    expect(ids.filter((i) => i.kind === 'phone' && i.value === '18820260717').map((i) => i.where.source).sort()).toEqual(['html', 'text']);
    expect(normalisePhone('１８８ ２０２６ ０７１７')).toBeNull(); // full width is folded by the text pass, not here
    expect(findContacts('电话：１８８ ２０２６ ０７１７').map((c) => c.value)).toEqual(['18820260717']);
    expect(findContacts('联系 幺八八二零二六零七幺七').map((c) => c.value)).toEqual(['18820260717']);
    expect(normalisePhone('+86 755 8888 6666')).toBe('075588886666');
  });

  it('tells QQ numbers from phones, reads QQ chat links, groups and QQ mailboxes', () => {
    expect(values(ids, 'qq')).toEqual(['123456789', '987654321']);
    expect(values(ids, 'qq-group')).toEqual(['765432109']);
    expect(values(ids, 'phone')).not.toContain('123456789');
    expect(findContacts('邮箱 2468013579@qq.com').map((c) => [c.kind, c.value])).toEqual([
      ['email', '2468013579@qq.com'],
      ['qq', '2468013579'],
    ]);
  });

  it('reads e-mail written with # for @ (a mail domain only), mailto: links and Telegram handles', () => {
    expect(values(ids, 'email')).toEqual(['kefu.zhengshu@foxmail.com', 'lw2026@163.com']);
    expect(findContacts('见 index.html#section.top 和 logo@2x.png')).toEqual([]);
    expect(values(ids, 'telegram')).toEqual(['zhengshu_cx']);
  });

  it('takes no registration, ID or order number for a phone', () => {
    expect(ids.filter((i) => i.kind === 'phone').every((i) => !/ICP|身份证|订单/.test(i.raw))).toBe(true);
  });

  it('reads labels written with a space inside (微 信, Q Q)', () => {
    expect(findContacts('微 信：gang_2026 Q Q：123456789').map((c) => [c.kind, c.value])).toEqual([
      ['wechat', 'gang_2026'],
      ['qq', '123456789'],
    ]);
  });

  it('keeps offsets when folding, so snippets quote the page as written', () => {
    const original = '扣扣：１２３４５６７８９ 幺八八二零二六零七幺七';
    expect(foldForContacts(original)).toHaveLength(original.length);
    expect(foldForContacts(original)).toBe('扣扣:123456789 18820260717');
  });

  it('marks every contact strong', () => {
    expect(ids.filter((i) => ['wechat', 'qq', 'phone', 'email'].includes(i.kind)).every((i) => i.strength === 'strong')).toBe(true);
  });
});

describe('analytics and chat-widget accounts', () => {
  const kit = artifactOf(fixture('kit.js'), 'application/javascript');
  const scripts = [{ url: 'http://tj-banli.example/js/query.js', artifact: kit.ref }];
  const ids = visit('http://tj-banli.example/', 'services.html', { scripts }, [kit]);

  it('reads Baidu Tongji ids from the inline snippet and from a same-site script file', () => {
    expect(values(ids, 'analytics')).toEqual(
      expect.arrayContaining(['baidu:0f3e9a1b2c4d5e6f7a8b9c0d1e2f3a4b', 'baidu:99aa88bb77cc66dd55ee44ff33001122']),
    );
    expect(ids.find((i) => i.value === 'baidu:99aa88bb77cc66dd55ee44ff33001122')!.where).toMatchObject({ source: 'script', locator: 'http://tj-banli.example/js/query.js' });
  });

  it('reads CNZZ behind unescape(), 51.la and Google ids', () => {
    expect(values(ids, 'analytics')).toEqual(expect.arrayContaining(['cnzz:1281234567', '51la:21345678', 'ga:G-AB12CD34EF']));
  });

  it('reads 53kf and live800 customer-service accounts', () => {
    expect(values(ids, 'chat-widget')).toEqual(['53kf:a1b2c3d4e5f60718293a4b5c6d7e8f90', 'live800:80012345']);
  });

  it('reads contacts a script writes for visitors (labelled in Chinese) but not bare numbers in code', () => {
    expect(values(ids, 'wechat')).toEqual(['kefu_zs2026']);
    expect(values(ids, 'qq')).toEqual(['246813579']);
    expect(values(ids, 'phone')).not.toContain('13912345678');
  });

  it('names third-party script hosts, public services marked shared', () => {
    const hosts = ids.filter((i) => i.kind === 'script-host');
    expect(hosts.find((i) => i.value === 'kf.gang-cdn.top')?.shared).toBeUndefined();
    expect(hosts.find((i) => i.value === 'js.users.51.la')?.shared).toBeTruthy();
    expect(hosts.every((i) => i.strength === 'weak')).toBe(true);
  });
});

describe('script bundles', () => {
  it('hashes same-site scripts (strong) and marks a library copied beside the page as shared', () => {
    const kit = artifactOf(fixture('kit.js'), 'application/javascript');
    const jq = artifactOf(fixture('jquery.min.js'), 'application/javascript');
    const scripts = [
      { url: 'http://a.example/static/app.js', artifact: kit.ref },
      { url: 'http://a.example/static/lib.js', artifact: jq.ref },
      { url: 'http://a.example/static/gone.js', artifact: null, error: 'HTTP 404' },
    ];
    const ids = visit('http://a.example/', null, { scripts }, [kit, jq]).filter((i) => i.kind === 'script');
    expect(ids.map((i) => [i.value, i.strength, i.shared ?? null])).toEqual([
      [kit.ref.sha256, 'strong', null],
      [jq.ref.sha256, 'strong', '公共脚本库（任何人都可复制）'],
    ]);
  });

  it('hashes long inline scripts (weak), whitespace-insensitively', () => {
    const ids = visit('http://a.example/', 'services.html');
    const inline = ids.filter((i) => i.kind === 'inline-script');
    expect(inline.length).toBeGreaterThanOrEqual(1);
    expect(inline.every((i) => i.strength === 'weak' && /^[0-9a-f]{64}$/.test(i.value))).toBe(true);
  });
});

describe('the page template', () => {
  it('gives two pages built from one kit the same DOM skeleton, whatever their words', () => {
    const a = visit('http://a.example/', 'template-a.html').find((i) => i.kind === 'dom-skeleton')!;
    const b = visit('http://b.example/', 'template-b.html').find((i) => i.kind === 'dom-skeleton')!;
    const other = visit('http://c.example/', 'contacts.html').find((i) => i.kind === 'dom-skeleton')!;
    expect(a.value).toBe(b.value);
    expect(other.value).not.toBe(a.value);
    expect(a.strength).toBe('weak');
  });

  it('marks the template of a server default page as shared', () => {
    const stock = visit('http://d.example/', 'template-a.html', { title: '没有找到站点' }).find((i) => i.kind === 'dom-skeleton')!;
    expect(stock.shared).toMatch(/默认页/);
  });

  it('records the favicon by hash', () => {
    const icon = artifactOf(Buffer.from('<svg/>'), 'image/svg+xml');
    const ids = visit('http://a.example/', null, { favicon: { url: 'http://a.example/favicon.ico', artifact: icon.ref } });
    expect(ids.find((i) => i.kind === 'favicon')).toMatchObject({ value: icon.ref.sha256, strength: 'weak' });
  });
});

describe('WHOIS, DNS, hosting and TLS', () => {
  const whois = (fields: Record<string, string>) => ({ domain: 'a.example', server: 'x', raw: '', fields, error: null });

  it('reads the registrant (name weak; e-mail and phone strong, as contacts) and the registrar', () => {
    const ids = visit('http://a.example/', null, {
      whois: whois({ registrant: '李伟', registrantContactEmail: 'LW20260903@163.com', registrantPhone: '+86.18820260717', sponsoringRegistrar: '成都西维数码科技有限公司' }),
    });
    expect(ids.find((i) => i.kind === 'registrant-name')).toMatchObject({ value: '李伟', strength: 'weak' });
    expect(ids.find((i) => i.kind === 'email')).toMatchObject({ value: 'lw20260903@163.com', strength: 'strong', where: { source: 'whois' } });
    expect(ids.find((i) => i.kind === 'phone')).toMatchObject({ value: '18820260717', where: { source: 'whois', locator: 'Registrant Phone' } });
    expect(ids.find((i) => i.kind === 'registrar')?.shared).toMatch(/常见注册商/);
  });

  it("marks a privacy service's registrant and relay e-mail shared", () => {
    const ids = visit('http://a.example/', null, {
      whois: whois({ registrantOrganization: 'REDACTED FOR PRIVACY', registrantEmail: 'abc123@privacyguardian.org', registrar: 'Tiny Registrar Ltd' }),
    });
    expect(ids.find((i) => i.kind === 'registrant-name')?.shared).toBeTruthy();
    expect(ids.find((i) => i.kind === 'email')?.shared).toMatch(/隐私/);
    expect(ids.find((i) => i.kind === 'registrar')?.shared).toBeUndefined();
  });

  it('reads name servers (DNS and WHOIS, as one set), addresses and networks; CDN and cloud ones marked shared', () => {
    const ids = visit('http://a.example/', null, {
      dns: { host: 'a.example', a: ['104.21.3.4', '47.96.1.2'], aaaa: [], ns: ['NS1.GANG-DNS.TOP.'], mx: [], error: null, server: 'x' },
      whois: whois({ nameServer: 'ns2.gang-dns.top ns1.gang-dns.top' }),
      hosting: [
        { ip: '104.21.3.4', asn: 13335, org: 'CLOUDFLARENET', country: 'US' },
        { ip: '47.96.1.2', asn: 37963, org: 'Hangzhou Alibaba Advertising Co.,Ltd.', country: 'CN' },
      ],
    });
    expect(ids.find((i) => i.kind === 'name-servers')).toMatchObject({ value: 'ns1.gang-dns.top ns2.gang-dns.top', strength: 'weak' });
    expect(ids.find((i) => i.kind === 'name-servers')?.shared).toBeUndefined();
    expect(ids.find((i) => i.kind === 'ip' && i.value === '104.21.3.4')?.shared).toMatch(/CDN/);
    expect(ids.find((i) => i.kind === 'ip' && i.value === '47.96.1.2')?.shared).toBeUndefined();
    expect(values(ids, 'asn')).toEqual(['13335', '37963']);
    expect(ids.filter((i) => i.kind === 'asn').every((i) => i.shared)).toBe(true);
  });

  it('reads the certificate fingerprint (strong) and the other sites its SANs name', () => {
    const der = createHash('sha256').update('cert').digest('hex');
    const tls = { sha256: der, subject: 'CN=a.example', issuer: 'CN=Gang CA', sans: ['a.example', 'www.a.example', '*.b-example.top', 'c.example'], validFrom: '2026-01-01', validTo: '2027-01-01', serialNumber: '01' };
    const ids = visit('https://a.example/', null, { tls });
    expect(ids.find((i) => i.kind === 'tls-cert')).toMatchObject({ value: der, strength: 'strong' });
    expect(values(ids, 'tls-san')).toEqual(['b-example.top', 'c.example']);
    const shared = visit('https://a.example/', null, { tls: { ...tls, sans: Array.from({ length: 30 }, (_, i) => `s${i}.example`) } });
    expect(shared.find((i) => i.kind === 'tls-cert')?.shared).toMatch(/共享证书/);
  });
});

describe('sites a visit is sent to', () => {
  it('names the site a redirect chain ends on, and the back end a query form or the probe posts to', () => {
    const ids = visit('http://ad-name.example/', null, {
      finalUrl: 'http://front.example/',
      redirects: [{ from: 'http://ad-name.example/', to: 'http://front.example/', kind: 'http', status: 302 }],
      forms: [
        { action: 'http://api.backend.example/check', method: 'post', fields: [] },
        { action: 'http://front.example/local', method: 'post', fields: [] },
      ],
    });
    expect(ids.find((i) => i.kind === 'redirect')).toMatchObject({ value: 'front.example', strength: 'strong', where: { snippet: 'http://ad-name.example/ → http://front.example/（http 302）' } });
    expect(values(ids, 'form-target')).toEqual(['backend.example']);
  });

  it('marks a form posting to a public form builder shared', () => {
    const ids = visit('http://a.example/', null, { forms: [{ action: 'https://www.wjx.cn/joinnew/processjq.ashx', method: 'post', fields: [] }] });
    expect(ids.find((i) => i.kind === 'form-target')).toMatchObject({ value: 'wjx.cn', shared: '公共服务网站（众多网站共用）' });
  });

  it('marks a redirect or a form to a government site (the genuine platform) shared', () => {
    const sent = visit('http://lookalike.example/', null, { finalUrl: 'https://cx.mem.gov.cn/', forms: [] });
    const posting = visit('http://lookalike.example/', null, { forms: [{ action: 'https://cx.mem.gov.cn/query', method: 'post', fields: [] }] });
    expect([...sent, ...posting].filter((i) => i.kind === 'redirect' || i.kind === 'form-target').map((i) => [i.kind, i.value, Boolean(i.shared)])).toEqual([
      ['redirect', 'mem.gov.cn', true],
      ['form-target', 'mem.gov.cn', true],
    ]);
  });
});
