/*
 * Samverkan i Bergslagen: the filter on "Alla utredningar"
 * (scripts/samverkan/pages/templates/alla-utredningar.md.j2).
 *
 * Without this script the page is the plain list, grouped by state and
 * year, and the filter stays hidden. With it, the filter's links choose a
 * municipality, an organisation and a state; rows that do not match are
 * hidden, without a page reload, and the choice is kept in the address
 * (?kommun=…&organisation=…&lage=…), so it can be shared, and the
 * municipality's and organisation's pages can link to their own list.
 *
 * Each row carries the ids it matches as data-kommun, data-organisation and
 * data-lage (space-separated ids, a-z 0-9 -). Nothing from the page is put
 * back as HTML: only attributes, hidden flags and one number change.
 */

const DIMENSIONS = ["kommun", "organisation", "lage"]

const filter = document.getElementById("sib-filter")

function chosen(search) {
  const params = new URLSearchParams(search)
  const known = {}
  for (const name of DIMENSIONS) {
    const value = params.get(name) || ""
    // A value no link offers (an old or mistyped address) filters nothing.
    known[name] = filter.querySelector(`a[data-filter="${name}"][data-varde="${CSS.escape(value)}"]`) ? value : ""
  }
  return known
}

function address(choice) {
  const params = new URLSearchParams()
  for (const name of DIMENSIONS) {
    if (choice[name]) params.set(name, choice[name])
  }
  const query = params.toString()
  return location.pathname + (query ? `?${query}` : "") + location.hash
}

function matches(row, choice) {
  return DIMENSIONS.every((name) => !choice[name] || (row.dataset[name] || "").split(" ").includes(choice[name]))
}

function apply(choice) {
  const rows = document.querySelectorAll("table.sib-korttabell tr[data-lage]")
  let shown = 0
  for (const row of rows) {
    row.hidden = !matches(row, choice)
    if (!row.hidden) shown += 1
  }
  // A year whose rows are all hidden loses its heading and table too, and a
  // state with nothing left says so in a line of its own.
  for (const table of document.querySelectorAll("table.sib-korttabell")) {
    const empty = !table.querySelector("tr[data-lage]:not([hidden])")
    table.hidden = empty
    const heading = table.previousElementSibling
    if (heading && heading.tagName === "H3") heading.hidden = empty
  }
  for (const heading of document.querySelectorAll("article h2")) {
    const note = heading.nextElementSibling
    if (!note || !note.classList.contains("sib-filter-tom")) continue
    let visible = false
    for (let el = note.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
      if (el.tagName === "TABLE" && !el.hidden) visible = true
    }
    note.hidden = visible || !heading.dataset.sibHarRader
  }
  document.getElementById("sib-filter-antal").textContent = String(shown)
  for (const link of filter.querySelectorAll("a[data-filter]")) {
    const name = link.dataset.filter
    const on = choice[name] === link.dataset.varde
    if (on) link.setAttribute("aria-current", "true")
    else link.removeAttribute("aria-current")
    // Each link leads to the choice it makes, with the other two kept.
    link.href = address({ ...choice, [name]: link.dataset.varde })
  }
}

if (filter) {
  // The note for a state that the filter empties; states empty without a
  // filter already say so in the page's own words.
  for (const heading of document.querySelectorAll("article h2")) {
    let rows = false
    for (let el = heading.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
      if (el.tagName === "TABLE") rows = true
    }
    if (!rows) continue
    heading.dataset.sibHarRader = "1"
    const note = document.createElement("p")
    note.className = "sib-filter-tom"
    note.textContent = "Inga utredningar här med det här urvalet."
    note.hidden = true
    heading.after(note)
  }
  filter.hidden = false
  let choice = chosen(location.search)
  apply(choice)
  filter.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-filter]")
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    choice = { ...choice, [link.dataset.filter]: link.dataset.varde }
    history.replaceState(null, "", address(choice))
    apply(choice)
  })
}
