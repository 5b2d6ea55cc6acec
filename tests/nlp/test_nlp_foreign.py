"""Disclosures in other languages are read sentence by sentence; text nobody here can read is never "none"."""

import pytest

from nlp import _foreign, screen
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


# Someone else's harm that adults are already dealing with, and harm dated years back and over, told in another
# language: none, as in English (session 15). Written for these tests; glosses in the comments.
DEALT_WITH = [
    "صاحبي قال ما بدي عيش. حكينا مع المشرف وهلق عنده معالج كل أسبوع.",  # my friend said "I don't want to live"; we
    # told the supervisor and now he has a therapist every week
    "meri saheli ne kaha main marna chahti hoon. staff ne camhs se baat ki aur ab woh theek hai",  # my friend said
    # "I want to die"; staff spoke to CAMHS and she is fine now
    "mera dost kehta tha ke usay koi maarta hai, hum ne teacher ko bataya aur ab social services us ke saath hain",
    "Moja przyjaciółka chciała uciec z domu, ale pani pedagog już z nią rozmawia.",  # my friend wanted to run away
    # from home, but the school counsellor is already talking to her
    "میری سہیلی کہتی تھی کہ وہ مرنا چاہتی ہے۔ اب سوشل سروسز اس کے ساتھ ہیں۔",  # my friend used to say she wants to
    # die; social services are with her now
    "دو سال پیش ناپدریم منو می‌زد. الان در امان هستم و دیگه اتفاق نمی‌افته.",  # two years ago my stepfather hit me;
    # I'm safe now and it doesn't happen any more
    "Para tre vitesh një burrë më rrihte. Policia e arrestoi dhe tani jam mirë.",  # three years ago a man beat me;
    # the police arrested him and I'm fine now
    "Ba năm trước bố dượng đánh em. Cảnh sát đã bắt ông ấy, em an toàn rồi.",  # three years ago my stepfather hit
    # me; the police arrested him, I'm safe now
]
# The same words about a friend, or a friend who is helped, beside the writer's own harm: still urgent.
STILL_WORRIES = [
    "رفيقي بيعرف إنو زوج أمي بيضربني كل ليلة.",  # my friend knows my mum's husband hits me every night
    "صاحبي عنده معالج. بس أنا زوج أمي بيضربني.",  # my friend has a therapist. But me, my mum's husband hits me
    "دوستم می‌دونه که ناپدریم منو می‌زنه.",  # my friend knows my stepfather hits me
    "Mój kolega wie, że ojczym mnie bije.",  # my friend knows my stepfather hits me
    "mera dost jaanta hai ke mera stepdad mujhe maarta hai",  # my friend knows my stepdad hits me
    "Bạn em biết bố dượng đánh em mỗi ngày.",  # my friend knows my stepfather hits me every day
    "Shoku im e di që babai më rreh çdo ditë.",  # my friend knows my father beats me every day
]


@pytest.mark.parametrize("text", DEALT_WITH)
def test_harm_dealt_with_or_someone_elses_in_another_language_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize("text", STILL_WORRIES)
def test_a_friend_named_beside_the_writers_own_harm_leaves_it_urgent(text):
    assert screen(text).level == "urgent"


