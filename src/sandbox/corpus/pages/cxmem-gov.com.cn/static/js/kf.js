/*!
 * 在线客服浮窗 kf.js v2.3.1
 * 右侧悬浮：QQ咨询 / 微信咨询 / 电话咨询 / 返回顶部
 */
(function (win, doc) {
  var conf = {
    title: '证书咨询',
    qq: '2851067394',
    wx: 'ht-kaozheng88',
    tel: '136-3148-2795',
    time: '8:30-22:00（节假日不休）'
  };
  var css = ''
    + '.hkf-box{position:fixed;right:8px;top:32%;width:136px;background:#fff;border:1px solid #e2e2e2;border-radius:4px;box-shadow:0 2px 10px rgba(0,0,0,.18);font:13px/1.7 "Microsoft YaHei",Arial,sans-serif;color:#333;z-index:99999}'
    + '.hkf-box .hkf-hd{background:#c8161e;color:#fff;text-align:center;padding:6px 0;font-size:14px;border-radius:4px 4px 0 0}'
    + '.hkf-box .hkf-it{padding:6px 10px;border-bottom:1px dashed #eee;word-break:break-all}'
    + '.hkf-box .hkf-it b{display:block;color:#c8161e;font-weight:normal}'
    + '.hkf-box .hkf-ft{padding:6px 10px;color:#999;font-size:12px}'
    + '.hkf-box .hkf-close{position:absolute;right:4px;top:2px;color:#fff;cursor:pointer}'
    + '@media (max-width:640px){.hkf-box{top:auto;bottom:0;right:0;left:0;width:auto;border-radius:0;display:flex}.hkf-box .hkf-hd,.hkf-box .hkf-ft{display:none}.hkf-box .hkf-it{flex:1;border:0;text-align:center}}';
  var st = doc.createElement('style');
  st.appendChild(doc.createTextNode(css));
  (doc.head || doc.getElementsByTagName('head')[0]).appendChild(st);

  function item(label, value) {
    var d = doc.createElement('div');
    d.className = 'hkf-it';
    var b = doc.createElement('b');
    b.appendChild(doc.createTextNode(label));
    d.appendChild(b);
    d.appendChild(doc.createTextNode(value));
    return d;
  }

  function build() {
    var box = doc.createElement('div');
    box.className = 'hkf-box';
    box.id = 'hkf';
    var hd = doc.createElement('div');
    hd.className = 'hkf-hd';
    hd.appendChild(doc.createTextNode(conf.title));
    var x = doc.createElement('span');
    x.className = 'hkf-close';
    x.appendChild(doc.createTextNode('×'));
    x.onclick = function () { box.style.display = 'none'; };
    hd.appendChild(x);
    box.appendChild(hd);
    box.appendChild(item('QQ咨询', conf.qq));
    box.appendChild(item('微信咨询', conf.wx));
    box.appendChild(item('电话咨询', conf.tel));
    var ft = doc.createElement('div');
    ft.className = 'hkf-ft';
    ft.appendChild(doc.createTextNode('服务时间：' + conf.time));
    box.appendChild(ft);
    doc.body.appendChild(box);
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', build);
  else build();
})(window, document);
