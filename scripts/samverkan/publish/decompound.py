"""Swedish words for search: split compounds and stem, with no knowledge of MkDocs.

Compounds are split the frequency-driven way (Koehn and Knight, 2003): every
way of cutting a word into known words, with an optional linking -s-, is
scored by the geometric mean of its parts' frequencies, and the word stays
whole if it is itself more frequent than any split. So "ordförande" stays
whole ("förande" is rare), while "kommunstyrelseordförande" becomes
kommun|styrelse|ordförande. Frequencies come from wordfreq's Swedish list;
words the site itself uses alone count as known parts too.

Search asks a weaker question than split(): not "is this word best read as
its parts?" but "may a reader look for it by its last part?". Some compounds
are common enough as words of their own that split() keeps them whole
("kommunfullmäktige", "huvudkontor", "telefonnummer"); search_split() still
cuts them where their parts, without split()'s penalty for every part beyond
the first, are at least as common as the whole word.
"""

from __future__ import annotations

import functools
import heapq
import math
import threading
from collections.abc import Iterable

import snowballstemmer

# Shorter parts are too often accidental: "ord|för|ande", "kom|mun".
MIN_PART = 4
# The most frequent words are function words ("till", "över", "efter"); as
# parts they win every geometric mean and cut words like "tillväxt" apart.
FUNCTION_WORDS = 150
# A part must be at least this common to count as a word; below it wordfreq's
# list is mostly names, typos and fragments ("hälle", "hyttan").
MIN_FREQUENCY = 1e-6
# Swedish joins most compounds directly or with -s- (styrgrupp-s-möte).
LINKS = ("", "s")
# Endings that, added to a stem, give the forms of one word: a word is as
# common as its most common form ("sammanträden" is "sammanträde", not
# "samman|träden"; "beslutande" is "beslut", not "beslut|ande").
FORMS = ("", "a", "e", "n", "t", "s", "en", "et", "ar", "er", "or", "na", "at", "ad", "de", "te", "ande", "ende")
# Verb particles begin particle verbs and their nouns, not compounds:
# "sammanträde", "genomföra", "sammanfattar" are single words.
PARTICLES = frozenset({"samman", "genom", "efter", "under", "emot", "förbi", "igenom", "omkring", "utan", "bakom", "fram", "bort", "ihop", "inne",
                       # "fortsätter", "föreslår": fort- and före- verbs, not fort|sätter, före|slår.
                       "fort", "före"})
# Inflection endings look like words in a word list ("Erna" is a name) but
# are never the last part of a compound: "tjänstepersonerna", "beslutande".
ENDINGS = frozenset({"erna", "arna", "orna", "ande", "ende", "aren", "eren", "arens", "ernas", "arnas", "ornas", "else", "elsen",
                     # The -era verbs' endings: "analyserat" is not analys|erat.
                     "erat", "erar", "erad", "erade"})
# Each part beyond the first costs this factor: a reader thinks "livsmedel|
# kontroll", not "livs|medel|kontroll", and "ledamöter" is not "leda|möter".
EXTRA_PART = 0.1


# One reader of the word list at a time: the build starts reading it in a
# thread of its own (load_in_background), and the index may ask before that ends.
_LEXICON_LOCK = threading.RLock()


def _lexicon() -> dict[str, float]:
    with _LEXICON_LOCK:
        return _read_lexicon()


@functools.cache
def _read_lexicon() -> dict[str, float]:
    # Imported here: wordfreq and its language data take a noticeable part
    # of a small build's start, which load_in_background moves off the path.
    from wordfreq import get_frequency_dict

    return get_frequency_dict("sv", wordlist="large")


def load_in_background() -> threading.Thread:
    """Read the word list in a thread while this process waits for the
    engine (a process of its own), instead of after it, when the search
    index needs it."""
    thread = threading.Thread(target=_function_words, name="ordlista", daemon=True)
    thread.start()
    return thread


def _function_words() -> frozenset[str]:
    with _LEXICON_LOCK:
        return _read_function_words()


@functools.cache
def _read_function_words() -> frozenset[str]:
    # nlargest is sorted(...)[:n] without sorting the whole list.
    return frozenset(heapq.nlargest(FUNCTION_WORDS, _lexicon(), key=_lexicon().get))


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("swedish")


def stem(word: str) -> str:
    """The Snowball Swedish stem: "nämnderna" -> "nämnd"."""
    return _stemmer().stemWord(word.lower())


