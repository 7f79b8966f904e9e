"""The article read once: tokens, every vocabulary hit, every place name.

:func:`scan_article` normalises the text once, scans one lexicon (strike
words, cuts, actors, weapons, connectors …) once and finds every gazetteer
name once, adding the names the gazetteer lacks («قرية السكرية»), short
names behind a proclitic («وتل بيدر») and «المدينة» for the town just named.
Clauses are then read from this scan (see :mod:`extract.events`).

>>> from geodata import Gazetteer, Place
>>> gaz = Gazetteer([Place(key="quriyah", name_ar="القورية", name_en="Al-Quriyah", kind="town",
...     lat=34.98, lon=40.53)])
>>> scan = scan_article("قصفت طائرات التحالف بلدة القورية وقرية السكرية.", gazetteer=gaz, published=None)
>>> [(m.text, [p.key for p in m.places]) for m in scan.matches]
[('القورية', ['quriyah']), ('السكرية', [])]
>>> sorted(scan.triggers.values())
['strong']
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress
from operator import attrgetter, itemgetter
from typing import Final, TYPE_CHECKING

from extract.actors import ACTOR_ENTRIES, CLAIM_ENTRIES, HEAD_ENTRIES, HEDGE_ENTRIES
from extract.casualties import parse_number
from extract.dates import is_date_word, MONTHS as _MONTHS
from extract.lexicon import forms, Hit, Lexicon
from extract.model import PlaceMention
from extract.sentences import CONNECTOR_ENTRIES, Sentence, split_sentences
from extract.weapons import WEAPON_ENTRIES
from geodata.arabic import fold, name_key, NormalizedText, token_variants
from geodata.gazetteer import NameMatch

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import Gazetteer
    from geodata.resolve import ResolveContext


__all__ = ["ArticleScan", "scan_article", "TRIGGER_ENTRIES", "LEXICON"]

# -- vocabulary ---------------------------------------------------------------
_STRONG: Final = (
    forms(["استهدف", "استهدفت", "استهدفوا", "استهدفا", "استهدفتا", "يستهدف", "تستهدف", "يستهدفون",
           "استهداف", "استهدافات", "مستهدفا", "مستهدفة", "مستهدفين", "تستهدفان"], ["", "ه", "ها", "هم", "هما"])
    + forms(["قصف", "قصفت", "قصفوا", "يقصف", "تقصف", "قصفا", "قصفته", "يقصفون"], ["", "ه", "ها", "هم"])
    + forms(["غارة", "غارات", "غارتين", "غارتان", "غارتي", "غاراتها", "الغارتين"])
    + forms(["ضربة", "ضربات", "ضربتين", "ضربتان", "ضربتي", "ضرباتها", "ضرباته", "ضربت", "يضرب", "تضرب"])
    + forms(["هجوم", "هجمات", "هجمة", "هجوما", "هجومين", "هجومان", "هجماتها", "هجومها", "هجومه", "هجمتين",
             "هاجم", "هاجمت", "هاجموا", "يهاجم", "تهاجم", "هاجمها", "هاجمه", "هاجمتها", "مهاجمة", "هجماتهم"])
    + forms(["اعتداء", "اعتداءات", "اعتدى", "اعتدت", "اعتدوا", "يعتدي", "تعتدي"])
    # «وشملت الأهداف مواقع في …»: the targets of the strike just told, listed
    + forms(["شملت الأهداف", "تضمنت الأهداف", "توزعت الأهداف", "شملت الضربات", "شملت الغارات",
             "شمل القصف", "شملت الضربة", "شملت الغارة",
             # … and the other way round: «أن الأهداف شملت: …», «فإن المواقع المستهدفة هي: …»
             "الأهداف شملت", "الأهداف تضمنت", "الأهداف هي", "المواقع المستهدفة هي", "المواقع المستهدفة شملت",
             "الأهداف المستهدفة هي", "المواقع التي استهدفت هي", "المواقع التي استهدفتها الضربات هي"])
    # the government wire's word for a strike: «عدوان جوي شنه طيران الاحتلال الأمريكي»
    + forms(["عدوان", "عدوانا", "عدوانه", "عدوانها", "عدوانات"])
    + forms(["قصفتها", "قصفته", "دك", "دكت", "يدك", "تدك", "رشق", "رشقات", "رشقة"])
    + ["دوي انفجار", "دوي انفجارات", "دوي انفجارين", "انفجارات عنيفة", "انفجار عنيف", "دوت انفجارات",
       "دوى انفجار", "دوت انفجار", "سماع انفجارات", "سماع انفجار", "سمع دوي", "هزت انفجارات", "هز انفجار",
       "انفجارات قوية", "انفجار قوي", "انفجارات تهز", "انفجار يهز", "انفجارات هزت", "تهز انفجارات"]
)
_WEAK: Final = (
    forms(["أطلق", "أطلقت", "أطلقوا", "يطلق", "تطلق", "إطلاق"])
    + forms(["سقط", "سقطت", "سقوط", "تساقط", "سقطتا", "انطلقت", "انطلق", "أطلقت", "أطلقها", "إطلاقهم", "إطلاقها",
             "إطلاقه", "أطلقوا"])
    + forms(["أسقط", "أسقطت", "إسقاط", "أسقطوا", "يسقط", "تسقط"])
    + forms(["اعترض", "اعترضت", "اعتراض", "تصدت", "تصدى", "التصدي"])
    # «مسيّرتين أصابتا قاعدة الاحتلال»: «hit», with a weapon named
    + forms(["أصاب", "أصابت", "أصابتا", "أصابوا"])
    + forms(["طالت", "طال", "انفجار", "انفجارات", "انفجارين", "انفجرت", "انفجر", "شن", "شنت", "شنوا", "يشن", "تشن", "شنه",
             "شنها", "شنته", "شنتها", "شنوه", "ضرب", "ضربتا", "ضربوا", "ضربها", "ضربته", "تفجير", "فجر",
             "استهدفته"])
)
_CUT: Final = ["في محاولة", "لتقليل", "لتفادي", "تجنبا",  # «نقلت أسلحتها … في محاولة لتقليل خسائرها من الضربات»
        "تزامن", "تزامنت", "تزامنا",  # «وتزامن القصف مع استنفار للميليشيات في …»: what else happened
        # «قواعد الاحتلال في عين الأسد وحرير … ستبقى أهدافاً مشروعة»: a threat
        "أهدافا مشروعة", "أهداف مشروعة", "هدفا مشروعا", "هدف مشروع", "ستبقى", "سيبقى", "ستظل", "سيظل",
        "بهدف", "لن", "ولن", "فلن", "سوف", "في حال", "إذا", "إن تم", "تهدف", "يهدف", "من أجل", "لمنع",
        "تحسبا", "لضمان", "القدرة على", "قادرة على", "قادرون على", "تهديد", "تهديدات", "نحذر", "حذر", "حذرت",
        "تحذيرا", "تحذير", "يهدد", "هدد", "هددت", "تهدد", "ستستهدف", "سنستهدف", "سنرد", "سترد", "لإضعاف",
        "إضعاف", "للدفاع", "تخطط", "يخطط", "التخطيط", "مستعدة", "مستعدون", "سنأخذ", "قد تستهدف", "يمكن",
        "يمكنها", "يمكنه", "بإمكان", "بإمكانها", "باستطاعة", "تستطيع", "يستطيع", "احتمال", "احتمالات",
        "سيناريو", "يتوقع", "تتوقع", "متوقع", "مخاوف", "تخشى", "يخشى", "خشية", "تنوي", "ينوي", "تعتزم",
        "يعتزم", "تستعد", "يستعد", "توعد", "توعدت", "تتوعد", "يتوعد", "ستواصل", "سيواصل", "مرشحة", "مرشح",
        "قد يستهدف", "قد تشن", "قد يشن", "قد تتعرض", "قد يتعرض", "قد تصعد", "قد يصعد", "لو", "لولا",
        # «أخلت مقراتها خوفاً من ضربات»: a strike feared, not struck
        "خوفا", "خوفا من", "تخوفا", "تخوفا من", "حذرا من", "تأهبا", "تأهبا لـ", "استعدادا", "ترقبا",
        # «حملة تمشيط … بحثاً عن المتورطين في استهداف …»: the strike searched for is told elsewhere
        "بحثا عن", "للبحث عن", "بحثا عن المتورطين",
        # «ما يعرّض الأهالي لخطر القصف المضاد»: a strike risked, not struck
        "لخطر", "خطر", "لمخاطر", "مخاطر"]
# «وكانت وسائل إعلام قد ذكرت خطأً أن الهجوم استهدف حقل العمر»: a report retracted
_WRONG: Final = ["ذكرت خطأ", "ذكر خطأ", "ذكروا خطأ", "ذكرنا خطأ", "أوردت خطأ", "أورد خطأ", "أوردنا خطأ", "نشرت خطأ",
          "نشر خطأ", "نشرنا خطأ", "أفادت خطأ", "أفاد خطأ", "قالت خطأ", "قال خطأ", "تناقلت خطأ", "تداولت خطأ",
          "خطأ أن", "خطأ بأن", "عن طريق الخطأ أن", "بشكل خاطئ أن", "بشكل خاطئ"]
# «استهدف الهجوم حقل كونيكو وليس حقل العمر كما أشيع»: the place denied is no target
# (a cut only where a place follows: «وليست هذه المرة الأولى …» denies nothing)
_DENY: Final = ["وليس", "وليست", "لا"]
_DENY_GAP: Final = frozenset({"في", "علي", "قاعده", "قريه", "بلده", "مدينه", "حي"})  # «وليس على قاعدة …»
# «سبق وأن تعرضت القواعد لهجمات»: background — unless the clause dates the strike it recalls
# («إذ سبق أن قصفت طائرات التحالف، منتصف الشهر الماضي، مطار دير الزور»)
_RECALLED: Final = ["سبق وأن", "سبق أن"]
# «وثّقت وحدة الرصد خمس هجمات على مواقع التحالف», «وثّقت الشبكة خلال شهر شباط مقتل 41 عنصراً»:
# a count over a period is a tally; «وثّق المرصد مقتل خمسة عناصر بغارة على …» is not
_DOCUMENT: Final = forms(["وثق", "وثقت", "وثقنا", "سجل", "سجلت", "رصد", "رصدت", "رصدنا", "أحصينا"])
_SUPPRESS = ["نادرا ما", "قلما", "حالة تأهب", "رفع الجاهزية", "حملة تمشيط", "حملات تمشيط", "عمليات تمشيط", "عملية تمشيط", "حملة دهم", "حملة مداهمات",
             "حملة اعتقالات", "قنابل مضيئة", "قنابل ضوئية", "قنابل إنارة", "قنابل الإنارة", "احترازي", "احترازية", "احترازيا",
             "مناورات", "تدريبات", "تمرين", "نفت", "نفى", "ينفي", "تنفي", "منذ سنوات",
             "عادة ما", "لم ينفجر", "لم تنفجر", "دون أن ينفجر", "منذ بداية", "منذ بدء", "منذ مطلع", "منذ اندلاع",
             "منذ عام", "منذ أشهر", "خلال العام", "خلال الأشهر", "عشرات", "مئات", "متكررة", "متكرر", "مرارا",
             "باستمرار", "بين الحين والآخر", "بين حين وآخر", "بين فترة وأخرى", "من حين لآخر", "من وقت لآخر",
             "بشكل متكرر", "بشكل دوري", "في الغالب", "غالبا ما", "إحصاءات", "إحصائية", "حصيلة الهجمات",
             "أكثر من مئة", "أكثر من مائة", "أكثر من ألف", "لأكثر من مئة", "لأكثر من مائة", "متفرقة",
             "عدة جولات", "جولات من", "خلال السنوات", "في السنوات", "على مدى سنوات", "على مدار", "طوال",
             "بضربات متفرقة", "من دون أن تنجح",
             # «أحصت الوزارة أكثر من 150 هجوماً … تركز معظمها على …»: a tally
             "أحصى", "أحصت", "أحصوا", "يحصي", "تحصي", "إحصاء", "تركز معظمها", "تركزت معظمها", "تركز أغلبها",
             "تركزت أغلبها",
             # «قاعدة التنف، التي تعرضت لمعظم الهجمات في الأسابيع الأولى»: a share of a tally
             "معظم الهجمات", "أغلب الهجمات", "غالبية الهجمات", "معظم الضربات", "أغلب الضربات", "غالبية الضربات"]
# «منذ أكتوبر 2023», «منذ تشرين الأول»: a tally since a month is background
_SUPPRESS += ["منذ " + m for m in _MONTHS]
_ANY: Final = ["أي", "أيّ", "اي"]
_HYPOTHETICAL_AFTER: Final = ["مستقبلية", "محتملة", "مقبلة", "إضافية", "مستقبلا"]
_LAUNCH: Final = forms(["أطلق", "أطلقت", "أطلقوا", "إطلاق", "إطلاقها", "إطلاقه", "إطلاقهما", "انطلقت", "انطلق",
                 "انطلاق", "انطلاقا", "يطلق", "تطلق", "أطلقها", "أطلقه", "تنطلق", "ينطلق", "أطلقتها"])
_SOURCE: Final = ["مصدر", "مصدرها", "مصدره", "مصدرهما", "مصدرهم"]
_TOWARD: Final = ["على", "علي", "باتجاه", "نحو", "صوب", "تجاه", "لاستهداف", "استهدفت", "استهداف"]
_DISTANCE: Final = ["كم", "كيلومتر", "كيلومترات", "كلم", "ميل", "أميال", "كيلو"]
_NEAR: Final = ["قرب", "بالقرب", "مقربة", "بجوار", "جوار", "محاذاة", "بمحاذاة", "مشارف"]
# «ريف البوكمال», «أطراف الميادين»: the area around a town, not the town itself
_AREA: Final = ["ريف", "أطراف", "محيط", "ضواحي", "أرياف", "بادية"]
_NEW: Final = ["ثانية", "ثالثة", "أخرى", "ثان", "ثالث", "جديدة", "منفصلة"]
_PREFIXES: Final = ["بادية", "قاعدة", "مطار", "معبر", "حقل"]
# «القوات الأمريكية المتمركزة في حقل كونيكو»: where the one who strikes sits
_STATION: Final = forms(["المتمركزة", "المتمركز", "المتمركزين", "المتواجدة", "المتواجد", "المتواجدين", "الموجودة",
                  "المنتشرة", "المتمركزه", "المرابطة", "انطلاقا", "انطلاقاً"])
_FROM_SIDE: Final = ["من جهة", "من اتجاه", "من ناحية", "من جهته", "من مواقعها في", "من مواقعهم في", "من داخل"]
# a convoy «قادمة من الأراضي العراقية عبر معبر القائم» passes; it is not hit there
_ROAD: Final = ["طريق", "أوتوستراد", "الطريق الواصل", "طرق"]
_ROUTE: Final = forms(["عبر", "قادمة", "قادمين", "قادما", "مرورا",
                "مشفى", "مستشفى", "المشفى", "المستشفى", "مشافي", "نقلوا", "نقل", "نقلت"])
# «دوي انفجارين في سماء خشام»: where a blast was heard, not what was hit («في أجواء قاعدة
# التنف»: a drone downed over a base attacked it, so a coalition site stays a target)
_SKY: Final = forms(["سماء", "أجواء"])
# nouns that announce a place name: «قرية السكرية», «بلدتي بقرص والعشارة», «حي الكتف»
_KIND_NOUNS: Final = {"قرية": 1, "قريتي": 2, "قرى": 9, "بلدة": 1, "بلدتي": 2, "بلدات": 9, "مدينة": 1, "مدينتي": 2,
               "حي": 1, "أحياء": 9, "حقل": 1, "حقلي": 2, "قاعدة": 1, "قاعدتي": 2, "مطار": 1, "معبر": 1,
               "منفذ": 1, "ناحية": 1, "مزرعة": 1, "مزارع": 9, "جبل": 1, "مخيم": 1, "تلة": 1, "شارع": 1}
# first words of two-word names («عين الأسد», «تل بيدر», «أبو حمام»)
_NAME_HEADS: Final = {"ابو", "عين", "تل", "جبل", "دير", "ام", "راس", "بير", "حويجه", "حاوي", "سد", "البو", "الحاج",
               "جديد", "خربه", "مزرعه", "الشيخ", "بئر", "وادي", "حمام", "ابي"}
# words that follow a kind noun without being a name
_NOT_NAMES: Final = {fold(w) for w in (
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
    # common words after «مواقع في …» that name no village
    "الداخل", "عمق", "العمق", "البلاد", "الاراضي", "اراضي", "الجانب", "جانب", "الضفه", "ضفه", "الجهه",
    "الضفتين", "الريف", "المحافظه", "الحدود", "حدود", "انحاء", "مختلف", "مناطق", "المناطق", "العاصمه",
    "الشرق", "الغرب", "الشمال", "الجنوب", "سماء", "اجواء", "الاجواء", "الصحراء", "اطار", "سياق", "ظل",
    "الليل", "ساعات", "وقت", "الوقت", "مرحله", "اعقاب", "خضم", "المقابل", "حين", "حال", "الطريق", "طريق",
    "المدن", "القري", "البلدات", "الاحياء", "المدينه", "مدن", "قري", "بلدات", "احياء", "المواقع", "ذات",
    "الزمان", "المكان", "زمان", "مكان", "الموعد", "الميدان", "الساحه", "المنطقه", "الاثناء", "غضون",
    "الممتلكات", "المنازل", "البنيه", "الجزيره", "صفوف", "الصفوف", "حالات", "حاله", "الارواح", "العتاد",
    "الاسابيع", "الايام", "الاشهر", "الشهور", "الساعات", "الاعوام", "السنوات", "الاسبوع", "الشهر",
)}
_SKIP_BEFORE_PREFIX: Final = ["مدينة", "بلدة", "منطقة", "قرية"]

# «سيستهدف», «ستشن», «سنقصف»: the future of a strike verb is no event
_FUTURE: Final = sorted({"س" + w for w in _STRONG + _WEAK if fold(w)[:1] in "يتن"})

TRIGGER_ENTRIES: Final[list[tuple[str, tuple]]] = (
    [(w, ("future", "", None)) for w in _FUTURE]
    + [(w, ("maybe", "", None)) for w in ("قد", "وقد")]
    + [(w, ("afterword", "", None)) for w in ("بعد", "قبل")]
    + [(w, ("respond", "", None)) for w in ("رد على", "ردت على", "ردوا على", "يرد على", "ترد على", "ردّت على",
                                            "ردت القوات", "رد الجيش")] +
    [(w, ("trigger", "strong", None)) for w in _STRONG]
    + [(w, ("trigger", "weak", None)) for w in _WEAK]
    + [(w, ("cut", "", None)) for w in _CUT]
    + [(w, ("deny", "", None)) for w in _DENY]
    + [(w, ("wrong", "", None)) for w in _WRONG]
    + [(w, ("suppress", "", None)) for w in _SUPPRESS]
    + [(w, ("recalled", "", None)) for w in _RECALLED]
    + [(w, ("document", "", None)) for w in _DOCUMENT]
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
                                             "قاذفات", "قاذفة", "مروحيتان", "مروحيتين", "طائرتان", "طائرتين",
                                             "مقاتلتان", "مقاتلتين")]
    + [(w, ("station", "", None)) for w in _STATION]
    + [(w, ("fromside", "", None)) for w in _FROM_SIDE]
    + [(w, ("route", "", None)) for w in _ROUTE]
    + [(w, ("route", "sky", None)) for w in _SKY]
    + [(w, ("road", "", None)) for w in _ROAD]
    + [(w, ("casualty", "", None)) for w in forms(["مقتل", "قتل", "إصابة", "جرح", "مصرع", "استشهاد", "قتلى",
                                                     "جرحى", "إصابات", "قتيل", "قتيلا", "قتيلان", "قتيلين",
                                                     "جريح", "جريحا", "جريحان", "جريحين", "مقتلهم", "قتلوا", "استشهد", "استشهدوا",
                                                     "أصيب", "أصيبوا", "مصابين", "مصابا", "لقي", "لقوا", "ارتقى", "ارتقاء"])]
    + [(w, ("kindnoun", str(n), None)) for w, n in _KIND_NOUNS.items()]
    + [(w, ("skipprefix", "", None)) for w in _SKIP_BEFORE_PREFIX]
)

# One lexicon for everything the extractor reads: one scan per article.
LEXICON: Final[Lexicon] = Lexicon(TRIGGER_ENTRIES + ACTOR_ENTRIES + HEAD_ENTRIES + HEDGE_ENTRIES + WEAPON_ENTRIES
                           + CONNECTOR_ENTRIES + CLAIM_ENTRIES)

_MIN_FROM_WINDOW: Final = 7   # «إطلاقها من»: «من» within this many words of the launch word
_ORIGIN_WINDOW: Final = 16     # the launch point within this many words after «من»


_DATE_WORD_CACHE: Final[dict[str, bool]] = {}
# Hit kinds read together by a clause, under one pseudo-kind: who is named
# (actor names, markers, group nouns), and what a place is to the striker
# (where it is stationed, a side it fires from, a route, a road).
_KIND_GROUPS: Final = {"@actors": ("actor", "marker", "group", "gmarker"),
                "@place_roles": ("station", "fromside", "route", "road")}
_START: Final = itemgetter(0)  # a Hit's start token
_IS_NONE: Final = partial(operator.is_, None)
_BROKEN_NAME: Final = re.compile(r"[\n#_]|[.!?؟](?=\s)")

# -- article scan ---------------------------------------------------------------
@dataclass
class ArticleScan:
    """Everything read once per article: tokens, lexicon hits, place matches."""

    text: str
    norm: NormalizedText
    words: list[str]
    hits: list[Hit]  # in token order
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
    name_tokens: set[int] = field(default_factory=set)  # tokens inside place names
    found: tuple = ()  # the gazetteer's own matches, unfiltered: the resolver's scene
    kind_hits: dict[str, list[Hit]] = field(default_factory=dict)  # hit kind -> its hits in token order
    kind_starts: dict[str, list[int]] = field(default_factory=dict)  # … and their start tokens, for bisect
    # (also "date": the tokens that may belong to a date)
    cut_starts: list[int] = field(default_factory=list)  # where a purpose/condition/future begins
    trigger_starts: list[int] = field(default_factory=list)  # the triggers' tokens, in order
    hit_starts: list[int] = field(default_factory=list)  # each hit's start token, for bisect (see _hits_from)
    _resolve_ctx: "ResolveContext | None" = None


def scan_article(text: str, *, gazetteer: "Gazetteer", published: dt.date | None) -> ArticleScan:
    """Normalise once, find every place once, scan every vocabulary once."""
    norm = NormalizedText(text)
    words = norm.words
    hits = LEXICON.scan(words)
    # Hits come in token order. Group them by kind in a bare loop (cheaper
    # than groupby here); only the few kinds that need a per-hit decision are
    # walked below. (The hits of a token are a slice of them: see _hits_from.)
    of_kind: dict[str, list[Hit]] = {}
    for h in hits:
        kind: str = h[2][0]
        same = of_kind.get(kind)
        if same is None:  # (not setdefault: it would build a list per hit, ~266 an article)
            of_kind[kind] = [h]
        else:
            same.append(h)
    # each kind's start tokens in token order (for bisect), and as a set
    kind_starts: dict[str, list[int]] = {k: list(map(_START, hs)) for k, hs in of_kind.items()}
    kind_at: dict[str, set[int]] = {k: set(v) for k, v in kind_starts.items()}
    heads: dict[int, str] = {}
    for h in of_kind.get("head", ()):
        heads.setdefault(h.start, h.label[1])
    triggers: dict[int, str] = {}
    for h in of_kind.get("trigger", ()):
        if triggers.get(h.start) != "strong":
            triggers[h.start] = h.label[1]
    splits: dict[int, str] = {}
    toks = norm.tokens
    for h in of_kind.get("split", ()):
        if h.label[1] == "comma":
            if h.start == 0 or not any(c in text[toks[h.start - 1].end:toks[h.start].start] for c in "،,"):
                continue
            splits.setdefault(h.start, "split")
        else:
            splits.setdefault(h.start, h.label[1])
    anys: set[int] = kind_at.get("any", set())
    hypos: set[int] = kind_at.get("hypo", set())
    actor_starts = sorted(kind_at.get("actor", ()))
    # in token order, as the rules below expect
    specials = sorted([h for k in ("future", "maybe", "afterword", "respond") for h in of_kind.get(k, ())],
                      key=_START)
    n = len(words)
    added_cuts: set[int] = set()  # «سيستهدف», «قد تصعد»: cuts the rules below add
    for h in specials:
        i, kind = h.start, h.label[0]
        if kind == "future":
            # «سيستهدف», «ستشن»: the future is no event
            triggers.pop(i, None)
            added_cuts.add(i)
        elif kind == "maybe" and i + 1 < n and words[i + 1][:1] in "يتن" \
                and not any(w in _WAS for w in words[max(0, i - 4):i]):
            # «قد تصعّد» (may), not «قد قصفت» (had), nor «وكانت القاعدة قد تعرضت» (had been)
            added_cuts.add(i)
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
    hit_starts = list(map(_START, hits))
    _close_fronted_causes(words, norm.tokens, text, triggers, splits, hits, hit_starts)
    # «أي هجوم», «هجمات مستقبلية»: hypothetical strikes are no trigger.
    for i in list(triggers):
        if (i - 1) in anys or (i - 2) in anys or (i + 1) in hypos:
            del triggers[i]
    # a name never runs across a line, a full stop or a hashtag underscore
    found = gazetteer.find(norm)
    matches = [m for m in found if not _BROKEN_NAME.search(text, m.start, m.end)]
    labels = _label_spans(text, norm.tokens, triggers)
    if labels:
        # «دير الزور، 12 شباط (شبكة …) – أسقطت …», «دير الزور 24 | مراسلنا: …»:
        # a dateline or an outlet's name is where the news comes from, not a place hit
        matches = [m for m in matches if not any(a <= m.start < b for a, b in labels)]
    scan = ArticleScan(text, norm, words, hits, heads, triggers, splits, matches, gazetteer, published)
    scan.hit_starts = hit_starts
    scan.tokens = norm.tokens
    scan.found = tuple(found)
    scan.kind_hits = of_kind  # (the same dict the groups are added to below)
    # words that may belong to a date: a clause with none is not searched for one
    # (each word decided once, then looked up at C speed)
    dated = _DATE_WORD_CACHE
    if len(dated) > 100_000:
        dated.clear()
    # (a KeyError says a word is new, with no pass over the flags looking for a None)
    flags: list[bool | None]
    try:
        flags = list(map(dated.__getitem__, words))
    except KeyError:
        flags = list(map(dated.get, words))
        for w in set(compress(words, map(_IS_NONE, flags))):
            dated[w] = is_date_word(w)
        flags = list(map(dated.__getitem__, words))
    date_list = list(compress(range(len(words)), flags))
    kind_at["date"] = set(date_list)
    scan.kind_at = kind_at
    scan.sentences = split_sentences(text, scan.tokens)
    short = _short_proclitic_names(scan)
    if short:
        scan.matches = sorted(matches + short, key=lambda m: m.token_start)
    # the tokens inside the names found so far: the three searches below skip them
    named = _tokens_of(scan.matches)
    extra = _unknown_names(scan, named)
    extra += _unknown_sites(scan, extra, named) + _anaphors(scan, named)
    if extra:
        scan.matches = sorted(scan.matches + extra, key=lambda m: m.token_start)
        named |= _tokens_of(extra)
    scan.name_tokens = named
    scan.match_starts = [m.token_start for m in scan.matches]
    # each kind's hits in token order, for slicing by clause (a clause asks for
    # a few kinds; walking all its hits to filter them cost more than bisecting)
    for group, members in _KIND_GROUPS.items():
        # kinds a clause always asks for together: one bisect, not one per kind
        # (sorted is stable: each kind keeps its own token order)
        of_kind[group] = sorted(chain.from_iterable(of_kind.get(k, ()) for k in members), key=_START)
        kind_starts[group] = list(map(_START, of_kind[group]))
    scan.kind_hits = of_kind
    kind_starts["date"] = date_list  # (in token order already)
    scan.kind_starts = kind_starts
    # («بالتزامن مع قصف …» tells the strike; only the verb «وتزامن القصف مع …» turns away from it)
    placed = set(scan.match_starts)
    denied = {i for i in kind_at.get("deny", ()) if i + 1 in placed or (i + 2 in placed and words[i + 1] in _DENY_GAP)}
    scan.cut_starts = sorted({i for i in kind_at.get("cut", ()) if "التزامن" not in words[i]} | added_cuts | denied)
    # «، والقوات الأمريكية ترد …»: a new subject after a comma starts a new clause
    toks = scan.tokens
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
    # «الخميس: ثلاث قذائف صاروخية على حقل العمر»: a weapon «on» a place, with no verb, is
    # a strike (the telegraphic style of round-ups and breaking lines)
    for h in of_kind.get("weapon", ()):
        k = h.end
        if k + 1 < n and words[k] == "علي" and k not in triggers and (k + 1 in placed or k + 2 in placed):
            triggers[k] = "weak"
    # «مربع الرشاشات», «حي الجمعيات»: words of a place name read as nothing else;
    # «المواقع المستهدفة» describes the sites of a strike told already
    for i in scan.name_tokens:
        triggers.pop(i, None)
    for i in [i for i in triggers if words[i].startswith(("المستهدف", "والمستهدف"))]:
        del triggers[i]
    scan.trigger_starts = sorted(triggers)
    return scan


# «وعقب الهجوم بدقائق، ردت …», «بعد أيام من الهجوم على البرج 22 …، نفذت القوات
# الأمريكية …»: a cause put first ends at its comma, where the answer begins
_FRONTED_WINDOW: Final = 16
_COMMA_OR_STOP: Final = re.compile("[،,.!?؟\n:]")
_TOKEN_START: Final = attrgetter("start")
_THAT: Final = frozenset({"ذلك", "هذا", "ذالك", "الهجوم", "الهجمات", "القصف", "الاستهداف", "ذلك،"})
_ANSWER_VERBS: Final = frozenset(fold(w) for w in ("ردت", "رد", "ردوا", "فردت", "فرد", "ترد", "يرد", "قامت", "قام"))


def _close_fronted_causes(words, toks, text: str, triggers: dict[int, str], splits: dict[int, str],
                          hits: list[Hit], hit_starts: list[int]) -> None:
    """Split a fronted «رداً على …»/«عقب …»/«بعد أيام من …» clause from the main
    clause after its comma, when that clause opens with a verb or its subject."""
    n = len(words)
    for i, kind in list(splits.items()):
        if kind not in ("cause", "prior"):
            continue
        if kind == "cause" and i + 3 < n and words[i + 1] in ("علي", "على") and words[i + 2] in _THAT \
                and (i + 3) in triggers and not words[i + 3].startswith(("ال", "وال")):
            # «ورداً على ذلك قصفت المدفعية …»: no comma, the verb follows at once
            splits.setdefault(i + 3, "answer")
            continue
        # the first comma or stop within the window, found at C speed, then its token
        last = min(n, i + _FRONTED_WINDOW) - 1
        mark = _COMMA_OR_STOP.search(text, toks[i].end, toks[last].start) if last > i else None
        if mark is None or mark.group() not in "،,":
            continue
        k = bisect_left(toks, mark.end(), i, last + 1, key=_TOKEN_START)
        if k > last or any(x in splits for x in range(i + 1, k + 1)):
            continue
        answer = words[k] in _ANSWER_VERBS
        after = hits[bisect_left(hit_starts, k + 1):bisect_left(hit_starts, k + 3)]
        subject = any(h.label[0] in ("actor", "group", "marker", "aircraft") for h in after)
        if answer or k in triggers or subject:
            splits[k] = "answer" if kind == "cause" else "split"


# A line's label: its dateline or outlet before « – », «|» or «:» (not a time «20:15»)
_LABEL_END: Final = re.compile(r"\s[-–—]\s|[|｜]|:(?![0-9٠-٩])")
_LABEL_MARKS: Final = ("-", "–", "—", "|", "｜", ":")  # one of them is in every _LABEL_END match
_LABEL_CHARS: Final = 90
_LABEL_WORDS: Final = 10


def _label_spans(text: str, toks, triggers: dict[int, str]) -> list[tuple[int, int]]:
    """Character spans of the lines' labels: a short opening with no strike word,
    cut off by a dash, a bar or a colon («دير الزور - سانا:», «عاجل |»)."""
    spans = []
    starts = [0]
    nl = text.find("\n")
    while nl >= 0:
        starts.append(nl + 1)
        nl = text.find("\n", nl + 1)
    for ls in starts:
        end = min(len(text), ls + _LABEL_CHARS)
        # (most lines open with none of the marks: the regex only where one is)
        if not any(text.find(mark, ls, end) >= 0 for mark in _LABEL_MARKS):
            continue
        cut = _LABEL_END.search(text, ls, end)
        if cut is None or "\n" in text[ls:cut.start()]:
            continue
        a = bisect_left(toks, ls, key=_TOKEN_START)
        b = bisect_left(toks, cut.start(), a, key=_TOKEN_START)
        if 0 < b - a <= _LABEL_WORDS and not any(i in triggers for i in range(a, b)):
            spans.append((ls, cut.start()))
    return spans


_NOT_FROM: Final = frozenset({"كل", "كلا", "عبورها", "عبورهم", "عبوره", "مرورها", "مرورهم", "مروره"})
# «شرقي العشارة», «جنوب غربي بغداد»: words that place one thing from another (folded)
DIRECTION_WORDS: Final = frozenset({"شرقي", "غربي", "شمالي", "جنوبي", "شرق", "غرب", "شمال", "جنوب"})
_WAS: Final = frozenset({"كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا"})
_FROM_KINDS: Final = frozenset(fold(w) for w in ("قاعدة", "حقل", "مطار", "منطقة", "محيط", "بادية", "مواقعها", "مواقعه",
                                          "مقر", "مقرها", "قاعدتها", "قاعدتهم", "قرية", "بلدة", "مدينة", "أطراف"))


def _from_before(scan: ArticleScan, i: int, floor: int) -> bool:
    """Whether the place at token *i* is introduced by «من» («من قاعدة», «من قاعدتها في حقل»)."""
    j = i - 1
    for _ in range(4):
        if j < floor:
            return False
        w = scan.words[j]
        if w == "من" and j > 0 and scan.words[j - 1] in _NOT_FROM:
            # «في كلٍّ من …»: in each of; «لحظة عبورها من معبر القائم»: where they were, not whence
            return False
        if w in ("من", "انطلاقا"):
            return True
        if w not in _FROM_KINDS and w != "في":
            return False
        j -= 1
    return False


def _inside_hit(scan: ArticleScan, k: int) -> bool:
    """Whether token *k* continues a multi-word actor or weapon name begun before it."""
    for h in _hits_from(scan, max(0, k - 4), k):
        if h.end > k and h.label[0] in ("weapon", "actor", "marker"):
            return True
    return False


def _cut_start(scan: ArticleScan, i: int, folded_prefix: int) -> int:
    """Original offset inside token *i* after its first *folded_prefix* folded characters."""
    tok = scan.tokens[i]
    if folded_prefix <= 0:
        return tok.start
    if tok.end - tok.start == len(tok.text):
        return tok.start + folded_prefix  # nothing folded away: same offsets (no second normalisation)
    sub = NormalizedText(scan.text[tok.start:tok.end])
    return tok.start + sub.to_original(folded_prefix)


def _pseudo_match(scan: ArticleScan, i: int, j: int, places: tuple, strip: int = 0) -> NameMatch:
    toks = scan.tokens
    start, end = toks[i].start, toks[j - 1].end
    name_start = _cut_start(scan, i, strip)
    return NameMatch(start, end, scan.text[start:end], i, j, places, name_start, scan.text[name_start:end])


def _name_like(scan: ArticleScan, j: int, word: str) -> bool:
    # (cheapest tests first: most words asked about are vocabulary or common nouns)
    if len(word) < 3 or word in _NOT_NAMES or _hits_from(scan, j, j + 1) or not word.isalpha():
        return False
    if j in scan.kind_at.get("date", ()):
        return False  # «الخامس من آب», «الأسابيع الماضية»: a date, not a village
    if _number(word[2:] if word.startswith("ال") else word) is not None:
        return False  # «القرى السبع»
    # (any vocabulary word — trigger, actor, head noun, connector … — was refused first)
    return not any(v in _NOT_NAMES for v in token_variants(word)[1:2])


_SHORT_FIRSTS: Final[dict[int, frozenset[str]]] = {}


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
    covered = _tokens_of(scan.matches)
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


def _tokens_of(matches: list) -> set[int]:
    """The tokens inside *matches*."""
    return {i for m in matches for i in range(m.token_start, m.token_end)}


def _unknown_names(scan: ArticleScan, covered: set[int]) -> list:
    """Places the gazetteer lacks, announced by a kind noun («قرية السكرية»,
    «بلدتي بقرص والعشارة», «حي الكتف») or sandwiched in a list of known ones.
    *covered*: the tokens inside the names found already."""
    words, n = scan.words, len(scan.words)
    known = {m.token_start: m for m in scan.matches}
    out = []
    taken: set[int] = set()
    toks = scan.tokens
    # the kind nouns' own hits (in token order), not a walk over all ~260 hits
    for h in scan.kind_hits.get("kindnoun", ()):
        if h.start in covered:
            continue
        # a construct («قرية X») has no article: «القاعدة» is a base told before
        if any(v.startswith("ال") and v[2:] in _KIND_FOLDED for v in token_variants(words[h.start])):
            continue
        plural = int(h.label[1]) > 1
        j, items = h.end, 0
        while j < n and items < (12 if plural else 1):
            gap = scan.text[toks[j - 1].end:toks[j].start]
            if gap != " " and any(c in gap for c in ".!?؟\n:"):  # (most gaps are one space)
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
    toks = scan.tokens
    for a in ms:
        j = a.token_end
        opens = words[a.token_start].startswith("و") or (a.token_start > 0 and words[a.token_start - 1] in ("في", "من"))
        if (j >= n or j in taken or j in known or not opens
                or not words[j].startswith("و") or len(words[j]) <= 3 or not _name_like(scan, j, words[j][1:])):
            continue
        between = scan.text[toks[a.token_end - 1].end:toks[j].start]
        after = scan.text[toks[j].end:toks[j + 1].start] if j + 1 < n else scan.text[toks[j].end:]
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


_KIND_FOLDED: Final = frozenset(fold(w) for w in _KIND_NOUNS)
_KIND_IN_NAME: Final = frozenset(fold(w) for w in ("حي", "حقل", "قاعدة", "مطار", "معبر", "منفذ", "جبل", "مخيم", "تلة",
                                            "مزرعة", "شارع"))


def _kind_in_name(word: str) -> bool:
    return any(v in _KIND_IN_NAME for v in token_variants(word))

_ANAPHORS: Final = {"المدينه": ("city", "town"), "البلده": ("town", "village", "city"), "القريه": ("village", "town"),
             "القاعده": ("base", "oil_field", "gas_field", "airport")}
_ANAPHOR_WORDS: Final = re.compile("|".join(_ANAPHORS))
# kinds an anaphor may find in the sentence before its own («وكانت القاعدة قد تعرضت …»)
_ANAPHOR_BACK: Final = frozenset({"base", "oil_field", "gas_field", "airport"})
_SAME_SENTENCES: Final = 5


# «مدفعية القاعدة ترد بقصف …», «قصفت مدفعية قاعدة حقل العمر …»: guns named by the base they
# stand on fire from it, for its side
_GUNS: Final = frozenset({"مدفعيه", "المدفعيه", "مدافع", "راجمات", "راجمه", "الراجمات"})


def is_gun(word: str) -> bool:
    """Whether the folded *word* names guns or launchers (with «و»/«ف» before it)."""
    return word in _GUNS or (word[:1] in "وف" and word[1:] in _GUNS)


def _anaphors(scan: ArticleScan, covered: set[int]) -> list:
    """«على أطراف المدينة» names the town told earlier in the same sentence;
    «وكانت القاعدة قد تعرضت …» the base told in it or the sentence before."""
    out: list[NameMatch] = []
    # (the words joined, not norm.text: folding the whole article again to
    # test four words cost more than the rest of this function)
    folded = " ".join(scan.words)
    if not any(a in folded for a in _ANAPHORS):
        return out
    words = scan.words
    known = {m.token_start for m in scan.matches}
    starts = [s.token_start for s in scan.sentences]
    mstarts = [m.token_start for m in scan.matches]
    # the words holding one of them, found in the joined text (words hold no
    # space: a word's index is the spaces before it); a walk over every word cost more
    for i in sorted({folded.count(" ", 0, m.start()) for m in _ANAPHOR_WORDS.finditer(folded)}):
        w = words[i]
        kinds = next((_ANAPHORS[v] for v in token_variants(w) if v in _ANAPHORS), None)
        if kinds is None or (i + 1) in known or i in covered:
            continue
        gun = i > 0 and is_gun(words[i - 1])  # «مدفعية القاعدة»
        if kinds is _ANAPHORS["القاعده"] and i > 0 and not gun and any(
                h.label[0] in ("weapon", "actor", "group", "aircraft") for h in _hits_from(scan, i - 1, i)):
            continue  # «قوات القاعدة», «صواريخ القاعدة»: the base's own, not the base hit
            # («مدفعية القاعدة» is named: the clause reads it as where the guns fire from)
        toks = scan.tokens
        if (i + 1 < len(words) and not gun and _name_like(scan, i + 1, words[i + 1])
                and not any(c in scan.text[toks[i].end:toks[i + 1].start] for c in ".!?؟\n:،,")):
            continue  # «المدينة الرياضية»? a name or adjective follows: not a bare «the town»
        si = bisect_right(starts, i) - 1
        first = starts[si] if si >= 0 else 0
        ref = None
        lo = bisect_left(mstarts, first)
        for m in scan.matches[lo:bisect_left(mstarts, i)]:
            if len(m.places) == 1 and m.places[0].kind in kinds:
                ref = m
        if ref is None and si > 0 and _ANAPHOR_BACK.issuperset(kinds):
            # «القاعدة ذاتها», «القاعدة نفسها»: the same base, told further back
            # («مدفعية القاعدة ترد …» in an update line: the base of the post it updates)
            same = (i + 1 < len(words) and words[i + 1] in ("ذاتها", "نفسها")) or gun
            back = starts[max(0, si - (_SAME_SENTENCES if same else 1))]
            for m in scan.matches[bisect_left(mstarts, back):lo]:
                if len(m.places) == 1 and m.places[0].kind in kinds:
                    ref = m
        if ref is not None:
            strip = len(w) - len(next(v for v in token_variants(w) if v in _ANAPHORS))
            out.append(_pseudo_match(scan, i, i + 1, ref.places, strip))
    return out


_SITE_PREPS: Final = frozenset({"في", "اطراف", "محيط", "باطراف", "بمحيط", "مدخل", "قرب", "بالقرب"})
_SITE_REACH: Final = 8
_OPENERS: Final = _SITE_PREPS | {"من"}
def _site_before(scan: ArticleScan, i: int) -> bool:
    """Whether a site noun or a strike word stands within a few words before token *i*
    with no punctuation but quotes between («مقر لميليشيا «لواء الباقر» في»)."""
    toks = scan.tokens
    for k in range(i - 1, max(-1, i - _SITE_REACH), -1):
        if scan.heads.get(k) == "site" or (k == i - 1 and k in scan.triggers):
            return True
        if _CLAUSE_BREAK.search(scan.text, toks[k].end, toks[k + 1].start):
            return False
    return False


_CLAUSE_BREAK: Final = re.compile("[.!?؟\n:،,;؛]")
# every kind of quote the news uses around a name or a claim
QUOTES: Final = "\"'«»“”‘’‹›„"
QUOTE_RE: Final = re.compile(f"[{re.escape(QUOTES)}]")
_LIST_BREAK: Final = re.compile("[.!?؟\n:،,(«\"“]")
_NAME_TAILS: Final = frozenset({"جزيره", "شاميه", "الفوقاني", "التحتاني", "فوقاني", "تحتاني"})


def _unknown_sites(scan: ArticleScan, found: list, named: set[int]) -> list:
    """Villages the gazetteer lacks, named where a strike's sites are placed
    («قصفت … مواقع في الصبحة والزر», «طال القصف أطراف درنج وسويدان جزيرة»).
    *named*: the tokens inside the gazetteer's names; *found*: the other names found already."""
    words, n, toks = scan.words, len(scan.words), scan.tokens
    covered = named | _tokens_of(found)
    triggers = scan.triggers
    known_starts = {m.token_start for m in scan.matches}
    out = []
    # (only the few words that may open such a list are visited: found at C speed)
    for i in compress(range(n - 1), map(_OPENERS.__contains__, words)):
        w = words[i]
        if w == "من":
            if i == 0 or words[i - 1] not in ("كل", "كلا"):
                continue
            w, back = "في", i - 1  # «مواقع … في كلٍّ من الرمادي والدوير»
        else:
            back = i
        if (i + 1) in covered or not _name_like(scan, i + 1, words[i + 1]):
            continue
        if w in ("في",):
            # «مواقع في», «القصف في», «مقر لميليشيا «لواء الباقر» في …»: a site noun
            # or a strike word shortly before, in the same stretch of the sentence
            if not _site_before(scan, back):
                continue
        elif not any(k in triggers for k in range(max(0, i - _SITE_REACH), min(n, i + _SITE_REACH))):
            continue
        j = i + 1
        items: list[tuple[int, int, int]] = []
        while j < n and len(items) < 8:
            if items and _LIST_BREAK.search(scan.text, toks[j - 1].end, toks[j].start):
                break
            x = words[j]
            strip = 1 if items and x.startswith("و") and len(x) > 3 else 0
            if j in covered or (items and not strip) or not _name_like(scan, j, x[strip:]):
                break
            k = j + 1
            if k < n and words[k] in _NAME_TAILS:
                k += 1  # «سويدان جزيرة»
            items.append((j, k, strip))
            j = k
        if len(items) == 1 and not words[items[0][0]].startswith("ال"):
            # one bare word after «في» may be anything, unless a direction from a known
            # place places it («قرب دبلان جنوبي العشارة»)
            e = items[0][1]
            if not (e + 1 < n and words[e] in DIRECTION_WORDS and (e + 1) in known_starts):
                continue
        for a, b, strip in items:
            out.append(_pseudo_match(scan, a, b, (), strip))
            covered.update(range(a, b))
    return out


