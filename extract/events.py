"""One clause → at most one event: what was hit, by whom, with what, in answer to what.

A clause states an event when it has a *trigger* (a strike verb or noun:
«استهدف», «قصف», «غارة», «ضربة», «هجوم», «تعرض … لهجوم», «دوي
انفجارات»; weaker words like «أطلق», «سقط», «أسقط», «اعترض», «شن» count
only with a weapon named) and at least one *target place*. Places are
filtered the way an analyst reads them:

* a place that qualifies the one before it («كونيكو شمال دير الزور»,
  «الشدادي بمحافظة الحسكة», «القورية بالقرب من مزار عين علي») is no target;
* a launch point («مصدر الصواريخ بادية الميادين», «تم إطلاقها من … مراط») is
  the origin, not a target;
* distance references («55 كم شرقي حمص»), places outside the theatre, and
  areas too wide to map (all of eastern Syria, the Euphrates) are dropped;
* places after a purpose, condition or threat («بهدف استهداف …», «في حال
  تم استهداف …», «لن نتسامح مع أي استهداف») are not events; precautions
  («قنابل مضيئة … كإجراء احترازي») and background («سبق وأن تعرضت …») neither.

The role follows who hit whom: a hit on US/coalition forces or bases is an
``attack``; a US/coalition (or unknown aircraft) strike on militia or
government positions is a ``retaliation``; any other strike between named
parties is ``other``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Sequence

from extract.actors import ACTOR_ENTRIES, HEAD_ENTRIES, HEDGE_ENTRIES, GOV, IRAN, SDF, UNKNOWN, US, ActorMention, agency, mentions_from_hits
from extract.casualties import casualties, parse_number
from extract.dates import MONTHS as _MONTHS
from extract.dates import is_date_word, parse_date
from extract.lexicon import Hit, Lexicon, forms
from extract.model import EventDate, PlaceMention
from extract.sentences import CONNECTOR_ENTRIES, Clause, Sentence, split_sentences
from extract.weapons import WEAPON_ENTRIES, choose_weapon
from geodata.arabic import NormalizedText, fold, name_key, token_variants
from geodata.gazetteer import NameMatch
from geodata.resolve import ResolveContext

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import Gazetteer, NameMatch, Place

__all__ = ["Reading", "Draft", "ArticleScan", "scan_article", "read_clause", "sentence_date", "TRIGGER_ENTRIES", "LEXICON"]

# -- vocabulary ---------------------------------------------------------------
_STRONG = (
    forms(["استهدف", "استهدفت", "استهدفوا", "استهدفا", "استهدفتا", "يستهدف", "تستهدف", "يستهدفون",
           "استهداف", "استهدافات", "مستهدفا", "مستهدفة", "مستهدفين", "تستهدفان"], ["", "ه", "ها", "هم", "هما"])
    + forms(["قصف", "قصفت", "قصفوا", "يقصف", "تقصف", "قصفا", "قصفته", "يقصفون"], ["", "ه", "ها", "هم"])
    + forms(["غارة", "غارات", "غارتين", "غارتان", "غارتي", "غاراتها", "الغارتين"])
    + forms(["ضربة", "ضربات", "ضربتين", "ضربتان", "ضربتي", "ضرباتها", "ضرباته", "ضربت", "يضرب", "تضرب"])
    + forms(["هجوم", "هجمات", "هجمة", "هجوما", "هجومين", "هجومان", "هجماتها", "هجومها", "هجومه", "هجمتين",
             "هاجم", "هاجمت", "هاجموا", "يهاجم", "تهاجم", "هاجمها", "هاجمه", "هاجمتها", "مهاجمة", "هجماتهم"])
    + forms(["اعتداء", "اعتداءات", "اعتدى", "اعتدت", "اعتدوا", "يعتدي", "تعتدي"])
    + forms(["قصفتها", "قصفته", "دك", "دكت", "يدك", "تدك", "رشق", "رشقات", "رشقة"])
    + ["دوي انفجار", "دوي انفجارات", "دوي انفجارين", "انفجارات عنيفة", "انفجار عنيف", "دوت انفجارات",
       "دوى انفجار", "دوت انفجار", "سماع انفجارات", "سماع انفجار", "سمع دوي", "هزت انفجارات", "هز انفجار",
       "انفجارات قوية", "انفجار قوي"]
)
_WEAK = (
    forms(["أطلق", "أطلقت", "أطلقوا", "يطلق", "تطلق", "إطلاق"])
    + forms(["سقط", "سقطت", "سقوط", "تساقط", "سقطتا", "انطلقت", "انطلق", "أطلقت", "أطلقها", "إطلاقهم", "إطلاقها",
             "إطلاقه", "أطلقوا"])
    + forms(["أسقط", "أسقطت", "إسقاط", "أسقطوا", "يسقط", "تسقط"])
    + forms(["اعترض", "اعترضت", "اعتراض", "تصدت", "تصدى", "التصدي"])
    + forms(["طالت", "طال", "انفجار", "انفجارات", "انفجارين", "شن", "شنت", "شنوا", "يشن", "تشن", "شنه",
             "شنها", "ضرب", "تفجير", "فجر", "استهدفته"])
)
_CUT = ["بهدف", "لن", "ولن", "فلن", "سوف", "في حال", "إذا", "إن تم", "تهدف", "يهدف", "من أجل", "لمنع",
        "تحسبا", "لضمان", "القدرة على", "قادرة على", "قادرون على", "تهديد", "تهديدات", "نحذر", "حذر", "حذرت",
        "تحذيرا", "تحذير", "يهدد", "هدد", "هددت", "تهدد", "ستستهدف", "سنستهدف", "سنرد", "سترد", "لإضعاف",
        "إضعاف", "للدفاع", "تخطط", "يخطط", "التخطيط", "مستعدة", "مستعدون", "سنأخذ", "قد تستهدف", "يمكن",
        "يمكنها", "يمكنه", "بإمكان", "بإمكانها", "باستطاعة", "تستطيع", "يستطيع", "احتمال", "احتمالات",
        "سيناريو", "يتوقع", "تتوقع", "متوقع", "مخاوف", "تخشى", "يخشى", "خشية", "تنوي", "ينوي", "تعتزم",
        "يعتزم", "تستعد", "يستعد", "توعد", "توعدت", "تتوعد", "يتوعد", "ستواصل", "سيواصل", "مرشحة", "مرشح",
        "قد يستهدف", "قد تشن", "قد يشن", "قد تتعرض", "قد يتعرض", "قد تصعد", "قد يصعد", "لو", "لولا"]
_SUPPRESS = ["قنابل مضيئة", "قنابل ضوئية", "قنابل إنارة", "قنابل الإنارة", "احترازي", "احترازية", "احترازيا",
             "سبق وأن", "سبق أن", "مناورات", "تدريبات", "تمرين", "نفت", "نفى", "ينفي", "تنفي", "منذ سنوات",
             "عادة ما", "لم ينفجر", "لم تنفجر", "دون أن ينفجر", "منذ بداية", "منذ بدء", "منذ مطلع", "منذ اندلاع",
             "منذ عام", "منذ أشهر", "خلال العام", "خلال الأشهر", "عشرات", "مئات", "متكررة", "متكرر", "مرارا",
             "باستمرار", "بين الحين والآخر", "بين حين وآخر", "بين فترة وأخرى", "من حين لآخر", "من وقت لآخر",
             "بشكل متكرر", "بشكل دوري", "في الغالب", "غالبا ما", "إحصاءات", "إحصائية", "حصيلة الهجمات",
             "أكثر من مئة", "أكثر من مائة", "أكثر من ألف", "لأكثر من مئة", "لأكثر من مائة", "متفرقة",
             "عدة جولات", "جولات من", "خلال السنوات", "في السنوات", "على مدى سنوات", "على مدار", "طوال",
             "بضربات متفرقة", "من دون أن تنجح"]
# «منذ أكتوبر 2023», «منذ تشرين الأول»: a tally since a month is background
_SUPPRESS += ["منذ " + m for m in _MONTHS]
_ANY = ["أي", "أيّ", "اي"]
_HYPOTHETICAL_AFTER = ["مستقبلية", "محتملة", "مقبلة", "إضافية", "مستقبلا"]
_LAUNCH = forms(["أطلق", "أطلقت", "أطلقوا", "إطلاق", "إطلاقها", "إطلاقه", "إطلاقهما", "انطلقت", "انطلق",
                 "انطلاق", "انطلاقا", "يطلق", "تطلق", "أطلقها", "أطلقه", "تنطلق", "ينطلق", "أطلقتها"])
_SOURCE = ["مصدر"]
_TOWARD = ["على", "علي", "باتجاه", "نحو", "صوب", "تجاه", "لاستهداف", "استهدفت", "استهداف"]
_DISTANCE = ["كم", "كيلومتر", "كيلومترات", "كلم", "ميل", "أميال", "كيلو"]
_NEAR = ["قرب", "بالقرب", "مقربة", "بجوار", "جوار", "محاذاة", "بمحاذاة", "مشارف"]
# «ريف البوكمال», «أطراف الميادين»: the area around a town, not the town itself
_AREA = ["ريف", "أطراف", "محيط", "ضواحي", "أرياف", "بادية"]
_NEW = ["ثانية", "ثالثة", "أخرى", "ثان", "ثالث", "جديدة", "منفصلة"]
_PREFIXES = ["بادية", "قاعدة", "مطار", "معبر", "حقل"]
# «القوات الأمريكية المتمركزة في حقل كونيكو»: where the one who strikes sits
_STATION = forms(["المتمركزة", "المتمركز", "المتمركزين", "المتواجدة", "المتواجد", "المتواجدين", "الموجودة",
                  "المنتشرة", "المتمركزه", "المرابطة", "انطلاقا", "انطلاقاً"])
_FROM_SIDE = ["من جهة", "من اتجاه", "من ناحية", "من جهته", "من مواقعها في", "من مواقعهم في", "من داخل"]
# a convoy «قادمة من الأراضي العراقية عبر معبر القائم» passes; it is not hit there
_ROAD = ["طريق", "أوتوستراد", "الطريق الواصل", "طرق"]
_ROUTE = forms(["عبر", "قادمة", "قادمين", "قادما", "مرورا",
                "مشفى", "مستشفى", "المشفى", "المستشفى", "مشافي", "نقلوا", "نقل", "نقلت"])
# nouns that announce a place name: «قرية السكرية», «بلدتي بقرص والعشارة», «حي الكتف»
_KIND_NOUNS = {"قرية": 1, "قريتي": 2, "قرى": 9, "بلدة": 1, "بلدتي": 2, "بلدات": 9, "مدينة": 1, "مدينتي": 2,
               "حي": 1, "أحياء": 9, "حقل": 1, "حقلي": 2, "قاعدة": 1, "قاعدتي": 2, "مطار": 1, "معبر": 1,
               "منفذ": 1, "ناحية": 1, "مزرعة": 1, "مزارع": 9, "جبل": 1, "مخيم": 1, "تلة": 1}
# first words of two-word names («عين الأسد», «تل بيدر», «أبو حمام»)
_NAME_HEADS = {"ابو", "عين", "تل", "جبل", "دير", "ام", "راس", "بير", "حويجه", "حاوي", "سد", "البو", "الحاج",
               "جديد", "خربه", "مزرعه", "الشيخ", "بئر", "وادي", "حمام", "ابي"}
# words that follow a kind noun without being a name
_NOT_NAMES = {fold(w) for w in (
    "المجاوره", "المذكوره", "نفسها", "ذاتها", "نفسه", "ذاته", "الحدوديه", "الحدودي", "العسكريه", "العسكري", "عسكريه",
    "عسكري", "النفطيه", "النفطي", "نفطيه", "نفطي", "الصناعيه", "القريبه", "قريبه", "الشرقيه", "الغربيه", "الشماليه",
    "الجنوبيه", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "الواقعه", "المحاذيه", "المحيطه", "الخاضعه", "التابعه",
    "تابعه", "المحتله", "الاخري", "اخري", "الرئيسيه", "الكبيره", "الصغيره", "القديمه", "الجديده", "السوريه",
    "العراقيه", "الاردنيه", "الاميركيه", "الامريكيه", "الايرانيه", "اميركيه", "امريكيه", "ايرانيه", "التي", "الذي",
    "في", "من", "علي", "الي", "عن", "مع", "هذه", "تلك", "هذا", "ذلك", "واحده", "صغيره", "كبيره", "جديده",
    "المدينه", "القريه", "البلده", "الحي", "كامله", "بالكامل", "باكملها", "كلها", "المستهدفه", "المستهدف",
    "الامريكي", "الاميركي", "امريكي", "اميركي", "الايراني", "ايراني", "للتحالف", "التحالف", "الدولي",
    "المنطقه", "منطقه", "الاحتلال", "اخرى", "الاولي", "الثانيه", "الثالثه", "اخر", "الاخير", "الاخيره",
    "مجاوره", "محاذيه", "حدوديه", "شرقي", "غربي", "شمالي", "جنوبي", "شرق", "غرب", "شمال", "جنوب", "قرب",
    "بالقرب", "محيط", "اطراف", "وسط", "داخل", "خارج", "و", "او", "ثم", "بين", "حيث", "كما", "فيما", "ان",
    "انه", "انها", "قد", "لم", "لا", "ما", "التابع", "المرتبطه", "الموالي", "الموالية", "الواقع", "يقع", "تقع",
    "عدد", "عده", "بعض", "كل", "جميع", "معظم", "أي", "اي", "غير", "سوريا", "سوريه", "العراق", "لبنان",
    "سكني", "السكني", "سكنيه", "السكنيه", "مدنيه", "المدنيه", "مدني", "المدني", "جويه", "الجويه", "اماميه",
    "تابع", "تابعين", "لها", "له", "لهم", "فيها", "فيه", "منها", "منه", "بها", "به", "عليها", "عليه", "الان",
)}
_SKIP_BEFORE_PREFIX = ["مدينة", "بلدة", "منطقة", "قرية"]

# «سيستهدف», «ستشن», «سنقصف»: the future of a strike verb is no event
_FUTURE = sorted({"س" + w for w in _STRONG + _WEAK if fold(w)[:1] in "يتن"})

TRIGGER_ENTRIES: list[tuple[str, tuple]] = (
    [(w, ("future", "", None)) for w in _FUTURE]
    + [(w, ("maybe", "", None)) for w in ("قد", "وقد")]
    + [(w, ("afterword", "", None)) for w in ("بعد", "قبل")]
    + [(w, ("respond", "", None)) for w in ("رد على", "ردت على", "ردوا على", "يرد على", "ترد على", "ردّت على",
                                            "ردت القوات", "رد الجيش")] +
    [(w, ("trigger", "strong", None)) for w in _STRONG]
    + [(w, ("trigger", "weak", None)) for w in _WEAK]
    + [(w, ("cut", "", None)) for w in _CUT]
    + [(w, ("suppress", "", None)) for w in _SUPPRESS]
    + [(w, ("any", "", None)) for w in _ANY]
    + [(w, ("hypo", "", None)) for w in _HYPOTHETICAL_AFTER]
    + [(w, ("launch", "launch", None)) for w in _LAUNCH]
    + [(w, ("launch", "source", None)) for w in _SOURCE]
    + [(w, ("toward", "", None)) for w in _TOWARD]
    + [(w, ("distance", "", None)) for w in _DISTANCE]
    + [(w, ("near", "", None)) for w in _NEAR]
    + [(w, ("area", "", None)) for w in _AREA]
    + [(w, ("new", "", None)) for w in _NEW]
    + [(w, ("prefix", w, None)) for w in _PREFIXES]
    + [(w, ("aircraft", "", None)) for w in ("طائرة", "طائرات", "طيران", "مقاتلة", "مقاتلات", "مروحية", "مروحيات",
                                             "قاذفات", "قاذفة")]
    + [(w, ("station", "", None)) for w in _STATION]
    + [(w, ("fromside", "", None)) for w in _FROM_SIDE]
    + [(w, ("route", "", None)) for w in _ROUTE]
    + [(w, ("road", "", None)) for w in _ROAD]
    + [(w, ("casualty", "", None)) for w in forms(["مقتل", "قتل", "إصابة", "جرح", "مصرع", "استشهاد", "قتلى",
                                                     "جرحى", "إصابات", "قتيل", "قتيلا", "قتيلان", "قتيلين",
                                                     "جريح", "جريحا", "جريحان", "جريحين", "مقتلهم", "قتلوا", "استشهد", "استشهدوا",
                                                     "أصيب", "أصيبوا", "مصابين", "مصابا", "لقي", "لقوا"])]
    + [(w, ("kindnoun", str(n), None)) for w, n in _KIND_NOUNS.items()]
    + [(w, ("skipprefix", "", None)) for w in _SKIP_BEFORE_PREFIX]
)

# One lexicon for everything the extractor reads: one scan per article.
LEXICON: Lexicon = Lexicon(TRIGGER_ENTRIES + ACTOR_ENTRIES + HEAD_ENTRIES + HEDGE_ENTRIES + WEAPON_ENTRIES
                           + CONNECTOR_ENTRIES)

# The theatre: eastern Syria and its borders with Iraq and Jordan.
_THEATRE = (32.0, 37.6, 37.5, 43.5)  # lat min, lat max, lon min, lon max
_TOO_WIDE_KM = 150.0  # «eastern Syria», the Euphrates: no point worth a marker
_BROAD_KM = 60.0
_BROAD_KINDS = frozenset({"governorate", "river", "country"})
# How specific a kind is: a qualifier is never more specific than its target.
_RANK = {"site": 0, "base": 0, "shrine": 0, "airport": 0, "oil_field": 0, "gas_field": 0, "crossing": 0,
         "neighbourhood": 0, "island": 1, "village": 1, "town": 2, "city": 3, "desert": 4, "region": 4,
         "governorate": 5, "river": 5, "country": 6}
_MIN_FROM_WINDOW = 7   # «إطلاقها من»: «من» within this many words of the launch word
_ORIGIN_WINDOW = 16     # the launch point within this many words after «من»


_DATE_WORD_CACHE: dict[str, bool] = {}
_BROKEN_NAME = re.compile(r"[\n#_]|[.!?؟](?=\s)")

# -- article scan ---------------------------------------------------------------
@dataclass
class ArticleScan:
    """Everything read once per article: tokens, lexicon hits, place matches."""

    text: str
    norm: NormalizedText
    words: list[str]
    hits: list[Hit]
    by_start: dict[int, list[Hit]]
    heads: dict[int, str]
    triggers: dict[int, str]  # token -> strong|weak (hypothetical ones removed)
    splits: dict[int, str]
    matches: list["NameMatch"]
    gazetteer: "Gazetteer"
    published: dt.date | None
    resolved: dict[int, PlaceMention] = field(default_factory=dict)  # match index -> mention
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list = field(default_factory=list)
    kind_at: dict[str, set[int]] = field(default_factory=dict)  # hit kind -> token indexes
    match_starts: list[int] = field(default_factory=list)
    kind_sorted: dict[str, list[int]] = field(default_factory=dict)
    name_tokens: set[int] = field(default_factory=set)  # tokens inside place names
    found: tuple = ()  # the gazetteer's own matches, unfiltered: the resolver's scene
    flat_hits: list = field(default_factory=list)  # hits by token, then as by_start lists them
    flat_starts: list[int] = field(default_factory=list)
    _resolve_ctx: object = None


def scan_article(text: str, *, gazetteer: "Gazetteer", published: dt.date | None) -> ArticleScan:
    """Normalise once, find every place once, scan every vocabulary once."""
    norm = NormalizedText(text)
    words = [t.text for t in norm.tokens]
    hits = LEXICON.scan(words)
    by_start: dict[int, list[Hit]] = {}
    heads: dict[int, str] = {}
    triggers: dict[int, str] = {}
    splits: dict[int, str] = {}
    anys: set[int] = set()
    hypos: set[int] = set()
    specials: list[Hit] = []
    kind_at: dict[str, set[int]] = {}
    actor_starts: list[int] = []
    for h in hits:
        by_start.setdefault(h.start, []).append(h)
        kind = h.label[0]
        at = kind_at.get(kind)
        if at is None:
            kind_at[kind] = {h.start}
        else:
            at.add(h.start)
        if kind == "actor":
            actor_starts.append(h.start)
        elif kind == "head":
            heads.setdefault(h.start, h.label[1])
        elif kind == "trigger":
            if triggers.get(h.start) != "strong":
                triggers[h.start] = h.label[1]
        elif kind == "split":
            splits.setdefault(h.start, h.label[1])
        elif kind == "any":
            anys.add(h.start)
        elif kind == "hypo":
            hypos.add(h.start)
        elif kind in ("future", "maybe", "afterword", "respond"):
            specials.append(h)
    n = len(words)
    for h in specials:
        i, kind = h.start, h.label[0]
        if kind == "future":
            # «سيستهدف», «ستشن»: the future is no event
            triggers.pop(i, None)
            by_start[i].append(Hit(i, i + 1, ("cut", "", None)))
        elif kind == "maybe" and i + 1 < n and words[i + 1][:1] in "يتن":
            # «قد تصعّد» (may), not «قد قصفت» (had)
            by_start[i].append(Hit(i, i + 1, ("cut", "", None)))
        elif kind == "respond" and h.end - h.start == 2 and words[h.end - 1] in ("على", "علي"):
            # «ردت واشنطن على مقتل جنودها … بشن ضربات على …»: what is answered,
            # then the answer, introduced by ب + a strike noun
            splits.setdefault(h.end - 1, "cause")
            for k in range(h.end, min(n, h.end + 25)):
                if words[k][:1] == "ب" and k in triggers:
                    splits.setdefault(k, "split")
                    break
        elif kind == "afterword" and (i + 1) in triggers:
            # «… فوق الميادين بعد استهداف القاعدة»: an earlier strike, another event
            splits.setdefault(i, "prior")
    # «أي هجوم», «هجمات مستقبلية»: hypothetical strikes are no trigger.
    for i in list(triggers):
        if (i - 1) in anys or (i - 2) in anys or (i + 1) in hypos:
            del triggers[i]
    # a name never runs across a line, a full stop or a hashtag underscore
    found = gazetteer.find(norm)
    matches = [m for m in found if not _BROKEN_NAME.search(text, m.start, m.end)]
    scan = ArticleScan(text, norm, words, hits, by_start, heads, triggers, splits, matches, gazetteer, published)
    scan.tokens = norm.tokens
    scan.found = tuple(found)
    # words that may belong to a date: a clause with none is not searched for one
    dated = _DATE_WORD_CACHE
    if len(dated) > 100_000:
        dated.clear()
    date_at = set()
    for i, w in enumerate(words):
        d = dated.get(w)
        if d is None:
            d = dated[w] = is_date_word(w)
        if d:
            date_at.add(i)
    kind_at["date"] = date_at
    scan.kind_at = kind_at
    scan.kind_sorted = {k: sorted(v) for k, v in scan.kind_at.items()}
    scan.sentences = split_sentences(text, scan.tokens)
    short = _short_proclitic_names(scan)
    if short:
        scan.matches = sorted(matches + short, key=lambda m: m.token_start)
    extra = _unknown_names(scan) + _anaphors(scan)
    if extra:
        scan.matches = sorted(scan.matches + extra, key=lambda m: m.token_start)
    for m in scan.matches:
        scan.name_tokens.update(range(m.token_start, m.token_end))
    scan.match_starts = [m.token_start for m in scan.matches]
    # every hit in token order (a token's own order kept), for slicing by clause
    scan.flat_hits = [h for i in sorted(by_start) for h in by_start[i]]
    scan.flat_starts = [h.start for h in scan.flat_hits]
    # «، والقوات الأمريكية ترد …»: a new subject after a comma starts a new clause
    toks = norm.tokens
    for start in actor_starts:
        # «…، والقوات الأمريكية ترد» / «…، وردت القوات الأمريكية …»
        for k in (start, start - 1):
            if k > 0 and words[k].startswith("و"):
                gap = text[toks[k - 1].end:toks[k].start]
                if "،" in gap or "," in gap or ";" in gap or "؛" in gap:
                    splits.setdefault(k, "split")
                    break
    # «…، واستهدفتهم في محيط قرية الطابية»: a strike verb joined by «و» after a comma
    # (a finite verb only: «، واستهدافِ أطراف المطار» continues the same strike)
    for i, kind in list(triggers.items()):
        w = words[i]
        if kind != "strong" or i == 0 or not w.startswith("و") or w.startswith("وال"):
            continue
        v = w[1:]
        finite = v.endswith(("تهم", "ته", "تها", "تهما", "وا")) or (v.endswith("ت") and not v.endswith("ات"))
        gap = text[toks[i - 1].end:toks[i].start]
        if finite and ("،" in gap or "," in gap):
            splits.setdefault(i, "split")
    # «مربع الرشاشات», «حي الجمعيات»: words of a place name read as nothing else
    for i in scan.name_tokens:
        triggers.pop(i, None)
    return scan


_FROM_KINDS = frozenset(fold(w) for w in ("قاعدة", "حقل", "مطار", "منطقة", "محيط", "بادية", "مواقعها", "مواقعه",
                                          "مقر", "مقرها", "قاعدتها", "قاعدتهم", "قرية", "بلدة", "مدينة", "أطراف"))


def _from_before(scan: ArticleScan, i: int, floor: int) -> bool:
    """Whether the place at token *i* is introduced by «من» («من قاعدة», «من قاعدتها في حقل»)."""
    j = i - 1
    for _ in range(4):
        if j < floor:
            return False
        w = scan.words[j]
        if w in ("من", "انطلاقا"):
            return True
        if w not in _FROM_KINDS and w != "في":
            return False
        j -= 1
    return False


def _inside_hit(scan: ArticleScan, k: int) -> bool:
    """Whether token *k* continues a multi-word actor or weapon name begun before it."""
    for j in range(max(0, k - 4), k):
        for h in scan.by_start.get(j, ()):
            if h.end > k and h.label[0] in ("weapon", "actor", "marker"):
                return True
    return False


def _cut_start(scan: ArticleScan, i: int, folded_prefix: int) -> int:
    """Original offset inside token *i* after its first *folded_prefix* folded characters."""
    tok = scan.norm.tokens[i]
    if folded_prefix <= 0:
        return tok.start
    sub = NormalizedText(scan.text[tok.start:tok.end])
    return tok.start + sub.to_original(folded_prefix)


def _pseudo_match(scan: ArticleScan, i: int, j: int, places: tuple, strip: int = 0):
    toks = scan.norm.tokens
    start, end = toks[i].start, toks[j - 1].end
    name_start = _cut_start(scan, i, strip)
    return NameMatch(start, end, scan.text[start:end], i, j, places, name_start, scan.text[name_start:end])


def _name_like(scan: ArticleScan, j: int, word: str) -> bool:
    if len(word) < 3 or not word.isalpha() or word in _NOT_NAMES:
        return False
    if _number(word[2:] if word.startswith("ال") else word) is not None:
        return False  # «القرى السبع»
    if any(v in _NOT_NAMES for v in token_variants(word)[1:2]):
        return False
    # any vocabulary word (trigger, actor, head noun, connector …) is no name
    return not scan.by_start.get(j)


_SHORT_FIRSTS: dict[int, frozenset[str]] = {}


def _short_firsts(gaz: "Gazetteer") -> frozenset[str]:
    """Two-letter first words of the gazetteer's multi-word names, with a proclitic («وتل»)."""
    got = _SHORT_FIRSTS.get(id(gaz))
    if got is None:
        firsts = {k[0] for p in gaz.places for nm in p.names_ar
                  for k in [name_key(nm)] if len(k) > 1 and len(k[0]) == 2}
        # the written forms with a proclitic: «وتل», «بتل», «فتل», «لتل»
        got = frozenset(c + f for f in firsts for c in "وبفل")
        if len(_SHORT_FIRSTS) > 16:
            _SHORT_FIRSTS.clear()
        _SHORT_FIRSTS[id(gaz)] = got
    return got


