"""Who acts in a clause: actor vocabularies and agent/patient reading.

News of this conflict names its parties many ways: a named group
(«لواء فاطميون», «الحرس الثوري»), a generic group noun with an Iran marker
(«فصائل إيرانية», «جماعات مدعومة من إيران», «مقاتلون يشتبه بأنهم مرتبطون
بإيران»), a nationality adjective on a force or aircraft («المسيرات
الأمريكية»), or a body («القيادة المركزية», «سنتكوم», «البنتاغون»). A
mention is either the one acting (agent) or the one hit (patient: «مواقع
للميليشيات», «قاعدتي قوات التحالف»); the noun a mention hangs on decides
(see :func:`agency`).

>>> from geodata.arabic import normalize
>>> words = [t.text for t in normalize("استهدفت طائرات مسيرة تابعة للتحالف الدولي مواقع للميليشيات الإيرانية").tokens]
>>> [(m.actor, agency(words, m.start, m.heads)) for m in find_actors(words)]
[('us_coalition', 'agent'), ('iran_backed', 'patient')]
"""

from __future__ import annotations

from operator import attrgetter
from typing import Final, Iterable, NamedTuple, Sequence

from extract.lexicon import Hit, Lexicon, forms

__all__ = ["ActorMention", "ACTOR_ENTRIES", "HEAD_ENTRIES", "HEDGE_ENTRIES", "find_actors", "agency", "lexicon"]

IRAN, US, GOV, SDF, UNKNOWN = "iran_backed", "us_coalition", "syrian_government", "sdf", "unknown"

# Outside parties are reported under the nearest canonical actor with the
# party kept as the group (the model has no «Israel» actor); «other» roles.
ISRAEL, RUSSIA, TURKEY, ISIS = "israel", "russia", "turkey", "isis"
_CANONICAL: Final = {ISRAEL: UNKNOWN, RUSSIA: GOV, TURKEY: UNKNOWN, ISIS: UNKNOWN}
_PARTY_GROUP: Final = {ISRAEL: "إسرائيل", RUSSIA: "روسيا", TURKEY: "تركيا", ISIS: "داعش"}

