// A printed page cannot be clicked: the print stylesheet writes each link's address after it.
// Links in the content are relative ("/articles/…"); this gives the stylesheet the full address.
(function () {
  "use strict";
  document.querySelectorAll("main a[href]").forEach(function (link) {
    if (link.protocol === "http:" || link.protocol === "https:") {
      link.setAttribute("data-print-url", link.href);
    }
  });
})();
