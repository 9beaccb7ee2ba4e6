// On narrow screens the topic's question index starts folded, so the answer and the related
// articles are not pushed far down; without JavaScript it simply stays open.
(function () {
  "use strict";
  if (window.matchMedia("(max-width: 60rem)").matches) {
    document.querySelectorAll(".question-index__disclosure").forEach(function (disclosure) {
      disclosure.open = false;
    });
  }
})();
