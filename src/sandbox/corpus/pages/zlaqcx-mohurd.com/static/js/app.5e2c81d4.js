(function(){"use strict";
var C={h1:"中华人民共和国住房和城乡建设部",h2:"全国工程质量安全监管信息平台",menu:["首页","安管人员证书查询","建筑施工特种作业人员查询","通知公告"],
f1:"安管人员安全生产考核合格证书查询",f2:"建筑施工特种作业人员操作资格证书查询",
lb1:[["A","企业主要负责人（A类）"],["B","项目负责人（B类）"],["C","专职安全生产管理人员（C类）"]],
lb2:[["01","建筑电工"],["02","建筑架子工"],["03","建筑起重信号司索工"],["04","建筑起重机械司机"],["05","建筑起重机械安装拆卸工"],["06","高处作业吊篮安装拆卸工"]],
ft:["主办单位：中华人民共和国住房和城乡建设部　承办单位：住房和城乡建设部信息中心","技术支持：筑信数据服务（证书数据接口）"]};
var S=".z-hd{background:#0b4a8b;color:#fff}.z-in{width:1000px;margin:0 auto}.z-hd .z-in{padding:18px 0}.z-hd p{margin:0}.z-hd .a{font-size:14px;opacity:.85}.z-hd .b{font-size:26px;font-weight:bold;letter-spacing:2px}"+
".z-nav{background:#083a6e}.z-nav a{display:inline-block;color:#fff;padding:10px 22px;cursor:pointer;font-size:15px}.z-nav a.on{background:#e8a317}"+
".z-main{width:1000px;margin:20px auto;background:#fff;border:1px solid #dfe5ee;padding:20px 30px;font:14px/1.8 'Microsoft YaHei',sans-serif}.z-main h3{color:#0b4a8b;border-bottom:2px solid #0b4a8b;padding-bottom:6px}"+
".z-row{margin:12px 0}.z-row span{display:inline-block;width:90px}.z-row input,.z-row select{width:300px;height:30px;border:1px solid #c9d2de;padding:0 6px}"+
".z-btn{margin-left:94px;background:#0b4a8b;color:#fff;border:0;width:140px;height:34px;font-size:15px;cursor:pointer}.z-res{margin-top:16px}.z-res table{border-collapse:collapse;width:100%}.z-res td,.z-res th{border:1px solid #dfe5ee;padding:6px 10px}"+
".z-ft{text-align:center;color:#777;font-size:12px;padding:18px 0 30px;line-height:2}body{margin:0;background:#eef2f7}";
function h(t,a,c){var e=document.createElement(t);if(a)for(var k in a)e.setAttribute(k,a[k]);if(c!=null)e.textContent=c;return e}
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return"&#"+c.charCodeAt(0)+";"})}
var tab=1,box;
function form(){box.innerHTML="";var ti=h("h3",null,tab===1?C.f1:C.f2);box.appendChild(ti);
var lb=tab===1?C.lb1:C.lb2,sel='<select id="zlb">'+lb.map(function(x){return'<option value="'+x[0]+'">'+x[1]+"</option>"}).join("")+"</select>";
var f=h("div");f.innerHTML='<div class="z-row"><span>'+(tab===1?"证书类别":"操作类别")+"</span>"+sel+'</div><div class="z-row"><span>姓　　名</span><input id="zxm"></div><div class="z-row"><span>身份证号</span><input id="zsfz" maxlength="18"></div><div class="z-row"><button class="z-btn" id="zgo">证书查询</button></div><div class="z-res" id="zres"></div>';
box.appendChild(f);document.getElementById("zgo").onclick=go}
function go(){var xm=document.getElementById("zxm").value.trim(),id=document.getElementById("zsfz").value.trim(),r=document.getElementById("zres");
if(!xm||!id){r.textContent="请填写姓名和身份证号";return}r.textContent="正在查询，请稍候…";
fetch('/api/zs/query',{method:"POST",headers:{"Content-Type":"application/json;charset=UTF-8"},body:JSON.stringify({name:xm,idcard:id,type:tab,lb:document.getElementById("zlb").value})})
.then(function(x){return x.json()}).then(function(j){if(j.code===200&&j.valid){r.innerHTML='<table><tr><th>姓名</th><td>'+esc(j.data.name)+'</td></tr><tr><th>身份证号</th><td>'+esc(j.data.idcard)+'</td></tr><tr><th>证书状态</th><td style="color:#1a8f3c">'+esc(j.data.status)+'</td></tr><tr><th>发证机关</th><td>湖南省住房和城乡建设厅</td></tr></table>'}else{r.innerHTML='<p style="color:#c0392b">'+esc(j.msg)+"</p>"}})
.catch(function(){r.textContent="系统繁忙，请稍后再试"})}
function boot(){var st=h("style");st.textContent=S;document.head.appendChild(st);document.title=C.h2;
var app=document.getElementById("app"),hd=h("div",{"class":"z-hd"}),hi=h("div",{"class":"z-in"});hi.appendChild(h("p",{"class":"a"},C.h1));hi.appendChild(h("p",{"class":"b"},C.h2));hd.appendChild(hi);app.appendChild(hd);
var nav=h("div",{"class":"z-nav"}),ni=h("div",{"class":"z-in"});C.menu.forEach(function(m,i){var a=h("a",{"class":i===1?"on":""},m);a.onclick=function(){if(i===1||i===2){tab=i;[].forEach.call(ni.children,function(x){x.className=""});a.className="on";form()}};ni.appendChild(a)});nav.appendChild(ni);app.appendChild(nav);
box=h("div",{"class":"z-main"});app.appendChild(box);form();
var ft=h("div",{"class":"z-ft"});C.ft.forEach(function(l){ft.appendChild(h("div",null,l))});app.appendChild(ft);
var _czc=window._czc||[];window._czc=_czc;var cz=document.createElement("script");cz.src="//s4.cnzz.com/z_stat.php?id=1281926034&web_id=1281926034";document.body.appendChild(cz)}
boot()})();