# A knife cutting food, on a cookery or self-defence course, or in a talk about knife crime: no disclosure, in each
# language as in English (session 15). Written for these tests; glosses in the comments.
KNIFE_LESSONS = [
    "ساعدت خالتي تقطع الدجاج بالسكين",  # I helped my aunt cut the chicken with the knife
    "حصة عن السكاكين والعصابات كانت مملة",  # the lesson about knives and gangs was boring
    "در مدرسه یک پولیس درباره چاقو و مواد گپ زد",  # at school a police officer talked about knives and drugs
    "na kursie samoobrony pokazali jak odebrać nóż",  # on the self-defence course they showed how to take a knife
    "aaj catering me chef ne sikhaya ke chaku kaise pakadte hain",  # today on catering the chef taught how to hold a
    # knife
    "Lớp võ hôm nay thầy dạy cách tránh con dao",  # at martial arts class today the teacher taught how to dodge a knife
]
# A threat with a knife made in the kitchen is still a worry: the kitchen alone is not food, in any language.
KNIFE_THREATS = [
    "زوج أمي هددني بالسكين في المطبخ",  # my mum's husband threatened me with the knife in the kitchen
    "ناپدریم تو آشپزخانه با چاقو تهدیدم کرد",  # my stepfather threatened me with a knife in the kitchen
    "Ojczym groził mi nożem w kuchni",  # my stepfather threatened me with a knife in the kitchen
    "bố dượng cầm con dao trong bếp dọa giết em",  # my stepfather held a knife in the kitchen, threatened to kill me
    # a knife shown or pulled in the kitchen, in each language whose exclusions once took the kitchen for food
    "mere stepdad ne kitchen mein mujhe chaku dikhaya",  # my stepdad showed me a knife in the kitchen
    "سوتیلے باپ نے کچن میں چھری دکھائی",  # my stepfather showed a knife in the kitchen
    "ناپدریم تو آشپزخونه چاقو رو نشونم داد",  # my stepfather showed me the knife in the kitchen
    "ojczym w kuchni wyciągnął na mnie nóż",  # my stepfather pulled a knife on me in the kitchen
    "njerku nxori thikën në kuzhinë",  # my stepfather pulled out the knife in the kitchen
    "باوەپیارەکەم لە چێشتخانە چەقۆی نیشان دام",  # my stepfather showed me a knife in the kitchen
    "زما پلار په پخلنځي کې چاړه راته وښوده",  # my father showed me a knife in the kitchen
    "ኣቦይ ኣብ ኩሽና ካራ ኣርእዩኒ",  # my father showed me a knife in the kitchen
]
# Kitchen knives locked away at night are a house rule, in the same languages.
KNIFE_HOUSE_RULES = [
    "kitchen ki churiyan raat ko lock hoti hain",
    "کچن کی چھریاں رات کو الماری میں بند ہوتی ہیں",
    "چاقوهای آشپزخانه را شب قفل می‌کنند",
    "noże w kuchni są zamknięte na noc",
    "thikat e kuzhinës i mbyllin natën",
    "چەقۆکانی چێشتخانە شەوان قفڵ دەکرێن",
    "د پخلنځي چاړې د شپې قلف وي",
    "ካራታት ክሽነ ብለይቲ ይዕጸዉ",
]


@pytest.mark.parametrize("text", KNIFE_LESSONS + KNIFE_HOUSE_RULES)
def test_a_knife_in_cooking_a_lesson_or_a_house_rule_in_another_language_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize("text", KNIFE_THREATS)
def test_a_knife_threat_in_the_kitchen_in_another_language_is_flagged(text):
    assert screen(text).level != "none"


# A threat to kill me from one person, told object first or of one person, is urgent; the same words about a test,
# homework or the heat are exaggeration (session 15). Written for these tests; glosses in the comments.
KILL_THREATS = [
    "ojczym mnie zabije",  # my stepfather will kill me
    "Ojczym powiedział, że mnie zabije",  # my stepfather said he will kill me
    "ناپدریم منو می‌کشه",  # my stepfather will kill me
    "اگه بفهمه منو می‌کشه",  # if he finds out he'll kill me
    "babai do më vrasë",  # my father will kill me
    "bọn nó bảo sẽ giết em",  # they said they'll kill me
]
KILLING_ME_EXAGGERATIONS = [
    "Bài kiểm tra toán này giết em mất 😭",  # this maths test is killing me
    "Trời nóng thế này giết em mất",  # this heat is killing me
    "ky provim do më vrasë",  # this exam will kill me
    "ta matma mnie zabije serio",  # this maths will kill me, seriously
    "ten upał mnie zabija",  # this heat is killing me
    "این امتحانا منو می‌کشه",  # these exams are killing me
    "opiekun mnie zabije jak zobaczy ocenę xDDD",  # my carer will kill me when he sees the mark xDDD
]


@pytest.mark.parametrize("text", KILL_THREATS)
def test_a_threat_to_kill_the_writer_in_another_language_is_urgent(text):
    assert screen(text).level == "urgent"


@pytest.mark.parametrize("text", KILLING_ME_EXAGGERATIONS)
def test_exaggeration_about_killing_in_another_language_is_not_flagged(text):
    assert screen(text).level == "none"


