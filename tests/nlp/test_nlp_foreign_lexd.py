"""Kinds of mistake in the Arabic, Dari/Farsi, Pashto, Urdu and Sorani lexicons (lexd), and their look-alikes.

Every sentence here was written for these tests (glosses in the comments); none comes from an evaluation set.
False alarms by kind: harm that is past and dealt with, said in everyday words (Sudanese 'هسي', Egyptian
'دلوقتي', Dari 'حالی شکر ده امان استم', Pashto 'ښوونکو ته مې وویل', Urdu 'اب وہ جیل میں ہے', Sorani 'لە کوردستان');
school and exams that 'will kill me'; a school lesson; house rules about the phone; cooking with a knife; a
threat to a friend that adults handle; a relative's invitation. Misses by kind: a marriage arranged; a night
visitor and 'our secret'; a bag not to open or packages to deliver; the belt; told to say 'I fell'; hair pulled
or a hot spoon; left alone without food for days; pills gathered, a letter under the pillow, things given away;
'you're ours now', photos to be sent to everyone; threats to the family back home; nowhere to go tonight.
"""

import pytest
from lexicon_checks import assert_flagged_at_level, assert_quiet

# (text, level, category, language)
KINDS = [
    # Arabic
    # a man in the foster home says it's a secret between him and me
    ("ابن الفوستر بيقلي هاد سر بيني وبينك", "concern", "abuse", "ar"),
    ("جوز خالتي بيفوت على غرفتي بالليل", "concern", "abuse", "ar"),  # my aunt's husband comes into my room at night
    # they'll write my marriage contract to my cousin in the holidays
    ("بالعطلة رح يكتبوا كتابي على ابن خالي", "urgent", "abuse", "ar"),
    ("سمعت امي تحكي عن العرس تبعي وانا عمري ١٤", "concern", "abuse", "ar"),  # mum talks about my wedding, I'm 14
    ("الملكة على ابن عمي بعد رمضان", "urgent", "abuse", "ar"),  # the marriage contract to my cousin after Ramadan
    ("عطوني كيس وقالوا لا تفتحه", "concern", "exploitation", "ar"),  # they gave me a bag and said don't open it
    ("ابوي الفوستر بيشلح الحزام لما يعصب", "urgent", "abuse", "ar"),  # foster dad takes the belt off when angry
    ("قالتلي قولي انك وقعت عالدرج", "concern", "abuse", "ar"),  # she told me to say I fell on the stairs
    ("انا واختي وحدنا بالشقة من يوم الخميس", "urgent", "neglect", "ar"),  # my sister and I alone since Thursday
    ("عم اجمع الحبوب تحت فرشتي", "urgent", "self_harm", "ar"),  # I'm gathering the pills under my mattress
    ("ما حدا رح يلاحظ اذا اختفيت", "concern", "self_harm", "ar"),  # nobody will notice if I disappear
    # he said if I don't work for free he'll hurt my mum
    ("قال اذا ما اشتغلت ببلاش رح يأذي امي", "urgent", "violence", "ar"),
    ("ما عايز ارجع للبيت ده تاني", "urgent", "missing", "ar"),  # I don't want to go back to that house again
    ("امبارح نومت في الحديقة", "urgent", "missing", "ar"),  # yesterday I slept in the park
    ("ولد بالصف قال باجر يطعني", "urgent", "violence", "ar"),  # a boy in class said tomorrow he'll stab me
    # Dari / Farsi
    ("کاکایم میگه ترا به پسر ماما نکاح میکنیم", "urgent", "abuse", "fa"),  # uncle: we'll marry you to your cousin
    ("مادرم زنگ زد گفت بیا نامزاد شو", "concern", "abuse", "fa"),  # mum rang and said come and get engaged
    ("قرص هایمه جمع کدیم زیر توشکم", "urgent", "self_harm", "fa"),  # I've gathered my pills under my mattress
    ("میخواهم خودمه بندازم ده دریا", "concern", "self_harm", "fa"),  # I want to throw myself in the river
    ("یک نامه برتان نوشتم، زیر بالشتم است", "concern", "self_harm", "fa"),  # I wrote you a letter, under my pillow
    ("خانم فاستر با چمچه ده دستم میزنه", "urgent", "abuse", "fa"),  # the foster lady hits my hand with a spoon
    ("موهایمه میکشه وقتی قهر میشه", "concern", "abuse", "fa"),  # she pulls my hair when she's angry
    ("دو روز است که در خانه هیچ نان نیست", "urgent", "neglect", "fa"),  # two days and no bread in the house
    ("میگه این بسته ها ره به چند خانه برسان", "concern", "exploitation", "fa"),  # take these packets to some houses
    ("دستای خوده میبریدم وقتی خیلی غمگین بودم", "concern", "self_harm", "fa"),  # I used to cut my arms when sad
    # a man from the staff comes into my room when the others are asleep
    ("یک مرد از ستاف وقتی بقیه خواب استن به اتاقم میایه", "concern", "abuse", "fa"),
    ("میایه ده اتاقم و در ره قفل میکنه", "urgent", "abuse", "fa"),  # he comes into my room and locks the door
    ("از خانه فاستر بر امدم و دیگه پس نمیرم", "urgent", "missing", "fa"),  # I left the foster home, not going back
    ("قاچاقبر میگه هنوز قرضدارش استم", "concern", "exploitation", "fa"),  # the smuggler says I still owe him
    # Pashto
    ("کاکا مې سوک راکړ", "urgent", "abuse", "ps"),  # my uncle punched me
    ("ترور مې ما وهي", "urgent", "abuse", "ps"),  # my aunt hits me
    ("د فوسټر مور ګرمه اوسپنه زما په لاس لګوي", "urgent", "abuse", "ps"),  # foster mum puts a hot iron on my hand
    ("راته یې وویل ووایه چې ولوېدم", "concern", "abuse", "ps"),  # he told me to say that I fell
    ("هغه سړی زما سینې ته لاس وړي", "urgent", "abuse", "ps"),  # that man touches my chest
    ("زما کوژده له یو بوډا سړي سره ټاکل شوې", "urgent", "abuse", "ps"),  # my engagement to an old man is fixed
    ("هغوی وایي ته زموږ یې", "concern", "exploitation", "ps"),  # they say you're ours
    ("که پولیسو ته ولاړ شې ستا ورور به وژنو", "urgent", "violence", "ps"),  # go to the police and we kill your brother
    ("ځینې مشر هلکان ماته چرس راکوي", "urgent", "exploitation", "ps"),  # some older boys give me hash
    ("د پل پر سر ولاړ یم", "concern", "self_harm", "ps"),  # I'm standing on the bridge
    # Urdu
    ("رشتہ بچپن سے پکا ہے", "concern", "abuse", "ur"),  # the match has been fixed since childhood
    ("گاؤں میں میری شادی ہونی ہے", "urgent", "abuse", "ur"),  # my wedding is to be in the village
    ("میں واپس نہیں جا سکتی", "urgent", "missing", "ur"),  # I can't go back
    ("تین راتیں گھر نہیں گئی", "concern", "missing", "ur"),  # I didn't go home for three nights
    ("میں سب کے لیے بوجھ بن گئی ہوں", "concern", "self_harm", "ur"),  # I've become a burden to everyone
    ("کہتا ہے ورنہ وہ میری ویڈیو سب کو بھیج دے گا", "urgent", "exploitation", "ur"),  # or else he'll send my video
    ("امی کہتی ہیں تم نے گھر کی عزت خراب کر دی", "concern", "abuse", "ur"),  # mum says you ruined the family honour
    ("پھر دیر سے آئے تو بیلٹ کھانی پڑے گی", "urgent", "abuse", "ur"),  # late again and you'll get the belt
    ("بازو پر نیل ہیں جو میں سب سے چھپاتی ہوں", "concern", "abuse", "ur"),  # bruises on my arm I hide from all
    ("کہتے ہیں اب تم ہماری ہو", "urgent", "exploitation", "ur"),  # they say you're ours now
    # my uncle stays the night and says this is between the two of us, our secret
    ("چچا رات کو رکتے ہیں اور کہتے ہیں یہ ہم دونوں کا راز ہے", "urgent", "abuse", "ur"),
    ("تین دن سے گھر میں بجلی نہیں ہے", "urgent", "neglect", "ur"),  # no power in the house for three days
    # Sorani
    ("باوکم دەیەوێت مارەم بکەن لە پیاوێکی گەورە", "urgent", "abuse", "ku"),  # dad wants them to marry me to an old man
    ("دەبێت شوو بە کوڕی خاڵم بکەم", "urgent", "abuse", "ku"),  # I have to marry my uncle's son
    ("کەسێک داوای وێنەم لێدەکات", "concern", "exploitation", "ku"),  # someone keeps asking me for photos
    ("دوێنێ قاپێکی کێشا بە سەرمدا", "urgent", "abuse", "ku"),  # yesterday he smashed a plate on my head
    ("سەرمی دا بە دیوارەکەدا", "urgent", "abuse", "ku"),  # he hit my head against the wall
    ("دایکی فۆستەرم قژم دەکێشێت", "concern", "abuse", "ku"),  # my foster mum pulls my hair
    ("دەمکاتە دەرەوە تا بەیانی", "concern", "abuse", "ku"),  # she puts me outside until morning
    ("کارتی بانکەکەم بردووە و نایداتەوە", "concern", "exploitation", "ku"),  # he took my bank card, won't return it
    ("هەموو جلەکانم بەخشی بە ئامۆزاکەم", "concern", "self_harm", "ku"),  # I gave all my clothes to my cousin
    ("کوڕە گەورەکە دەڵێت با یاریە نهێنیەکەمان بکەین", "concern", "abuse", "ku"),  # the big boy: our secret game
    ("سێ ڕۆژە هیچ خواردنم نیە", "urgent", "neglect", "ku"),  # three days and I have no food
    ("کار دەکەم لە دوکانەکەی و پارەم پێ نادات", "urgent", "exploitation", "ku"),  # I work in his shop, he won't pay
    ("کوڕێک لە پۆلەکەم هەڕەشەم لێدەکات", "concern", "violence", "ku"),  # a boy in my class threatens me
]

