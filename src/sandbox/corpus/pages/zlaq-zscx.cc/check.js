// 简单提示
document.getElementById("f").onsubmit = function () { document.getElementById("r").innerHTML = "查询中…"; };
