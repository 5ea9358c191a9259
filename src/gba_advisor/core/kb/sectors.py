"""Sector taxonomy: resolving what a user typed, and how related two sectors are.

Resolution tries, in order:

1. the whole text as an id, an English or Chinese name or an alias (case, separators and
   traditional Chinese characters folded);
2. the whole text as a close variant of one of them: a fuzzy match, held to strict rules so that
   it stays a typo, a plural or another word order and never a shared fragment ("trading" is
   not "carbon trading", "port" is not "esports");
3. the text as a description. Parentheses are set aside, lists ("A, B and C", "A; B", "A、B和C")
   are split, and each part is resolved by steps 1 and 2 or else by its head term, the longest
   id, name or alias it contains ("microcontroller chip design" -> "chip design"). The first part
   that resolves is the sector; parts naming other sectors become extra secondary sectors; the
   rest is detail. An id, name or alias that itself reads like a list ("research and
   development", "food and big health") is never split.

Anything but an exact hit of the whole text is reported back (`SectorResolution.term`,
`extras`, `details`) so that the result can warn about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gba_advisor.core.kb.schema import Sector, SectorMatch

_SEPARATORS = re.compile(r"[\s_\-/]+")
_SPLIT_SEPARATORS = re.compile(r"[\s_\-]+")
MIN_FUZZY_KEY = 4
RESOLVED_MEMO_SIZE = 4096
"""How many non-exact answers a sector index keeps; cleared when full, so memory stays flat."""

MIN_FUZZY_QUERY = 6
"""Latin text shorter than this matches only exactly or as a plural: one letter changed or added
in a short word gives another word ("port" -> "sport", "pork"), not a typo."""

EDITS_PER_CHARACTER = 1 / 6
"""A fuzzy match may differ by one edit (a transposition counting as one) per six characters of
the query, ignoring word order and little words, and by at least one: typos, not other words
("gaming" is two edits from "gambling", one too many)."""

WORD_CUTOFF = 80.0
"""Every word of a fuzzy match must be this close (rapidfuzz ratio) to a word of the other side,
both ways: "medical devices" is not "medical services" however close the whole strings are."""

MIN_FUZZY_CJK = 4
"""Chinese text of at least this many characters may differ from a name or alias by one character
(a typo: 金融科枝 -> 金融科技). Character ratios are too coarse for short Chinese words (one
character in four already scores 75), so Chinese fuzzy matches count edits instead of using the
rules' fuzzy cutoff; the score reported is still the rapidfuzz ratio."""

WEAK_HEADS = frozenset(
    {
        "services",
        "service",
        "manufacturing",
        "factory",
        "software",
        "technology",
        "tech",
        "research",
        "consumer",
        "retail",
        "consulting",
        "consultancy",
        "advisory",
        "design",
    }
)
"""Keys that say what kind of work a description's business does, not its domain: in "fintech
software", "logistics services" or "GPU design" the other term names the sector. They still
count when nothing else does. Trading is not among them: "electronics trading" is a trader,
placed as one."""

PLURAL_ONLY = frozenset({"securities", "futures", "goods", "news", "arts", "customs"})
"""Keys whose singular is another word ("security", "future"): no plural folding for them."""

MAX_TERM_WORDS = 8
"""Longest run of words looked up as a head term (the longest key has seven words)."""

MAX_FUZZY_TERM_WORDS = 3
"""Longest run of words tried as a misspelt head term: fuzzy matching every run of a long
description would cost seconds, and long runs are not terms."""

_STOPWORDS = frozenset({"and", "&", "of", "the", "for", "in", "a", "an", "to", "with", "on", "by"})
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z]")
_BRACKETED = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
_BRACKETS = re.compile(r"[()（）\[\]【】]")
_LIST = re.compile(
    r"\s*(?:[,;，；、/|+]|\s(?:and|&|or|plus|as well as|including)\s|以及|和|及|与|或)\s*"
)
_LEADING_FILLER = re.compile(r"^(?:and|or|&|plus|also|as well as)\s+")
_TRAILING_FILLER = re.compile(r"(?:\s+(?:etc|and so on|and others|and more)\.?|等+)$")
_EDGE_PUNCTUATION = " .。:：'\"‘’“”!?！？"
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")

