import { describe, expect, it } from 'vitest';
import { hostOf, normaliseHost, registrableDomainOf, siteOf } from './host.js';

describe('one way to name a host', () => {
  it('lower-cases, trims, drops IPv6 brackets and trailing dots, and writes IDNs in ASCII', () => {
    expect(normaliseHost('  CX.MEM.GOV.CN.. ')).toBe('cx.mem.gov.cn');
    expect(normaliseHost('[::1]')).toBe('::1');
    expect(normaliseHost('应急管理部.中国')).toBe(new URL('http://应急管理部.中国/').hostname);
    expect(normaliseHost('应急管理部.中国')).toMatch(/^xn--[a-z0-9]+\.xn--fiqs8s$/);
    expect(normaliseHost('')).toBeNull();
    expect(normaliseHost('...')).toBeNull();
  });

  it('reads an ideographic or full-width full stop as a dot, also at the end', () => {
    expect(normaliseHost('cx。mem。gov。cn')).toBe('cx.mem.gov.cn');
    expect(normaliseHost('example.com。')).toBe('example.com');
    expect(normaliseHost('example．com．')).toBe('example.com');
    expect(normaliseHost('。')).toBeNull();
  });

  it('finds the host of a URL or a bare name, and none in a mail or script link', () => {
    expect(hostOf('http://Cx.Mem.Gov.Cn:8080/path?q=1')).toBe('cx.mem.gov.cn');
    expect(hostOf('cx-mem-gov.com/cx/index.html')).toBe('cx-mem-gov.com');
    expect(hostOf('mailto:a@b.cn')).toBeNull();
    expect(hostOf('javascript:void(0)')).toBeNull();
    expect(registrableDomainOf('www.zlaq.mohurd.gov.cn')).toBe('mohurd.gov.cn');
    expect(siteOf('http://127.0.0.1/')).toBe('127.0.0.1');
  });
});
