// FAQ editor: while the question is typed, list existing FAQs that already ask the same thing,
// so duplicates are caught before publishing.
(function () {
  "use strict";
  var DELAY_MS = 400;
  var MIN_LENGTH = 8;
  var script = document.getElementById("similar-questions-script");
  var title = document.getElementById("id_title");
  // Only FAQ editors have the "also asked as" phrasings; other page types are left alone.
  var isFaqEditor = document.getElementById("id_alternative_phrasings-TOTAL_FORMS");
  if (!script || !title || !isFaqEditor) {
    return;
  }
  var pageMatch = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
  var panel = document.createElement("div");
  var timer = null;
  var latest = 0;
  panel.id = "similar-questions";
  panel.className = "help-block help-info";
  panel.setAttribute("aria-live", "polite");
  panel.hidden = true;
  title.closest(".w-panel__content, .w-field__wrapper, div").appendChild(panel);

  function show(results) {
    panel.textContent = "";
    if (!results.length) {
      panel.hidden = true;
      return;
    }
    var heading = document.createElement("p");
    heading.textContent = "Existing FAQs that ask something similar:";
    var list = document.createElement("ul");
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.edit_url;
      link.target = "_blank";
      link.textContent = result.question;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (similarity " + Math.round(result.similarity * 100) + " %)"));
      list.appendChild(item);
    });
    panel.appendChild(heading);
    panel.appendChild(list);
    panel.hidden = false;
  }

  function lookUp() {
    var text = title.value.trim();
    var request = ++latest;
    if (text.length < MIN_LENGTH) {
      show([]);
      return;
    }
    var url = script.dataset.similarUrl + "?q=" + encodeURIComponent(text);
    if (pageMatch) {
      url += "&exclude=" + pageMatch[1];
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (request === latest) { show(data.results); } })
      .catch(function () { show([]); });
  }

  title.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, DELAY_MS);
  });
})();
