// Suggestions under the search box, from the staff-only autocomplete endpoint.
// Keyboard: arrows to move, Enter to open, Escape to close.
(function () {
  const input = document.getElementById("ps-q");
  const list = document.getElementById("ps-suggestions");
  if (!input || !list) return;
  let timer = null;
  let active = -1;
  function close() { list.hidden = true; list.innerHTML = ""; input.setAttribute("aria-expanded", "false"); active = -1; }
  function render(items) {
    list.innerHTML = "";
    items.forEach(function (item, index) {
      const li = document.createElement("li");
      li.id = "ps-suggestion-" + index;
      li.setAttribute("role", "option");
      li.textContent = item.title + (item.subtitle ? " — " + item.subtitle : "");
      li.addEventListener("mousedown", function () { if (item.url) window.location = item.url; });
      li.dataset.url = item.url;
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { render(data.suggestions || []); })
        .catch(close);
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    const options = list.querySelectorAll("li");
    if (event.key === "Escape") {
      // Close the suggestions first; a second Escape clears the box as usual.
      if (!list.hidden) { event.preventDefault(); close(); }
      return;
    }
    if (!options.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length;
      options.forEach(function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location = options[active].dataset.url;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
