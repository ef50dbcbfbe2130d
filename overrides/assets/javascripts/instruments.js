/* Self-assessment questionnaires (<!-- wbl:instrument <id> -->), rendered by hooks/wblbank/instruments.py.
   The build decides the scoring: each area carries data-min and data-bands, the band of every
   possible score from data-min up. This script only adds up the answers, looks the sum up in
   that table and shows the band's text; it makes no request and stores nothing.
   Without JavaScript the form stays a printable questionnaire with its scoring key. */
(function () {
  "use strict";

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  // The sum of an area's answers, and how many statements are still unanswered.
  function areaScore(area) {
    var statements = area.querySelectorAll(".wbl-statement");
    var sum = 0, left = 0;
    statements.forEach(function (statement) {
      var chosen = statement.querySelector("input[type=radio]:checked");
      if (chosen) { sum += Number(chosen.value); } else { left += 1; }
    });
    return { sum: sum, left: left };
  }

  // The band of a complete area score, from the table the build wrote.
  function bandOf(area, sum) {
    var table = area.getAttribute("data-bands").split(" ").map(Number);
    return table[sum - Number(area.getAttribute("data-min"))];
  }

  function update(form, labels) {
    var summary = form.querySelector(".wbl-summary");
    var body = summary.querySelector(".wbl-summary-body");
    body.textContent = "";
    var complete = 0;
    form.querySelectorAll(".wbl-area").forEach(function (area) {
      var score = areaScore(area);
      var line = area.querySelector(".wbl-area-score");
      var bands = area.querySelectorAll(".wbl-band");
      bands.forEach(function (band) { band.classList.remove("wbl-band-current"); band.removeAttribute("aria-current"); });
      line.hidden = false;
      if (score.left > 0) {
        line.textContent = fill(labels.unanswered, { left: score.left });
        return;
      }
      var max = Number(area.getAttribute("data-max"));
      var current = bands[bandOf(area, score.sum)];
      current.classList.add("wbl-band-current");
      current.setAttribute("aria-current", "true");
      line.textContent = fill(labels.score, { score: score.sum, max: max }) + " ";
      var strong = document.createElement("strong");
      strong.textContent = labels.your_result + ": " + current.querySelector(".wbl-feedback").textContent;
      line.appendChild(strong);
      complete += 1;
      var section = document.createElement("div");
      section.className = "wbl-summary-area";
      var title = document.createElement("h3");
      title.textContent = area.querySelector(".wbl-area-title").textContent;
      var result = document.createElement("p");
      result.textContent = fill(labels.score, { score: score.sum, max: max });
      section.appendChild(title);
      section.appendChild(result);
      section.appendChild(current.querySelector(".wbl-feedback").cloneNode(true));
      section.appendChild(current.querySelector(".wbl-read").cloneNode(true));
      body.appendChild(section);
    });
    summary.hidden = complete === 0;
    form.querySelector(".wbl-print-summary").disabled = complete === 0;
  }

  function button(text, className, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button " + className;
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  // Print only the summary: a class on <html> tells the print stylesheet what to hide.
  function printSummary() {
    var root = document.documentElement;
    root.classList.add("wbl-printing-summary");
    window.addEventListener("afterprint", function done() {
      root.classList.remove("wbl-printing-summary");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  function setUp(form) {
    var labels = JSON.parse(form.getAttribute("data-labels"));
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { update(form, labels); });
    var actions = form.querySelector(".wbl-instrument-actions");
    actions.appendChild(button(labels.print_summary, "md-button--primary wbl-print-summary", printSummary));
    actions.appendChild(button(labels.print_blank, "wbl-print-blank", function () { window.print(); }));
    actions.appendChild(button(labels.clear, "wbl-clear", function () {
      form.querySelectorAll("input[type=radio]:checked").forEach(function (input) { input.checked = false; });
      form.querySelectorAll(".wbl-area-score").forEach(function (line) { line.hidden = true; });
      update(form, labels);
      form.querySelectorAll(".wbl-area-score").forEach(function (line) { line.hidden = true; });
    }));
    actions.hidden = false;
    form.classList.add("wbl-instrument-live");
    update(form, labels);
    form.querySelectorAll(".wbl-area-score").forEach(function (line) {
      if (!line.querySelector("strong")) { line.hidden = true; }
    });
  }

  function start() {
    document.querySelectorAll("form.wbl-instrument").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
