import { describe, expect, it } from 'vitest';
import { html, safeHref } from './html.js';

describe('html', () => {
  it('escapes every interpolated value, including nested arrays, but keeps markup built by html', () => {
    const title = '特种作业<script>alert(1)</script>"\'`&';
    const out = html`<p title="${title}">${title}${[html`<b>${'<i>'}</b>`, '<u>']}</p>`.value;
    expect(out).toBe(
      '<p title="特种作业&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;">特种作业&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;<b>&lt;i&gt;</b>&lt;u&gt;</p>',
    );
  });

  it('turns javascript: and data: URLs into #, keeping http(s) and local paths', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,<script>', '//evil.example/']) expect(safeHref(href), href).toBe('#');
    for (const href of ['/site/a.example', 'http://cx-mem-gov.cn/']) expect(safeHref(href)).toBe(href);
  });
});