# (phrase, actor, group): a fixed name of a party.
_NAMED: Final[list[tuple[str, str, str | None]]] = [
    # Iran and the groups it backs
    ("الحرس الثوري", IRAN, "الحرس الثوري"), ("الحرس الثوري الإيراني", IRAN, "الحرس الثوري"),
    ("فيلق القدس", IRAN, "فيلق القدس"), ("لواء فاطميون", IRAN, "لواء فاطميون"),
    ("فاطميون", IRAN, "لواء فاطميون"), ("الفاطميون", IRAN, "لواء فاطميون"),
    ("لواء زينبيون", IRAN, "لواء زينبيون"), ("زينبيون", IRAN, "لواء زينبيون"),
    ("أبو الفضل العباس", IRAN, "لواء أبو الفضل العباس"), ("حيدريون", IRAN, "حيدريون"),
    ("حزب الله", IRAN, "حزب الله"), ("كتائب حزب الله", IRAN, "كتائب حزب الله"),
    ("حزب الله العراقي", IRAN, "كتائب حزب الله"), ("النجباء", IRAN, "حركة النجباء"),
    ("عصائب أهل الحق", IRAN, "عصائب أهل الحق"), ("كتائب سيد الشهداء", IRAN, "كتائب سيد الشهداء"),
    ("الحشد الشعبي", IRAN, "الحشد الشعبي"), ("المقاومة الإسلامية في العراق", IRAN, "المقاومة الإسلامية في العراق"),
    ("المقاومة العراقية", IRAN, "المقاومة الإسلامية في العراق"),
    ("الفرقة الرابعة", IRAN, "الفرقة الرابعة"), ("لواء الباقر", IRAN, "لواء الباقر"),
    ("الميليشيات الإيرانية", IRAN, None), ("الميليشيات", IRAN, None), ("ميليشيا", IRAN, None),
    ("ميليشيات", IRAN, None), ("مليشيات", IRAN, None), ("مليشيا", IRAN, None), ("الميلشيات", IRAN, None),
    ("الفصائل الإيرانية", IRAN, None), ("فصائل إيرانية", IRAN, None), ("الفصائل الموالية", IRAN, None),
    ("وكلاء إيران", IRAN, None), ("أذرع إيران", IRAN, None),
    # the United States and the coalition
    ("التحالف الدولي", US, "التحالف الدولي"), ("التحالف", US, "التحالف الدولي"),
    ("قوات التحالف", US, "التحالف الدولي"), ("التحالف الدولي لمحاربة داعش", US, "التحالف الدولي"),
    ("القوات الأمريكية", US, None), ("القوات الأميركية", US, None),
    ("الجيش الأمريكي", US, None), ("الجيش الأميركي", US, None),
    ("القيادة المركزية", US, "القيادة المركزية الأمريكية"), ("القيادة الوسطى", US, "القيادة المركزية الأمريكية"),
    ("القيادة المركزية الأمريكية", US, "القيادة المركزية الأمريكية"),
    ("القيادة المركزية الأميركية", US, "القيادة المركزية الأمريكية"),
    ("سنتكوم", US, "القيادة المركزية الأمريكية"), ("سينتكوم", US, "القيادة المركزية الأمريكية"),
    ("centcom", US, "القيادة المركزية الأمريكية"),
    ("البنتاغون", US, "البنتاغون"), ("بنتاغون", US, "البنتاغون"), ("البنتاجون", US, "البنتاغون"),
    ("وزارة الدفاع الأمريكية", US, "البنتاغون"), ("وزارة الدفاع الأميركية", US, "البنتاغون"),
    ("البيت الأبيض", US, None), ("الولايات المتحدة", US, None),
    ("الاحتلال الأمريكي", US, None), ("الاحتلال الأميركي", US, None), ("قوات الاحتلال الأمريكي", US, None),
    ("قوات الاحتلال الأميركي", US, None), ("طيران الاحتلال الأمريكي", US, None), ("التحالف الأمريكي", US, "التحالف الدولي"),
    ("الاحتلال الإسرائيلي", ISRAEL, None), ("إسرائيل", ISRAEL, None), ("الاحتلال الصهيوني", ISRAEL, None),
    ("العدو الصهيوني", ISRAEL, None), ("الكيان الصهيوني", ISRAEL, None),
    # in Syrian and Iraqi «resistance» statements the bare «occupation» is the US
    ("الاحتلال", US, None), ("قوات الاحتلال", US, None), ("العدو الأمريكي", US, None),
    ("المقاومة", IRAN, "المقاومة الإسلامية في العراق"), ("المقاومة الإسلامية", IRAN, "المقاومة الإسلامية في العراق"),
    ("مجاهدو", IRAN, None), ("المجاهدون", IRAN, None), ("مجاهدي", IRAN, None), ("مجاهديها", IRAN, None),
    ("مجاهدونا", IRAN, None), ("مجاهدينا", IRAN, None), ("مجاهدوها", IRAN, None), ("المجاهدين", IRAN, None),
    ("بي 1", US, None), ("بي-1", US, None), ("b 1", US, None), ("b-1", US, None), ("قاذفات", US, None),
    ("أباتشي", US, None), ("الأباتشي", US, None), ("apache", US, None), ("بي 52", US, None),
    ("عملية العزم الصلب", US, "التحالف الدولي"),
    ("إف 15", US, None), ("إف-15", US, None), ("اف 15", US, None), ("f 15", US, None), ("f-15", US, None),
    ("إف 16", US, None), ("اف 16", US, None), ("f 16", US, None), ("إيه 10", US, None), ("a 10", US, None),
    ("إم كيو 9", US, None), ("ريبر", US, None),
    # the Syrian government
    ("قوات الأسد", GOV, None), ("نظام الأسد", GOV, None), ("قوات النظام", GOV, None),
    ("النظام السوري", GOV, None), ("النظام", GOV, None), ("الجيش السوري", GOV, None),
    ("القوات الحكومية", GOV, None), ("قوات الحكومة", GOV, None), ("الحكومة السورية", GOV, None),
    ("جيش النظام", GOV, None), ("الدفاع الوطني", GOV, "الدفاع الوطني"), ("الأسد", GOV, None),
    # the SDF
    ("قسد", SDF, "قسد"), ("قوات سوريا الديمقراطية", SDF, "قسد"), ("قوات سورية الديمقراطية", SDF, "قسد"),
    ("الأسايش", SDF, "الأسايش"), ("مجلس دير الزور العسكري", SDF, "مجلس دير الزور العسكري"),
    ("وحدات حماية الشعب", SDF, "وحدات حماية الشعب"),
    # other parties
    ("داعش", ISIS, None), ("تنظيم الدولة", ISIS, None),
]

