// Reaches into the visitor's own network: a scanner must never let a page make it do this.
(function () {
  var targets = ['http://192.168.1.1/', 'http://192.168.1.1/cgi-bin/luci'];
  targets.forEach(function (u) {
    try { fetch(u, { mode: 'no-cors' }).catch(function () {}); } catch (e) {}
  });
})();
