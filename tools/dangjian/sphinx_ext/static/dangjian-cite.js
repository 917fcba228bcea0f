/* Citation tooltips (issue 17): CSS shows a quote on hover and focus; this lets Escape hide it
   without moving the pointer or the focus (WCAG 1.4.13), until the pointer or the focus leaves
   the citation, and keeps an open quote inside the text column.  No request, no dependency. */
(function () {
  "use strict";
  function shown() {
    return Array.prototype.filter.call(
      document.querySelectorAll(".dj-cite-item"),
      function (item) {
        return item.matches(":hover") || item.querySelector(".dj-cite-link:focus") !== null;
      }
    );
  }
  function place(item) {
    var tip = item.querySelector(".dj-cite-tip");
    if (!tip) return;
    tip.style.left = "";
    var column = item.closest(".bd-article, article, main") || document.body;
    var bounds = column.getBoundingClientRect();
    var box = tip.getBoundingClientRect();
    var right = Math.min(bounds.right, window.innerWidth) - 4;
    if (box.right > right) {
      var shift = Math.min(box.right - right, box.left - Math.max(bounds.left, 0));
      if (shift > 0) tip.style.left = -shift + "px";
    }
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    shown().forEach(function (item) { item.classList.add("dj-cite-dismissed"); });
  });
  function enter(event) {
    var item = event.target.closest && event.target.closest(".dj-cite-item");
    if (item) place(item);
  }
  function reset(event) {
    var item = event.target.closest && event.target.closest(".dj-cite-item");
    if (item && !item.contains(event.relatedTarget)) item.classList.remove("dj-cite-dismissed");
  }
  document.addEventListener("focusin", enter);
  document.addEventListener("mouseover", enter);
  document.addEventListener("focusout", reset);
  document.addEventListener("mouseout", reset);
})();