# Traditional characters of sector vocabulary, folded to simplified ones so that a Hong Kong
# or Macao user's 醫療器械 finds 医疗器械. One-to-one pairs only (not 乾/幹 -> 干).
_TRADITIONAL = str.maketrans(
    "醫療藥製電資訊術務業產機體運輸貿銀險證創設計築國際網絡數據雲軟發會議覽遊戲樂視傳導圓車動儲"
    "環節氣綠財稅師諮詢購賣買貨倉鏈應廠學習藝裝備紡織鋼鐵屬礦飲廣檢測認驗實東場開經濟總區權灣與樓"
    "飛衛顯門風點鑽寶價黃養護幣擬虛碼頭專營銷劃關類顧問賽競賭軌陸處廈態線鏡錶鐘飾箱紙陶瓷燈館鮮"
    "農漁畜牧糧礎築設備療諾擔債貸幣匯兌給賬審記帳諮詞語課學幼訓練轉換億萬園區際橫濱滬廣莞澳門",
    "医疗药制电资讯术务业产机体运输贸银险证创设计筑国际网络数据云软发会议览游戏乐视传导圆车动储"
    "环节气绿财税师咨询购卖买货仓链应厂学习艺装备纺织钢铁属矿饮广检测认验实东场开经济总区权湾与楼"
    "飞卫显门风点钻宝价黄养护币拟虚码头专营销划关类顾问赛竞赌轨陆处厦态线镜表钟饰箱纸陶瓷灯馆鲜"
    "农渔畜牧粮础筑设备疗诺担债贷币汇兑给账审记帐咨词语课学幼训练转换亿万园区际横滨沪广莞澳门",
)


class MatchMethod(StrEnum):
    ID = "id"
    NAME = "name"
    ALIAS = "alias"
    FUZZY = "fuzzy"


@dataclass(frozen=True, slots=True)
class SectorResolution:
    """How a typed sector was understood."""

    query: str
    sector_id: str
    method: MatchMethod
    """How the matched text (`term`, or the whole query) matched."""
    score: float
    """100 for id, name and alias hits; the rapidfuzz score for a fuzzy one."""
    term: str | None = None
    """The part of `query` that was matched when it was not the whole of it: a list item or a
    head term ("chip design" in "microcontroller chip design"), case-folded."""
    extras: tuple[SectorResolution, ...] = ()
    """Further sectors the text named (other list items, text in parentheses), to be used as
    secondary sectors; each has `derived` set and the part it came from as its `term`."""
    details: tuple[str, ...] = ()
    """Parts of the text set aside: they named the same sector as `term`, or none."""
    derived: bool = False
    """A secondary sector taken from another part of `query`, not written as one."""

    @property
    def exact(self) -> bool:
        """The whole text was an id, a name or an alias."""
        return self.method is not MatchMethod.FUZZY and self.term is None


@dataclass(frozen=True, slots=True)
class Candidate:
    sector_id: str
    matched: str
    score: float


@dataclass(frozen=True, slots=True)
class _Hit:
    sector_id: str
    method: MatchMethod
    score: float
    term: str


def normalise(text: str) -> str:
    """Case-fold and fold separators so `Medical-Devices` and `medical_devices` are one key."""
    return _SEPARATORS.sub(" ", text.translate(_TRADITIONAL).casefold()).strip()


def stem(key: str) -> str:
    """A normalised key with English plurals folded: `medical devices` -> `medical device`."""
    return " ".join(_stem_word(word) for word in key.split(" "))


def _stem_word(word: str) -> str:
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None and _LATIN.search(text) is None


