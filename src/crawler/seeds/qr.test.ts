import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeQrCodes, qrTextUrl } from './qr.js';

const W = 1400;
const H = 1000;

/** A certificate-like SVG: border, Chinese text, a photo box; QR codes are composited on afterwards. */
function certificateSvg(): string {
  const lines = ['姓名：张三', '性别：男', '身份证号：110101199001011234', '作业类别：电工作业', '操作项目：低压电工作业', '初领日期：2024-05-20', '有效期：2024-05-20 至 2030-05-19'];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="100%" height="100%" fill="#f4ecd8"/>
<rect x="30" y="30" width="${W - 60}" height="${H - 60}" fill="none" stroke="#8b1a1a" stroke-width="10"/>
<text x="${W / 2}" y="150" font-size="64" text-anchor="middle" fill="#8b1a1a">中华人民共和国特种作业操作证</text>
${lines.map((l, i) => `<text x="420" y="${280 + i * 70}" font-size="36" fill="#222">${l}</text>`).join('\n')}
<rect x="110" y="260" width="240" height="320" fill="#cfd8e3" stroke="#555" stroke-width="3"/>
<circle cx="230" cy="380" r="70" fill="#9aa7b8"/>
<text x="${W - 420}" y="${H - 90}" font-size="30" fill="#444">扫码查询真伪</text>
</svg>`;
}

async function qrPng(text: string, width: number): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
}

/** A phone photo of the certificate: composited codes, a small rotation, a little blur, JPEG. */
async function certificatePhoto(codes: { text: string; left: number; top: number; width: number }[]): Promise<Buffer> {
  const overlays = await Promise.all(codes.map(async (c) => ({ input: await qrPng(c.text, c.width), left: c.left, top: c.top })));
  const flat = await sharp(Buffer.from(certificateSvg())).composite(overlays).png().toBuffer();
  return sharp(flat).rotate(4, { background: '#777777' }).blur(0.8).jpeg({ quality: 72 }).toBuffer();
}

describe('certificate QR codes', () => {
  it('finds the counterfeit query address in a rotated, blurred JPEG photo of a certificate', async () => {
    const url = 'http://cx-mem-gov.cn/query?zsbh=T110101199001011234';
    const photo = await certificatePhoto([{ text: url, left: W - 380, top: H - 400, width: 260 }]);
    expect(await decodeQrCodes(photo)).toEqual([{ text: url, url }]);
  });

  it('finds both codes when a certificate carries two', async () => {
    const photo = await certificatePhoto([
      { text: 'http://cx-mem.top/cx?id=1', left: W - 380, top: H - 400, width: 260 },
      { text: 'cxmem-gov.cc/verify/8812', left: 110, top: 640, width: 240 },
    ]);
    const found = await decodeQrCodes(photo);
    expect(found.map((f) => f.url).sort()).toEqual(['http://cx-mem.top/cx?id=1', 'http://cxmem-gov.cc/verify/8812']);
  });

  it('finds nothing on a certificate without a code', async () => {
    const photo = await sharp(Buffer.from(certificateSvg())).jpeg().toBuffer();
    expect(await decodeQrCodes(photo)).toEqual([]);
  });

  it('reads addresses from QR text: URLs and bare hosts with a path, not other text', () => {
    expect(qrTextUrl('HTTPS://cx-mem-gov.cn/a')).toBe('https://cx-mem-gov.cn/a');
    expect(qrTextUrl('cx-mem.top/q?id=1')).toBe('http://cx-mem.top/q?id=1');
    expect(qrTextUrl('证书编号：T110101199001011234')).toBeNull();
  });
});
