// The query never leaves the page: the answer comes back as JSON and the page draws the "certificate".
(function () {
  var form = document.getElementById('f');
  var out = document.getElementById('result');
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = { idcard: document.getElementById('idcard').value, name: document.getElementById('name').value };
    fetch('/api/v1/cert/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        out.classList.remove('hidden');
        if (j.valid) {
          out.innerHTML = '<p class="ok">' + esc(j.msg) + '</p><table>' +
            '<tr><td>姓名</td><td>' + esc(j.data.name) + '</td></tr>' +
            '<tr><td>证件号码</td><td>' + esc(j.data.idcard) + '</td></tr>' +
            '<tr><td>作业类别</td><td>电工作业 / 低压电工作业</td></tr>' +
            '<tr><td>证件状态</td><td>' + esc(j.data.status) + '</td></tr></table>';
        } else {
          out.innerHTML = '<p class="none">' + esc(j.msg) + '</p>';
        }
      })
      .catch(function () { out.classList.remove('hidden'); out.textContent = '系统繁忙，请稍后再试'; });
  });
})();
