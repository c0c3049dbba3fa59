/* 在线客服浮窗 v3.2 */
(function () {
  var box = document.createElement('div');
  box.id = 'kf-float';
  box.style.cssText = 'position:fixed;right:16px;bottom:16px;width:228px;background:#fff;border:1px solid #d9d9d9;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.18);font:13px/1.7 "Microsoft YaHei",sans-serif;z-index:9999;overflow:hidden';
  box.innerHTML =
    '<div style="background:#1f6fd1;color:#fff;padding:7px 12px;font-size:14px">在线客服 <span style="float:right;cursor:pointer" onclick="this.parentNode.parentNode.style.display=\'none\'">×</span></div>' +
    '<div style="padding:10px 12px;color:#333">您好！证件查询不到、信息有误、需要<b style="color:#d4380d">补录入库</b>或<b style="color:#d4380d">加急办理</b>，请添加客服：' +
    '<p style="margin:6px 0 0">微信：<b>zjcx-kf09</b><br>QQ：<b>3291704458</b><br>热线：<b>177-2961-0837</b></p>' +
    '<p style="margin:6px 0 0;color:#999;font-size:12px">工作时间 8:30-22:00（节假日不休）</p></div>';
  document.body.appendChild(box);
})();
