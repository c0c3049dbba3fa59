import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const base = 'http://127.0.0.1:18765';
await page.goto(`${base}/login`);
await page.fill('input[name=name]', 'shot');
await page.fill('input[name=password]', 'shotpass-123456');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
for (const host of process.argv.slice(2)) {
  await page.goto(`${base}/site/${encodeURIComponent(host)}`);
  await page.screenshot({ path: `/tmp/detect/site-${host}.png`, fullPage: true });
  const basis = await page.locator('.panel:has(h2:text("判定依据"))').innerText();
  console.log(`---- ${host}\n${basis}`);
}
await browser.close();