def _short_proclitic_names(scan: ArticleScan) -> list:
    """«وتل بيدر», «بتل تمر»: a proclitic on a two-letter first word is not split
    off by folding (too short to be sure), so the matcher misses the name."""
    words, n = scan.words, len(scan.words)
    present = _short_firsts(scan.gazetteer).intersection(words)
    if not present:
        return []
    covered = {i for m in scan.matches for i in range(m.token_start, m.token_end)}
    out = []
    for i, w in enumerate(words):
        if w not in present or i in covered or i + 1 >= n:
            continue
        for j in (i + 3, i + 2):
            if j > n or any(k in covered for k in range(i + 1, j)):
                continue
            found = scan.gazetteer.lookup(" ".join([w[1:], *words[i + 1:j]]))
            if found:
                out.append(_pseudo_match(scan, i, j, tuple(found), 1))
                covered.update(range(i, j))
                break
    return out


def _unknown_names(scan: ArticleScan) -> list:
    """Places the gazetteer lacks, announced by a kind noun («قرية السكرية»,
    «بلدتي بقرص والعشارة», «حي الكتف») or sandwiched in a list of known ones."""
    words, n = scan.words, len(scan.words)
    known = {m.token_start: m for m in scan.matches}
    covered = {i for m in scan.matches for i in range(m.token_start, m.token_end)}
    out = []
    taken: set[int] = set()
    toks = scan.norm.tokens
    for h in scan.hits:
        if h.label[0] != "kindnoun" or h.start in covered:
            continue
        # a construct («قرية X») has no article: «القاعدة» is a base told before
        if any(v.startswith("ال") and v[2:] in _KIND_FOLDED for v in token_variants(words[h.start])):
            continue
        plural = int(h.label[1]) > 1
        j, items = h.end, 0
        while j < n and items < (12 if plural else 1):
            if any(c in scan.text[toks[j - 1].end:toks[j].start] for c in ".!?؟\n:"):
                break
            if j in known:
                j = known[j].token_end
                items += 1
            else:
                w = words[j]
                strip = 1 if (items > 0 and w.startswith("و") and len(w) > 3) else 0
                base = w[strip:]
                if j in covered or j in taken or not _name_like(scan, j, base):
                    break
                k = j + 1
                bare = base[2:] if base.startswith("ال") else base
                # «عين الأسد»: the second word of a name may be any word
                if ((base in _NAME_HEADS or bare in _NAME_HEADS) and k < n and k not in known
                        and len(words[k]) >= 3 and words[k].isalpha() and words[k] not in _NOT_NAMES):
                    k += 1
                if not plural and items == 0 and h.label[1] == "1" and _kind_in_name(words[h.start]):
                    # «حي الكتف», «حقل التنك», «قاعدة عين الأسد»: the noun is part of the name
                    pre = words[h.start]
                    cut = len(pre) - len(next(v for v in token_variants(pre) if v in _KIND_IN_NAME))
                    out.append(_pseudo_match(scan, h.start, k, (), cut))
                    taken.update(range(h.start, k))
                else:
                    out.append(_pseudo_match(scan, j, k, (), strip))
                    taken.update(range(j, k))
                items += 1
                j = k
            if not plural or j >= n:
                break
            if words[j] == "و":
                j += 1
            elif not (words[j].startswith("و") and len(words[j]) > 3):
                break
    # «في العشارة وبقرص والقورية»: an unknown word between two listed places,
    # or closing the list («في القورية والعشارة وبقرص، …»)
    ms = scan.matches
    toks = scan.norm.tokens
    for a in ms:
        j = a.token_end
        if (j + 1 >= n or j in taken or j in known or not words[a.token_start].startswith("و")
                or not words[j].startswith("و") or len(words[j]) <= 3 or not _name_like(scan, j, words[j][1:])):
            continue
        between = scan.text[toks[a.token_end - 1].end:toks[j].start]
        after = scan.text[toks[j].end:toks[j + 1].start]
        if between.strip() == "" and any(c in after for c in "،,.؛") and not any(c in after for c in "\n"):
            out.append(_pseudo_match(scan, j, j + 1, (), 1))
            taken.add(j)
    for a, b in zip(ms, ms[1:]):
        if b.token_start - a.token_end == 1 and words[b.token_start].startswith("و"):
            j = a.token_end
            w = words[j]
            before = words[a.token_start - 1] if a.token_start > 0 else ""
            listed = (words[a.token_start][:1] in "وبف" or before in ("في", "من", "و")
                      or _has(scan, a.token_start - 1, "kindnoun"))
            joined = not any(c in scan.text[toks[a.token_end - 1].end:toks[b.token_end - 1].end] for c in ".!?؟\n")
            if (listed and joined and j not in taken and w.startswith("و") and len(w) > 3
                    and _name_like(scan, j, w[1:])):
                out.append(_pseudo_match(scan, j, j + 1, (), 1))
                taken.add(j)
    return out


