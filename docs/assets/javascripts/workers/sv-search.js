/*
 * Samverkan i Bergslagen: Swedish search in the theme's own search worker.
 *
 * This file is loaded instead of the theme's worker (see
 * scripts/samverkan/publish/search.py) and loads that worker itself, so the
 * theme's search box, results and keyboard handling stay exactly as they are.
 * Before the theme sees a query, each word is cut to its Snowball Swedish
 * stem with the theme's own lunr.sv, so inflected forms find each other:
 * "nämnder" is searched as "nämnd*", which finds "nämnden". Stems shorter than
 * four letters are too vague ("lots" would become "lot*"); those words are
 * searched as typed.
 */
"use strict"

var QUERY = 2 // the theme's SearchMessageType.QUERY
var MIN_STEM = 4

function stemWord(word) {
  var lunr = self.lunr
  if (!lunr || !lunr.sv) return word
  var stem = lunr.sv.stemmer(new lunr.Token(word.toLowerCase())).toString()
  return stem.length >= MIN_STEM ? stem : word
}

self.addEventListener("message", function (event) {
  var message = event.data
  if (message && message.type === QUERY && typeof message.data === "string")
    message.data = message.data.replace(/[\p{L}\p{N}]+/gu, stemWord)
})

importScripts(new URL(self.location.href).searchParams.get("worker"))
