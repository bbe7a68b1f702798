/*
 * Samverkan i Bergslagen: the search dialog (overrides/partials/sok.html).
 *
 * On page load this only listens for the button and the "/" key. Pagefind
 * (pagefind/pagefind.js, its WebAssembly and index) is fetched the first
 * time a reader opens search, so a reader who never searches pays nothing.
 *
 * Everything shown comes from the index, which is built from content that
 * editors write: it is put on the page as text (textContent), never as
 * HTML. Pagefind's own excerpt (HTML) is not used; the excerpt is cut here
 * from the page's plain text, with <mark> elements made here around the
 * words Pagefind matched. A page's indexed text ends with the compound
 * parts added for search (scripts/samverkan/publish/search.py), after the
 * marker below; nothing from there is ever shown.
 */

const MARKER = "\u2042"
const MAX_RESULTS = 10
const EXCERPT_WORDS = 30
const BEFORE_HIT = 8

const dialog = document.getElementById("sib-sok")
const opener = document.querySelector("[data-sib-sok-oppna]")

let pagefind = null
let latest = 0

async function load() {
  if (!pagefind) {
    // Resolved against the page, so the site works from any folder.
    const module = await import(new URL(dialog.dataset.pagefind, document.baseURI).href)
    await module.options({
      baseUrl: new URL(dialog.dataset.rot, document.baseURI).pathname,
      // Searching our index takes milliseconds on the page itself; a worker
      // would cost one more script (pagefind-worker.js, 41 kB) and a thread.
      noWorker: true,
    })
    // Language file and index metadata now, while the reader types.
    await module.init()
    pagefind = module
  }
  return pagefind
}

function status(text) {
  dialog.querySelector(".sib-sok__status").textContent = text
}

function count(n) {
  if (n === 0) return dialog.dataset.inga
  if (n === 1) return dialog.dataset.en
  return dialog.dataset.flera.replace("#", String(n))
}

/* The words of the page's own text, and which of them to mark. */
function excerpt(data, query) {
  const words = data.content.split(" ")
  const end = words.indexOf(MARKER)
  const visible = end < 0 ? words : words.slice(0, end)
  let hits = data.locations.filter(at => at < visible.length)
  if (hits.length === 0) {
    // Found only by a compound part: mark the words that contain a query
    // word, or the longest start of one (at least four letters).
    const terms = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []
    for (const term of terms) {
      for (let length = term.length; length >= Math.min(4, term.length) && hits.length === 0; length--) {
        const part = term.slice(0, length)
        visible.forEach((word, at) => { if (word.toLowerCase().includes(part)) hits.push(at) })
      }
    }
  }
  const marked = new Set(hits)
  const start = hits.length ? Math.max(0, Math.min(...hits) - BEFORE_HIT) : 0
  return { words: visible.slice(start, start + EXCERPT_WORDS), start, marked, more: start + EXCERPT_WORDS < visible.length, cut: start > 0 }
}

function excerptNode(data, query) {
  const { words, start, marked, more, cut } = excerpt(data, query)
  const p = document.createElement("p")
  p.className = "sib-sok__utdrag"
  let text = cut ? "… " : ""
  words.forEach((word, i) => {
    if (marked.has(start + i)) {
      // Punctuation that clings to the word stays outside the highlight.
      const [, lead, core, tail] = word.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u)
      p.append(text + lead)
      const mark = document.createElement("mark")
      mark.textContent = core
      p.append(mark)
      text = tail + " "
    } else {
      text += word + " "
    }
  })
  p.append(more ? text.trimEnd() + " …" : text.trimEnd())
  return p
}

function resultNode(data, query) {
  const item = document.createElement("li")
  item.className = "sib-sok__traff"
  const link = document.createElement("a")
  link.href = data.url
  link.className = "sib-sok__lank"
  const title = document.createElement("span")
  title.className = "sib-sok__titel"
  title.textContent = (data.meta && data.meta.title) || data.url
  link.append(title, excerptNode(data, query))
  item.append(link)
  return item
}

async function run(query) {
  const mine = ++latest
  const list = dialog.querySelector(".sib-sok__traffar")
  if (!query.trim()) {
    list.replaceChildren()
    status(dialog.dataset.tom)
    return
  }
  status(dialog.dataset.laddar)
  let found
  try {
    const engine = await load()
    const search = await engine.search(query)
    found = await Promise.all(search.results.slice(0, MAX_RESULTS).map(r => r.data()))
  } catch (error) {
    if (mine === latest) status(dialog.dataset.fel)
    throw error
  }
  if (mine !== latest) return // a newer query has been typed meanwhile
  list.replaceChildren(...found.map(data => resultNode(data, query)))
  status(count(found.length))
}

function open() {
  if (dialog.open) return
  dialog.showModal()
  const input = dialog.querySelector(".sib-sok__fraga")
  input.focus()
  input.select()
  load().catch(() => status(dialog.dataset.fel))
}

// Focus goes back to the search button as the dialog closes, not when its
// close event arrives a task later: until then it is on the page's body, and
// a key pressed straight after Esc would start from the top of the page.
function close() {
  dialog.close()
  opener.focus()
}

function links() {
  return [...dialog.querySelectorAll(".sib-sok__lank")]
}

function move(event) {
  const input = dialog.querySelector(".sib-sok__fraga")
  const all = links()
  const at = all.indexOf(document.activeElement)
  if (event.key === "ArrowDown" && all.length) {
    all[Math.min(at + 1, all.length - 1)].focus()
  } else if (event.key === "ArrowUp" && at >= 0) {
    ;(at === 0 ? input : all[at - 1]).focus()
  } else {
    return
  }
  event.preventDefault()
}

function editable(element) {
  return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName))
}

if (dialog && opener) {
  opener.addEventListener("click", open)
  // "/" opens search from anywhere but a text field. Caught before the
  // theme's own shortcuts, which would look for the theme's search.
  window.addEventListener("keydown", event => {
    if (event.key === "/" && !dialog.open && !editable(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault()
      event.stopImmediatePropagation()
      open()
    }
  }, true)
  dialog.addEventListener("keydown", event => {
    // The theme's shortcuts must not act on keys typed into the dialog.
    event.stopPropagation()
    if (event.key === "Escape") {
      // One Esc closes, also from a filled search box (which would
      // otherwise only empty itself on the first).
      event.preventDefault()
      close()
      return
    }
    move(event)
  })
  dialog.querySelector(".sib-sok__fraga").addEventListener("input", event => {
    run(event.target.value).catch(() => {})
  })
  dialog.querySelector(".sib-sok__form").addEventListener("submit", event => {
    event.preventDefault()
    const first = links()[0]
    if (first) first.focus()
  })
  dialog.querySelector("[data-sib-sok-stang]").addEventListener("click", close)
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", event => {
    if (event.target === dialog) {
      const box = dialog.getBoundingClientRect()
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom
      if (!inside) close()
    }
  })
  // Any other way the dialog closes (the browser's own close request).
  dialog.addEventListener("close", () => opener.focus())
}
