// 渝建教育在线学习平台 — 学时查询页（构建产物，源码见内部仓库）
(function () {
  var app = document.getElementById('app');
  var css = document.createElement('style');
  css.textContent = 'body{margin:0;font:14px/1.7 "Microsoft YaHei",sans-serif;background:#f4f6f9;color:#333}' +
    '.bar{background:#2e7d32;color:#fff;padding:12px 24px;font-size:18px}.wrap{max-width:900px;margin:20px auto;background:#fff;padding:20px 28px}' +
    '.row{margin:10px 0}.row label{display:inline-block;width:90px}.row input{width:260px;height:28px}' +
    '.btn{background:#2e7d32;color:#fff;border:0;padding:6px 28px}.tip{color:#666;font-size:13px;border-top:1px dashed #ccc;margin-top:20px;padding-top:10px}' +
    '#out{margin-top:14px;color:#c62828}';
  document.head.appendChild(css);
  app.innerHTML =
    '<div class="bar">渝建教育 · 建筑施工企业安管人员继续教育学时查询</div>' +
    '<div class="wrap">' +
    '<p>本平台为重庆地区建筑施工企业“三类人员”（A、B、C证）提供网络继续教育课程。学员完成规定学时后，可在此查询本人学时记录并下载《继续教育学时证明》。</p>' +
    '<div class="row"><label>姓名</label><input id="n"></div>' +
    '<div class="row"><label>身份证号</label><input id="i" maxlength="18"></div>' +
    '<div class="row"><label></label><button class="btn" id="b">查询学时</button></div>' +
    '<div id="out"></div>' +
    '<div class="tip"><p>说明：学时证明仅用于证书延期时向主管部门说明继续教育完成情况，<b>不是安全生产考核合格证书</b>。</p>' +
    '<p>安管人员安全生产考核合格证书是否有效、是否已延期，请以住房和城乡建设部全国工程质量安全监管信息平台 <a href="https://zlaq.mohurd.gov.cn/">zlaq.mohurd.gov.cn</a> 的查询结果为准。本平台不办理证书、不提供“代学”“代刷学时”服务。</p>' +
    '<p>客服电话：023-6786 2215（工作日 9:00-17:30）　渝ICP备17004418号-2</p></div>' +
    '</div>';
  document.getElementById('b').onclick = function () {
    var out = document.getElementById('out');
    out.textContent = '查询中…';
    fetch('/api/study/hours', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: document.getElementById('n').value, idcard: document.getElementById('i').value }),
    })
      .then(function (r) { return r.json(); })
      .then(function (d) { out.textContent = d && d.valid ? '已完成本年度学时' : (d && d.msg) || '未找到学习记录'; })
      .catch(function () { out.textContent = '网络错误，请稍后再试'; });
  };
})();
