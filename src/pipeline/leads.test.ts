import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { normaliseLead, readQrFromImage } from './leads.js';

describe('leads submitted by hand', () => {
  it('accepts http(s) URLs and bare host names only', () => {
    expect(normaliseLead(' https://cx-mem-gov.cn/query ')).toBe('https://cx-mem-gov.cn/query');
    expect(normaliseLead('CX-MEM-GOV.cn')).toBe('cx-mem-gov.cn');
    expect(normaliseLead('javascript:alert(1)')).toBeNull();
    expect(normaliseLead('file:///etc/passwd')).toBeNull();
    expect(normaliseLead('two words')).toBeNull();
  });

  it('reads the address from a photo of a certificate QR code', async () => {
    const png = await QRCode.toBuffer('http://cx-mem-gov.vip/verify?id=123', { width: 300 });
    expect(await readQrFromImage(png)).toBe('http://cx-mem-gov.vip/verify?id=123');
  });
});
