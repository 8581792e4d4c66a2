// Autocomplete for the search box: progressive enhancement, no dependencies.
// Without JavaScript the box is a plain search field; with it, a <datalist> is filled from
// /api/suggest (speakers and topics) as you type. Served from 'self' to satisfy the CSP.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("datalist");
  list.id = "q-suggestions";
  document.body.appendChild(list);
  input.setAttribute("list", list.id);
  var timer = null, lastAsked = "", controller = null;

  function lastWord(value) {
    // Suggest for the whole box while it is short, else for the text after the last space.
    return value.length <= 30 ? value.trim() : value.split(/\s+/).pop();
  }

  function show(items, prefix) {
    var head = input.value.slice(0, input.value.length - prefix.length);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = head + item.value;     // value/label only: never innerHTML
      if (item.kind) { option.label = item.value + " (" + item.kind + ")"; }
      list.appendChild(option);
    });
  }

  function ask() {
    var prefix = lastWord(input.value);
    if (prefix.length < 2 || prefix === lastAsked) { return; }
    lastAsked = prefix;
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(prefix),
          { headers: { "Accept": "application/json" }, signal: controller ? controller.signal : undefined })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { show(data.suggestions || [], prefix); })
      .catch(function () { /* offline or aborted: the box still works as plain search */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();
