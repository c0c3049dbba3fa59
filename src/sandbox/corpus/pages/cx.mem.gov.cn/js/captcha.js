// Draws a four-character captcha the way the platform's own page does; the sandbox query route ignores its value.
(function () {
  var canvas = document.getElementById('captcha');
  if (!canvas || !canvas.getContext) return;
  var chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  function draw() {
    var ctx = canvas.getContext('2d');
    ctx.fillStyle = '#f2f5f9';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    var code = '';
    for (var i = 0; i < 4; i++) {
      var c = chars.charAt(Math.floor(Math.random() * chars.length));
      code += c;
      ctx.font = 'bold 20px Arial';
      ctx.fillStyle = ['#135cb0', '#c8161e', '#2e7d32', '#6a1b9a'][i];
      ctx.fillText(c, 10 + i * 20, 25);
    }
    canvas.setAttribute('data-code', code);
  }
  canvas.addEventListener('click', draw);
  draw();
})();
