import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './browser.js';
import { DOM_QUIET_SOURCE } from './in-page.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** DOM_QUIET_SOURCE's answer on a loaded page of this HTML. */
async function quietOn(html: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`, { waitUntil: 'load' });
    return (await page.evaluate(DOM_QUIET_SOURCE)) as number;
  } finally {
    await page.close();
  }
}

describe('how long a document has been quiet (DOM_QUIET_SOURCE)', () => {
  it('calls a loaded document without any script quiet for ever: nothing can change it any more', async () => {
    expect(await quietOn('<title>静态页面</title><p>证书查询</p><form><input name="sfzh"></form>')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('watches a document with a script, or with a handler attribute, from the first call', async () => {
    for (const html of ['<p id="x">1</p><script>setTimeout(() => (x.textContent = "2"), 5000)</script>', '<body onload="void 0"><p>1</p></body>', '<svg onload="void 0"></svg>'])
      expect(await quietOn(html), html).toBeLessThan(60_000);
  });

  it('watches a script-free document with frames: a frame may still be on its way in', async () => {
    for (const html of ['<iframe src="about:blank"></iframe>', '<frameset><frame src="about:blank"></frameset>'])
      expect(await quietOn(html), html).toBeLessThan(60_000);
  });
});
