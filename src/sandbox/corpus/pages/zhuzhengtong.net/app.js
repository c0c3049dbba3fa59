(function () {
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }
  fetch('/api/site.json').then(function (r) { return r.json(); }).then(function (c) {
    var root = document.getElementById('root');
    root.innerHTML = '';
    var top = el('div', 'top'), tin = el('div', 'in');
    tin.appendChild(el('div', 'logo', c.brand.charAt(0)));
    var t = el('div');
    t.appendChild(el('h1', '', c.brand));
    t.appendChild(el('p', '', c.slogan));
    tin.appendChild(t); top.appendChild(tin); root.appendChild(top);
    var hero = el('div', 'hero'), card = el('div', 'card');
    card.appendChild(el('h2', '', c.formTitle));
    var f = document.createElement('form');
    f.method = 'post'; f.action = '/zs/verify';
    f.appendChild(el('label', '', '证书类别'));
    var s = document.createElement('select'); s.name = 'zslb';
    c.types.forEach(function (x) { var o = el('option', '', x); s.appendChild(o); });
    f.appendChild(s);
    [['姓名', 'name'], ['身份证号', 'idcard'], ['证书编号（选填）', 'zsbh']].forEach(function (p) {
      f.appendChild(el('label', '', p[0]));
      var i = document.createElement('input'); i.name = p[1]; f.appendChild(i);
    });
    f.appendChild(el('button', '', '立即核验'));
    card.appendChild(f); hero.appendChild(card);
    var side = el('div', 'card');
    c.badges.forEach(function (b) { side.appendChild(el('span', 'badge', b)); });
    var ul = el('ul', 'pts');
    c.points.forEach(function (p) { ul.appendChild(el('li', '', p)); });
    side.appendChild(ul); hero.appendChild(side); root.appendChild(hero);
    root.appendChild(el('div', 'foot', c.footer));
  });
})();