QUIET = [
    # Arabic: past and dealt with; school 'killing' me; a cousin's wedding; a sister at the door; a game at night
    "في السودان كان عمي بيضربني، هسي الحمدلله انا في امان مع الفوستر",  # uncle used to beat me; now safe
    "لما كنت صغير ابوي كان يضربني، بس هاد خلص من زمان وحاسس حالي بأمان هون",  # dad used to beat me; over, safe
    "كان جوز امي بيضربني، دلوقتي هو ممنوع يقرب مني بأمر المحكمة",  # stepdad used to beat me; now a court order
    "الواجبات رح تقتلني هالاسبوع",  # the homework will kill me this week
    "الماث هيموتني بكرا 😩",  # maths will kill me tomorrow
    "الاستاذة رح تدبحني اذا نسيت الكتاب",  # the teacher will slaughter me if I forget the book
    "رحنا على عرس ابن عمي بالصيف وكان حلو",  # we went to my cousin's wedding in summer, it was nice
    "اختي بتدخل غرفتي الصبح تصحيني",  # my sister comes into my room in the morning to wake me
    "ما حدا لاحظ اني قصيت شعري",  # nobody noticed I cut my hair
    "انا لحالي بالبيت من امبارح لان اهلي مسافرين عند جدتي",  # home alone since yesterday, family at granny's
    "بيعمل شي لامي بعيد الام",  # he's making something for my mum for Mother's Day
    # Dari / Farsi
    "وقتی از مرز ترکیه رد میشدیم سربازا مره لت و کوب کدن. حالی شکر در امان استم",  # soldiers beat me; safe now
    "پولیس ایران ما ره میزد، به سوشل ورکرم گفتم و حالا آرام استم",  # Iranian police hit us; told my SW, calm now
    "گوشت مرغ ره با کارد تکه کدم",  # I cut the chicken with a knife
    "خواهرم نامزد شد و همه خوش بودیم",  # my sister got engaged and we were all happy
    "خودمه بندازم روی تخت و خواب کنم",  # I'll throw myself on the bed and sleep
    "شبها مادرم به اتاقم میایه و شب بخیر میگه",  # at night my mum comes to my room to say goodnight
    # Pashto
    "پخوا به زما تره ما وهلم، خو سوشل ورکر ته مې وویل او اوس خوندي یم",  # uncle used to hit me; told SW; safe now
    "ما له مور سره کباب جوړ کړ، غوښه مې په چاړه ټوټې کړه",  # I made kebab with mum, cut the meat with a knife
    "خاله مې ماته وايي راشه زموږ کور ته",  # my aunt tells me come to our house
    # Urdu
    "بچپن میں ابو مجھے مارتے تھے، اب وہ جیل میں ہیں اور میں محفوظ ہوں",  # dad used to hit me; in jail, I'm safe
    "کلاس میں سکھایا گیا کہ کوئی زبردستی شادی نہیں کروا سکتا",  # class taught nobody can force a marriage
    "موبائل نیچے رکھنا پڑتا ہے، سب کے لیے یہی رول ہے",  # the phone stays downstairs, that's the rule for all
    "میری شادی اگلے سال ہے، میں بہت خوش ہوں",  # my wedding is next year, I'm very happy
    # Sorani
    "لە ئێران زڕباوکم لێی دەدام، بەڵام ئێستا لێرە سەلامەتم",  # stepdad used to hit me in Iran; safe here now
    "براکەم دەڵێت کوڕێک لە پۆلەکەی هەڕەشەی لێدەکات، مامۆستاکەی ئاگادارە",  # a boy threatens my brother; teacher knows
    "جلە کۆنەکانم بۆ خێرخوازی بەخشی",  # I gave my old clothes to charity
    "یاری فوتبۆڵ دەکەین لە پارک",  # we play football in the park
    "دایکم پارەم پێ نادات",  # my mum doesn't give me money
]


@pytest.mark.parametrize(("text", "level", "category", "language"), KINDS)
def test_each_kind_is_flagged_at_its_level(text, level, category, language):
    assert_flagged_at_level(text, level, category, language)


@pytest.mark.parametrize("text", QUIET)
def test_a_look_alike_stays_quiet(text):
    assert_quiet(text)