def _number(word: str) -> int | None:
    return parse_number(word)


_KIND_FOLDED = frozenset(fold(w) for w in _KIND_NOUNS)
_KIND_IN_NAME = frozenset(fold(w) for w in ("حي", "حقل", "قاعدة", "مطار", "معبر", "منفذ", "جبل", "مخيم", "تلة",
                                            "مزرعة"))


def _kind_in_name(word: str) -> bool:
    return any(v in _KIND_IN_NAME for v in token_variants(word))

_ANAPHORS = {"المدينه": ("city", "town"), "البلده": ("town", "village", "city"), "القريه": ("village", "town")}


def _anaphors(scan: ArticleScan) -> list:
    """«على أطراف المدينة» names the town told earlier in the same sentence."""
    out = []
    folded = scan.norm.text
    if "المدينه" not in folded and "البلده" not in folded and "القريه" not in folded:
        return out
    words = scan.words
    known = {m.token_start for m in scan.matches}
    starts = [s.token_start for s in scan.sentences]
    mstarts = [m.token_start for m in scan.matches]
    for i, w in enumerate(words):
        if "المدينه" not in w and "البلده" not in w and "القريه" not in w:
            continue
        kinds = next((_ANAPHORS[v] for v in token_variants(w) if v in _ANAPHORS), None)
        if kinds is None or (i + 1) in known:
            continue
        toks = scan.norm.tokens
        if (i + 1 < len(words) and _name_like(scan, i + 1, words[i + 1])
                and not any(c in scan.text[toks[i].end:toks[i + 1].start] for c in ".!?؟\n:،,")):
            continue  # «المدينة الرياضية»? a name or adjective follows: not a bare «the town»
        si = bisect.bisect_right(starts, i) - 1
        first = starts[si] if si >= 0 else 0
        ref = None
        lo = bisect.bisect_left(mstarts, first)
        for m in scan.matches[lo:bisect.bisect_left(mstarts, i)]:
            if len(m.places) == 1 and m.places[0].kind in kinds:
                ref = m
        if ref is not None:
            strip = len(w) - len(next(v for v in token_variants(w) if v in _ANAPHORS))
            out.append(_pseudo_match(scan, i, i + 1, ref.places, strip))
    return out


