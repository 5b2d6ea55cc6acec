"""Disclosures in other languages are read sentence by sentence; text nobody here can read is never "none"."""

import pytest

from nlp import screen
from nlp._foreign import LEXICONS, fold_letters, lexicon, read

# Sentences written for these tests (glosses in the comments); none comes from an evaluation set.
DISCLOSURES = [
    ("صديق أمي يضربني", "urgent", "abuse", "ar"),  # my mum's boyfriend hits me
    ("بدي موت", "urgent", "self_harm", "ar"),  # I want to die
    ("ناپدری‌ام منو می‌زنه", "urgent", "abuse", "fa"),  # my stepfather hits me
    ("کاکایم مرا لت می‌کند", "urgent", "abuse", "fa"),  # (Dari) my uncle beats me
    ("می‌خوام بمیرم", "urgent", "self_harm", "fa"),  # I want to die
    ("زما پلار ما وهي", "urgent", "abuse", "ps"),  # my father beats me
    ("باوکم لێم دەدات", "urgent", "abuse", "ku"),  # my father hits me
    ("ኣቦይ ይወቕዓኒ", "urgent", "abuse", "ti"),  # my father hits me
    ("ነብሰይ ክቐትል እደሊ", "urgent", "self_harm", "ti"),  # I want to kill myself
    ("Babai më rrah çdo ditë", "urgent", "abuse", "sq"),  # father beats me every day
    ("Bố dượng đánh em", "urgent", "abuse", "vi"),  # my stepfather hits me
    ("Ojczym mnie bije", "urgent", "abuse", "pl"),  # my stepfather hits me
    ("Chcę umrzeć", "urgent", "self_harm", "pl"),  # I want to die
    ("mera stepdad mujhe maarta hai", "urgent", "abuse", "ur"),  # Roman Urdu mixed with English
    ("menu mera peyo kutda ae", "urgent", "abuse", "pa"),  # Roman Punjabi: my father beats me
    ("میرے ابو مجھے مارتے ہیں", "urgent", "abuse", "ur"),  # my father hits me
]
DENIALS = [
    "ما حدا بيضربني هون، انا مرتاح",  # nobody hits me here, I'm comfortable
    "رح موت من الضحك",  # I'm going to die laughing
    "هیچ کس منو نمی‌زنه",  # nobody hits me
    "کەس لێم نادات",  # nobody hits me
    "askush nuk më rrah",  # nobody beats me
    "khong ai danh em",  # nobody hits me (no tone marks)
    "nikt nie bije mnie, jest ok",  # nobody hits me, it's ok
    "mujhe koi nahi maarta",  # nobody hits me
    "kiedyś ojczym mnie bił ale teraz jestem bezpieczny",  # my stepfather used to hit me, now I'm safe
]


@pytest.mark.parametrize(("text", "level", "category", "language"), DISCLOSURES)
def test_a_disclosure_in_another_language_is_flagged_in_the_request_screen(text, level, category, language):
    result = screen(text)
    assert (result.level, result.categories, result.screened) == (level, (category,), True)
    assert language in read(text).languages


@pytest.mark.parametrize("text", DENIALS)
def test_a_denial_joke_or_resolved_past_in_another_language_is_not_flagged(text):
    assert screen(text).level == "none"


def test_text_in_a_language_no_lexicon_reads_is_unscreened_not_none():
    result = screen("Me siento muy triste y mi padrastro me pega")
    assert result.screened is False


def test_plain_english_is_screened():
    assert screen("I love my carer, she makes the best pancakes").screened is True


def test_every_lexicon_compiles_and_its_patterns_are_folded():
    for path in LEXICONS.glob("*.txt"):
        lex = lexicon(path.stem)
        assert lex.rules, path.name
        assert all(fold_letters(rule.pattern.pattern) == rule.pattern.pattern for rule in lex.rules)


def test_predict_marks_unreadable_text_and_the_language(analyser):
    arabic, spanish = analyser.analyse_many(["صديق أمي يضربني", "Me siento muy triste y mi padrastro me pega"])
    assert (arabic.language, arabic.screened, arabic.safeguarding.level) == ("ar", True, "urgent")
    assert spanish.screened is False and spanish.needs_translation


# Kinds added from the held-out set (issue #17), each in words of its own: (text, category, language).
HELD_OUT_KINDS = [
    ("صرلي شهر عايش على الخبز والشاي", "neglect", "ar"),  # for a month I've lived on bread and tea
    ("ناس بالشام عم يهددوا امي", "violence", "ar"),  # people in Damascus are threatening my mum
    ("المربية بتسبني قدام الكل", "abuse", "ar"),  # the carer swears at me in front of everyone
    ("دیشب گشنه خوابیدم چون یخچال را قفل کردن", "neglect", "fa"),  # I slept hungry, they locked the fridge
    ("کاش در راه غرق می‌شدم", "self_harm", "fa"),  # I wish I had drowned on the way
    ("زما کوټه ډېره یخ ده او هیټر نشته", "neglect", "ps"),  # my room is very cold, there is no heater
    ("ኩሉ መዓልቲ ከይበላዕኩ እድቅስ", "neglect", "ti"),  # every day I sleep without eating
    ("እቲ ኣቦ ገዛ ዓሻ ይብለኒ", "abuse", "ti"),  # the man of the house calls me an idiot
    ("هەڕەشە لە دایکم دەکەن", "violence", "ku"),  # they threaten my mother
    ("s'ka ushqim ne shtepi qe tre dite", "neglect", "sq"),  # no food in the house for three days
    ("tủ lạnh hết đồ ăn từ tuần trước", "neglect", "vi"),  # the fridge has been empty since last week
    ("chủ nợ gọi điện đòi tiền mẹ em", "exploitation", "vi"),  # the lender phones my mum for money
    ("وہ مجھے تحفے دیتا ہے اور گاڑی میں گھماتا ہے", "exploitation", "ur"),  # he gives me gifts and drives me around
    ("mera chacha mujhe vapes le deta hai", "exploitation", "ur"),  # my uncle buys me vapes
    ("znowu mam takie mysli zeby sie ciac", "self_harm", "pl"),  # I have those thoughts of cutting again
    ("kolega brata daje mi paczki do schowania", "exploitation", "pl"),  # my brother's friend gives me parcels to hide
]
# Words the old lexicons read inside longer, harmless words: 'kind' (مهربان), 'Badini', football (piłka nożna).
HELD_OUT_HARMLESS = [
    "معلم ما خیلی مهربان است",  # our teacher is very kind
    "ترجمان بادینی نمی‌خواهم، سورانی می‌خواهم",  # I don't want a Badini interpreter, I want Sorani
    "Lubię grać w piłkę nożną z kolegami",  # I like playing football with friends
    "ما حدا عم يأذيني هون، الكل منيح معي",  # nobody is hurting me here, everyone is good to me
]


