// 鉴真审核台 keyboard shortcuts and small conveniences. Served as a file (the CSP forbids inline script).
// j/k next/previous, c 确认假冒, r 误报, p 待定, u 撤销, n note, o/Enter open, x select, d diff overlay.
(function () {
  'use strict';
  var typing = function (el) {
    if (!el || !el.tagName) return false;
    var t = el.tagName.toLowerCase();
    return t === 'input' || t === 'textarea' || t === 'select' || el.isContentEditable;
  };
  // Enter and Space on a focused button, link or checkbox belong to that control, never to a shortcut.
  var activates = function (el) {
    if (!el || !el.tagName) return false;
    var t = el.tagName.toLowerCase();
    return t === 'button' || t === 'a' || t === 'summary' || t === 'label';
  };

  var queue = document.getElementById('queue');
  var rows = queue ? Array.prototype.slice.call(queue.querySelectorAll('tbody tr[data-host]')) : [];
  var cursor = 0;
  if (queue) {
    var wanted = queue.getAttribute('data-cursor');
    rows.forEach(function (row, i) { if (row.getAttribute('data-host') === wanted) cursor = i; });
  }
  function showCursor() {
    rows.forEach(function (row, i) { row.classList.toggle('cursor', i === cursor); });
    if (rows[cursor]) rows[cursor].scrollIntoView({ block: 'nearest' });
  }
  if (rows.length) showCursor();

  function quickDecide(decision) {
    var row = rows[cursor];
    var form = document.getElementById('quick-decision');
    if (!row || !form) return;
    form.querySelector('input[name=host]').value = row.getAttribute('data-host');
    form.querySelector('input[name=decision]').value = decision;
    var next = rows[cursor + 1] || rows[cursor - 1];
    form.querySelector('input[name=cursor]').value = next ? next.getAttribute('data-host') : '';
    form.submit();
  }

  function clickIf(id) {
    var el = document.getElementById(id);
    if (el) { el.click(); return true; }
    return false;
  }

  var decisionKeys = { c: 'confirmed', r: 'rejected', p: 'pending' };

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    var key = e.key;
    if ((key === 'Enter' || key === ' ') && activates(e.target)) return;
    if (key === 'u') { if (clickIf('undo')) e.preventDefault(); return; }
    if (rows.length) {
      if (key === 'j') { cursor = Math.min(rows.length - 1, cursor + 1); showCursor(); e.preventDefault(); return; }
      if (key === 'k') { cursor = Math.max(0, cursor - 1); showCursor(); e.preventDefault(); return; }
      if (key === 'o' || key === 'Enter') { var a = rows[cursor].querySelector('a.open'); if (a) a.click(); e.preventDefault(); return; }
      if (key === 'x') { var box = rows[cursor].querySelector('input[type=checkbox]'); if (box) box.checked = !box.checked; e.preventDefault(); return; }
      if (decisionKeys[key]) { quickDecide(decisionKeys[key]); e.preventDefault(); return; }
      return;
    }
    // Site page.
    if (key === 'j') { if (clickIf('next-site')) e.preventDefault(); return; }
    if (key === 'k') { if (clickIf('prev-site')) e.preventDefault(); return; }
    if (key === 'n') { var note = document.getElementById('note'); if (note) { note.focus(); e.preventDefault(); } return; }
    if (key === 'd') { if (clickIf('toggle-diff')) e.preventDefault(); return; }
    if (decisionKeys[key]) { if (clickIf('decide-' + decisionKeys[key])) e.preventDefault(); }
  });

  var toggle = document.getElementById('toggle-diff');
  if (toggle) toggle.addEventListener('click', function () {
    var wrap = document.getElementById('shot-wrap');
    if (wrap) toggle.setAttribute('aria-pressed', String(wrap.classList.toggle('show-diff')));
  });

  var all = document.getElementById('select-all');
  if (all) all.addEventListener('change', function () {
    rows.forEach(function (row) { var box = row.querySelector('input[type=checkbox]'); if (box) box.checked = all.checked; });
  });

  // Live regions: an element with data-live="/path" is replaced every 3 s by the element of the same id that
  // the path returns (server-rendered and escaped), until the new one no longer asks to be refreshed. Only
  // that element changes: forms elsewhere on the page, and what is being typed into them, stay as they are.
  function refresh(el) {
    var url = el.getAttribute('data-live');
    if (!url) return;
    setTimeout(function () {
      fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (text) {
          var doc = new DOMParser().parseFromString(text, 'text/html');
          var fresh = doc.getElementById(el.id);
          if (!fresh) return;
          var current = document.getElementById(el.id);
          if (!current) return;
          current.replaceWith(document.importNode(fresh, true));
          refresh(document.getElementById(el.id));
        })
        .catch(function () { refresh(el); });
    }, 3000);
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-live]'), refresh);
})();