# -- clause reading -------------------------------------------------------------
@dataclass(eq=False)
class Reading:
    """What one clause says (before article-level merging)."""

    clause: Clause
    sentence: Sentence
    targets: list[PlaceMention]
    target_places: list["Place | None"]
    origins: list[PlaceMention]
    has_trigger: bool
    anaphoric: bool  # a trigger noun that refers back («الغارة أسفرت …»)
    new_event: bool  # «في غارة ثانية»: another strike, not the one before
    role: str | None
    actor: str | None
    actor_text: str
    actor_group: str | None
    actor_hedge: str | None
    actor_stated: bool
    weapon: str | None
    killed: int | None
    wounded: int | None
    when: EventDate | None
    suppressed: bool


@dataclass(eq=False)
class Draft:
    """An event under construction (mutable until the article is done)."""

    reading: Reading
    role: str
    actor: str
    actor_text: str
    actor_group: str | None
    actor_hedge: str | None
    actor_stated: bool
    targets: list[PlaceMention]
    target_places: list["Place | None"]
    origin: PlaceMention | None
    weapon: str | None
    killed: int | None
    wounded: int | None
    when: EventDate | None
    date_own: bool
    responds_to: "Draft | None" = None
    generic: bool = False
    merged_into: "Draft | None" = None
    event_id: str = ""


