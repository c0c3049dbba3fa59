/**
 * Server-side HTML with escaping by default. Every page the console shows was written by a criminal, so
 * every interpolated value is escaped unless it is itself markup built by `html` (a `SafeHtml`). There is
 * deliberately no way to mark a plain string as safe from outside this module except `trustedMarkup`,
 * which is used only for constant strings.
 */

/** Markup built by the `html` tag: already escaped, safe to embed. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${untrusted}</p>\`` escapes every value; arrays of SafeHtml are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => (out += render(v) + (strings[i + 1] ?? '')));
  return new SafeHtml(out);
}

/** Wraps a constant piece of markup written in this code base (never data) as SafeHtml. */
export function trustedMarkup(constant: string): SafeHtml {
  return new SafeHtml(constant);
}

/**
 * A URL that may be used in href: only http(s) URLs and the console's own paths. A captured `javascript:`
 * or `data:` URL becomes '#', so even an escaped attribute cannot run script when clicked.
 */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}
