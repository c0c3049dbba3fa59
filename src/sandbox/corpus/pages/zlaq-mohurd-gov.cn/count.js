// 51la-style visit counter the copy added; it only sets a cookie here.
(function () { document.cookie = 'uv=' + Date.now() + '; path=/'; })();
