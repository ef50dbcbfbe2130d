/* Site search with Pagefind in Material's search dialog, and keyboard access to
   the header's toggle buttons. Everything is loaded from this site: Pagefind's
   script and the index of the page's own language (it picks it by <html lang>). */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-wbl-search]");
  var toggle = document.getElementById("__search");
  var drawer = document.getElementById("__drawer");
  if (!dialog || !toggle) return;

  var input = dialog.querySelector("[data-wbl-search-input]");
  var form = dialog.querySelector("[data-wbl-search-form]");
  var meta = dialog.querySelector("[data-wbl-search-meta]");
  var list = dialog.querySelector("[data-wbl-search-results]");
  var text = dialog.dataset;
  var MAX_RESULTS = 10;
  var pagefind = null;

  // Material's header buttons are <label>s for hidden checkboxes: not focusable
  // and without a name. Make them buttons that Tab reaches and Enter or Space presses
  // (Material's own Enter-on-a-label handler is kept out, or Enter would toggle twice).
  function keyboardButton(label, checkbox, name, after) {
    if (!label) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    label.setAttribute("aria-expanded", String(checkbox.checked));
    checkbox.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(checkbox.checked));
    });
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      checkbox.click();
      if (after) after();
    });
  }
  var searchButton = document.querySelector('.md-header label.md-header__button[for="__search"]');
  keyboardButton(searchButton, toggle, text.labelSearch);
  if (drawer) {
    keyboardButton(document.querySelector('.md-header label.md-header__button[for="__drawer"]'), drawer, text.labelNav,
      function () {
        if (!drawer.checked) return;
        var first = document.querySelector(".md-sidebar--primary a, .md-sidebar--primary label[tabindex]");
        if (first) setTimeout(function () { first.focus(); }, 50);
      });
  }

  // The site's root, from Material's config (its "base" is relative to the page).
  function siteRoot() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(text.pagefind, location.href).href).then(function (module) {
        return module.options({ baseUrl: siteRoot().pathname, excerptLength: 24 }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  function counted(count) {
    if (count === 0) return text.resultNone;
    if (count === 1) return text.resultOne;
    return text.resultOther.replace("#", String(count));
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-search-result__article--document md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("p");
    title.className = "wbl-search-result__title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text and adds <mark>
    article.append(icon, title, excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  var latest = 0;
  function search(query) {
    var asked = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      meta.textContent = text.resultPlaceholder;
      return;
    }
    load()
      .then(function (module) { return module.search(query); })
      .then(function (found) {
        return Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (pages) { return { total: found.results.length, pages: pages }; });
      })
      .then(function (answer) {
        if (asked !== latest) return; // a newer query is under way
        list.replaceChildren.apply(list, answer.pages.map(resultItem));
        meta.textContent = counted(answer.total);
        dialog.dataset.wblSearchDone = query;
      });
  }

  function open() {
    if (!toggle.checked) toggle.click();
  }
  function close() {
    if (toggle.checked) toggle.click();
    var visibleButton = searchButton && searchButton.offsetParent !== null;
    if (visibleButton) searchButton.focus();
    else input.blur();
  }
  function results() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 100);
  });
  input.addEventListener("focus", function () {
    open();
    load();
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      // The dialog slides in on phones: focus once it is shown.
      setTimeout(function () { input.focus(); }, 50);
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus(); }, 0);
  });

  // In the dialog: Escape closes it, the arrow keys move between the input and the results.
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var stops = [input].concat(results());
    var at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    stops[(at + (event.key === "ArrowDown" ? 1 : stops.length - 1)) % stops.length].focus();
  });

  // Material's shortcuts to search: f, s or / anywhere outside a form field.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "f" || event.key === "s" || event.key === "/") {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