@dataclass(frozen=True)
class SectorIndex:
    """The taxonomy with its lookups; built once per knowledge base."""

    sectors: Mapping[str, Sector]
    ancestors: Mapping[str, tuple[str, ...]]
    """Parent, grandparent, ... of every sector."""
    keys: Mapping[str, tuple[str, MatchMethod]]
    """Normalised id, name or alias -> (sector id, how it matched)."""
    stems: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Key with plurals folded -> (sector id, key); stems two sectors share are left out."""
    compounds: tuple[str, ...] = ()
    """Keys that read like lists ("research and development", "pe/vc"), longest first: a
    description is never split inside one."""
    abbreviations: frozenset[str] = frozenset()
    """Keys written in capitals (AI, IT, PE, API): inside a longer text they count only when
    written in capitals there too, so that "it" or "pe" in a sentence names nothing."""
    _relatedness: dict[tuple[str, str, SectorMatch], float] = field(
        default_factory=dict, repr=False
    )
    _resolved: dict[tuple[str, float], SectorResolution | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Answers to queries that were not an exact key: reading a description or a typo costs
    milliseconds, and a batch of thousands of profiles repeats the same few phrasings."""

    @classmethod
    def build(cls, sectors: Sequence[Sector]) -> SectorIndex:
        by_id = {sector.id: sector for sector in sectors}
        keys: dict[str, tuple[str, MatchMethod]] = {}
        for sector in sectors:
            keys.setdefault(normalise(sector.id), (sector.id, MatchMethod.ID))
        for sector in sectors:
            for name in (sector.name.en, sector.name.zh):
                keys.setdefault(normalise(name), (sector.id, MatchMethod.NAME))
        for sector in sectors:
            for alias in sector.aliases:
                keys.setdefault(normalise(alias), (sector.id, MatchMethod.ALIAS))
        stems: dict[str, tuple[str, str]] = {}
        shared: set[str] = set()
        for key, (sector_id, _) in keys.items():
            if key in PLURAL_ONLY:
                continue
            folded = stem(key)
            if folded in stems and stems[folded][0] != sector_id:
                shared.add(folded)
            stems.setdefault(folded, (sector_id, key))
        slashed = {
            _SPLIT_SEPARATORS.sub(" ", text.translate(_TRADITIONAL).casefold()).strip()
            for sector in sectors
            for text in sector.aliases
            if "/" in text
        }
        abbreviations = {
            normalise(text)
            for sector in sectors
            for text in (*sector.aliases, sector.name.en)
            if text.isascii() and text.isupper()
        }
        return cls(
            by_id,
            {s.id: _ancestry(s.id, by_id) for s in sectors},
            keys,
            {folded: hit for folded, hit in stems.items() if folded not in shared},
            tuple(sorted({k for k in keys if _LIST.search(k)} | slashed, key=_longest_first)),
            frozenset(k for k in keys if (k.isascii() and len(k) <= 2) or k in abbreviations),
        )

    def resolve(self, query: str, cutoff: float) -> SectorResolution | None:
        """The sector the user meant, or None when nothing is close enough."""
        key = normalise(query)
        hit = self.keys.get(key)
        if hit is not None:
            return SectorResolution(query, hit[0], hit[1], 100.0)
        memo = (query, cutoff)
        if memo in self._resolved:
            return self._resolved[memo]
        close = self._fuzzy(key, cutoff)
        found = (
            SectorResolution(query, close.sector_id, MatchMethod.FUZZY, close.score)
            if close is not None
            else self._describe(query, cutoff)
        )
        if len(self._resolved) >= RESOLVED_MEMO_SIZE:
            self._resolved.clear()
        self._resolved[memo] = found
        return found

    def candidates(self, query: str, limit: int, cutoff: float = 0.0) -> list[Candidate]:
        """The closest sectors to `query`, best first, one entry per sector.

        Suggestions, not matches: rapidfuzz's WRatio scores shared fragments high, which is what
        a list of near misses wants and what `resolve` must never accept.
        """
        from rapidfuzz import fuzz, process

        # Short keys (AI, IC, EV) would match inside any word ("dairy", "plastics") under
        # partial matching, so they only ever match exactly.
        choices = [key for key in self.keys if len(key) >= MIN_FUZZY_KEY or not key.isascii()]
        found = process.extract(
            normalise(query), choices, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff
        )
        best: dict[str, Candidate] = {}
        for key, score, _ in found:
            sector_id = self.keys[key][0]
            if sector_id not in best or score > best[sector_id].score:
                best[sector_id] = Candidate(sector_id, key, round(float(score), 1))
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.sector_id))
        return ranked[:limit]

    # --- Fuzzy matching ----------------------------------------------------------------------

    def _fuzzy(self, key: str, cutoff: float, plurals: bool = True) -> _Hit | None:
        """A close variant of one key (typo, plural, word order), or None.

        Strict where WRatio is loose: the whole strings are compared (ratio, token sort ratio),
        never a part of one against the other, and every word must have its counterpart.
        """
        from rapidfuzz import fuzz

        if not key:
            return None
        plural = self.stems.get(stem(key)) if plurals else None
        if plural is not None:
            return _Hit(plural[0], MatchMethod.FUZZY, round(fuzz.ratio(key, plural[1]), 1), key)
        if _is_cjk(key):
            return self._fuzzy_cjk(key)
        folded = stem(key)
        if len(folded) < MIN_FUZZY_QUERY:
            return None
        return self._best_unambiguous(
            (score, matched)
            for matched, score in self._close_stems(folded, cutoff).items()
            if _same_words(folded, matched) and _few_edits(folded, matched)
        )

    def _close_stems(self, folded: str, cutoff: float) -> dict[str, float]:
        from rapidfuzz import fuzz, process

        choices = [k for k in self.stems if len(k) >= MIN_FUZZY_KEY and not _is_cjk(k)]
        found: dict[str, float] = {}
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
            for matched, score, _ in process.extract(
                folded, choices, scorer=scorer, score_cutoff=cutoff, limit=None
            ):
                found[matched] = max(found.get(matched, 0.0), float(score))
        return found

    def _fuzzy_cjk(self, key: str) -> _Hit | None:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        if len(key) < MIN_FUZZY_CJK or self._made_of_keys(key):
            return None
        choices = [k for k in self.keys if len(k) >= MIN_FUZZY_CJK and _is_cjk(k)]
        found = process.extract(
            key, choices, scorer=Levenshtein.distance, score_cutoff=1, limit=None
        )
        return self._best_unambiguous(
            (float(fuzz.ratio(key, matched)), stem(matched)) for matched, _, _ in found
        )

    def _made_of_keys(self, text: str) -> bool:
        """Every character of `text` is inside some key it contains: 服装贸易 is 服装 + 贸易, a
        phrase of known words and not a typo of 服务贸易."""
        covered = [False] * len(text)
        for found in self.keys:
            if len(found) >= 2 and _is_cjk(found):
                for match in re.finditer(re.escape(found), text):
                    covered[match.start() : match.end()] = [True] * len(found)
        return all(covered)

    def _best_unambiguous(self, scored: Iterable[tuple[float, str]]) -> _Hit | None:
        """The best-scoring stem's sector, unless another sector scores as well."""
        found = list(scored)
        if not found:
            return None
        best = max(score for score, _ in found)
        winners = {self.stems[matched][0] for score, matched in found if score == best}
        if len(winners) != 1:
            return None
        return _Hit(winners.pop(), MatchMethod.FUZZY, round(best, 1), "")

    # --- Descriptions ------------------------------------------------------------------------

    def _describe(self, query: str, cutoff: float) -> SectorResolution | None:
        """Resolve a description by its parts: the first that resolves is the sector."""
        text = query.translate(_TRADITIONAL).casefold()
        inner: list[str] = []
        while found := _BRACKETED.findall(text):
            inner = found + inner
            text = _BRACKETED.sub(" ", text)
        parts = self._split(_BRACKETS.sub(" ", text))
        parts += [part for aside in inner for part in self._split(aside)]
        hits = [self._resolve_part(part, query, cutoff) for part in parts]
        first = next((i for i, hit in enumerate(hits) if hit is not None), None)
        if first is None:
            return None
        head = hits[first]
        assert head is not None
        extras: list[SectorResolution] = []
        details: list[str] = []
        named = {head.sector_id}
        for index, (part, hit) in enumerate(zip(parts, hits, strict=True)):
            if index == first:
                continue
            if hit is None or hit.sector_id in named:
                details.append(part)
                continue
            named.add(hit.sector_id)
            extras.append(
                SectorResolution(
                    query, hit.sector_id, hit.method, hit.score, term=hit.term, derived=True
                )
            )
        return SectorResolution(
            query, head.sector_id, head.method, head.score, head.term, tuple(extras), tuple(details)
        )

    def _split(self, text: str) -> list[str]:
        """List items of `text`, keeping list-like keys whole."""
        text = _SPLIT_SEPARATORS.sub(" ", text.replace("\x00", " ")).strip()
        kept: list[str] = []

        def keep(match: re.Match[str]) -> str:
            kept.append(match.group(0))
            return f"\x00{len(kept) - 1}\x00"

        for key in self.compounds:
            if key in text:
                pattern = re.escape(key) if _CJK.search(key) else rf"(?<!\w){re.escape(key)}(?!\w)"
                text = re.sub(pattern, keep, text)
        parts = []
        for piece in _LIST.split(text):
            part = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], piece)
            part = _TRAILING_FILLER.sub("", part.strip(_EDGE_PUNCTUATION))
            part = _LEADING_FILLER.sub("", part).strip(_EDGE_PUNCTUATION)
            if part:
                parts.append(part)
        return parts

    def _resolve_part(self, part: str, query: str, cutoff: float) -> _Hit | None:
        key = normalise(part)
        hit = self.keys.get(key)
        if hit is not None:
            return _Hit(hit[0], hit[1], 100.0, key)
        close = self._fuzzy(key, cutoff)
        if close is not None:
            return _Hit(close.sector_id, close.method, close.score, key)
        return self._head_term(key, query, cutoff)

    def _head_term(self, key: str, query: str, cutoff: float) -> _Hit | None:
        """The sector named by the longest key inside `key`, preferring a domain to a kind of
        work (`WEAK_HEADS`), then the rightmost key (the head of an English noun phrase)."""
        if " for " in key:
            # "SaaS for restaurants" is software: what comes after "for" is the market.
            before = key.split(" for ")[0]
            product = self._lookup(before, query) or self._head_term(before, query, cutoff)
            if product is not None:
                return product
        ranked: list[tuple[tuple[float, bool, int], _Hit]] = []
        words = key.split(" ")
        halves = key.split(" of ")
        if len(halves) == 2 and all(halves):
            # "supply of food" is "food supply".
            hit = self._lookup(f"{halves[1]} {halves[0]}", query)
            if hit is not None:
                ranked.append(((len(words), True, 0), hit))
        offsets = [m.start() for m in re.finditer(r"\S+", key)]
        for size in range(min(len(words) - 1, MAX_TERM_WORDS), 0, -1):
            for start in range(len(words) - size + 1):
                if words[start] in _STOPWORDS or words[start + size - 1] in _STOPWORDS:
                    continue
                hit = self._lookup(" ".join(words[start : start + size]), query)
                if hit is not None:
                    ranked.append((self._rank(size, hit, offsets[start]), hit))
        for run in _CJK.finditer(key):
            for found in self.keys:
                if len(found) >= 2 and _is_cjk(found) and found in run.group(0):
                    hit = _Hit(self.keys[found][0], self.keys[found][1], 100.0, found)
                    offset = run.start() + run.group(0).rindex(found)
                    ranked.append((self._rank(len(found) / 2, hit, offset), hit))
        if ranked:
            return max(ranked, key=lambda pair: pair[0])[1]
        # No key inside: a misspelt one, if a long enough run of words is close to it.
        for size in range(min(len(words) - 1, MAX_FUZZY_TERM_WORDS), 0, -1):
            for start in range(len(words) - size + 1):
                gram = " ".join(words[start : start + size])
                if _is_cjk(gram) or len(gram) < MIN_FUZZY_QUERY:
                    continue
                close = self._fuzzy(gram, cutoff, plurals=False)
                if close is not None:
                    return _Hit(close.sector_id, close.method, close.score, gram)
        return None

    def _rank(self, size: float, hit: _Hit, offset: int) -> tuple[float, bool, int]:
        matched = self.stems.get(stem(hit.term), (hit.sector_id, hit.term))[1]
        return (size, hit.term not in WEAK_HEADS and matched not in WEAK_HEADS, offset)

    def _lookup(self, gram: str, query: str) -> _Hit | None:
        """`gram` as a key, or as the plural or singular of one."""
        from rapidfuzz import fuzz

        hit = self.keys.get(gram)
        if hit is not None:
            if gram in self.abbreviations and not _written_in_capitals(gram, query):
                return None
            return _Hit(hit[0], hit[1], 100.0, gram)
        plural = self.stems.get(stem(gram))
        if plural is None or plural[1] in self.abbreviations:
            return None
        return _Hit(plural[0], MatchMethod.FUZZY, round(fuzz.ratio(gram, plural[1]), 1), gram)

    # --- Relatedness -------------------------------------------------------------------------

    def relatedness(self, sector: str, other: str, credit: SectorMatch) -> float:
        """Credit 0..1 for a platform naming `other` when the enterprise is in `sector`."""
        key = (sector, other, credit)
        cached = self._relatedness.get(key)
        if cached is None:
            cached = self._relate(sector, other, credit)
            self._relatedness[key] = cached
        return cached

    def _relate(self, sector: str, other: str, credit: SectorMatch) -> float:
        if sector == other:
            return credit.exact
        mine = self.ancestors.get(sector, ())
        if other in mine:
            return float(credit.ancestor_decay ** (mine.index(other) + 1))
        if sector in self.ancestors.get(other, ()):
            return credit.descendant
        theirs = self.ancestors.get(other, ())
        if mine and theirs and mine[0] == theirs[0]:
            return credit.sibling
        return 0.0


