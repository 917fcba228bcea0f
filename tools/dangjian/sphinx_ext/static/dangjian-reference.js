/* 引用本文 / 引用此条 (issue 18): completes each GB/T 7714 reference with the page's own address
   when the build did not know the site's, and with today's date as 引用日期; the copy button puts
   the reference's text on the clipboard and says so in a live region.  No request, no dependency. */
(function () {
  "use strict";
  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }
  function siteRoot() {
    var root = document.documentElement.getAttribute("data-content_root") || "./";
    return new URL(root, window.location.href);
  }
  function complete() {
    var root = siteRoot();
    document.querySelectorAll(".dj-ref-url").forEach(function (span) {
      span.textContent = new URL(span.getAttribute("data-path"), root).href;
    });
    var day = today();
    document.querySelectorAll(".dj-ref-accessed").forEach(function (span) {
      span.textContent = day;
    });
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  function onCopy(event) {
    var button = event.currentTarget;
    var target = document.getElementById(button.getAttribute("data-target"));
    var status = button.parentNode.querySelector(".dj-ref-status");
    if (!target) return;
    copyText(target.textContent.trim()).then(
      function () { status.textContent = "已复制到剪贴板。"; },
      function () { status.textContent = "无法自动复制，请选中上面的引文后手动复制。"; }
    );
  }
  function start() {
    complete();
    document.querySelectorAll(".dj-ref-copy").forEach(function (button) {
      button.addEventListener("click", onCopy);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
