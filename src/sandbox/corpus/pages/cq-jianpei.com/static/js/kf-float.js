/* kf-float v2.1 在线客服浮窗 */
(function () {
  var QQ = '3318470562';
  var TEL = '177-8304-1256';
  var box = document.createElement('div');
  box.id = 'kf-float';
  box.style.cssText = 'position:fixed;right:10px;top:35%;width:120px;background:#fff;border:1px solid #1e88e5;border-radius:6px;font-size:13px;text-align:center;z-index:9999;box-shadow:0 2px 8px rgba(0,0,0,.2)';
  box.innerHTML =
    '<div style="background:#1e88e5;color:#fff;padding:6px 0;border-radius:6px 6px 0 0">在线客服</div>' +
    '<a style="display:block;padding:8px 0;color:#1e88e5" href="tencent://message/?uin=' + QQ + '&Site=kf&Menu=yes">QQ咨询</a>' +
    '<div style="padding:4px 0">QQ：' + QQ + '</div>' +
    '<div style="padding:4px 0 8px">电话：' + TEL + '</div>';
  function mount() { document.body.appendChild(box); }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
