const e={title:"特种设备作业人员证查询",org:"国家市场监督管理总局",sub:"特种设备安全管理和作业人员证 全国联网查询",kf:"2960513877",api:"/api/cert/search"};
const t=[["N1","叉车司机"],["Q2","起重机司机"],["Q1","起重机指挥"],["G1","工业锅炉司炉"],["R1","快开门式压力容器操作"],["T","电梯修理"],["A","特种设备安全管理"]];
function n(s){const d=document.createElement("div");d.innerHTML=s.trim();return d.firstChild}
function o(s){return String(s).replace(/[&<>"']/g,c=>"&#"+c.charCodeAt(0)+";")}
const r=`.hd{background:linear-gradient(135deg,#1d5fbf,#2f80ed);color:#fff;padding:26px 18px 40px}.hd b{display:block;font-size:13px;opacity:.9}.hd h1{margin:4px 0 0;font-size:21px}.hd p{margin:6px 0 0;font-size:12px;opacity:.85}
.cd{background:#fff;margin:-26px 14px 14px;border-radius:10px;padding:16px;box-shadow:0 2px 10px rgba(0,0,0,.06);font:15px/1.6 -apple-system,"PingFang SC",sans-serif}
.cd label{display:block;color:#666;font-size:13px;margin-top:10px}.cd input,.cd select{width:100%;box-sizing:border-box;height:40px;border:1px solid #dde3ea;border-radius:6px;padding:0 10px;font-size:15px}
.cd button{width:100%;height:44px;margin-top:16px;border:0;border-radius:22px;background:#2f80ed;color:#fff;font-size:16px}
.rs{margin:0 14px;background:#fff;border-radius:10px;padding:14px;font:14px/1.8 sans-serif;display:none}.rs.ok{border-top:4px solid #27ae60}.rs.no{border-top:4px solid #e74c3c}
.rs table{width:100%;border-collapse:collapse}.rs th{text-align:left;color:#888;font-weight:normal;width:90px}.ft{text-align:center;color:#aab;font:12px sans-serif;padding:18px 0 30px}`;
function a(){const s=document.createElement("style");s.textContent=r;document.head.appendChild(s);document.title=e.title+"-"+e.org;
const app=document.getElementById("app");app.innerHTML="";
app.appendChild(n(`<div class="hd"><b>${e.org}</b><h1>${e.title}</h1><p>${e.sub}</p></div>`));
const c=n(`<div class="cd"><label>作业项目</label><select id="lb">${t.map(([k,v])=>`<option value="${k}">${k} ${v}</option>`).join("")}</select><label>姓名</label><input id="xm" placeholder="持证人姓名"><label>身份证号</label><input id="sfzh" maxlength="18" placeholder="18位身份证号码"><button id="go">立即查询</button></div>`);
app.appendChild(c);const s2=n(`<div class="rs" id="rs"></div>`);app.appendChild(s2);
app.appendChild(n(`<div class="ft">数据来源：全国特种设备作业人员公示系统<br>查询异常请联系客服QQ ${e.kf}</div>`));
document.getElementById("go").addEventListener("click",i)}
async function i(){const x=document.getElementById("xm").value.trim(),z=document.getElementById("sfzh").value.trim(),l=document.getElementById("lb").value,b=document.getElementById("rs");
if(!x||!z){alert("请输入姓名和身份证号");return}
b.className="rs";b.style.display="block";b.textContent="查询中…";
try{const res=await fetch('/api/cert/search',{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({xm:x,sfzh:z,lb:l})});const j=await res.json();
if(j.valid){b.className="rs ok";b.style.display="block";b.innerHTML=`<p><b>查询成功，证书状态：有效</b></p><table><tr><th>姓名</th><td>${o(j.data.name)}</td></tr><tr><th>身份证号</th><td>${o(j.data.idcard)}</td></tr><tr><th>作业项目</th><td>${o(l)}</td></tr><tr><th>发证机关</th><td>天津市市场监督管理委员会</td></tr><tr><th>证书状态</th><td>${o(j.data.status)}</td></tr></table>`}
else{b.className="rs no";b.style.display="block";b.innerHTML=`<p>${o(j.msg)}</p><p style="color:#999;font-size:12px">请核对姓名和身份证号后重试</p>`}}
catch(u){b.className="rs no";b.style.display="block";b.textContent="网络繁忙，请稍后再试"}}
a();
