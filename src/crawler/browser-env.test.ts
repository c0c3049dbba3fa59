import { afterEach, expect, it } from 'vitest';
import { chromiumEnv, findChromium } from './browser.js';
import { launchEvidenceBrowser } from './evidence-visit/index.js';

const saved = { LANG: process.env['LANG'], LC_ALL: process.env['LC_ALL'], LC_CTYPE: process.env['LC_CTYPE'] };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
});

/** A heading in the font stack counterfeits copy from the official pages, rendered under the given shell locale. */
async function render(lang: string): Promise<Buffer> {
  process.env['LANG'] = lang;
  process.env['LC_ALL'] = lang;
  const browser = await launchEvidenceBrowser(findChromium(null));
  try {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 400, height: 80 } });
    await page.setContent('<h1 style="font-family: \'Microsoft YaHei\', \'PingFang SC\', SimSun, sans-serif; margin: 8px">证件信息查询</h1>');
    return await page.screenshot();
  } finally {
    await browser.close();
  }
}

it('pins the locale Chromium runs under, so fonts do not follow the shell', () => {
  process.env['LANG'] = 'zh_CN.UTF-8';
  process.env['LC_ALL'] = 'zh_CN.UTF-8';
  process.env['LC_CTYPE'] = 'zh_CN.UTF-8';
  const env = chromiumEnv();
  expect(env).toMatchObject({ LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
  expect(env['LC_CTYPE']).toBeUndefined();
  expect(env['PATH']).toBe(process.env['PATH']);
});

it('renders a page in the same faces from a Chinese shell as from a C one (fontconfig follows the process locale)', async () => {
  const chinese = await render('zh_CN.UTF-8');
  const c = await render('C.UTF-8');
  expect(chinese.equals(c)).toBe(true);
});
