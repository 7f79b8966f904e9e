"""Casualty counts read from clauses written like the news (folded first, as the pipeline does)."""

import pytest

from extract.casualties import casualties, parse_number
from geodata.arabic import fold


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # counts with nouns, digits and words, gender/case forms
        ("لافتاً إلى وقوع ثلاثة قتلى والعديد من الجرحى كحصيلة أولية", (3, None)),
        ("وأفاد ناشطون محليون بمقتل خمسة عناصر من ميليشيا الحرس الثوري", (5, None)),
        ("ما أدّى لإصابةِ ستّةِ مدنيين، مع احتمال وقوع قتلى وجرحى في صفوف الميليشيات", (None, 6)),
        ("إصابة 3 جنود و2 من المدنيين", (None, 5)),
        ("إصابة ثلاث نساء بجروح", (None, 3)),
        ("مقتل خمسة عشر عنصراً", (15, None)),
        ("سقوط عشرين قتيلاً", (20, None)),
        ("مقتل ٤ عناصر", (4, None)),
        # singulars and duals
        ("وأسفرت عن مقتل جندي أمريكي وإصابة آخرين.", (1, None)),
        ("ما أسفر عن إصابة جندي أمريكي.", (None, 1)),
        ("وذكر أن الغارة أسفرت عن إصابة عنصرين من اللواء، وحرق سيارة عسكرية", (None, 2)),
        ("مقتل جنديين أمريكيين", (2, None)),
        ("قتيلان وثلاثة جرحى", (2, 3)),
        ("مقتل أحد العناصر", (1, None)),
        ("ضابطان قُتلا في الغارة", (2, None)),
        ("مشيرة إلى أن جندياً أُصيب في إحدى تلك الهجمات.", (None, 1)),
        ("فيما قُتل عنصر من فصيل أبو الفضل العباس في غارة ثانية، أسفرت أيضاً عن عدد من الإصابات", (1, None)),
        # lists joined by و continue the count
        ("ما أدى إلى مقتل “متعاقد أميركي، وإصابة خمسة عسكريين أميركيين ومقاول أميركي آخر”", (1, 6)),
        ("ما أدى لمقتل القيادي في الفصائل الموالية محمد خليف البكيري وعنصر آخر", (2, None)),
        # a count, then a subset of it («بينهم») that must not be added
        ("وكان خمسةُ ضبّاط من قوات الأسد قُتلوا خلال الأسبوع الفائت، بينهم ضابطان برتبة عميد", (5, None)),
        # verb first
        ("لقي ثلاثة عناصر حتفهم في الغارة", (3, None)),
        ("وقضى عنصران من الميليشيا", (2, None)),
        ("لقي الهجوم ترحيباً", (None, None)),
        # a total without its split
        ("سقوط عشرة عناصر بين قتيل وجريح", (None, None)),
        ("أسفرت عن مقتل وإصابة خمسة عناصر", (None, None)),
        ("مقتل وجرح 7 مدنيين، ومقتل جندي", (1, None)),
        # unknown counts
        ("وأسفر الهجوم عن تدميرها وسقوط قتلى وجرحى من عناصر الميليشيات.", (None, None)),
        ("أوقعتا خسائر بشرية وأضرار مادية", (None, None)),
        ("أسفرت عن مقتل مقاتلين موالين لإيران", (None, None)),
        ("قُتل ثلاثة عناصر من لواء فاطميون وأُصيب آخر بجروح", (3, 1)),
        # zero
        ("وأكدت القيادة الأمريكية عدم وقوع إصابات أو أضرار في منشآتها", (0, 0)),
        ("ودون وقوع أيّ خسائرَ بشريّة.", (0, 0)),
        ("دون وقوع إصابات بشرية في صفوف المقاتلين.", (0, 0)),
        ("لا خسائر بشرية", (0, 0)),
        ("استهدفت طائرة مسيّرة قاعدة تل بيدر، دون أن تسفر عن إصابات", (0, 0)),
        ("من دون أن يسفر القصف عن قتلى", (0, None)),
        ("سقطت قذيفتان، من دون أن تسفرا عن إصابات", (0, 0)),
        # the government wire's words, and the dual «them both»
        ("ارتقى مدنيان وأصيب أربعة آخرون بجروح", (2, 4)),
        ("أسفرت عن استشهاد ثلاثة مدنيين", (3, None)),
        ("استهدفت سيارة تقل قياديين، ما أدى لمقتلهما", (2, None)),
        # a toll update: the count it reaches, once
        ("ارتفعت حصيلة القتلى جراء الضربات الأمريكية إلى تسعة عناصر", (9, None)),
        ("ارتفعت حصيلة القتلى إلى 23 قتيلاً، وثّق المرصد هويات 19 منهم", (23, None)),
        # the last toll supersedes the first counts; «one of the wounded» is no new count
        ("أوقعت في البداية أربعة قتلى وستة جرحى، قبل أن تستقر الحصيلة على ستة قتلى وأربعة جرحى", (6, 4)),
        ("ارتفعت حصيلة قتلى الاستهداف إلى 4 بعد وفاة أحد الجريحين متأثراً بجراحه، ليبقى جريح واحد", (4, 1)),
        ("ارتقى ثلاثة شهداء مدنيين", (3, None)),
        ("تحديث: ارتفع عدد القتلى لـ 3", (3, None)),
        ("ولم تسفر الضربة عن قتلى", (0, None)),
        ("ولم ترد معلومات عن إصابات", (None, None)),  # no news is not zero
        ("من دون ورود معلومات عن وقوع إصابات", (None, None)),
        # nobody hurt, with the damage named beside
        ("سقطت القذائف قرب القاعدة، من دون أن تُسجَّل أضرار أو إصابات", (0, 0)),
        ("وانفجرت المسيرة في محيط الحقل دون أن تسجل إصابات", (0, 0)),
        # a range counts its lower bound; «بين» of two sides counts nothing
        ("وثّق المرصد مقتل ما بين خمسة وسبعة عناصر من الميليشيات", (5, None)),
        ("أسفرت الغارة عن إصابة بين 3 و6 عناصر", (None, 3)),
        ("اندلعت اشتباكات بين قسد ومسلحين محليين أسفرت عن مقتل اثنين", (2, None)),
        # «إصابة» as «hitting» and text without casualties
        ("قبل أن تصيب هدفها، وحققت إصابة مباشرة", (None, None)),
        ("استهدفت طائرات مسيرة قاعدة كونيكو", (None, None)),
    ],
)
def test_casualties(clause, expected):
    assert casualties(fold(clause)) == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("سته", 6), ("ست", 6), ("ثلاثه", 3), ("ثلاث", 3), ("12", 12), ("خمسه وعشرين", 25),
        ("خمسه و عشرين", 25), ("ثلاثه عشر", 13), ("احدي عشره", 11), ("مئتين", 200),
        ("اثنان", 2), ("اثنتين", 2), ("عشرون", 20), ("مايه", 100),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("words", ["", "عناصر", "خمسه عناصر", "عدد"])
def test_parse_number_refuses_non_numbers(words):
    assert parse_number(words) is None


def test_folded_and_vocalised_spellings_agree():
    assert casualties(fold("مقتلُ خمسةِ عناصرَ")) == casualties(fold("مقتل خمسة عناصر")) == (5, None)


# -- untrusted text -------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["مقتل", "اصابه", "قتل", "اصيب", "قتلي", "جرحي", "قتيلان", "خمسه", "عشر", "و", "وعشرين", "عنصرين",
           "جندي", "جنديا", "اخر", "اخرين", "بينهم", "منهم", "دون", "وقوع", "اصابات", "لم", "تسفر", "عن", "،", ".",
           "12", "الف", "مايه", "من", "عناصر", "قتلوا", "ضابطان", "احد", "العناصر", "و5", "خساير", "بشريه"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), max_size=40))
def test_casualties_never_raises_and_counts_are_plausible(words):
    killed, wounded = casualties(" ".join(words))
    for n in (killed, wounded):
        assert n is None or (isinstance(n, int) and n >= 0)
