// 证书查询前台（表单校验与提示）
(function () {
  var f = document.getElementById('f');
  if (!f) return;
  f.addEventListener('submit', function (e) {
    var id = f.idCard.value.replace(/\s+/g, '');
    if (id && !/^\d{17}[\dXx]$/.test(id)) { e.preventDefault(); document.getElementById('r').textContent = '身份证号码格式不正确'; return; }
    document.getElementById('r').textContent = '正在查询，请稍候……';
  });
})();
