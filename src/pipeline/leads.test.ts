import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { normaliseLead, readQrFromImage } from './leads.js';

describe('leads submitted by hand', () => {
  it('accepts http(s) URLs and bare host names only', () => {
    const leads = { ' https://cx-mem-gov.cn/query ': 'https://cx-mem-gov.cn/query', 'CX-MEM-GOV.cn': 'cx-mem-gov.cn' };
    for (const [lead, target] of Object.entries(leads)) expect(normaliseLead(lead), lead).toBe(target);
    for (const lead of ['javascript:alert(1)', 'file:///etc/passwd', 'two words']) expect(normaliseLead(lead), lead).toBeNull();
  });

  it('reads the address from a photo of a certificate QR code', async () => {
    const png = await QRCode.toBuffer('http://cx-mem-gov.vip/verify?id=123', { width: 300 });
    expect(await readQrFromImage(png)).toBe('http://cx-mem-gov.vip/verify?id=123');
  });
});
