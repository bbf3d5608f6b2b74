// dateline web: hovering a speaker in an article's legend brings that speaker's quotes forward.
(function () {
  var text = document.getElementById("article-text");
  if (!text) return;
  document.querySelectorAll(".legend li[data-colour]").forEach(function (li) {
    var cls = "spk-" + li.getAttribute("data-colour");
    li.addEventListener("mouseenter", function () {
      text.classList.add("focus");
      text.querySelectorAll(".q." + cls).forEach(function (q) { q.classList.add("on"); });
    });
    li.addEventListener("mouseleave", function () {
      text.classList.remove("focus");
      text.querySelectorAll(".q.on").forEach(function (q) { q.classList.remove("on"); });
    });
  });
})();