def _labels(scan: ArticleScan, i: int) -> list[tuple]:
    return [h.label for h in scan.by_start.get(i, ())]


_AIRCRAFT = frozenset(fold(w) for w in forms(["طائرة", "طائرات", "طيران", "الطيران", "الطائرات", "مقاتلة", "مقاتلات",
                                                "مروحية", "مروحيات", "قاذفات", "قاذفة", "الطائرة", "المقاتلات"]))


def _has(scan: ArticleScan, i: int, kind: str) -> bool:
    return i in scan.kind_at.get(kind, ())


def _any_in(scan: ArticleScan, kind: str, a: int, b: int) -> bool:
    """Whether a hit of *kind* starts at a token in ``[a, b)`` (bisect: no scan of the article)."""
    at = scan.kind_sorted.get(kind)
    if not at or a >= b:
        return False
    k = bisect.bisect_left(at, a)
    return k < len(at) and at[k] < b


def _theatre(p: "Place") -> bool:
    lat0, lat1, lon0, lon1 = _THEATRE
    return lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1


def is_broad(p: "Place | None") -> bool:
    """A governorate, a river or a wide region: a place only an analyst's last resort marks."""
    return p is not None and (p.kind in _BROAD_KINDS or p.uncertainty_km >= _BROAD_KM)


def _rank(p: "Place | None") -> int:
    return 3 if p is None else _RANK.get(p.kind, 2)


def _mention(scan: ArticleScan, mi: int) -> tuple[PlaceMention, "Place | None"]:
    """The place mention of match *mi*, resolved (cached per match)."""
    cached = scan.resolved.get(mi)
    m = scan.matches[mi]
    if cached is not None:
        return cached, scan.gazetteer.get(cached.key) if cached.key else None
    place, conf, cands = _resolve(scan, mi)
    start = m.name_start if m.name_start >= 0 else m.start
    end = m.end
    trimmed = _trim_direction(scan, m)
    if trimmed is not None:
        end, place, cands = trimmed
        conf = 0.5
    text = scan.text[start:end]
    if place is not None:
        prec = place.geo_precision
        pm = PlaceMention(text=text, start=start, end=end, key=place.key, name_en=place.name_en,
                          lat=place.lat, lon=place.lon, geo_precision=prec, confidence=conf,
                          candidates=tuple(c.key for c in cands) if len(cands) > 1 else ())
    else:
        pm = PlaceMention(text=text, start=start, end=end, confidence=0.0,
                          candidates=tuple(c.key for c in cands))
    scan.resolved[mi] = pm
    return pm, place


