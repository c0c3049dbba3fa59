import { describe, expect, it } from 'vitest';
import rulesJson from '../../rules/rules.json' with { type: 'json' };
import { catalogue, detailOf, langFromLocale, list, message, parseMessage, renderMessage, SIGNAL_NAMES, TERMS } from './index.js';

// What may stay in Latin letters in a Chinese reason: names of protocols and registries, not sentences.
const LATIN_ALLOWED = /\b(ICP|WHOIS|HTTP|HTML|QQ|DNS|IP|bm|gov|cn|punycode|rn|m|B[12])\b/g;
const placeholders = (t: string): string[] => [...t.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]!).sort();

describe('the message catalogue', () => {
  const entries = Object.entries(catalogue);

  it('writes every reason in Chinese without an English word, with the same blanks as the English', () => {
    for (const [id, t] of entries) {
      expect(placeholders(t.zh), id).toEqual(placeholders(t.en));
      const bare = t.zh.replace(/\{[^}]*\}/g, '').replace(LATIN_ALLOWED, '');
      expect(bare, `${id}: ${t.zh}`).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('names every weighted signal and every term in Chinese', () => {
    for (const id of Object.keys(rulesJson.weights)) expect(SIGNAL_NAMES[id]?.zh, id).toMatch(/[\u4e00-\u9fff]/);
    for (const [k, t] of Object.entries(TERMS)) expect(t.zh.replace(LATIN_ALLOWED, ''), k).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('fills blanks, lists and translated terms, and nests a message', () => {
    const m = message('domain.lookalike', { host: 'cx-mem-gov.cn', official: 'cx.mem.gov.cn', techniques: list(['hyphenated-copy', 'gov-token']) });
    expect(renderMessage(m, 'zh')).toBe('域名cx-mem-gov.cn仿冒cx.mem.gov.cn（用连字符拼出官方域名、在.gov.cn之外使用gov字样）');
    expect(renderMessage(m, 'en')).toBe('host cx-mem-gov.cn looks like cx.mem.gov.cn (hyphenated-copy, gov-token)');
    const nested = message('registration.malformed', { host: 'a.cn', number: '川ICP备1号', issue: 'number.icp-digits', digits: 1 });
    expect(renderMessage(nested, 'zh')).toBe('a.cn显示的备案号“川ICP备1号”有误：ICP备案号有1位数字，应为8位或10位');
  });

  it('renders a stored reason in the reader\'s language, and an old one as it was saved', () => {
    expect(detailOf({ detail: 'old English', message: message('record.registrar', { registrar: 'NameSilo' }) }, 'zh')).toBe('注册商“NameSilo”在钓鱼滥用报告中屡被点名');
    expect(detailOf({ detail: 'old English' }, 'zh')).toBe('old English');
    expect(parseMessage('{"id":"x","params":{"a":1,"b":{}}}')).toEqual({ id: 'x', params: { a: 1 } });
    expect(parseMessage('not json')).toBeNull();
    expect(renderMessage({ id: 'from.a.newer.version', params: { a: 1 } }, 'zh')).toBe('from.a.newer.version {"a":1}');
  });

  it('takes the language from the locale as POSIX orders it', () => {
    expect(langFromLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromLocale({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromLocale({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'C' })).toBe('zh');
    expect(langFromLocale({})).toBe('en');
  });
});

describe('crawler notes and failures in Chinese', () => {
  it('renders the crawler\'s known notes and failures, and leaves others as written', async () => {
    const { noteZh, failureZh } = await import('./notes.js');
    expect(noteZh('https://cx-mem-gov.cn/ unreachable (connection failed (net::ERR_TUNNEL_CONNECTION_FAILED)); retried over http://')).toBe(
      'https://cx-mem-gov.cn/无法访问（连接失败（net::ERR_TUNNEL_CONNECTION_FAILED）），已改用 http:// 重试',
    );
    expect(noteZh('3 dialog(s) dismissed')).toBe('关闭了3个对话框');
    expect(failureZh('DNS: cx-mem-gov.com.cn does not exist (NXDOMAIN)')).toBe('DNS：cx-mem-gov.com.cn不存在（NXDOMAIN）');
    expect(noteZh('something new')).toBe('something new');
  });
});
