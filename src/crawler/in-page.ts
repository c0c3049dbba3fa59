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

/**
 * Puts the document at rest for its screenshot, as Playwright's `animations: 'disabled'` and `caret: 'hide'`
 * do: finite animations and transitions jump to their end, endless ones go back to their start (cancelled),
 * and the focused field loses the focus, so no caret blinks. Deterministic: the same page gives the same pixels.
 */
export const AT_REST_SOURCE = String.raw`(() => {
  let animations = [];
  try { animations = document.getAnimations(); } catch (e) {}
  for (const a of animations) {
    try {
      const end = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming().endTime : Infinity;
      if (end === Infinity) a.cancel();
      else a.finish();
    } catch (e) {}
  }
  try {
    const el = document.activeElement;
    if (el && el !== document.body && typeof el.blur === 'function') el.blur();
  } catch (e) {}
})()`;

/**
 * Resolves once the document has painted twice since now (two animation frames), or after a second: a frame in
 * another renderer process (a cross-site frame, as masked forwarding uses) may have its content in the DOM and
 * no pixels yet on a busy machine, and a screenshot then shows it blank.
 */
export const PAINTED_SOURCE = String.raw`new Promise((resolve) => {
  const t = setTimeout(resolve, 1000);
  requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); resolve(true); }));
})`;

/**
 * Milliseconds since the document last changed (nodes, text or attributes). The first call starts watching,
 * so it counts from then; the watcher lives on the document and goes with it. A loaded document without any
 * script — no <script> element, no on… handler attribute — cannot change itself any more: it has been quiet
 * for ever (Number.MAX_SAFE_INTEGER), so a static page is read at its load event, not settleMs later. A document
 * with frames is watched all the same (a frame may still be on its way in), and so is a frame's blank first
 * document. (A meta refresh is the settle loop's own business; frames are asked one by one.)
 */
export const DOM_QUIET_SOURCE = String.raw`(() => {
  const scriptless = () => {
    if (document.scripts.length > 0) return false;
    for (const el of document.getElementsByTagName('*'))
      for (const name of el.getAttributeNames()) if (name.length > 2 && name[0] === 'o' && name[1] === 'n') return false;
    return true;
  };
  // Not a document with frames (theirs may still be on their way in) nor a frame's blank first document.
  if (document.readyState === 'complete' && window.frames.length === 0 && location.href !== 'about:blank' && scriptless()) return Number.MAX_SAFE_INTEGER;
  const key = Symbol.for('jianzhen.lastChange');
  if (!(key in window)) {
    Object.defineProperty(window, key, { value: { at: performance.now() }, enumerable: false });
    new MutationObserver(() => { window[key].at = performance.now(); })
      .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  }
  return performance.now() - window[key].at;
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

/**
 * (formIndex, fieldIndexes) => { ok, submit, isForm } — marks the query form's fields for the probe
 * (data-jz-probe="<field index>", the same order EXTRACT_SOURCE lists them in) and its submit control
 * (data-jz-probe="submit"). A form with target=_blank is retargeted to _self: the visit closes popups,
 * and the answer would be lost with them. It writes no values: Playwright types them, firing real events.
 */
export const PROBE_MARK_SOURCE = String.raw`function (formIndex, fieldIndexes) {
  const forms = Array.from(document.forms);
  const isForm = formIndex < forms.length;
  const container = isForm ? forms[formIndex] : document;
  let els = Array.from(container.querySelectorAll('input, select, textarea, button'));
  if (!isForm) els = els.filter((el) => !el.closest('form'));
  for (const i of fieldIndexes) if (els[i]) els[i].setAttribute('data-jz-probe', String(i));
  if (isForm && container.target && container.target !== '_self') container.target = '_self';
  const words = /查\s*询|提\s*交|核\s*验|验\s*证|确\s*定|搜\s*索|search|query|submit|check/i;
  const text = (el) => ((el.innerText || el.value || el.getAttribute('alt') || el.getAttribute('title') || '') + '').trim();
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  let submit = els.find((el) => visible(el) && ((el.tagName === 'INPUT' && ['submit', 'image'].includes(el.type)) ||
    (el.tagName === 'BUTTON' && (el.getAttribute('type') || 'submit').toLowerCase() === 'submit')));
  if (!submit) submit = els.find((el) => visible(el) && (el.tagName === 'BUTTON' || (el.tagName === 'INPUT' && el.type === 'button')) && words.test(text(el)));
  if (!submit) {
    // Script-driven forms often use a link or a styled element as the button.
    const scope = isForm ? container : document;
    submit = Array.from(scope.querySelectorAll('a, span, div, img, li, [onclick]'))
      .find((el) => visible(el) && text(el).length > 0 && text(el).length <= 8 && words.test(text(el)) && !el.querySelector('input'));
  }
  if (submit) submit.setAttribute('data-jz-probe', 'submit');
  return { ok: els.length > 0, submit: !!submit, isForm };
}`;

/** () => visible text of the body (the probe compares it before and after submitting). */
export const BODY_TEXT_SOURCE = String.raw`((document.body && document.body.innerText) || '')`;

/**
 * (bandHeight, textCap) => { pictures, text }: what the header band OCR would read holds — pictures (images,
 * SVG, canvas, image inputs, CSS backgrounds of 60×16 px or more) and the text set there.
 */
export const BAND_FACTS_SOURCE = String.raw`function (bandHeight, textCap) {
  const pictures = ['IMG', 'SVG', 'CANVAS', 'PICTURE', 'OBJECT', 'EMBED', 'VIDEO'];
  let n = 0;
  const all = document.body ? document.body.getElementsByTagName('*') : [];
  for (let i = 0; i < all.length && i < 5000; i++) {
    const el = all[i];
    const r = el.getBoundingClientRect();
    if (r.top >= bandHeight || r.bottom <= 0 || r.width < 60 || r.height < 16) continue;
    const tag = el.tagName.toUpperCase();
    if (pictures.includes(tag) || (tag === 'INPUT' && el.type === 'image') || getComputedStyle(el).backgroundImage !== 'none') n++;
  }
  let text = '';
  if (document.body) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && text.length < textCap; node = walker.nextNode()) {
      const t = (node.textContent || '').trim();
      if (!t) continue;
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.top >= bandHeight || r.bottom <= 0) continue;
      text += t + ' ';
    }
  }
  return { pictures: n, text: text.slice(0, textCap) };
}`;