def _same_words(query: str, key: str) -> bool:
    """Every content word on each side has a close counterpart on the other."""
    from rapidfuzz import fuzz

    mine = [w for w in query.split(" ") if w not in _STOPWORDS]
    theirs = [w for w in key.split(" ") if w not in _STOPWORDS]
    if not mine or not theirs:
        return False

    def covered(words: list[str], by: list[str]) -> bool:
        return all(any(fuzz.ratio(w, o) >= WORD_CUTOFF for o in by) for w in words)

    return covered(mine, theirs) and covered(theirs, mine)


def _longest_first(key: str) -> tuple[int, str]:
    return (-len(key), key)


def _few_edits(query: str, key: str) -> bool:
    from rapidfuzz.distance import OSA

    mine, theirs = _bag_of_words(query), _bag_of_words(key)
    return OSA.distance(mine, theirs) <= max(1, int(len(mine) * EDITS_PER_CHARACTER))


def _bag_of_words(text: str) -> str:
    return " ".join(sorted(w for w in text.split(" ") if w not in _STOPWORDS))


def _written_in_capitals(gram: str, query: str) -> bool:
    pattern = rf"(?<![A-Za-z0-9]){re.escape(gram.upper())}(?![A-Za-z0-9])"
    return re.search(pattern, _SEPARATORS.sub(" ", query)) is not None


def _ancestry(sector_id: str, by_id: Mapping[str, Sector]) -> tuple[str, ...]:
    chain: list[str] = []
    parent = by_id[sector_id].parent
    while parent is not None and parent in by_id and parent not in chain and parent != sector_id:
        chain.append(parent)
        parent = by_id[parent].parent
    return tuple(chain)