_DIRECTIONS = frozenset({"شرقي", "غربي", "شمالي", "جنوبي", "شرق", "غرب", "شمال", "جنوب"})
_COUNTRY_WORDS = frozenset({"سوريا", "سوريه", "العراق", "البلاد"})


def _trim_direction(scan: ArticleScan, m: "NameMatch") -> "tuple[int, Place | None, tuple] | None":
    """«بريف دير الزور شرقي سوريا» is «ريف دير الزور» + «شرقي سوريا», not the
    row «ريف دير الزور الشرقي»: a bare direction word that belongs to the
    country after it is cut off the name."""
    last = m.token_end - 1
    if last <= m.token_start or scan.words[last] not in _DIRECTIONS or m.token_end >= len(scan.words):
        return None
    if not any(v in _COUNTRY_WORDS for v in token_variants(scan.words[m.token_end])):
        return None
    toks = scan.norm.tokens
    end = toks[last - 1].end
    gaz = scan.gazetteer
    for first in range(m.token_start, last):
        name = scan.text[toks[first].start:end]
        found = gaz.lookup(name)
        if found:
            if len(found) == 1:
                return end, found[0], found
            gov = next((p for p in found if p.kind == "governorate"), None)
            return end, gov, found
    return None


_PUNCT_GAP = re.compile(r"[.!?؟\n،,:;؛]")
_OWNER_KINDS = frozenset({"actor", "marker", "gmarker"})
# «قاعدة عسكرية أمريكية في منطقة الشدادي»: words that describe a base, not name it
_BASE_ADJECTIVES = frozenset(fold(w) for w in (
    "في", "عسكرية", "العسكرية", "أمريكية", "أميركية", "الأمريكية", "الأميركية", "جوية", "الجوية", "تابعة",
    "التابعة", "للتحالف", "غير", "شرعية", "الشرعية", "اللاشرعية"))


def _owner_word(scan: ArticleScan, j: int) -> bool:
    """«في», or a word of an actor's name («الاحتلال», «الأمريكي», «التحالف الدولي»)."""
    if scan.words[j] in _BASE_ADJECTIVES:
        return True
    for k in range(max(0, j - 3), j + 1):
        for h in scan.by_start.get(k, ()):
            if h.end > j and h.label[0] in _OWNER_KINDS:
                return True
    return False


def _resolve(scan: ArticleScan, mi: int) -> tuple["Place | None", float, tuple]:
    m = scan.matches[mi]
    gaz = scan.gazetteer
    # «بادية مدينة الميادين», «قاعدة … الشدادي»: a kind word before the name
    # may name a more precise row («بادية الميادين», «قاعدة الشدادي»).
    # «قاعدة الاحتلال الأمريكي في الشدادي», «قاعدة التحالف في …»: the base's
    # owner and «في» may stand between the kind word and the name.
    j = m.token_start - 1
    floor = max(0, m.token_start - 6)
    while j >= floor and (_has(scan, j, "skipprefix") or _owner_word(scan, j)):
        if _PUNCT_GAP.search(scan.text, scan.tokens[j].end, scan.tokens[j + 1].start):
            j = -1
            break
        j -= 1
    if j >= 0 and j < m.token_start and not _PUNCT_GAP.search(scan.text, scan.tokens[j].end,
                                                               scan.tokens[j + 1].start):
        for lab in _labels(scan, j):
            if lab[0] == "prefix":
                name = m.name or m.text
                found = gaz.lookup(f"{lab[1]} {name}")
                if len(found) == 1:
                    return found[0], 1.0, found
    if len(m.places) == 1:
        return m.places[0], 1.0, m.places
    if scan._resolve_ctx is None:
        # already folded and matched: no second normalisation or scan
        scan._resolve_ctx = ResolveContext(text=scan.norm, matches=scan.found)
    r = gaz.choose(m, context=scan._resolve_ctx)
    if r.place is None:
        return _fallback(scan, m), 0.3, r.candidates or m.places
    return r.place, r.confidence, r.candidates or m.places


_BASE_WORDS = frozenset(fold(w) for w in ("قاعدة", "القاعدة", "قاعدتي", "قواعد", "القواعد", "بقاعدة", "لقاعدة",
                                           "وقاعدة", "قاعدتين", "ثكنة"))


def _fallback(scan: ArticleScan, m: "NameMatch") -> "Place | None":
    """A town and its governorate share a name («دير الزور», «الحسكة»): unless
    the words say «near the town», a strike «in Deir ez-Zor» is only known
    to the governorate."""
    kinds = {p.kind: p for p in m.places}
    if "base" in kinds and any(w in _BASE_WORDS for w in scan.words[max(0, m.token_start - 4):m.token_start]):
        return kinds["base"]  # «قاعدة الاحتلال في التنف»
    if len(m.places) == 2 and "governorate" in kinds:
        town = next(p for p in m.places if p.kind != "governorate")
        if _any_in(scan, "near", max(0, m.token_start - 2), m.token_start):
            return town
        return kinds["governorate"]
    return None


def _match_range(scan: ArticleScan, a: int, b: int) -> list[int]:
    """Indexes of place matches whose tokens lie in ``[a, b)``."""
    starts = scan.match_starts
    lo = bisect.bisect_left(starts, a)
    hi = bisect.bisect_left(starts, b)
    return list(range(lo, hi))


_LIST_FILLERS = frozenset(fold(w) for w in (
    "في", "ب", "على", "الى", "إلى", "محيط", "أطراف", "اطراف", "ريف", "قرب", "منطقة", "مناطق", "قرية", "قرى", "بلدة",
    "بلدات", "مدينة", "حي", "أحياء", "حقل", "قاعدة", "مطار", "معبر", "بادية", "داخل", "مواقع", "موقع", "مقرات",
    "مقر", "كل", "من"))
_NOT_LIST = frozenset({"وسط", "وفق", "وفقا", "وذلك", "وهو", "وهي", "وهم", "وراء", "واقع", "وقوع", "وصول"})


def _is_list_gap(scan: ArticleScan, a: int, b: int, first_word: str) -> bool:
    """Whether the words ``[a, b)`` between two places join a list («، و», «وبلدة»)."""
    if a >= b:
        return first_word.startswith("و") and len(first_word) > 2
    w = scan.words[a]
    if not (w == "و" or (w.startswith("و") and w not in _NOT_LIST)):
        return False
    # «وفي محيط البوكمال», «وبلدة القورية», «واستهداف أطراف مطار …»; not «ورد أمريكي في …»
    return all(x in _LIST_FILLERS or any(v in _LIST_FILLERS for v in token_variants(x)) for x in scan.words[a + 1:b])


