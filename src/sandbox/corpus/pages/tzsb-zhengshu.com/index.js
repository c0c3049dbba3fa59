/* build 4b1f */
(function () {
  var c = JSON.parse('{"brand":"\u7279\u79cd\u8bbe\u5907\u4f5c\u4e1a\u4eba\u5458\u8bc1\u4e66\u67e5\u8be2","sub":"\u5e02\u573a\u76d1\u7ba1\u603b\u5c40\u7279\u79cd\u8bbe\u5907\u4f5c\u4e1a\u4eba\u5458\u6301\u8bc1\u4fe1\u606f\u5168\u56fd\u8054\u7f51\u6838\u9a8c","form":{"title":"\u6301\u8bc1\u4fe1\u606f\u5168\u56fd\u8054\u7f51\u6838\u9a8c","action":"/cx/result"},"fields":[["xm","\u59d3\u540d","\u8bf7\u8f93\u5165\u6301\u8bc1\u4eba\u59d3\u540d"],["sfzh","\u8eab\u4efd\u8bc1\u53f7","\u8bf7\u8f93\u516518\u4f4d\u8eab\u4efd\u8bc1\u53f7\u7801"],["zsbh","\u8bc1\u4e66\u7f16\u53f7","\u9009\u586b"]],"items":["\u5168\u90e8\u9879\u76ee","N1 \u53c9\u8f66\u53f8\u673a","Q2 \u8d77\u91cd\u673a\u53f8\u673a","T \u7535\u68af\u4fee\u7406","G1 \u5de5\u4e1a\u9505\u7089\u53f8\u7089","R1 \u5feb\u5f00\u95e8\u5f0f\u538b\u529b\u5bb9\u5668\u64cd\u4f5c","A \u7279\u79cd\u8bbe\u5907\u5b89\u5168\u7ba1\u7406"],"side":["\u67e5\u8be2\u8bf4\u660e","\u672c\u5e73\u53f0\u6570\u636e\u6765\u6e90\u4e8e\u56fd\u5bb6\u5e02\u573a\u76d1\u7763\u7ba1\u7406\u603b\u5c40\u7279\u79cd\u8bbe\u5907\u4f5c\u4e1a\u4eba\u5458\u516c\u793a\u7cfb\u7edf\uff0c\u6301\u8bc1\u4fe1\u606f\u5168\u56fd\u901a\u7528\u3001\u5b98\u7f51\u53ef\u67e5\u3002","\u8bc1\u4e66\u67e5\u8be2\u4e0d\u5230\uff1f\u8bf7\u6dfb\u52a0\u5ba2\u670d\u5fae\u4fe1 tzsb-kf66 \u534f\u52a9\u6838\u5b9e\u8865\u5f55\u3002"],"foot":"\u00a9 2026 \u7279\u79cd\u8bbe\u5907\u8bc1\u4e66\u670d\u52a1\u5e73\u53f0\u3000\u6280\u672f\u652f\u6301\uff1a\u4e2d\u79d1\u7279\u68c0\uff08\u4e0a\u6d77\uff09\u7f51\u7edc\u79d1\u6280\u6709\u9650\u516c\u53f8"}');
  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (x) { e.appendChild(typeof x === 'string' ? document.createTextNode(x) : x); });
    return e;
  }
  var rows = c.fields.map(function (f) { return h('p', {}, [h('label', {}, [f[1]]), h('input', { name: f[0], placeholder: f[2] })]); });
  rows.push(h('p', {}, [h('label', {}, ['\u4f5c\u4e1a\u9879\u76ee']), h('select', { name: 'zyxm' }, c.items.map(function (i) { return h('option', {}, [i]); }))]));
  rows.push(h('button', { type: 'submit' }, ['\u67e5 \u8be2']));
  var root = document.getElementById('root');
  root.innerHTML = '';
  root.appendChild(h('div', { 'class': 'hd' }, [h('div', { 'class': 'in' }, [h('div', { 'class': 'ic' }, ['\u7279']), h('div', {}, [h('b', {}, [c.brand]), h('small', {}, [c.sub])])])]));
  root.appendChild(h('div', { 'class': 'bd' }, [
    h('form', { 'class': 'fm', action: c.form.action, method: 'post' }, [h('h2', {}, [c.form.title])].concat(rows)),
    h('div', { 'class': 'sd' }, [h('h3', {}, [c.side[0]]), h('p', {}, [c.side[1]]), h('p', {}, [c.side[2]])])
  ]));
  root.appendChild(h('div', { 'class': 'ft' }, [c.foot]));
  document.title = c.brand + ' - ' + document.title;
})();
