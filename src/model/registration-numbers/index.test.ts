import { describe, expect, it } from 'vitest';
import { renderMessage } from '../messages/index.js';
import { extractNumbers, PROVINCES } from './index.js';

const issuesOf = (text: string, lang: 'zh' | 'en' = 'en'): string[] =>
  extractNumbers(text, 2026).flatMap((f) => f.issues.map((i) => renderMessage(i, lang)));

describe('the province table is MIIT\'s', () => {
  it('has the 31 mainland provinces, each code and each ICP abbreviation once', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(31);
    expect(new Set(PROVINCES.map((p) => p.icp)).size).toBe(31);
  });

  // What every province's own sites wear: MIIT's character before ICP备, the province's before 公网安备,
  // and a 公网安备 number that starts with the province's division code.
  for (const p of PROVINCES) {
    it(`reads ${p.name}'s footer (${p.icp}ICP备, ${p.psb.join('/')}公网安备 ${p.code}…) as well formed`, () => {
      for (const psb of p.psb) {
        const footer = `版权所有 ${p.name}某某单位 ${p.icp}ICP备2021012345号-1 ${psb}公网安备 ${p.code}010202000001号 网站标识码${p.code}00000001`;
        const found = extractNumbers(footer, 2026);
        expect(found.map((f) => f.kind)).toEqual(['icp-filing', 'psb-filing', 'gov-site-code']);
        expect(found.flatMap((f) => f.issues)).toEqual([]);
        expect(new Set(found.map((f) => f.province))).toEqual(new Set([p.name]));
      }
    });
  }

  it('reads Sichuan\'s 蜀ICP备 as Sichuan, and calls 川ICP备 a character MIIT never issues', () => {
    expect(issuesOf('版权所有 四川省应急管理厅 蜀ICP备05005765号 川公网安备 51010402000001号')).toEqual([]);
    expect(issuesOf('版权所有 四川某某公司 川ICP备05005765号')).toEqual(['MIIT never issues filings marked "川": 四川省 filings read "蜀ICP备"']);
    expect(issuesOf('川ICP备05005765号', 'zh')[0]).toBe('工信部从不以“川”签发ICP备案，四川省的备案号写作“蜀ICP备”');
  });
});

describe('registration number formats', () => {
  it('accepts the old and new ICP filing formats, licences and site codes', () => {
    const found = extractNumbers('京ICP备18046060号-1 粤ICP备2021012345号 京ICP证030173号 粤B2-20090059 京公网安备 11010202000001号 网站标识码：1100000088', 2026);
    expect(found.map((f) => f.kind)).toEqual(['icp-filing', 'icp-filing', 'icp-licence', 'icp-licence', 'psb-filing', 'gov-site-code']);
    expect(found.flatMap((f) => f.issues)).toEqual([]);
  });

  it('reads full-width digits and letters as the same number', () => {
    const [f] = extractNumbers('京ＩＣＰ备１８０４６０６０号－１', 2026);
    expect(f?.canonical).toBe('京ICP备18046060号-1');
    expect(f?.key).toBe('京ICP备18046060号');
  });

  const bad: [string, RegExp][] = [
    ['京ICP备180460601号', /9 digits/],
    ['京ICP备2031012345号', /impossible/],
    ['京ICP备2016012345号', /impossible/],
    ['京ICP备28046060号', /after the capture/],
    ['中ICP备18046060号', /not a province/],
    ['京公网安备1101020200799号', /13 digits/],
    ['云公网安备 36010902000181号', /starts with 36 \(江西省\) but is marked 云 \(云南省\)/],
    ['网站标识码bm7300001', /not 8/],
    ['网站标识码9900000001', /not a province code/],
    ['粤B2-19890059', /impossible/],
  ];
  for (const [text, issue] of bad) {
    it(`rejects ${text}`, () => {
      expect(issuesOf(text).join('; ')).toMatch(issue);
    });
  }

  it('compares a footer\'s provinces as provinces, whatever character each body writes', () => {
    expect(issuesOf('版权所有 贵州某单位 黔ICP备19012734号 贵公网安备 52010202000001号')).toEqual([]);
    expect(issuesOf('版权所有 某单位 京ICP备19012734号 粤公网安备 44010202000001号')).toEqual(['province 广东省 differs from the ICP filing\'s 北京市']);
  });
});
