import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { publicUrlOf } from './review.js';

describe('--public-url', () => {
  it('keeps an https origin, and http only on loopback', () => {
    expect(publicUrlOf('https://review.example.gov.cn/')).toBe('https://review.example.gov.cn');
    expect(publicUrlOf('https://review.example.gov.cn:8443')).toBe('https://review.example.gov.cn:8443');
    expect(publicUrlOf('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(publicUrlOf(undefined)).toBeNull();
  });

  it('refuses plain http beyond loopback, a path, and what is no URL, each with the next step', () => {
    expect(() => publicUrlOf('http://review.example.gov.cn')).toThrow(/must be https:\/\/ beyond loopback/);
    expect(() => publicUrlOf('https://review.example.gov.cn/console')).toThrow(/origin only/);
    expect(() => publicUrlOf('review.example.gov.cn')).toThrow(UsageError);
  });
});