# Nationality and affiliation markers: alone or after a generic group noun.
_MARKERS: Final[list[tuple[str, str]]] = (
    [(w, IRAN) for w in ("إيران", "إيراني", "إيرانية", "إيرانيين", "إيرانيون", "طهران", "الإيرانية")]
    + [(w, US) for w in ("أمريكيتان", "أمريكيتين", "أميركيتان", "أميركيتين",  # «مروحيتان أمريكيتان»
                         "أمريكي", "أمريكية", "أميركي", "أميركية", "أمريكا", "أميركا", "أمريكيين",
                          "أميركيين", "أمريكيون", "أميركيون", "الأمريكان", "الأميركان", "واشنطن", "أمريكان")]
    + [(w, GOV) for w in ("الحكومية", "الحكومي", "النظامية")]
    + [(w, ISRAEL) for w in ("إسرائيلي", "إسرائيلية", "الإسرائيلي", "الإسرائيلية")]
    + [(w, RUSSIA) for w in ("روسي", "روسية", "روسيا", "الروسي", "الروسية")]
    + [(w, TURKEY) for w in ("تركي", "تركية", "تركيا")]
    + [(w, UNKNOWN) for w in ("مجهول", "مجهولة", "مجهولا", "مجهولين", "مجهولتين", "مجهولان")]
)

# Generic nouns for an armed group; an Iran marker within a few words makes
# an Iran-backed mention («جماعات مدعومة من إيران»).
GROUP_NOUNS: Final = forms(["ميليشيا", "مليشيا", "ميليشيات", "مليشيات", "فصائل", "فصيل", "جماعة", "جماعات",
                     "مجموعات", "مجموعة", "مقاتلين", "مقاتلون", "مسلحين", "مسلحون", "وكلاء", "أذرع",
                     "قوات", "عناصر", "المجموعات", "حركة", "تنظيمات"])