# Kinds read from the evaluation sets' errors in session 16 (fresh9 to fresh13, each read once the next set had
# been written to measure in its place), in other languages. Look-alikes that are no worry: an accident or a knock
# explained, a lesson, a house rule, exaggeration, harm over with help in place, a bridge on an ordinary day.
LOOK_ALIKES_SESSION_16 = [
    # fresh9
    "وقتی کوچک بودم یک پسر مره میزد. معلم ها فهمیدن و حالا همه چیز خوب است",  # Dari: everything is fine now
    "یه بار پولیس آمد به مکتب و ده باره چاقو و مواد گپ زد",  # Dari: the police talked about knives at school
    "گھر میں سیڑھیوں پر پھسل گیا اور بازو پر نیلا نشان پڑ گیا",  # Urdu: slipped on the stairs, a bruise
    "Khala ne mujhe chaku pakarna sikhaya aur hum ne chicken kaata",  # Roman Urdu: taught to hold a knife
    "ይሕ ፈተና ክቐትለኒ እዩ",  # Tigrinya: this exam will kill me
    "ኣብ ሊብያ ይወቕዑና ነይሮም። ሕጂ ምስ therapist እራኸብ",  # Tigrinya: beaten in Libya; sees a therapist now
    "سټاف هره اونۍ زموږ کوټې لټوي چې چاړه نه وي",  # Pashto: staff search the rooms for knives
    "krew z nosa nie chce przestać lecieć od rana",  # Polish: a nosebleed
    "محدش بيأذيني، والله",  # Egyptian Arabic: nobody hurts me, I swear
    "lexova nje liber per nje vajze qe fle ne rruge",  # Albanian: I read a book about a girl sleeping rough
    "Ngày trước em bị bắt làm ở trại cần sa, cảnh sát đã giải cứu em",  # Vietnamese: back then; police rescued me
    "پارسال با دوستام از روی پل رد شدیم",  # Persian: last year we crossed the bridge with my friends
    "wczoraj bylismy na moscie z klasa",  # Polish: yesterday we were on the bridge with the class
    # fresh10: 'nobody' in Levantine Arabic, a cooking cut and the house rules in Sorani, 'nobody who hits me' in
    # Tigrinya, a film as Dari spells it
    "والله محدا عم يأذيني، الكدمة من الماتش",  # Arabic: nobody is hurting me, the bruise is from the match
    "ئەمڕۆ خواردنم دروست کرد و بە چەقۆ پەنجەم بڕی",  # Sorani: I cooked today and cut my finger with the knife
    "یاساکانی ئەم ماڵە توندن، ناتوانم شەو لە ماڵی هاوڕێکەم بمێنمەوە",  # Sorani: house rules, no sleepovers
    "ኣብ ገዛ ዝሃርመኒ ይኹን ዝጭርሓለይ የለን",  # Tigrinya: at home nobody hits me or shouts at me
    "دیشب یک فلم ترسناک دیدیم که یک نفر با چاقو آدم میکشت",  # Dari: a horror film with a knife in it
    # fresh11: asked whether someone hits me (Polish); harm over (Tigrinya)
    "pani pytala czy ktos mnie bije. nikt mnie nie bije",  # Polish: she asked whether anyone hits me; nobody does
    "ኣብ ቀደም ቤት ትምህርተይ ይሃርሙኒ ነይሮም። ሕጂ ቀይረ፣ ተቐጺዖም",  # Tigrinya: they used to hit me; I moved, they were punished
    # fresh12: staying on at the foster carer's and a sleepover allowed after checks (Sorani), a lesson (Urdu
    # read by the Persian lexicon, Vietnamese PSHE), chopping chicken (Vietnamese)
    "دەمەوێ لە ماڵی فۆستەرەکەم بمێنمەوە",  # Sorani: I want to stay on at my foster carer's
    "ناهێڵن شەو لە ماڵی هاوڕێکەم بمێنمەوە تا سۆشیاڵ بیپشکنێت",  # Sorani: no sleepover until the social worker checks
    "آج پی ایس ایچ ای میں چاقو کے بارے میں سبق تھا",  # Urdu, read by the Persian lexicon too: a PSHE lesson on knives
    "o lop PSHE thay cho xem video ve trong can sa",  # Vietnamese: a PSHE video about growing cannabis
    "hom nay em tu cam dao chat ga lan dau",  # Vietnamese: today I chopped chicken with a knife for the first time
    # fresh13: Iraqi 'جان' (was) and a counsellor, holding the knife right in a cooking class, a cleaver for chicken
    # in a Persian sentence the Arabic lexicon reads too, a black eye from taekwondo (Pashto)
    "جان يضربني من جنت زغير، بس هسه عندي مستشارة",  # Iraqi Arabic: he used to hit me; now I have a counsellor
    "علمتني المعلمة امسك السكينة صح بحصة الطبخ",  # Arabic: the teacher taught me to hold the knife right
    "مرغ ره با ساطور توته کردم",  # Dari: I chopped the chicken with a cleaver
    "په ټکواندو کې مې سترګه شنه شوه",  # Pashto: my eye went black at taekwondo
    # fresh14: peeling potatoes (Dari), shown how to hold a knife safely (Vietnamese), cutting onions with a
    # 'chaaku' (Roman Urdu)
    "کچالو پوست میکدم و کارد دستمه برید",  # Dari: I was peeling potatoes and the knife cut my hand
    "chu day em cach cam dao an toan",  # Vietnamese: he taught me how to hold the knife safely
    "iftar ke liye main chaaku se pyaaz kaat rahi thi",  # Roman Urdu: I was cutting onions for iftar
]
# Worries, and the level each is read at: a wound that will not stop bleeding; going to a bridge tonight, in every
# lexicon; favours owed, nights away and a man's place (Sorani, Tigrinya); a strip of pills swallowed (Vietnamese)
# and Dari 'لت کردن' (to beat); a goodbye (Sudanese Arabic), left alone with a younger sibling (Albanian), 'keeps
# asking if I'm alone' (Polish); the kitchen or fridge locked (Arabic, Polish), quick money (Albanian), an older man
# who buys vapes (Sorani); self-harm in the Albanian imperfect.
WORRIES_SESSION_16 = [
    # Polish: I did it again and the blood won't stop, the whole towel is red
    ("zrobiłam to znowu i krew nie przestaje lecieć, cały ręcznik czerwony", "urgent"),
    ("امشب میرم سر پل، دیگه خسته شدم", "urgent"),  # Dari: tonight I'm going to the bridge, I'm worn out
    ("sonte po shkoj te ura, nuk dua me", "urgent"),  # Albanian: tonight I'm going to the bridge, I don't want any more
    ("ئێستا لەسەر پردەکەم، ببورن", "urgent"),  # Sorani: I'm on the bridge now, forgive me
    ("الليلة رايح عالجسر، خلص تعبت", "urgent"),  # Arabic: tonight I'm going to the bridge, I'm done
    ("نن شپه پل ته ځم، بس دی", "urgent"),  # Pashto: tonight I'm going to the bridge, enough
    ("آج رات میں پل پر جا رہا ہوں، بس بہت ہو گیا", "urgent"),  # Urdu: tonight I'm going to the bridge, enough now
    ("aaj raat main pul pe ja raha hoon, bas", "urgent"),  # Roman Urdu: the same
    ("dzis w nocy ide na most, mam dosc", "urgent"),  # Polish: tonight I'm going to the bridge, I've had enough
    ("ሎሚ ምሸት ናብ ድልድል ክኸይድ እየ", "urgent"),  # Tigrinya: tonight I'm going to the bridge
    ("کوڕەکە وتی ڕۆژێک کارێکی بچووکم بۆ ئەکەیت", "concern"),  # the lad said one day you'll do a little job for me
    ("ሰለስተ ለይቲ ኣይተመለስኩን", "concern"),  # I didn't come back for three nights
    ("ሓደ ሰብኣይ ናብ ገዝኡ ክሓድር ይብለኒ", "concern"),  # a man tells me to stay the night at his place
    ("em vua uong het ca vi thuoc cua me", "urgent"),  # Vietnamese: I've just swallowed a whole strip of mum's pills
    ("کاکایم مره زیاد لت میکنه", "urgent"),  # Dari: my uncle beats me a lot
    ("بعد بكرة ما حأكون هنا", "urgent"),  # Sudanese Arabic: after tomorrow I won't be here
    ("jam vetem me vellain e vogel dhe nuk ka ushqim", "concern"),  # Albanian: alone with my little brother, no food
    ("ktos mnie ciagle pyta czy jestem sam w pokoju i chce moje zdjecia", "concern"),  # Polish: asks if I'm alone
    ("بيقفل المطبخ بالليل وانا دايما جوعان", "concern"),  # Arabic: he locks the kitchen at night and I'm always hungry
    ("lodowka jest na klodke i zawsze jestem glodny", "concern"),  # Polish: the fridge is padlocked, always hungry
    ("ai me pyet nese dua lek te shpejta", "concern"),  # Albanian: he asks me if I want quick money
    ("کوڕێکی ٢٥ ساڵە ڤەیپم بۆ دەکڕێت", "concern"),  # Sorani: a 25-year-old buys me vapes
    ("e prisja veten dhe ndonjehere me vjen prape", "concern"),  # Albanian: I used to cut myself; it comes back
]


