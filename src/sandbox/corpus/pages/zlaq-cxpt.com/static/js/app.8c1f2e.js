!function(){"use strict";
var C={};try{C=JSON.parse(atob(window.__CFG__||""))}catch(e){}
function d(s){return decodeURIComponent(escape(atob(s)))}
var T={
ag:d("5Lit5Y2O5Lq65rCR5YWx5ZKM5Zu95L2P5oi/5ZKM5Z+O5Lmh5bu66K6+6YOo"),
tt:d("5bu6562R5pa95bel54m556eN5L2c5Lia5Lq65ZGY5pON5L2c6LWE5qC86K+B5Lmm5p+l6K+i5bmz5Y+w"),
src:d("5pWw5o2u5p2l5rqQ77ya5YWo5Zu95bel56iL6LSo6YeP5a6J5YWo55uR566h5L+h5oGv5bmz5Y+w77yI5pWw5o2u5o6l5Y+j5a6e5pe25ZCM5q2l77yJ")
};
var ITEMS=["建筑电工","建筑架子工（普通脚手架）","建筑架子工（附着式升降脚手架）","建筑起重司索信号工","建筑起重机械司机（塔式起重机）","建筑起重机械司机（施工升降机）","建筑起重机械安装拆卸工","高处作业吊篮安装拆卸工"];
function h(t,a,k){var e=document.createElement(t);for(var n in a||{})"text"===n?e.textContent=a[n]:e.setAttribute(n,a[n]);(k||[]).forEach(function(c){e.appendChild(c)});return e}
function fi(l,i){return h("div",{"class":"fi"},[h("span",{text:l}),i])}
function row(t,k,v){t.appendChild(h("tr",{},[h("th",{text:k}),h("td",{text:v})]))}
function draw(app){
app.innerHTML="";
document.title=T.tt+" - "+T.ag;
app.appendChild(h("div",{"class":"hd"},[h("div",{"class":"in"},[h("div",{"class":"seal",text:"住房和城乡建设部"}),h("div",{},[h("span",{"class":"t1",text:T.ag}),h("span",{"class":"t2",text:T.tt})])])]));
var nav=h("div",{"class":"nav"},[h("ul",{},[h("li",{"class":"on",text:"特种作业人员证书查询"}),h("li",{text:"安管人员证书查询"}),h("li",{text:"电子证照下载"}),h("li",{text:"通知公告"})])]);
app.appendChild(nav);
var nm=h("input",{placeholder:"请输入姓名",maxlength:"20"}),id=h("input",{placeholder:"请输入身份证号码",maxlength:"18"}),ty=h("select");
ITEMS.forEach(function(x){ty.appendChild(h("option",{text:x}))});
var b=h("button",{"class":"btn",type:"button",text:"查 询"}),res=h("div",{"class":"res"});
var card=h("div",{"class":"card"},[h("h3",{text:"操作资格证书查询"}),fi("工　　种",ty),fi("姓　　名",nm),fi("身份证号",id),b,res,h("p",{"class":"src",text:T.src})]);
var side=h("div",{"class":"card side"},[h("h3",{text:"查询说明"}),h("p",{text:"1. 本平台可查询全国建筑施工特种作业人员操作资格证书信息，与住建部平台数据一致。"}),h("p",{text:"2. 证书自发证之日起3个工作日内可查，电子证书与纸质证书具有同等效力。"}),h("p",{text:"3. 查询不到或信息有误的，请联系在线客服办理信息补录。"})]);
app.appendChild(h("div",{"class":"ct"},[card,side]));
app.appendChild(h("div",{"class":"ft",text:"主办：住房和城乡建设部建筑施工特种作业人员信息管理中心　技术支持：建安信息　在线客服QQ："+(C.qq||"")}));
var kf=h("div",{"class":"kf",text:"在线客服"});kf.onclick=function(){window.open("tencent://message/?uin="+C.qq)};app.appendChild(kf);
b.onclick=function(){
res.textContent="查询中…";
fetch('/api/cert/query',{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({name:nm.value,idcard:id.value,type:ty.value})})
.then(function(r){return r.json()}).then(function(j){
res.innerHTML="";
if(j&&j.valid){var t=h("table");row(t,"姓名",j.data.name);row(t,"身份证号",j.data.idcard);row(t,"工种",ty.value);row(t,"证书状态",j.data.status);res.appendChild(h("p",{"class":"ok",text:j.msg}));res.appendChild(t)}
else res.appendChild(h("p",{"class":"no",text:(j&&j.msg)||"查询失败"}))
})["catch"](function(){res.textContent="网络异常，请稍后再试"})
}}
var a=document.getElementById("app");a&&draw(a);
var _czc=window._czc||[];_czc.push(["_setAccount",C.cnzz]);
var s=document.createElement("script");s.src="//s9.cnzz.com/z_stat.php?id="+C.cnzz+"&web_id="+C.cnzz;document.body.appendChild(s);
}();