# The noun a mention hangs on. site/person: the mention is hit; air: it acts;
# informant: it only speaks; relative: it sits in a relative clause.
_HEADS: Final[dict[str, list[str]]] = {
    "site": forms(["موقع", "مواقع", "موقعا", "مقر", "مقرا", "مقرات", "مقرين", "مقري", "قاعدة", "قاعدتي",
                   "قاعدتين", "قاعدتان", "قواعد", "قاعدتينا", "قواعدنا", "منشأة", "منشآت", "منشأتين",
                   "منشأتي", "منشأتان", "مخزن", "مخازن", "مستودع", "مستودعات", "نقطة", "نقاط", "نقاطا", "نقطتين", "تجمع",
                   "تجمعات", "ثكنة", "ثكنات", "مركز", "مراكز", "معسكر", "معسكرات", "حاجز", "حواجز", "رتل",
                   "أرتال", "آلية", "آليات", "سيارة", "سيارات", "شاحنة", "شاحنات", "منصة", "منصات", "مبنى",
                   "مباني", "مصالح", "أهداف", "هدف", "دورية", "دوريات", "حقلي", "بنى", "مقار", "مواقعها",
                   "مقراتها", "مراكزنا", "شحنة", "شحنات", "قافلة", "أسلحة",
                   # the accusative the objects of a strike take («طالت مستودعاً …، ومركزاً …»)
                   "مركزا", "مستودعا", "مخزنا", "معسكرا", "حاجزا", "تجمعا", "رتلا", "هدفا", "موقعين"]),
    "person": forms(["عنصر", "عناصر", "عنصرين", "عنصرا", "جندي", "جنود", "جنديا", "جنديين", "أفراد",
                     "ضابط", "ضباط", "ضابطين", "قيادي", "قياديين", "قادة", "مستشار", "مستشارين", "متعاقد",
                     "متعاقدين", "عسكريين", "صفوف", "قتلى", "جرحى", "مسلحين", "مقاتلين", "عناصرها",
                     "مقتل", "إصابة", "مصرع"]),
    "air": forms(["طائرة", "طائرات", "طيران", "مسيرة", "مسيرات", "مسير", "مسيرا", "مسيرتين", "مقاتلة",
                  "مقاتلات", "مروحية", "مروحيات", "دفاعات", "مضادات", "مدفعية", "راجمات", "بوارج", "درون",
                  "طائراتٌ", "الحربية", "الطائرات", "قاذفات", "قاذفة", "مروحيتان", "مروحيتين", "طائرتان",
                  "طائرتين", "مقاتلتان", "مقاتلتين"]),
    "informant": forms(["مصدر", "مصادر", "مسؤول", "مسؤولين", "مسؤولون", "متحدث", "المتحدث", "الناطق",
                        "ناطق", "مراسل", "مراسلة", "وكالة", "ناشطون", "ناشطين", "شبكة", "شبكات", "صفحات",
                        "رئيس", "الرئيس", "قائد", "وزير", "مقرب", "مقربة", "بيان", "تقارير", "تقرير",
                        "إعلام", "وسائل", "مرصد", "باسم", "مستشاري", "المستشارين", "تصريحات", "اتهمت", "اتهم",
                        "تتهم", "يتهم", "متهمة", "حملت", "حمل", "تحمل", "يحمل", "محملة", "دعت", "طالبت", "أدانت",
                        "ادان", "مطالبة", "اتهامات", "اتهام", "بيانها", "بيانه"]),
    "relative": ["التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي", "اللتان", "اللذان"],
    "against": ["ضد", "على", "علي", "مقاومة", "بمقاومة", "لمقاومة", "محاربة", "مواجهة", "استهداف"],
    "between": ["بين", "قبل"],
}

_HEDGES: Final = ["يرجح", "يرجح أنه", "يرجح أنها", "يرجح أنهم", "يعتقد", "يعتقد أنه", "يعتقد أنها", "يعتقد أنهم",
           "يشتبه", "يشتبه بأنهم", "يشتبه بأنه", "يشتبه أنه", "رجحت", "ترجح", "رجح", "على الأرجح",
           "يرجحان", "يعتقد بأنها", "يعتقد بأنه", "ربما", "يحتمل", "يحتمل أنه", "مرجح", "يُرجّح",
           "يرجّح أن", "قيل إنه", "قيل إنها", "يزعم", "يعتقد أن", "يرجح أن"]

# Markers that name a party only after a group noun: «فصائل عراقية» are the
# Iran-backed Iraqi factions, while «الحدود العراقية» is just a border.
_GROUP_MARKERS: Final[list[tuple[str, str]]] = [(w, IRAN) for w in ("عراقية", "عراقي", "عراقيين", "عراقيون", "العراقية",
                                                              "العراقي", "الشيعية", "شيعية", "الولائية", "ولائية",
                                                              "الموالية", "موالية")]

ACTOR_ENTRIES: Final[list[tuple[str, tuple]]] = (
    [(p, ("actor", a, g)) for p, a, g in _NAMED]
    + [(p, ("marker", a, None)) for p, a in _MARKERS]
    + [(p, ("gmarker", a, None)) for p, a in _GROUP_MARKERS]
    + [(p, ("group", "", None)) for p in GROUP_NOUNS]
)
HEAD_ENTRIES: Final[list[tuple[str, tuple]]] = [(w, ("head", kind, None)) for kind, ws in _HEADS.items() for w in ws]
HEDGE_ENTRIES: Final[list[tuple[str, tuple]]] = [(w, ("hedge", "", None)) for w in _HEDGES]

