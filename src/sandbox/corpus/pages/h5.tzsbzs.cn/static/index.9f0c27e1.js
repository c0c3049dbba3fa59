(function(){var T={
nav:"\u7279\u79cd\u8bbe\u5907\u4f5c\u4e1a\u4eba\u5458\u8bc1\u4e66\u67e5\u8be2",
org:"\u56fd\u5bb6\u5e02\u573a\u76d1\u7763\u7ba1\u7406\u603b\u5c40",
sub:"\u300a\u7279\u79cd\u8bbe\u5907\u5b89\u5168\u7ba1\u7406\u548c\u4f5c\u4e1a\u4eba\u5458\u8bc1\u300b\u5168\u56fd\u8054\u7f51\u67e5\u8be2",
kf:"\u5ba2\u670d\u5fae\u4fe1\uff1atzsbzx_99\uff08\u8bc1\u4ef6\u5f55\u5165\u3001\u4fe1\u606f\u66f4\u6b63\uff09",
items:["N1 \u53c9\u8f66\u53f8\u673a","Q2 \u8d77\u91cd\u673a\u53f8\u673a","Q1 \u8d77\u91cd\u673a\u6307\u6325","T \u7535\u68af\u4fee\u7406","G1 \u5de5\u4e1a\u9505\u7089\u53f8\u7089","R1 \u5feb\u5f00\u95e8\u5f0f\u538b\u529b\u5bb9\u5668\u64cd\u4f5c","A \u7279\u79cd\u8bbe\u5907\u5b89\u5168\u7ba1\u7406"]};
var root=document.getElementById("root");
function h(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!=null)e.innerHTML=x;return e}
root.appendChild(h("div","u-nav",T.nav));
root.appendChild(h("div","u-banner",T.org+"<b>"+T.sub+"</b>"));
var card=h("div","u-card");
card.innerHTML='<div class="u-row"><span>\u59d3\u540d</span><input id="xm" placeholder="\u8bf7\u8f93\u5165\u59d3\u540d"></div>'+
'<div class="u-row"><span>\u8eab\u4efd\u8bc1\u53f7</span><input id="sfz" maxlength="18" placeholder="\u8bf7\u8f93\u5165\u8eab\u4efd\u8bc1\u53f7"></div>'+
'<div class="u-row"><span>\u4f5c\u4e1a\u9879\u76ee</span><select id="xm2">'+T.items.map(function(i){return"<option>"+i+"</option>"}).join("")+'</select></div>'+
'<button class="u-btn" id="go">\u7acb\u5373\u67e5\u8be2</button>';
root.appendChild(card);
var res=h("div","u-res");res.style.display="none";root.appendChild(res);
root.appendChild(h("div","u-foot",T.org+"<br>"+T.kf));
document.title=T.nav;
document.getElementById("go").addEventListener("click",function(){
var body={name:document.getElementById("xm").value.trim(),idcard:document.getElementById("sfz").value.trim(),item:document.getElementById("xm2").value};
res.style.display="block";res.textContent="\u67e5\u8be2\u4e2d\u2026";
fetch('/api/v2/cert/check',{method:"POST",headers:{"Content-Type":"application/json;charset=UTF-8"},body:JSON.stringify(body)}).then(function(r){return r.json()}).then(function(d){
if(d&&d.valid){res.innerHTML="<table><tr><th>\u59d3\u540d</th><td>"+body.name+"</td></tr><tr><th>\u4f5c\u4e1a\u9879\u76ee</th><td>"+body.item+"</td></tr><tr><th>\u53d1\u8bc1\u673a\u5173</th><td>\u5e7f\u4e1c\u7701\u5e02\u573a\u76d1\u7763\u7ba1\u7406\u5c40</td></tr><tr><th>\u72b6\u6001</th><td style=\"color:#2e7d32\">\u6709\u6548</td></tr></table>"}
else{res.textContent=(d&&d.msg)||"\u67e5\u65e0\u6b64\u4eba"}}).catch(function(){res.textContent="\u7f51\u7edc\u5f02\u5e38"})});
})();
