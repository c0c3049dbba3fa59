/*! zscx-front v2.3.1 | build 20261027 */
(function () {
  'use strict';
  var APP = {
    title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询',
    org: '中华人民共和国应急管理部',
    types: ['特种作业操作证', '安全生产知识和管理能力考核合格证'],
    icp: '京ICP备18046060号-1',
    psb: '京公网安备11010202007999号',
    code: 'bm73000001'
  };
  var css = [
    'body{font:14px/1.7 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222}',
    '.top{background:#b71c1c;color:#fff;padding:22px 0;text-align:center}',
    '.top small{display:block;opacity:.85;letter-spacing:2px}.top h1{font-size:22px;margin:6px 12px 0}',
    '.box{max-width:560px;margin:24px auto;background:#fff;border-radius:6px;box-shadow:0 1px 6px rgba(0,0,0,.08);padding:20px 26px}',
    '.box .r{display:flex;align-items:center;margin:12px 0}.box label{width:84px;color:#555}',
    '.box input,.box select{flex:1;height:36px;border:1px solid #d5d9e2;border-radius:4px;padding:0 10px}',
    '.box button{width:100%;height:42px;margin-top:10px;background:#b71c1c;border:0;border-radius:4px;color:#fff;font-size:16px}',
    '.out{margin-top:14px}.out .v{color:#1b7f3b;font-weight:600}.out .n{color:#b71c1c}',
    '.out dl{display:grid;grid-template-columns:90px 1fr;margin:8px 0}.out dt{color:#777}',
    '.foot{text-align:center;font-size:12px;color:#999;padding:10px 0 30px}'
  ].join('');
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function row(label, input) {
    var r = el('div', 'r');
    r.appendChild(el('label', '', label));
    r.appendChild(input);
    return r;
  }
  function mount(root) {
    var st = document.createElement('style');
    st.textContent = css;
    document.head.appendChild(st);
    document.title = APP.title;
    var top = el('div', 'top');
    top.appendChild(el('small', '', APP.org));
    top.appendChild(el('h1', '', APP.title));
    var box = el('div', 'box');
    var type = el('select');
    APP.types.forEach(function (t, i) { var o = el('option', '', t); o.value = String(i + 1); type.appendChild(o); });
    var id = el('input'); id.placeholder = '请输入证件号码（身份证号码）'; id.maxLength = 18;
    var nm = el('input'); nm.placeholder = '请输入姓名'; nm.maxLength = 20;
    var btn = el('button', '', '查　询');
    var out = el('div', 'out');
    box.appendChild(row('证件类型', type));
    box.appendChild(row('证件号码', id));
    box.appendChild(row('姓　　名', nm));
    box.appendChild(btn);
    box.appendChild(out);
    var foot = el('div', 'foot');
    foot.appendChild(el('p', '', '主办单位：' + APP.org));
    foot.appendChild(el('p', '', APP.icp + '　' + APP.psb + '　网站标识码' + APP.code));
    root.appendChild(top);
    root.appendChild(box);
    root.appendChild(foot);
    btn.addEventListener('click', function () {
      out.textContent = '正在查询…';
      fetch('/api/v1/zs/verify', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ zjlx: type.value, zjhm: id.value.trim(), xm: nm.value.trim() })
      }).then(function (r) { return r.json(); }).then(function (j) {
        out.textContent = '';
        if (j && j.valid) {
          out.appendChild(el('p', 'v', j.msg));
          var dl = el('dl');
          [['姓名', j.data.name], ['证件号码', j.data.idcard], ['证件类型', APP.types[Number(type.value) - 1]], ['状态', j.data.status]].forEach(function (p) {
            dl.appendChild(el('dt', '', p[0]));
            dl.appendChild(el('dd', '', p[1]));
          });
          out.appendChild(dl);
        } else {
          out.appendChild(el('p', 'n', (j && j.msg) || '查询失败，请稍后再试'));
        }
      }).catch(function () { out.textContent = '网络错误'; });
    });
  }
  var root = document.getElementById('root');
  if (root) mount(root);
})();