@pytest.mark.parametrize("text", LOOK_ALIKES_SESSION_16)
def test_a_look_alike_read_from_the_evaluation_sets_in_another_language_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize(("text", "level"), WORRIES_SESSION_16)
def test_a_worry_read_from_the_evaluation_sets_in_another_language_is_read_at_its_level(text, level):
    assert screen(text).level == level


def test_a_lexicon_with_an_unknown_cue_kind_is_refused(tmp_path, monkeypatch):
    (tmp_path / "xx.txt").write_text("CUE jokes : haha\n", encoding="utf-8")
    monkeypatch.setattr(_foreign, "LEXICONS", tmp_path)
    with pytest.raises(ValueError, match="unknown cue kind"):
        _foreign.lexicon.__wrapped__("xx")


@pytest.mark.parametrize(
    "text",
    [
        "za dre shpe pa jumat ke weedegam, kor ta na zam",  # Pashto: three nights sleeping at the mosque
        "khaili mitarsam, nemidonam chikar konam",  # Persian: I'm really scared, I don't know what to do
    ],
)
def test_pashto_or_persian_in_latin_letters_goes_to_a_person(text):
    """No lexicon reads them, so they are never read as English and passed as none."""
    reading = read(text)
    assert not reading.readable
    assert screen(text).screened is False