@pytest.mark.parametrize(("text", "category", "language"), HELD_OUT_KINDS)
def test_a_held_out_kind_in_another_language_is_flagged(text, category, language):
    result = screen(text)
    assert result.level != "none" and category in result.categories, (result.level, result.categories)
    assert language in read(text).languages


@pytest.mark.parametrize("text", HELD_OUT_HARMLESS)
def test_a_harm_word_inside_a_longer_harmless_word_is_not_flagged(text):
    assert screen(text).level == "none"


def test_english_rules_do_not_read_a_text_written_only_in_another_language():
    # "I get pocket money from my carer every week": Polish 'od' (from) is 'overdose' in English text-speak
    assert screen("Dostaję kieszonkowe od opiekunki co tydzień").level == "none"
    assert screen("i od'd last night on my tablets").level == "urgent"  # English text-speak is still read


def test_an_urdu_rule_does_not_read_persian_everyday_words():
    # Dari: "I cut the onions with the knife for dinner" / "be careful the key doesn't get lost"
    assert screen("برای نان شب پیاز را با چاقو ریزه کردم").level == "none"
    assert screen("مواظب باش کلید گم نشه").level == "none"
    # Urdu: "he showed me a knife and said he'll kill me" is still a threat
    assert screen("اس نے مجھے چاقو دکھایا اور کہا تمہیں ماریں گے").level == "urgent"


# Latin letters in a language no lexicon reads go to a person, never to the English rules alone as English.
UNREAD_IN_LATIN = [
    "vakar mes žaidėme futbolą su draugais parke",  # Lithuanian (ą is Polish too): we played football in the park
    "mn lbare7 ma kla walo w 5ayef ngoul l sa7bi",  # Darija in Arabizi: since yesterday he hasn't eaten, afraid
    "man az khana raftam, emshaw nemidanam kuja bekhawom, telefonam kharab ast",  # Dari in Latin letters
]
STILL_ENGLISH = [
    "ngl dnt wna go 2 skl 2moro cos ma m8s r bein well mean",
    "tbh i hv nt bin slepin gud, skl is stressin me out n evry1 is doin ma hed in",
    "wdym hld stuf lol",
    "got football at 3pm n tea at 5pm then 7pm curfew",
]


@pytest.mark.parametrize("text", UNREAD_IN_LATIN)
def test_latin_letters_in_a_language_no_lexicon_reads_go_to_a_person(text):
    assert read(text).readable is False
    assert screen(text).screened is False


@pytest.mark.parametrize("text", STILL_ENGLISH)
def test_english_text_speak_is_still_read_as_english(text):
    reading = read(text)
    assert reading.readable and reading.languages in ((), ("en",))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("kal raat saariyan goliyan kha laingi, bas hun", "self_harm"),  # Punjabi plural: I'll take all the pills
        ("menu hun jeen da dil nahi karda", "self_harm"),  # I don't feel like living any more
        ("chacha har roz kehnda tu nikamma ae, kise kam da nai", "abuse"),  # uncle says every day you're useless
    ],
)
def test_roman_punjabi_forms_are_read(text, category):
    result = screen(text)
    assert result.level != "none" and category in result.categories


def test_a_mother_telling_the_child_not_to_think_useless_thoughts_is_not_abuse():
    assert screen("ammi kehti hai tum bohat achi ho, bekaar ki baatein mat socho").level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "tuần nào em cũng gọi điện nói chuyện hàng tuần với chị gái",  # I talk with my sister every week
        "cô y tá cho thuốc ho rồi em đỡ nhiều",  # the nurse gave me cough medicine, I'm much better
        "chị em làm bán hàng ở chợ, cuối tuần em ra phụ",  # my sister sells at the market, I help at weekends
        "đề thi văn khó muốn chết luôn 😩",  # the literature exam was so hard I wanted to die
    ],
)
def test_everyday_vietnamese_with_a_harm_word_in_it_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "họ bắt em mang ma túy đi giao ở công viên",  # they make me carry drugs to deliver in the park
        "em không muốn sống nữa",  # I don't want to live any more
    ],
)
def test_a_vietnamese_disclosure_is_still_flagged(text):
    assert screen(text).level != "none"


def test_a_pashto_sentence_without_a_pashto_only_letter_is_read_as_pashto():
    # "the older boys give me hash": no letter only Pashto uses, but 'ماته' (to me) is a Pashto word.
    result = screen("مشر هلکان ماته چرس راکوي")
    assert result.level != "none" and "exploitation" in result.categories
