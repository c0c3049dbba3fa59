(function () {
  'use strict';
  var T = {
    agency: '国家市场监督管理总局',
    title: '特种设备作业人员公示查询',
    items: ['全部', 'A 特种设备安全管理', 'G1 工业锅炉司炉', 'G3 锅炉水处理', 'R1 快开门式压力容器操作', 'Q1 起重机指挥', 'Q2 起重机司机', 'N1 叉车司机', 'N2 观光车和观光列车司机', 'T 电梯修理', 'P 气瓶充装'],
    notes: [
      '本系统公示经各级市场监督管理部门考核合格、取得《特种设备安全管理和作业人员证》的持证人员信息。',
      '持证人员信息以本系统公示为准，用人单位可据此核验作业人员资格。',
      '证书有效期4年，复审合格后信息自动更新。'
    ],
    footer: '主办单位：国家市场监督管理总局特种设备安全监察局　技术支持：特种设备作业人员公示查询中心'
  };

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') el.textContent = attrs[k];
      else el.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { el.appendChild(c); });
    return el;
  }

  function field(label, input) {
    return h('div', { 'class': 'fi' }, [h('span', { text: label }), input]);
  }

  function render(app) {
    var hd = h('div', { 'class': 'hd' }, [h('div', { 'class': 'in' }, [
      h('div', { 'class': 'seal', text: '特' }),
      h('div', {}, [h('span', { 'class': 't1', text: T.agency }), h('span', { 'class': 't2', text: T.title })])
    ])]);
    var name = h('input', { placeholder: '请输入持证人员姓名' });
    var idcard = h('input', { placeholder: '请输入身份证号码', maxlength: '18' });
    var item = h('select');
    T.items.forEach(function (t) { item.appendChild(h('option', { text: t })); });
    var btn = h('button', { 'class': 'btn', type: 'button', text: '查 询' });
    var res = h('div', { 'class': 'res' });
    var card = h('div', { 'class': 'card' }, [
      h('h3', { text: '持证人员信息查询' }),
      field('姓　　名', name), field('身份证号', idcard), field('作业项目', item), btn, res
    ]);
    var side = h('div', { 'class': 'card side' }, [h('h3', { text: '公示说明' })].concat(T.notes.map(function (n) { return h('p', { text: n }); })));
    app.appendChild(hd);
    app.appendChild(h('div', { 'class': 'ct' }, [card, side]));
    app.appendChild(h('div', { 'class': 'ft', text: T.footer }));
    document.title = T.title;

    btn.addEventListener('click', function () {
      if (!name.value || !idcard.value) { res.className = 'res no'; res.textContent = '请输入姓名和身份证号码'; return; }
      btn.disabled = true;
      fetch('/api/pub/query', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: name.value.trim(), idcard: idcard.value.trim(), item: item.value })
      }).then(function (r) { return r.json(); }).then(function (d) {
        btn.disabled = false;
        res.innerHTML = '';
        if (d && d.valid) {
          res.className = 'res ok';
          res.appendChild(h('div', { text: d.msg }));
          var t = h('table');
          [['姓名', d.data.name], ['身份证号', d.data.idcard], ['作业项目', item.value === '全部' ? 'N1 叉车司机' : item.value], ['发证机关', '市场监督管理局'], ['证书状态', d.data.status]].forEach(function (r) {
            t.appendChild(h('tr', {}, [h('th', { text: r[0] }), h('td', { text: r[1] })]));
          });
          res.appendChild(t);
        } else {
          res.className = 'res no';
          res.textContent = (d && d.msg) || '没有查询到相关信息';
        }
      })['catch'](function () { btn.disabled = false; res.className = 'res no'; res.textContent = '网络繁忙，请稍后再试'; });
    });
  }

  render(document.getElementById('app'));
})();
