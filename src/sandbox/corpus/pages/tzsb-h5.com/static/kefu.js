(function () {
  var cfg = { wx: 'tzsb-fw668', tel: '15853190127', name: '周老师' };
  var css = '.kefu-bar{position:fixed;left:0;right:0;bottom:0;display:flex;z-index:999;font-size:15px}' +
    '.kefu-bar a{flex:1;text-align:center;padding:11px 0;color:#fff;text-decoration:none}' +
    '.kefu-bar .t{background:#1e6fd9}.kefu-bar .w{background:#07c160}' +
    '.kefu-mask{position:fixed;inset:0;background:rgba(0,0,0,.55);display:none;align-items:center;justify-content:center;z-index:1000}' +
    '.kefu-mask div{background:#fff;border-radius:10px;padding:22px 26px;text-align:center;line-height:1.9}';
  var st = document.createElement('style');
  st.textContent = css;
  document.head.appendChild(st);
  var bar = document.createElement('div');
  bar.className = 'kefu-bar';
  var tel = document.createElement('a');
  tel.className = 't';
  tel.href = 'tel:' + cfg.tel;
  tel.textContent = '\u7535\u8bdd\u54a8\u8be2';
  var wx = document.createElement('a');
  wx.className = 'w';
  wx.href = 'javascript:;';
  wx.textContent = '\u5fae\u4fe1\u54a8\u8be2';
  bar.appendChild(tel);
  bar.appendChild(wx);
  var mask = document.createElement('div');
  mask.className = 'kefu-mask';
  var box = document.createElement('div');
  box.innerHTML = '\u6dfb\u52a0' + cfg.name + '\u5fae\u4fe1<br><b>' + cfg.wx + '</b><br>\u8bc1\u4e66\u8865\u5f55 \u00b7 \u5feb\u901f\u53d6\u8bc1 \u00b7 \u5b98\u7f51\u53ef\u67e5';
  mask.appendChild(box);
  mask.onclick = function () { mask.style.display = 'none'; };
  wx.onclick = function () {
    try { navigator.clipboard.writeText(cfg.wx); } catch (e) {}
    mask.style.display = 'flex';
  };
  document.body.appendChild(bar);
  document.body.appendChild(mask);
})();
