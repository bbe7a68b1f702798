/*
 * The live preview's client, added to every page by preview/serve.py and never
 * to the published site. It asks the preview server for news (a long poll),
 * reloads the page when a new build changed it, and shows the editor's content
 * errors over the page, in Swedish, until they are fixed. Its button "Var står
 * det här?" puts, before each block of text, the content file and line it
 * comes from.
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

  // "Var står det här?": the server lists every text of the page's content
  // files with its file and line; each block of the article gets the place of
  // the text it shows (the whole block, or the longest text inside it).
  var SHOWN = "forhandsvisning-kallor";
  var BLOCKS = "article h1, article h2, article h3, article h4, article p, article li, article td, article th, article dt, article dd, article blockquote";

  function words(text) { return text.replace(/\s+/g, " ").trim(); }

  function place(block, texts) {
    var said = words(block.innerText);
    var best = null;
    texts.forEach(function (t) {
      if (!t.text) return;
      if (t.text === said) { best = {text: t.text, plats: t.plats, exact: true}; return; }
      if (best && best.exact) return;
      if (t.text.length >= 15 && said.indexOf(t.text) !== -1 && (!best || t.text.length > best.text.length)) best = t;
    });
    return best && best.plats;
  }

  function showPlaces(on) {
    document.querySelectorAll("." + SHOWN).forEach(function (label) { label.remove(); });
    button.setAttribute("aria-pressed", on ? "true" : "false");
    sessionStorage.setItem(SHOWN, on ? "1" : "");
    if (!on) return;
    fetch(base + "kallor?sida=" + encodeURIComponent(decodeURI(location.pathname)), {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (texts) {
        document.querySelectorAll(BLOCKS).forEach(function (block) {
          // A list item holding a list is placed by its own items.
          if (block.querySelector("p, li, td")) return;
          var where = place(block, texts);
          if (!where) return;
          var label = document.createElement("span");
          label.className = SHOWN;
          label.textContent = where;  // text, never HTML
          label.style.cssText = "display:block;width:max-content;max-width:100%;overflow-wrap:anywhere;font:.7rem/1.4 monospace;" +
            "background:#fff3c4;color:#1a1a1a;border:1px solid #8a6d00;padding:0 .3em;margin:.2em 0";
          block.insertBefore(label, block.firstChild);
        });
      });
  }

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Var står det här?";
  button.title = "Visar vilken innehållsfil och rad varje text kommer från. Bara i förhandsvisningen.";
  button.style.cssText = "position:fixed;left:.5rem;bottom:.5rem;z-index:9999;font:.8rem system-ui,sans-serif;" +
    "background:#1a1a1a;color:#fff;border:2px solid #fff;border-radius:.3rem;padding:.3rem .6rem;cursor:pointer";
  button.addEventListener("click", function () {
    showPlaces(button.getAttribute("aria-pressed") !== "true");
  });
  document.body.appendChild(button);
  if (sessionStorage.getItem(SHOWN)) showPlaces(true);
  else button.setAttribute("aria-pressed", "false");

  fetch(base + "status?sedan=-1", {cache: "no-store"})
    .then(function (response) { return response.json(); })
    .then(function (state) {
      seen = state.version;
      if (state.fel.length) overlay(state.fel);
      poll();
    });
})();
