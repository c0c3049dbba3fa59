/**
 * Scripts evaluated inside the visited page, kept as plain JavaScript source: tsx compiles functions with
 * esbuild's keepNames, whose `__name` helper does not exist in the page. They read only; they never click.
 */

/** The delay of a <meta http-equiv=refresh>, or null. */
export const REFRESH_DELAY_SOURCE = String.raw`(() => {
  const meta = document.querySelector('meta[http-equiv="refresh" i]');
  const m = /^\s*(\d+(?:\.\d+)?)/.exec((meta && meta.getAttribute('content')) || '');
  return m ? Number(m[1]) : null;
})()`;

/** (textCap, linkCap) => { title, text, forms, links, iconHref, height } */
export const EXTRACT_SOURCE = String.raw`function (textCap, linkCap) {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const labelOf = (el) => {
    const id = el.getAttribute('id');
    if (id) {
      const byFor = document.querySelector('label[for="' + CSS.escape(id) + '"]');
      if (byFor) return clean(byFor.textContent) || null;
    }
    const wrap = el.closest('label');
    if (wrap) return clean(wrap.textContent) || null;
    // Table layouts: the text of the previous cell; otherwise the text just before the field.
    const cell = el.closest('td, th, dd');
    const prevCell = cell && cell.previousElementSibling;
    if (prevCell) return clean(prevCell.textContent) || null;
    let prev = el.previousSibling;
    while (prev && !clean(prev.textContent)) prev = prev.previousSibling;
    const t = clean(prev && prev.textContent);
    return t ? t.slice(-40) : null;
  };
  const field = (el) => ({
    tag: el.tagName.toLowerCase(),
    type: (el.getAttribute('type') || (el.tagName === 'BUTTON' ? 'submit' : el.tagName.toLowerCase())).toLowerCase(),
    name: el.getAttribute('name'),
    id: el.getAttribute('id'),
    label: labelOf(el),
    placeholder: el.getAttribute('placeholder'),
  });
  const forms = Array.from(document.forms).map((f) => ({
    action: f.getAttribute('action') === null ? null : f.action,
    method: (f.getAttribute('method') || 'get').toLowerCase(),
    fields: Array.from(f.querySelectorAll('input, select, textarea, button')).map(field),
  }));
  // Query "forms" built without <form>: inputs outside any form form one script-only form.
  const loose = Array.from(document.querySelectorAll('input, select, textarea, button')).filter((el) => !el.closest('form'));
  if (loose.some((el) => el.tagName === 'INPUT' && !['hidden', 'button', 'submit'].includes(el.type))) {
    forms.push({ action: null, method: 'script', fields: loose.map(field) });
  }
  const links = Array.from(document.querySelectorAll('a[href]')).slice(0, linkCap)
    .map((a) => ({ href: a.href, text: clean(a.textContent).slice(0, 200) }));
  const icon = document.querySelector('link[rel~="icon" i], link[rel="shortcut icon" i]');
  return {
    title: clean(document.title),
    text: ((document.body && document.body.innerText) || '').slice(0, textCap),
    forms,
    links,
    iconHref: icon ? icon.href : null,
    height: Math.max(document.documentElement.scrollHeight, (document.body && document.body.scrollHeight) || 0),
  };
}`;

/** (url, cap) => { b64, mime } | null — fetched by the page so it passes the same guard as its own requests. */
export const FAVICON_SOURCE = String.raw`async function (url, cap) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 4000);
  try {
    const res = await fetch(url, { signal: ctl.signal, credentials: 'omit' });
    if (!res.ok) return null;
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length === 0 || buf.length > cap) return null;
    let bin = '';
    for (const b of buf) bin += String.fromCharCode(b);
    return { b64: btoa(bin), mime: (res.headers.get('content-type') || 'image/x-icon').split(';')[0] };
  } catch (e) {
    return null;
  } finally {
    clearTimeout(timer);
  }
}`;
