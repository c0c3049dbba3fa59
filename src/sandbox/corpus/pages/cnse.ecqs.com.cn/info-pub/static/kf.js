/* online service v2.3 */
(function () {
  var qq = '2960513877';
  var css = '#kf-float{position:fixed;right:10px;top:38%;width:118px;background:#fff;border:1px solid #1a5fb4;font:13px/1.6 "Microsoft YaHei",sans-serif;z-index:9999;text-align:center}' +
    '#kf-float .h{background:#1a5fb4;color:#fff;padding:4px 0}#kf-float p{margin:6px 4px}#kf-float a{color:#1a5fb4}';
  var st = document.createElement('style');
  st.appendChild(document.createTextNode(css));
  document.head.appendChild(st);
  var d = document.createElement('div');
  d.id = 'kf-float';
  d.innerHTML = '<div class="h">在线客服</div>' +
    '<p>证书查询不到？<br>信息录入、补录</p>' +
    '<p><a href="tencent://message/?uin=' + qq + '&Site=&Menu=yes">QQ交谈</a></p>' +
    '<p>QQ：' + qq + '</p>' +
    '<p>工作时间<br>8:30-21:00</p>';
  document.body.appendChild(d);
})();