class Decompounder:
    """Splits Swedish compounds into their parts.

    site_words: words the site uses on their own; they are good parts.
    keep_whole: names that must never be split (Pershyttan, Hällefors).
    """

    def __init__(self, site_words: Iterable[str] = (), keep_whole: Iterable[str] = ()):
        self.lexicon = _lexicon()
        self.site_words = {w.lower() for w in site_words}
        self.keep_whole = {w.lower() for w in keep_whole}
        self._best = functools.cache(self._best_uncached)
        # A site says the same words on page after page: each is split once.
        self.suffixes = functools.cache(self._suffixes)

    def frequency(self, word: str) -> float:
        """How common word is as a part; 0 if it cannot be one."""
        if len(word) < MIN_PART or word in _function_words():
            return 0.0
        known = self.lexicon.get(word, 0.0)
        if word in self.site_words:
            known = max(known, MIN_FREQUENCY)
        return known if known >= MIN_FREQUENCY else 0.0

    def word_frequency(self, word: str) -> float:
        """How common the word is in any of its forms."""
        base = stem(word)
        return max(self.lexicon.get(word, 0.0), *(self.lexicon.get(base + ending, 0.0) for ending in FORMS))

    def split(self, word: str) -> list[str]:
        """The parts of word, in order: ["kommun", "styrelse", "ordförande"].
        A word that is not a compound comes back alone."""
        lowered = word.lower()
        if self._never_split(lowered):
            return [lowered]
        parts, _ = self._best(lowered)
        return parts

    def _never_split(self, lowered: str) -> bool:
        # A name stays whole, also in the genitive (Bergslagens).
        return bool({lowered, lowered.removesuffix("s")} & self.keep_whole) or not lowered.isalpha()

    def _best_uncached(self, word: str) -> tuple[list[str], float]:
        """Best decomposition of word and its score (0 if no part is known)."""
        # The whole word competes with its own frequency, even a short one.
        best: tuple[list[str], float] = ([word], self.word_frequency(word))
        for parts, mean in self._splits(word):
            score = mean * EXTRA_PART ** (len(parts) - 1)
            if score > best[1]:
                best = (parts, score)
        return best

    def _splits(self, word: str):
        """Every way to cut word into a known first part and the best reading
        of the rest, as (parts, geometric mean of the parts' frequencies)."""
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, rest = word[:cut], word[cut:]
            for link in LINKS:
                if link and not head.endswith(link):
                    continue
                left = head[: len(head) - len(link)]
                if left in PARTICLES or not (left_freq := self.frequency(left)):
                    continue
                right, _ = self._best(rest)
                right_freqs = [0.0 if p in ENDINGS else self.frequency(p) for p in right]
                if not all(right_freqs):
                    continue
                freqs = [left_freq, *right_freqs]
                yield [left, *right], math.exp(sum(math.log(f) for f in freqs) / len(freqs))

    def search_split(self, word: str) -> list[str]:
        """The parts a reader may look for word by: split()'s, or, where that
        keeps the word whole, the best cut whose parts are on average at least
        as common as the word ("kommunfullmäktige" -> kommun|fullmäktige;
        "ordförande" stays whole, as "förande" is rare)."""
        parts = self.split(word)
        lowered = word.lower()
        if len(parts) > 1 or self._never_split(lowered):
            return parts
        whole = self.word_frequency(lowered)
        # A verb's infinitive is no first part: compounds take its stem
        # (läsrum, ledstång), so "ledamöter" is not leda|möter.
        cuts = [(mean, cut) for cut, mean in self._splits(lowered) if mean >= whole and not cut[0].endswith("a")]
        return max(cuts)[1] if cuts else parts

    def compounds(self, words: Iterable[str]) -> dict[str, list[str]]:
        """The compounds among words, each with the parts search indexes it by."""
        return {w: parts for w in sorted({w.lower() for w in words}) if len(parts := self.search_split(w)) > 1}

    def _suffixes(self, word: str) -> list[str]:
        """What a reader may type of a compound that is not already its start:
        every tail from a part boundary on ("styrelseordförande", "ordförande").
        Prefix search then finds the compound by any of its parts."""
        lowered = word.lower()
        parts = self.search_split(lowered)
        tails, position = [], 0
        for part in parts[:-1]:
            position = lowered.index(parts[parts.index(part) + 1], position + len(part))
            tails.append(lowered[position:])
        return tails
