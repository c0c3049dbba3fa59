(function () {
  var lb = 'C';
  var seg = document.querySelectorAll('.seg button');
  for (var i = 0; i < seg.length; i++) {
    seg[i].onclick = function () {
      for (var j = 0; j < seg.length; j++) seg[j].className = '';
      this.className = 'on';
      lb = this.getAttribute('data-t');
    };
  }
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  document.getElementById('go').onclick = function () {
    var out = document.getElementById('out');
    out.innerHTML = '正在核验…';
    fetch('/api/zs/query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ xm: document.getElementById('xm').value, sfzh: document.getElementById('sfzh').value, lb: lb })
    }).then(function (r) { return r.json(); }).then(function (d) {
      if (d && d.valid) {
        out.innerHTML = '<div class="ok"><b>' + esc(d.msg) + '</b><br>姓名：' + esc(d.data.name) + '<br>身份证号：' + esc(d.data.idcard) +
          '<br>证书类别：建安' + lb + '类<br>证书状态：' + esc(d.data.status) + '</div>';
      } else {
        out.innerHTML = '<div class="no">' + esc(d && d.msg ? d.msg : '查询失败') + '</div>';
      }
    }).catch(function () { out.innerHTML = '<div class="no">网络繁忙，请稍后再试</div>'; });
  };
})();