def read_clause(scan: ArticleScan, sentence: Sentence, clause: Clause, *, listed: bool = False) -> Reading:
    """Read one clause: its places, trigger, actors, weapon, casualties and date.

    *listed*: the clause is an item of a list announced by a sentence with a
    strike word («استهدف مجاهدونا: 1- قاعدة … 2- …»), so it needs none itself.
    """
    a, b = clause.token_start, clause.token_end
    words = scan.words
    # Where a purpose/condition/threat begins, the clause stops stating facts.
    cut = b
    suppressed = False
    launch_at: list[tuple[int, str]] = []
    hedges: list[int] = []
    new_event = False
    by_start = scan.by_start
    triggers = scan.triggers
    # one pass over the clause's hits; the others below filter this list
    starts = scan.flat_starts
    chits = scan.flat_hits[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
    for h in chits:
        k = h.label[0]
        i = h.start
        if k == "cut" and i < cut:
            cut = i
        elif k == "suppress":
            suppressed = True
        elif k == "launch":
            launch_at.append((i, h.label[1]))
        elif k == "hedge":
            hedges.append(i)
        elif k == "new" and (i - 1) in triggers:
            new_event = True
    trig = [i for i in range(a, cut) if i in triggers]
    in_names = scan.name_tokens
    weapon = choose_weapon(words, a, cut, hits=[h for h in chits if h.start < cut and h.label[0] == "weapon"
                                               and h.start not in in_names])
    strong = any(triggers[i] == "strong" for i in trig)
    has_trigger = bool(trig) and (strong or weapon is not None)
    if not has_trigger and clause.kind == "cause" and _any_in(scan, "casualty", a, cut):
        # «ردت على مقتل ثلاثة من جنودها في البرج 22»: the deaths are the event answered
        has_trigger = True
    if listed and not has_trigger and not suppressed and cut == b:
        has_trigger = True
    if not has_trigger and not launch_at:
        # nothing happens here: no need to read places or actors
        return Reading(clause, sentence, [], [], [], False, False, new_event, None, None, "", None, None, False,
                       weapon, None, None, None, suppressed)
    anaphoric = False
    if has_trigger and trig:
        first = trig[0]
        anaphoric = words[first].startswith(("ال", "وال", "فال")) and not new_event

    # -- actors first: where the one who strikes sits is no target ------------------
    act_end = cut if cut > a else b
    # («قاعدة عين الأسد» names a base, not the Syrian president)
    act_hits = [h for h in chits if h.start < act_end and h.label[0] in ("actor", "marker", "group", "gmarker")
                and h.start not in in_names]
    mentions = mentions_from_hits(act_hits, scan.heads, words)
    trigset = set(trig)
    agency_of = {m.start: agency(words, m.start, scan.heads, triggers=trigset, floor=a) for m in mentions}

    # -- places --------------------------------------------------------------
    origins: list[PlaceMention] = []
    origin_mis: set[int] = set()
    skip_mis: set[int] = set()   # on a road: no target unless nothing else is
    route_mis: set[int] = set()  # passed through, a hospital: never a target
    mis = _match_range(scan, a, cut)
    for h in chits:
        if h.start >= cut:
            break
        k = h.label[0]
        if k == "station":
            owner = next((m for m in mentions if h.start - 2 <= m.end <= h.start), None)
            if owner is None or agency_of.get(owner.start) != "agent":
                continue
            window = (h.end, h.end + 4)
        elif k == "fromside":
            window = (h.end, h.end + 3)
        elif k == "route":
            for mi in mis:
                if h.end <= scan.matches[mi].token_start <= h.end + 3:
                    route_mis.add(mi)
                    break
            continue
        elif k == "road":
            # «على طريق الميادين – دير الزور قرب بلدة محكان»: the road's towns only
            # frame the spot a near-word names after them
            road = [mi for mi in mis if h.end <= scan.matches[mi].token_start <= h.end + 4]
            if road:
                last = scan.matches[road[-1]].token_end
                if any(scan.matches[mi].token_start > last and _any_in(scan, "near", last, scan.matches[mi].token_start)
                       for mi in mis):
                    skip_mis.update(road)
            continue
        else:
            continue
        for mi in mis:
            if window[0] <= scan.matches[mi].token_start <= window[1]:
                origin_mis.add(mi)
                break
    for li, kind in launch_at:
        if kind == "source":
            # «مصدر الصواريخ بادية الميادين»: the place right after «source of the
            # rockets»; not «مجهول المصدر يستهدف …» (of unknown source)
            nxt = li + 1
            if nxt >= b or not words[nxt].startswith("ال") or not (nxt in scan.triggers or _has(scan, nxt, "weapon")):
                continue
            for mi in mis:
                m = scan.matches[mi]
                if nxt < m.token_start <= nxt + 2:
                    origin_mis.add(mi)
                    break
            continue
        # «أُطلقت من», «تم إطلاقها من», «أطلقتها ميليشيا حزب الله من»: only the
        # weapon or the launcher may stand between the launch word and «من»
        frm = None
        for k in range(li + 1, min(b, li + 1 + _MIN_FROM_WINDOW)):
            if words[k] == "من":
                frm = k
                break
            if not any(h.label[0] in ("weapon", "actor", "marker", "group", "gmarker")
                       for h in scan.by_start.get(k, ())) and not _inside_hit(scan, k):
                break
        if frm is None:
            continue
        for mi in mis:
            m = scan.matches[mi]
            if m.token_start <= frm:
                continue
            if m.token_start > frm + _ORIGIN_WINDOW:
                break
            if _any_in(scan, "toward", frm + 1, m.token_start):
                break
            origin_mis.add(mi)
            break
    near_mis: set[int] = set()
    targets: list[PlaceMention] = []
    places: list["Place | None"] = []
    prev_end = None
    prev_place: "Place | None" = None
    prev_mention_known = True
    for mi in mis:
        m = scan.matches[mi]
        pm, place = _mention(scan, mi)
        if mi in origin_mis:
            origins.append(pm)
            continue
        if mi in route_mis or (mi in skip_mis and len(skip_mis | origin_mis | route_mis) < len(mis)):
            continue
        if skip_mis and prev_end is None and not targets:
            prev_end = None  # the first place after the road starts the list afresh
        if place is not None and (not _theatre(place) or place.uncertainty_km >= _TOO_WIDE_KM
                                  or place.kind == "river"):
            continue
        if place is None and pm.candidates:
            gz = scan.gazetteer
            cands = [gz.get(k) for k in pm.candidates]
            if cands and all(c is not None and not _theatre(c) for c in cands):
                continue
        # «20 كم جنوب غرب البوكمال»: the place is the reference point (near it)
        if _any_in(scan, "distance", max(a, m.token_start - 4), m.token_start):
            near_mis.add(mi)
        # «قصفت المدفعية من قاعدة حقل كونيكو قرى …»: «من» + a place before the targets
        if _from_before(scan, m.token_start, a) and any(scan.matches[x].token_start > m.token_start
                                                        and x not in origin_mis for x in mis):
            origins.append(pm)
            continue
        if prev_end is not None:
            gap_list = _is_list_gap(scan, prev_end, m.token_start, words[m.token_start])
            if not gap_list and prev_end == m.token_start and not is_broad(place):
                # «قرى الحسينية، الصالحية، حطلة»: a comma between two names lists them
                gap_text = scan.text[scan.tokens[prev_end - 1].end:scan.tokens[m.token_start].start]
                gap_list = ("،" in gap_text or "," in gap_text) and gap_text.strip(" ،,\"'«»“”()-–") == ""
            near = _any_in(scan, "near", prev_end, m.token_start)
            unmapped = prev_place is None and not prev_mention_known and not any(t.key for t in targets)
            if unmapped and place is not None and not is_broad(place) and not near:
                pass  # «حي الكتف بمدينة البوكمال»: the town gives the unmapped quarter a point
            elif near or (not gap_list and _rank(place) >= _rank(prev_place)):
                continue  # it qualifies the place before it
            elif not gap_list and is_broad(place):
                continue
        targets.append(pm)
        places.append(place)
        prev_end = m.token_end
        prev_place = place
        prev_mention_known = bool(pm.key or pm.candidates)
    # A broad area next to specific places only situates them.
    if any(not is_broad(p) for p in places) and any(is_broad(p) for p in places):
        keep = [(t, p) for t, p in zip(targets, places) if not is_broad(p)]
        targets = [t for t, _ in keep]
        places = [p for _, p in keep]
    # near-words make a town mention an area («قرب الحسكة», «أطراف بادية …»)
    fixed = []
    for t, p in zip(targets, places):
        mi = next(i for i in mis if scan.resolved.get(i) is t)
        ts = scan.matches[mi].token_start
        if t.geo_precision == 1 and (mi in near_mis or _any_in(scan, "near", max(a, ts - 2), ts)
                                     or _any_in(scan, "area", max(a, ts - 2), ts)):
            t = replace(t, geo_precision=2)
        fixed.append(t)
    targets = fixed

    # -- actors and role -------------------------------------------------------------
    role, actor, actor_text, group, hedge, stated = _actors(scan, a, cut if cut > a else b, trig, places, weapon,
                                                           hedges, mentions, agency_of,
                                                           # what a strike answers has the other side's agent
                                                           sentence.token_start if clause.kind == "main" else a)
    # -- casualties and date (folded clause text) -------------------------------------
    killed = wounded = None
    when = None
    if has_trigger:
        toks = scan.tokens
        span_a = toks[a].start if a < len(toks) else sentence.start
        span_b = toks[b - 1].end if b - 1 < len(toks) and b > a else sentence.end
        folded = scan.norm.folded(span_a, span_b)
        killed, wounded = _casualties(folded)
        when = _date(folded, scan.published) if _any_in(scan, "date", a, b) else None
    return Reading(clause, sentence, targets, places, origins, has_trigger and not suppressed, anaphoric,
                   new_event, role, actor, actor_text, group, hedge, stated, weapon, killed, wounded, when,
                   suppressed)


def _actors(scan: ArticleScan, a: int, b: int, trig: list[int], places: Sequence["Place | None"],
            weapon: str | None, hedges: list[int], mentions: list[ActorMention], agency_of: dict[int, str],
            floor: int = 0):
    """(role, actor, actor_text, group, hedge, stated) of a clause."""
    agents: list[ActorMention] = []
    patients: list[ActorMention] = []
    for m in mentions:
        how = agency_of.get(m.start, "agent")
        if how == "agent":
            agents.append(m)
        elif how == "patient":
            patients.append(m)
    affil = {p.affiliation for p in places if p is not None}
    p_us = any(m.actor == US for m in patients) or "coalition" in affil
    p_ir = any(m.actor in (IRAN, GOV) for m in patients) or bool(affil & {"militia", "government"})
    a_us = any(m.actor == US for m in agents)
    a_ir = any(m.actor == IRAN for m in agents)
    outside = [m for m in agents if m.party not in (US, IRAN, UNKNOWN)]
    aircraft = weapon == "airstrike" or _any_in(scan, "aircraft", a, b)
    role: str | None
    if outside and not (p_us and a_ir) and not (p_ir and a_us):
        role = "other"
    elif p_us and not p_ir:
        role = "attack"
    elif p_ir and not p_us:
        role = "retaliation"
    elif p_us and p_ir and "coalition" in affil and not affil & {"militia", "government"}:
        role = "attack"
    elif p_us and p_ir and affil & {"militia", "government"} and "coalition" not in affil:
        role = "retaliation"
    elif a_us and not a_ir:
        role = "retaliation"
    elif a_ir and not a_us:
        role = "attack"
    elif aircraft and trig:
        role = "retaliation"
    elif trig and weapon in ("drone", "airstrike", "missile") and any(m.actor == UNKNOWN for m in agents):
        # «استهدفت مسيرة مجهولة منصة صواريخ …»: an unknown aircraft on a target not the coalition's
        role = "retaliation"
    else:
        role = None
    if role is None and a > floor:
        # «لاحقت مروحيات التحالف …، واستهدفتهم في محيط قرية الطابية»: the one who
        # strikes is the subject of the sentence, before this clause
        early = _early_agents(scan, floor, a)
        if any(m.actor == US for m in early) and not any(m.actor == IRAN for m in early):
            role = "retaliation"
        elif any(m.actor == IRAN for m in early) and not any(m.actor == US for m in early):
            role = "attack"
    # Who: the agent that fits the role.
    chosen: ActorMention | None = None
    if role == "attack":
        chosen = next((m for m in agents if m.actor != US), None)
    elif role == "retaliation":
        # «طائرات مجهولة، يرجح أنها تابعة للتحالف»: the hedged coalition wins
        chosen = next((m for m in agents if m.actor == US), None) or next(
            (m for m in agents if m.actor == UNKNOWN), None)
        if chosen is None:
            chosen = next((m for m in agents if m.actor not in (IRAN,)), None)
    elif role == "other":
        chosen = outside[0] if outside else (agents[0] if agents else None)
    if chosen is None and role in ("attack", "retaliation") and a > floor:
        # «وكانت واشنطن قد ردت … بشن ضربات على …»: the subject sits earlier in the sentence
        want = (IRAN,) if role == "attack" else (US,)
        chosen = next((m for m in reversed(_early_agents(scan, floor, a)) if m.actor in want), None)
    if chosen is None:
        return role, None, "", None, None, False
    toks = scan.norm.tokens
    first = chosen.start
    if not chosen.named and first > a and (scan.heads.get(first - 1) == "air" or scan.heads.get(first - 2) == "air"):
        # «طائرة أمريكية», «طائرات حربية مجهولة»: the aircraft with its flag
        first = first - 1 if scan.heads.get(first - 1) == "air" else first - 2
    text = _clean_actor_text(scan, first, scan.text[toks[first].start:toks[chosen.end - 1].end])
    hedge = None
    for hi in hedges:
        if chosen.start - 6 <= hi < chosen.start:
            hedge = scan.text[toks[hi].start:toks[chosen.start - 1].end].strip()
            break
    return role, chosen.actor, text, chosen.party_group, hedge, True


def _early_agents(scan: ArticleScan, floor: int, a: int) -> list[ActorMention]:
    """Actor mentions that act, in the sentence before token *a*."""
    early = mentions_from_hits([h for i in range(floor, a) for h in scan.by_start.get(i, ())
                                if h.label[0] in ("actor", "marker", "group", "gmarker")], scan.heads, scan.words)
    return [m for m in early if agency(scan.words, m.start, scan.heads, floor=floor) == "agent"]


def sentence_date(scan: ArticleScan, sentence: Sentence) -> EventDate | None:
    """The date a whole sentence states (when no clause of it had its own)."""
    if not _any_in(scan, "date", sentence.token_start, sentence.token_end):
        return None
    when = _date(scan.norm.folded(sentence.start, sentence.end), scan.published)
    return when if when is not None and (when.date is not None or when.text) else None


_QUOTES_RE = re.compile("[\"'“”„«»‘’‹›]")


def _clean_actor_text(scan: ArticleScan, i: int, text: str) -> str:
    """The actor as written, without quotes and without a proclitic glued to it
    («لقوات "التحالف» → «قوات التحالف», «للتحالف الدولي» → «التحالف الدولي»)."""
    w = scan.words[i]
    for v in token_variants(w)[1:]:
        if v in LEXICON._index and not (w.startswith("ال") and not v.startswith("ال")):
            tok = scan.tokens[i]
            if w.startswith("لل") and v == "ال" + w[2:]:
                # ل + ال is written لل: drop the ل and restore the article's alif
                text = "ا" + text[_cut_start(scan, i, 1) - tok.start:]
                break
            cut = len(w) - len(v)
            text = text[_cut_start(scan, i, cut) - tok.start:]
            break
    return " ".join(_QUOTES_RE.sub(" ", text).split())


def _casualties(folded: str) -> tuple[int | None, int | None]:
    return casualties(folded)


def _date(folded: str, published: dt.date | None) -> EventDate | None:
    return parse_date(folded, published=published)
