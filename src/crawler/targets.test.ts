import { describe, expect, it } from 'vitest';
import { MAX_TARGET_CHARS, parseTarget, targetForMessage } from './targets.js';

describe('parseTarget', () => {
  it('visits a URL with credentials at its address without them, and keeps the input as given', () => {
    const parsed = parseTarget('http://user:secret@cx-mem-gov.cn/query?id=1');
    expect(parsed).toMatchObject({ ok: true, target: { input: 'http://user:secret@cx-mem-gov.cn/query?id=1', host: 'cx-mem-gov.cn', url: 'http://cx-mem-gov.cn/query?id=1' } });
    const disguise = parseTarget('https://cx.mem.gov.cn@fake-cx.example/');
    expect(disguise).toMatchObject({ ok: true, target: { host: 'fake-cx.example', url: 'https://fake-cx.example/', fallbackUrl: 'http://fake-cx.example/' } });
  });

  it('refuses a line longer than a target may be before parsing it, and names it briefly', () => {
    const long = `http://${'a'.repeat(MAX_TARGET_CHARS)}.example/`;
    expect(parseTarget(long)).toMatchObject({ ok: false, error: expect.stringMatching(/^\d+ characters long, more than a target may be \(8192\)/) as unknown });
    expect(targetForMessage(long)).toBe(`${JSON.stringify(long.slice(0, 100))}… (${long.length} characters)`);
  });
});
