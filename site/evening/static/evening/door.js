// The door: live search as you type, check-in and undo without reloading,
// counts kept fresh. Without this script the page works with plain forms.
(function () {
  "use strict";
  var door = document.getElementById("door");
  if (!door) return;
  var labels = JSON.parse(door.dataset.labels || "{}");
  var input = document.getElementById("door-q");
  var list = document.getElementById("door-results");
  var status = document.getElementById("door-status");
  var csrf = door.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timer = null;
  var asked = 0;

  function setCounts(counts) {
    Object.keys(counts).forEach(function (key) {
      var node = door.querySelector('[data-count="' + key + '"]');
      if (node) node.textContent = counts[key] === null ? "—" : counts[key];
    });
  }

  function actionForm(person) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = door.dataset.checkIn;
    form.className = "door-action";
    [["csrfmiddlewaretoken", csrf], ["attendance", person.id],
     ["arrived", person.checked_in ? "0" : "1"], ["q", input.value]].forEach(function (pair) {
      var hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = pair[0]; hidden.value = pair[1];
      form.appendChild(hidden);
    });
    var button = document.createElement("button");
    button.type = "submit";
    button.className = person.checked_in ? "button button-secondary" : "button";
    button.textContent = person.checked_in ? labels.undo : labels.check_in;
    var hiddenName = document.createElement("span");
    hiddenName.className = "w-sr-only";
    hiddenName.textContent = " — " + person.name;
    button.appendChild(hiddenName);
    form.appendChild(button);
    return form;
  }

  function item(person) {
    var li = document.createElement("li");
    li.className = "door-person" + (person.checked_in ? " is-in" : "");
    li.dataset.id = person.id;
    var sector = document.createElement("span");
    sector.className = "door-sector";
    sector.style.background = person.colour;
    sector.style.color = person.ink;
    sector.textContent = person.sector_name;
    var name = document.createElement("span");
    name.className = "door-name"; name.textContent = person.name;
    var org = document.createElement("span");
    org.className = "door-org"; org.textContent = person.organisation;
    var state = document.createElement("span");
    state.className = "door-state";
    state.textContent = person.checked_in ? labels.checked_in
      : (person.status !== "registered" ? person.status_label : "");
    [sector, name, org, state, actionForm(person)].forEach(function (n) { li.appendChild(n); });
    return li;
  }

  function search() {
    var q = input.value.trim();
    var mine = ++asked;
    if (q.replace(/\s/g, "").length < 3) {
      list.replaceChildren();
      status.textContent = q ? labels.type_more : "";
      return;
    }
    fetch(door.dataset.search + "?format=json&q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    }).then(function (r) { return r.json(); }).then(function (data) {
      if (mine !== asked) return;  // a later keystroke already asked again
      list.replaceChildren.apply(list, data.results.map(item));
      status.textContent = data.results.length
        ? labels.results.replace("%(n)s", data.results.length) : labels.no_match;
      setCounts(data.counts);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  document.getElementById("door-search").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });

  list.addEventListener("submit", function (event) {
    var form = event.target.closest(".door-action");
    if (!form) return;
    event.preventDefault();
    var button = form.querySelector("button");
    if (button.disabled) return;
    button.disabled = true;  // a double tap sends one request
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf }
    }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      var li = form.closest("li");
      var person = {
        id: data.id, checked_in: data.checked_in,
        name: li.querySelector(".door-name").textContent
      };
      li.classList.toggle("is-in", data.checked_in);
      li.querySelector(".door-state").textContent = data.checked_in ? labels.checked_in : "";
      var fresh = actionForm(person);
      form.replaceWith(fresh);
      fresh.querySelector("button").focus();
      status.textContent = data.message;
      setCounts(data.counts);
    }).catch(function () {
      button.disabled = false;
      status.textContent = labels.offline;
    });
  });

  setInterval(function () {
    if (document.hidden) return;
    fetch(door.dataset.counts, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); }).then(setCounts).catch(function () {});
  }, 5000);
}());
