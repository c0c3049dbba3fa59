import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hasTesseract } from '../../test/fixtures/capture.js';
import { foldOcrText, headerBand, ocrHeader, OcrMissingError, DEFAULT_OCR } from './ocr.js';


/** A 1280-wide "screenshot" whose header is a banner picture with the ministry's name in it. */
async function screenshot(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="600"><rect width="1280" height="600" fill="#fff"/>
    <rect width="1280" height="120" fill="#c00"/><text x="40" y="80" font-size="48" font-family="Noto Sans CJK SC, sans-serif" fill="#fff">中华人民共和国应急管理部</text>
    <text x="40" y="400" font-size="40" font-family="Noto Sans CJK SC, sans-serif" fill="#000">页脚以下不读</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('OCR of the header band', () => {
  it('folds the spaces tesseract puts between Chinese characters, keeping Latin words apart', () => {
    expect(foldOcrText('中 华 人 民 共 和 国  应 急 管 理 部\n\n  京ICP 备 18046060 号 Copyright 2026 ')).toBe('中华人民共和国应急管理部\n京ICP备18046060号Copyright 2026');
  });

  it('cuts the top band and makes it grey', async () => {
    const band = await headerBand(await screenshot(), 220);
    const meta = await sharp(band).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 220]);
    expect(meta.channels).toBe(1);
  });

  it.runIf(hasTesseract)('reads an agency name drawn as a picture, and nothing below the band', async () => {
    const text = await ocrHeader(await screenshot());
    expect(text).toContain('应急管理部');
    expect(text).not.toContain('页脚');
  });

  it('says tesseract is missing with its own error, so the scan can skip OCR', async () => {
    await expect(ocrHeader(await screenshot(), { ...DEFAULT_OCR, binary: '/nonexistent/tesseract' })).rejects.toBeInstanceOf(OcrMissingError);
  });
});
