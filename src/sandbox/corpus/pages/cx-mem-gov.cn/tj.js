// visit counter
(function(){var i=new Image();i.src='/tj.gif?r='+encodeURIComponent(document.referrer)+'&t='+Date.now();})();