# Words that give a strike told elsewhere its author (lexicon kind "claim", read by
# extract.attribution; the sub-label says whether the text claims it or accuses someone of it).
_CLAIMS: Final = (
    forms(["تبنى", "تبنت", "تبنته", "تبنتها", "تبنوا", "يتبنى", "تتبنى", "تبني", "تبنيها", "تبنيه"])
    + ["أعلنت مسؤوليتها", "أعلن مسؤوليته", "أعلنت المسؤولية", "أعلن المسؤولية", "المسؤولية عن",
       "مسؤوليتها عن", "مسؤوليته عن", "تقف وراء", "يقف وراء", "وقفت وراء", "وقف وراء", "تقف خلف",
       "يقف خلف", "أطلقتها", "أطلقها", "أطلقوها", "نفذته", "نفذتها", "نفذوه", "نفذوها"]
)
_ACCUSATIONS: Final = forms(["اتهم", "اتهمت", "يتهم", "تتهم", "اتهام", "اتهامات"])
# «أعلنت المقاومة الإسلامية، في بيان، تنفيذ ثلاث عمليات … العملية الثانية: قصف قاعدة …»:
# who issues a statement authors the strikes its body tells
_STATEMENTS: Final = forms(["بيان", "بيانا", "بيانات", "بيانين", "ببيان", "بياناتها", "بيانه", "بيانها"])
CLAIM_ENTRIES: Final[list[tuple[str, tuple]]] = (
    [(w, ("claim", "claim", None)) for w in _CLAIMS]
    + [(w, ("claim", "accuse", None)) for w in _ACCUSATIONS]
    + [(w, ("claim", "statement", None)) for w in _STATEMENTS]
)

# The words that may sit between a group noun and its Iran marker, or
# between a mention and its head, without changing either.
_GLUE_WINDOW: Final = 4
_LOOKBACK: Final = 6


class ActorMention(NamedTuple):
    """An actor named over tokens ``[start, end)``.

    A named tuple, not a frozen dataclass: about 18 are built per article
    (per clause read), and a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__`` — several times a tuple's cost.

    ``party`` is the raw party (``israel``, ``russia`` … or a canonical
    actor); ``actor`` the canonical actor; ``group`` a named group if any.
    ``heads`` maps token index -> head kind for the tokens before it (the
    clause's nouns), so :func:`agency` needs no second scan.
    """

    start: int
    end: int
    party: str
    group: str | None
    named: bool
    heads: "dict[int, str]"

    @property
    def actor(self) -> str:
        return _CANONICAL.get(self.party, self.party)

    @property
    def party_group(self) -> str | None:
        return self.group or _PARTY_GROUP.get(self.party)


def lexicon() -> Lexicon:
    """A lexicon of actor names, markers, group nouns, heads and hedges (for tests)."""
    return Lexicon(ACTOR_ENTRIES + HEAD_ENTRIES + HEDGE_ENTRIES)


def _longest_first(m: ActorMention) -> tuple[int, int]:
    """Sort key: by start, the longer mention first where two start together."""
    return m.start, m.start - m.end


_START_OF: Final = attrgetter("start")
# builds an ActorMention from a tuple of its fields without the named tuple's
# Python-level __new__ (the same trick as lexicon.Hit)
_new = tuple.__new__