def _labels(scan: ArticleScan, i: int) -> list[tuple]:
    return [h.label for h in _hits_from(scan, i, i + 1)]


def _hits_from(scan: ArticleScan, a: int, b: int) -> list[Hit]:
    """Every hit starting at a token in ``[a, b)``, in token order (a slice of the article's hits)."""
    starts = scan.hit_starts
    return scan.hits[bisect_left(starts, a):bisect_left(starts, b)]


_AIRCRAFT: Final = frozenset(fold(w) for w in forms(["طائرة", "طائرات", "طيران", "الطيران", "الطائرات", "مقاتلة", "مقاتلات",
                                                "مروحية", "مروحيات", "قاذفات", "قاذفة", "الطائرة", "المقاتلات"]))


def _has(scan: ArticleScan, i: int, kind: str) -> bool:
    return i in scan.kind_at.get(kind, ())


def _any_in(scan: ArticleScan, kind: str, a: int, b: int) -> bool:
    """Whether a hit of *kind* starts at a token in ``[a, b)`` (bisect: no scan of the article)."""
    # (the starts in token order, a token repeated for each of its hits: the
    # first start at or after *a* answers all the same)
    # (:func:`_any_at` inlined: this is asked ~150 times an article)
    at = scan.kind_starts.get(kind)
    if not at or a >= b:
        return False
    k = bisect_left(at, a)
    return k < len(at) and at[k] < b


def _any_at(at: list[int], a: int, b: int) -> bool:
    """Whether a token index of the sorted list *at* lies in ``[a, b)``."""
    k = bisect_left(at, a)
    return k < len(at) and at[k] < b


def _hits_in(scan: ArticleScan, kind: str, a: int, b: int) -> list[Hit]:
    """The hits of *kind* starting at a token in ``[a, b)``, in token order."""
    starts = scan.kind_starts.get(kind)
    if not starts or a >= b:
        return []
    return scan.kind_hits[kind][bisect_left(starts, a):bisect_left(starts, b)]


