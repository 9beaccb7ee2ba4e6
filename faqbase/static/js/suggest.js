// Suggestions while typing, for every search box: an ARIA 1.2 combobox over /api/suggest.
// Without JavaScript the form submits to the search page as usual. The words it shows come
// from the form's data-suggestions-* attributes, translated by the page's template.
(function () {
  "use strict";
  var DELAY_MS = 200;
  var MIN_LENGTH = 3;

  function setUp(input, number) {
    var row = input.parentElement;
    var words = input.form.dataset;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var active = -1;
    var items = [];
    var latest = 0;

    list.id = "suggestions-" + number;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.suggestionsLabel || "");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    row.appendChild(list);
    row.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(position) {
      active = position;
      items.forEach(function (item, index) {
        item.setAttribute("aria-selected", index === position ? "true" : "false");
      });
      if (position >= 0) {
        input.setAttribute("aria-activedescendant", items[position].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (suggestion, index) {
        var item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.url = suggestion.url;
        item.textContent = suggestion.question;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(suggestion.url);
        });
        list.appendChild(item);
        return item;
      });
      active = -1;
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = items.length ? statusMessage(items.length) : "";
    }

    // One message per number of suggestions (data-suggestions-status-3 for three): each
    // language words the count its own way.
    function statusMessage(count) {
      return words["suggestionsStatus-" + count] || "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      var request = ++latest;
      if (query.length < MIN_LENGTH) {
        close();
        return;
      }
      // Suggestions in the page's language (its lang attribute: "cy", "en-GB").
      var lang = encodeURIComponent(document.documentElement.lang || "");
      fetch("/api/suggest?q=" + encodeURIComponent(query) + "&lang=" + lang, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (suggestions) { if (request === latest) { show(suggestions); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Escape") {
        event.preventDefault(); // a search input would also clear what was typed
        close();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].dataset.url);
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll(".search-form input[name=q]").forEach(setUp);
})();
