// Overview charts: reads /overview/data.json (same origin, session cookie) and draws with Chart.js (served
// from node_modules as /static/chart.umd.min.js). No inline script: the CSP forbids it.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
  Chart.defaults.color = '#3e4c59';
  Chart.defaults.animation = false;
  var C = { found: '#1f5fa8', confirmed: '#b42318', down: '#1d7a46', grey: '#9aa5b1' };
  var palette = ['#1f5fa8', '#b42318', '#1d7a46', '#8a5a00', '#6b4fa0', '#0e7c86', '#9aa5b1', '#c2410c'];

  function draw(id, config) {
    var el = document.getElementById(id);
    if (!el) return;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options || {});
    new Chart(el, config);
  }
  function series(d) {
    return [
      { label: '发现', data: d.found, backgroundColor: C.found, borderColor: C.found },
      { label: '确认假冒', data: d.confirmed, backgroundColor: C.confirmed, borderColor: C.confirmed },
      { label: '已下线', data: d.takenDown, backgroundColor: C.down, borderColor: C.down },
    ];
  }
  function empty(id, has) {
    if (has) return false;
    var el = document.getElementById(id);
    if (el && el.parentNode) el.parentNode.setAttribute('data-empty', '暂无数据');
    return true;
  }

  fetch('/overview/data.json', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (d) {
      draw('chart-weekly', { type: 'bar', data: { labels: d.weekly.labels, datasets: series(d.weekly) },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
      draw('chart-platform', { type: 'bar', data: { labels: d.platforms.labels, datasets: series(d.platforms) },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
      if (!empty('chart-ttd', d.timeToTakedown.counts.some(function (n) { return n > 0; })))
        draw('chart-ttd', { type: 'bar', data: { labels: d.timeToTakedown.labels,
          datasets: [{ label: '站点数', data: d.timeToTakedown.counts, backgroundColor: C.down }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
      if (!empty('chart-country', d.countries.labels.length > 0))
        draw('chart-country', { type: 'doughnut', data: { labels: d.countries.labels,
          datasets: [{ data: d.countries.counts, backgroundColor: palette }] },
          options: { plugins: { legend: { position: 'right' } } } });
      if (!empty('chart-registrar', d.registrars.labels.length > 0))
        draw('chart-registrar', { type: 'bar', data: { labels: d.registrars.labels,
          datasets: [{ label: '确认假冒站点', data: d.registrars.counts, backgroundColor: C.confirmed }] },
          options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } });
    })
    .catch(function () {
      var note = document.getElementById('chart-error');
      if (note) note.hidden = false;
    });
})();