def mentions_from_hits(hits: Iterable[Hit], heads: "dict[int, str]",
                       words: Sequence[str] | None = None) -> list[ActorMention]:
    """Actor mentions from lexicon hits of labels ``("actor"|"marker"|"group", party, group)``.

    A named actor wins over a marker inside it; a group noun followed
    within a few words by a marker becomes one mention of that party; a
    bare generic group noun is no mention (it may be anyone's).
    """
    named: list[ActorMention] = []
    markers: list[Hit] = []
    gmarkers: list[Hit] = []
    groups: list[Hit] = []
    for h in hits:
        kind, party, group = h.label  # (read once: the attribute and the index cost per test)
        if kind == "actor":
            named.append(_new(ActorMention, (h.start, h.end, party, group, True, heads)))
        elif kind == "marker":
            markers.append(h)
        elif kind == "gmarker":
            gmarkers.append(h)
        elif kind == "group":
            groups.append(h)
    # Longest named mention wins where named ones overlap.
    if len(named) > 1:  # (most clauses name one actor or none: nothing to order)
        named.sort(key=_longest_first)
    out: list[ActorMention] = []
    last_end = -1
    for m in named:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    # (most clauses have no marker: no need for the covered tokens)
    covered = {i for m in out for i in range(m.start, m.end)} if markers or gmarkers else set()
    gi = 0
    for mk in markers:
        if mk.start in covered:
            continue
        # «الميليشيات المرتبطة بإيران»: the marker completes a generic name
        owner = None
        for k, m in enumerate(out):  # (a loop, not a generator per marker)
            if m.end <= mk.start <= m.end + 2 and m.group is None and (m.party == mk.label[1] or m.party == IRAN):
                owner = k
                break
        if owner is not None:
            m = out[owner]
            out[owner] = _new(ActorMention, (m.start, mk.end, mk.label[1], None, m.named, heads))
            covered.update(range(m.start, mk.end))
            continue
        start = mk.start
        # the nearest group noun just before the marker owns it
        while gi < len(groups) and groups[gi].start < mk.start - _GLUE_WINDOW:
            gi += 1
        for g in groups[gi:]:
            if g.start >= mk.start:
                break
            if g.start not in covered:
                start = g.start
                break
        out.append(_new(ActorMention, (start, mk.end, mk.label[1], None, False, heads)))
        covered.update(range(start, mk.end))
    # «فصائل عراقية»: a group-only marker right after a group noun
    group_starts = {g.start for g in groups} if gmarkers else set()
    for mk in gmarkers:
        if mk.start in covered:
            continue
        owner = next((k for k in (mk.start - 1, mk.start - 2) if k in group_starts and k not in covered), None)
        if owner is not None:
            out.append(_new(ActorMention, (owner, mk.end, mk.label[1], None, False, heads)))
            covered.update(range(owner, mk.end))
    if len(out) < 2:
        return out  # (one mention or none: nothing to order or drop)
    out.sort(key=_START_OF)
    # A named generic («ميليشيا») right before another party's name is that
    # party («ميليشيا قسد»): drop the generic one.
    cleaned: list[ActorMention] = []
    for m in out:
        prev = cleaned[-1] if cleaned else None
        if (prev is not None and prev.group is None and prev.end == m.start and prev.end - prev.start == 1
                and prev.party == IRAN and m.party != IRAN
                and not (words is not None and words[m.start].startswith("و"))):
            cleaned.pop()
        cleaned.append(m)
    return cleaned


def find_actors(words: Sequence[str]) -> list[ActorMention]:
    """Actor mentions in folded *words* (convenience for tests and small texts)."""
    hits = lexicon().scan(words)
    heads = {h.start: h.label[1] for h in hits if h.label[0] == "head"}
    return mentions_from_hits(hits, heads, words)


def agency(words: Sequence[str], start: int, heads: "dict[int, str]", *, triggers: frozenset[int] | set[int] = frozenset(),
           floor: int = 0) -> str:
    """Whether the mention at token *start* acts (``agent``), is hit (``patient``) or neither (``ignore``).

    Looks back a few words (not before *floor*, the clause start; one-letter
    proclitics split off by quotes do not count) for the noun the mention
    hangs on: a site or person noun makes it the owner of what was hit; an
    aircraft noun or a trigger word makes it the one who struck; a speaker
    noun just before it or a relative pronoun takes it out of the event.
    """
    seen = 0
    j = start - 1
    while j >= floor and seen < _LOOKBACK:
        if len(words[j]) > 1:
            seen += 1
        if j in triggers:
            return "agent"
        kind = heads.get(j)
        if kind is not None:
            if kind in ("site", "person"):
                return "patient"
            if kind == "air":
                return "agent"
            if kind == "relative":
                return "ignore"
            if kind == "informant" and seen <= 3:
                # «مصادر في التحالف», «مصدر عسكري في قسد»: who speaks, not who strikes
                return "ignore"
            if kind == "against" and seen <= 2:
                return "patient"
        j -= 1
    return "agent"
