/*
 * The live preview's client, added to every page by publish/serve.py and never
 * to the published site. It asks the preview server for news (a long poll),
 * reloads the page when a new build changed it, and shows the editor's content
 * errors over the page, in Swedish, until they are fixed.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = Number(me.getAttribute("data-version"));
  var base = me.src.replace(/klient\.js.*$/, "");
  var here = "&sida=" + encodeURIComponent(decodeURI(location.pathname));

  function overlay(errors) {
    var box = document.getElementById("forhandsvisning-fel");
    if (!box) {
      box = document.createElement("div");
      box.id = "forhandsvisning-fel";
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-modal", "true");
      box.setAttribute("aria-labelledby", "forhandsvisning-fel-rubrik");
      box.style.cssText = "position:fixed;inset:0;z-index:10000;overflow:auto;background:#fff;color:#1a1a1a;" +
        "padding:1rem;font:1rem/1.5 system-ui,sans-serif;border-top:.5rem solid #b00020";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var heading = document.createElement("h1");
    heading.id = "forhandsvisning-fel-rubrik";
    heading.textContent = "Innehållet har fel";
    heading.style.cssText = "font-size:1.5rem;margin:0 0 1rem";
    var intro = document.createElement("p");
    intro.textContent = "Rätta felen och spara filen, så kommer sidan tillbaka av sig själv. Varje rad säger fil, rad och kolumn.";
    var list = document.createElement("ul");
    // A file path is one long word: let it wrap on a phone rather than run off the screen.
    list.style.cssText = "font-family:monospace;padding-left:1.2rem;overflow-wrap:anywhere";
    errors.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;  // text, never HTML: the message quotes the editor's own words
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(intro);
    box.appendChild(list);
    heading.tabIndex = -1;
    heading.focus();
  }

  // Whether this page is among those that changed (null: any may have).
  function mine(pages) {
    return pages === null || pages.indexOf(decodeURI(location.pathname)) !== -1;
  }

  function poll() {
    fetch(base + "status?sedan=" + seen + here, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.version !== seen) {
          seen = state.version;
          if (state.fel.length) {
            overlay(state.fel);
          } else if (mine(state.sidor) || document.getElementById("forhandsvisning-fel")) {
            location.reload();
            return;
          }
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  fetch(base + "status?sedan=-1", {cache: "no-store"})
    .then(function (response) { return response.json(); })
    .then(function (state) {
      seen = state.version;
      if (state.fel.length) overlay(state.fel);
      poll();
    });
})();
