"""Kinds of disclosure read in Sorani, Urdu and Roman Urdu/Punjabi (issue #17): each kind at its level, and the
look-alikes (denials, sport and kitchen injuries, house rules, films and news, idioms, a journey that is over) quiet."""

import pytest

from nlp import screen
from nlp._foreign import read

# Sentences written for these tests (glosses in the comments); none comes from an evaluation set.
# (kind, text, level, category, language reported), the kinds numbered as in the issue:
# 1 a carer or the man in the house hits, with an object, marks   2 left, nowhere to sleep   3 forced marriage
# 4 an older man's gifts, lifts, secrets   5 carrying for others, debts   6 suicide planned   7 emotional abuse
# 8 neglect   9 threats from other young people   10 abuse never told, violence seen at contact
DISCLOSURES = {
    "ku": [
        (1, "دایکی فۆستەرەکەم بە قایش لێم دەدات", "urgent", "abuse", "ku"),  # my foster mum hits me with a belt
        (1, "ستافەکە زللەیەکی لێدام و پاڵی پێوەنام", "urgent", "abuse", "ku"),  # the staff member slapped and pushed me
        # my carer hit me with a charger wire and my arm is bruised
        (1, "کەیەرەرەکەم بە وایەری چارجەر لێی دام و قۆڵم شین بووەتەوە", "urgent", "abuse", "ku"),
        (1, "مامم قۆڵم زۆر توند دەگوشێت و ئازارم دەدات", "urgent", "abuse", "ku"),  # my uncle squeezes my arm, hurts me
        (1, "جێگای لێدانەکە هێشتا لەسەر پشتم ماوە", "urgent", "abuse", "ku"),  # the beating's mark is still on my back
        # the staff slapped me, typed without Sorani letters (so the script looks Persian; the Sorani lexicon reads it)
        (1, "ستافه که زلله ی لیدام", "urgent", "abuse", "fa"),
        (2, "دوێنێ شەو لە وێستگەی شەمەندەفەر خەوتم", "urgent", "missing", "ku"),  # I slept at the train station
        (2, "لە ماڵی پیاوێک کە نایناسم دەخەوم", "urgent", "missing", "ku"),  # I sleep at a man's I don't know
        (2, "لە هۆستێلەکە هاتمە دەرەوە و ناچمەوە", "urgent", "missing", "ku"),  # I left the hostel and won't go back
        (2, "ئەمشەو نازانم بچمە کوێ", "urgent", "missing", "ku"),  # tonight I don't know where to go
        # dad bought me a ticket; in the summer they take me back to Kurdistan to marry me off
        (3, "باوکم بلیتی بۆ کڕیوم، هاوین دەمبەنەوە کوردستان بۆ ئەوەی شووم پێ بکەن", "urgent", "abuse", "ku"),
        (3, "دەیانەوێت بە زۆر بە شووم بدەن بە ئامۆزاکەم", "urgent", "abuse", "ku"),  # to marry me by force to my cousin
        (3, "مارەیان بڕیوم بێ ئەوەی لێم بپرسن", "urgent", "abuse", "ku"),  # they did my nikah without asking me
        # my father has hidden my passport so that they can take me back in the summer
        (3, "باوکم پاسپۆرتەکەمی شاردۆتەوە بۆ ئەوەی هاوین بمبەنەوە", "concern", "abuse", "ku"),
        # an older man bought me a phone and says don't tell anyone
        (4, "پیاوێکی گەورە مۆبایلێکی بۆ کڕیوم و دەڵێت بە کەس مەڵێ", "concern", "exploitation", "ku"),
        (4, "پیاوێکی گەورە دیاری و ڤۆدکام پێدەدات", "urgent", "exploitation", "ku"),  # he gives me gifts and vodka
        # an older man gives me money and says I should go to his flat at night
        (4, "پیاوێکی گەورە پارەم دەداتێ و دەڵێت شەوانە بچم بۆ فلاتەکەی", "urgent", "exploitation", "ku"),
        # I carry bags between the shops and they give me money
        (5, "جانتا لە نێوان دوکانەکان دەبەم و پارەم دەدەنێ", "urgent", "exploitation", "ku"),
        (5, "مۆبایلێکی دووەمیان پێداوم بۆ کارەکە", "concern", "exploitation", "ku"),  # a second phone for the work
        # I work unpaid in his restaurant to pay back the cost of bringing me to Britain
        (
            5,
            "بێ پارە لە چێشتخانەکەی کار دەکەم بۆ ئەوەی پارەی هێنانم بۆ بەریتانیا بدەمەوە",
            "concern",
            "exploitation",
            "ku",
        ),
        (5, "ناچارم دەکەن گیا بفرۆشم", "urgent", "exploitation", "ku"),  # they make me sell weed
        # I've got my tablets ready, tonight everything ends
        (6, "حەبەکانم ئامادە کردووە، ئەمشەو هەموو شتێک کۆتایی دێت", "urgent", "self_harm", "ku"),
        (6, "نامەوێت بەیانی بێدار ببمەوە", "urgent", "self_harm", "ku"),  # I don't want to wake up tomorrow
        (6, "بیر لەوە دەکەمەوە خۆم لە پردەکە فڕێ بدەم", "urgent", "self_harm", "ku"),  # to throw myself off the bridge
        # if I'm not here tomorrow give my phone to my brother
        (6, "ئەگەر سبەی لێرە نەبووم مۆبایلەکەم بدەن بە براکەم", "urgent", "self_harm", "ku"),
        (7, "فۆستەرەکەم دەڵێت تۆ تەنها لەبەر پارە لێرەیت", "concern", "abuse", "ku"),  # you're only here for the money
        # mum tells me you're our disgrace, if only you'd never been born
        (7, "دایکم پێم دەڵێت تۆ شەرمەزاری ئێمەیت و خۆزگە لەدایک نەبوویتایە", "concern", "abuse", "ku"),
        (7, "ستافەکە پێم دەڵێت پەنابەری پیس", "concern", "abuse", "ku"),  # the staff member calls me a dirty refugee
        (7, "دەڵێت دەتنێرمەوە وڵاتەکەت", "concern", "abuse", "ku"),  # she says I'll send you back to your country
        (7, "ستافەکە بە ڕەنگی پێستم گاڵتەم پێ دەکات", "concern", "abuse", "ku"),  # the staff mock my skin colour
        # they don't give me food and I go to school hungry
        (8, "خواردنم پێ نادەن و بە برسێتی دەچمە قوتابخانە", "concern", "neglect", "ku"),
        # they don't put the heater on, I shiver with cold in my room
        (8, "هیتەر ناکەنەوە و لە ژوورەکەم لە سەرما دەلەرزم", "concern", "neglect", "ku"),
        (8, "جلی زستانم نییە و پێڵاوەکانم دڕاون", "concern", "neglect", "ku"),  # no winter clothes, my shoes are torn
        (9, "کوڕەکانی پۆلەکە دەڵێن سبەی لێت دەدەین", "urgent", "violence", "ku"),  # tomorrow we'll beat you
        (9, "چەقۆیەکی پیشان دام لە دەرەوەی کۆلێژ", "urgent", "violence", "ku"),  # he showed me a knife outside college
        # I'm scared, the older boys wait for me outside college every day
        (9, "دەترسم، کوڕە گەورەکان هەموو ڕۆژێک لە دەرەوەی کۆلێژ چاوەڕێم دەکەن", "concern", "violence", "ku"),
        # when I was a child my uncle touched my private parts and nobody knows
        (10, "کاتێک منداڵ بووم مامم دەستی لە شوێنی تایبەتم دەدا و کەس نازانێت", "concern", "abuse", "ku"),
        (10, "هیچ کەس نازانێت چی بەسەرم هات", "concern", "abuse", "ku"),  # nobody knows what happened to me
        (10, "باوکم لە کۆنتاکتدا دایکمی لێدا", "concern", "abuse", "ku"),  # at contact my father hit my mother
    ],
    "ur": [
        (1, "میری فوسٹر ماں مجھے بیلٹ سے مارتی ہے", "urgent", "abuse", "ur"),  # my foster mum hits me with a belt
        # the carer hit me with a charger cable and my arm is bruised
        (1, "کیئرر نے چارجر کی تار سے مارا اور بازو پر نیل پڑ گئے", "urgent", "abuse", "ur"),
        # the man who lives in the house pushes me and squeezes me hard
        (1, "گھر میں رہنے والا آدمی مجھے دھکا دیتا ہے اور زور سے دباتا ہے", "urgent", "abuse", "ur"),
        (1, "اسٹاف والے نے تھپڑ مارا", "urgent", "abuse", "ur"),  # the staff member slapped me
        (1, "چچا نے میرا گلا دبایا", "urgent", "abuse", "ur"),  # my uncle choked me
        (2, "آج رات سونے کے لیے کوئی جگہ نہیں ہے", "urgent", "missing", "ur"),  # nowhere to sleep tonight
        (2, "کل رات ریلوے اسٹیشن پر سویا", "urgent", "missing", "ur"),  # last night I slept at the railway station
        (2, "ایک انجان آدمی کے گھر رات گزاری", "urgent", "missing", "ur"),  # I spent the night at a stranger's house
        # I left the hostel, I'm never going back
        (2, "میں ہاسٹل چھوڑ کر چلا گیا ہوں، اب کبھی واپس نہیں جاؤں گا", "urgent", "missing", "ur"),
        # dad has bought tickets; in the summer they'll take me to Pakistan and marry me off
        (3, "ابو نے ٹکٹ خرید لیے ہیں، گرمیوں میں پاکستان لے جا کر میری شادی کر دیں گے", "urgent", "abuse", "ur"),
        (3, "میرا نکاح کزن سے طے کر دیا ہے", "urgent", "abuse", "ur"),  # my nikah with my cousin has been fixed
        # in the summer holidays they'll take me to the village to be married
        (3, "گرمیوں کی چھٹیوں میں مجھے شادی کے لیے گاؤں لے جائیں گے", "urgent", "abuse", "ur"),
        (3, "ابو نے میرا پاسپورٹ چھپا دیا ہے", "concern", "abuse", "ur"),  # dad has hidden my passport
        # an older man gives me money and a new phone and says don't tell anyone
        (4, "ایک بڑا آدمی مجھے پیسے اور نیا فون دیتا ہے اور کہتا ہے کسی کو مت بتانا", "concern", "exploitation", "ur"),
        (4, "وہ آدمی مجھے شراب پلاتا ہے", "urgent", "exploitation", "ur"),  # that man gives me alcohol
        (4, "کہتا ہے رات کو میرے گھر آ جانا", "urgent", "exploitation", "ur"),  # he says come to my house at night
        # for money I take packets from one city to another
        (5, "میں پیسوں کے لیے ایک شہر سے دوسرے شہر پیکٹ لے کر جاتا ہوں", "urgent", "exploitation", "ur"),
        (5, "انہوں نے مجھے ایک دوسرا فون دیا ہے", "concern", "exploitation", "ur"),  # they have given me a second phone
        # I have to work without pay to pay off the cost of bringing me here
        (5, "مجھے یہاں لانے کا خرچہ اتارنے کے لیے بغیر تنخواہ کے کام کرنا پڑتا ہے", "concern", "exploitation", "ur"),
        (5, "وہ مجھے نشہ بیچنے کے لیے بھیجتے ہیں", "urgent", "exploitation", "ur"),  # they send me to sell drugs
        # I've saved up tablets, tonight it will all be over
        (6, "میں نے گولیاں جمع کر کے رکھی ہیں، آج رات سب ختم ہو جائے گا", "urgent", "self_harm", "ur"),
        (6, "صبح اٹھنا ہی نہیں چاہتا", "urgent", "self_harm", "ur"),  # I don't want to wake up at all
        (6, "پل سے چھلانگ لگا دوں گا", "urgent", "self_harm", "ur"),  # I'll jump off the bridge
        # if I'm not here tomorrow give my phone to my brother
        (6, "اگر کل میں یہاں نہ رہوں تو میرا فون میرے بھائی کو دے دینا", "urgent", "self_harm", "ur"),
        # my foster mum says you're only here for the money
        (7, "فوسٹر ماں کہتی ہے تم یہاں صرف پیسوں کے لیے ہو", "concern", "abuse", "ur"),
        # dad says you're our disgrace, if only you'd never been born
        (7, "ابو کہتے ہیں تم ہماری بدنامی ہو، کاش تم پیدا ہی نہ ہوتے", "concern", "abuse", "ur"),
        (7, "کیئرر مجھے پاکی اور کالا کہتی ہے", "concern", "abuse", "ur"),  # the carer calls me racist names
        # she threatens to send me back to Pakistan
        (7, "وہ دھمکی دیتی ہے کہ تمہیں واپس پاکستان بھیج دوں گی", "concern", "abuse", "ur"),
        (8, "ناشتہ بھی نہیں ملتا", "concern", "neglect", "ur"),  # I don't even get breakfast
        (8, "سردیوں میں ہیٹنگ بند رکھتے ہیں", "concern", "neglect", "ur"),  # in winter they keep the heating off
        (8, "میرے پاس سردیوں کے کپڑے اور جوتے نہیں ہیں", "concern", "neglect", "ur"),  # no winter clothes or shoes
        # the boys at school say tomorrow we'll beat you
        (9, "اسکول کے لڑکے کہتے ہیں کل تمہیں ماریں گے", "urgent", "violence", "ur"),
        (9, "اس نے بلیڈ دکھا کر کہا کل دیکھ لیں گے", "urgent", "violence", "ur"),  # he showed a blade, said tomorrow
        # a group of boys waits for me outside college
        (9, "لڑکوں کا گروپ کالج کے باہر میرا انتظار کرتا ہے", "concern", "violence", "ur"),
        # I never told anyone that my uncle used to hit me
        (10, "میں نے کبھی کسی کو نہیں بتایا کہ چچا مجھے مارتے تھے", "concern", "abuse", "ur"),
        # as a child my uncle did something wrong to me, nobody knows
        (10, "بچپن میں ماموں نے میرے ساتھ غلط کام کیا، کسی کو نہیں پتا", "concern", "abuse", "ur"),
        (10, "ملاقات کے دوران ابو نے امی کو تھپڑ مارا", "concern", "abuse", "ur"),  # at contact dad slapped mum
        (10, "کانٹیکٹ پر ابو امی کو مارتے ہیں", "concern", "abuse", "ur"),  # at contact dad hits mum
    ],
    "ur-latn": [
        (1, "meri foster mum mujhe belt se maarti hai", "urgent", "abuse", "ur"),  # my foster mum hits me with a belt
        # the carer hit me with a charger wire, now there are bruises on my back
        (1, "carer ne mujhe charger ki wire se mara, ab meri kamar pe neel hain", "urgent", "abuse", "ur"),
        # the staff member pushes me and squeezes me hard
        (1, "staff wala mujhe dhakka deta hai aur zor se dabata hai", "urgent", "abuse", "ur"),
        (1, "stepdad ne mera gala dabaya, mujhe saans nahi aayi", "urgent", "abuse", "ur"),  # he choked me
        # (Pb) the man beats me with a slipper
        (1, "ghar wala banda mainu chapal naal kutda ae", "urgent", "abuse", "pa"),
        # I hide the bruises on my arm so nobody sees, I'm ashamed
        (1, "main apne bazu ke neel chhupata hun taake koi na dekhe, mujhe sharam aati hai", "concern", "abuse", "ur"),
        (2, "aaj raat sone ke liye koi jagah nahi", "urgent", "missing", "ur"),  # nowhere to sleep tonight
        # last night I slept at the station because I don't want to go home
        (2, "kal raat main station pe soya kyunki mujhe ghar nahi jana", "urgent", "missing", "ur"),
        # these days I sleep at a stranger's house, I'm very scared
        (2, "aaj kal main ek anjaan bande ke ghar so raha hun, mujhe bohat dar lagta hai", "urgent", "missing", "ur"),
        # I left the hostel and I'm never going back
        (2, "main hostel chhod ke aa gaya, wapas kabhi nahi jaunga", "urgent", "missing", "ur"),
        (2, "ajj raat mainu saun layi koi thaan nahi", "urgent", "missing", "ur"),  # (Pb) nowhere to sleep tonight
        # dad has bought tickets; in the summer they'll take me to Pakistan and marry me off
        (
            3,
            "abbu ne tickets le liye hain, garmiyon mein pakistan le ja ke meri shaadi karwa denge",
            "urgent",
            "abuse",
            "ur",
        ),
        # dad fixed my nikah with my cousin and didn't ask me
        (3, "abbu ne mera nikah cousin se tay kar diya hai aur mujhe nahi pucha", "urgent", "abuse", "ur"),
        # (Pb) they want to take me to Pakistan and marry me off, I don't want it
        (3, "oh menu pakistan le ja ke mera viah kar dena chahunde ne, main nahi chahundi", "urgent", "abuse", "ur"),
        (3, "abbu ne mera passport chhupa diya hai", "concern", "abuse", "ur"),  # dad has hidden my passport
        # an uncle buys me a new phone and says tell nobody, it's our secret
        (
            4,
            "ek uncle mujhe naya phone le ke deta hai aur kehta hai kisi ko na batana, yeh mera aur uska raaz hai",
            "concern",
            "exploitation",
            "ur",
        ),
        # that man gives me alcohol and takes my photos
        (4, "woh aadmi mujhe sharab pilata hai aur meri photos leta hai", "urgent", "exploitation", "ur"),
        # he tells me come to my house at night, what do I do
        (4, "woh mujhe kehta hai raat ko mere ghar aa jana, main kya karun", "urgent", "exploitation", "ur"),
        # (Pb) that man gives me booze and says don't tell anyone
        (
            4,
            "oh banda mainu daaru pilaunda te kehnda kise nu na dassin, mainu dar lagda",
            "urgent",
            "exploitation",
            "pa",
        ),
        # for money I have to take a bag from one city to another
        (
            5,
            "mujhe paison ke liye ek sheher se dusre sheher bag le ke jaana parta hai aur mujhe bohat dar lagta hai",
            "urgent",
            "exploitation",
            "ur",
        ),
        # they gave me a second phone for the work, not my own
        (5, "unhon ne mujhe ek doosra phone diya hai kaam ke liye, mera apna nahi", "concern", "exploitation", "ur"),
        # they say you owe us, I'm very scared
        (5, "woh kehte hain tum humare qarzdar ho, mujhe bohat dar lagta hai", "concern", "exploitation", "ur"),
        # I have to work unpaid to pay off the cost of bringing me here
        (
            5,
            "mujhe yahan laane ka kharcha utaarne ke liye bina tankhwah kaam karna parta hai, mujhe koi paise nahi milte",
            "concern",
            "exploitation",
            "ur",
        ),
        (5, "woh mujhe weed bechne ke liye bhejte hain", "urgent", "exploitation", "ur"),  # they send me to sell weed
        # I've saved up tablets, tonight it all ends, forgive me
        (
            6,
            "maine goliyan jama kar li hain, aaj raat sab khatam ho jayega, mujhe maaf karna",
            "urgent",
            "self_harm",
            "ur",
        ),
        (6, "subah uthna hi nahi chahta", "urgent", "self_harm", "ur"),  # I don't want to wake up at all
        # if I'm not here tomorrow give my phone to my brother
        (6, "agar kal main yahan na raha to mera phone mere bhai ko de dena", "urgent", "self_harm", "ur"),
        (6, "mera jee nahi karda jeen nu", "urgent", "self_harm", "ur"),  # (Pb) I don't feel like living
        # my foster mum tells me you're only here for the money
        (7, "meri foster mum mujhe kehti hai tum yahan sirf paison ke liye ho", "concern", "abuse", "ur"),
        # dad says you're our disgrace, if only you'd never been born
        (7, "abbu kehte hain tum hamari badnami ho, kaash tum paida hi na hote", "concern", "abuse", "ur"),
        (7, "meri carer mujhe paki bulati hai", "concern", "abuse", "ur"),  # my carer calls me a racist name
        # (Pb) she tells me you're only here for the money
        (7, "oh mainu kehndi ae tu ithe sirf paisyan layi ae, mainu bura lagda", "concern", "abuse", "pa"),
        # she threatens to send me back to Pakistan
        (7, "woh mujhe dhamki deti hai ke tumhe wapis pakistan bhej dungi", "concern", "abuse", "ur"),
        (8, "nashta bhi nahi milta", "concern", "neglect", "ur"),  # I don't even get breakfast
        # they keep the heating off and the room is very cold
        (8, "heating band rakhte hain aur kamra bohat thanda hai", "concern", "neglect", "ur"),
        (8, "mere paas sardi ke kapre aur joote nahi hain", "concern", "neglect", "ur"),  # no winter clothes or shoes
        # (Pb) they don't give me food, I go to school hungry
        (8, "mainu roti nahi dende, bhukha school janda haan", "concern", "neglect", "pa"),
        # the boys at school tell me tomorrow we'll beat you
        (9, "school ke larke mujhe kehte hain kal tujhe maarenge", "urgent", "violence", "ur"),
        (9, "usne mujhe blade dikhaya aur mera phone maanga", "urgent", "violence", "ur"),  # showed me a blade
        # a group of boys waits for me outside college
        (9, "larkon ka group college ke bahar mera wait karta hai", "concern", "violence", "ur"),
        # (Pb) the boys at school say tomorrow we'll beat you
        (9, "school de munde mainu kehnde ne kal tenu kuttange, mainu bahut dar lagda", "urgent", "violence", "pa"),
        # as a child my uncle did something wrong to me, to this day nobody knows
        (
            10,
            "bachpan mein mamu ne mere saath galat kaam kiya, aaj tak kisi ko nahi pata, mujhe sharam aati hai",
            "concern",
            "abuse",
            "ur",
        ),
        # I never told anyone that my uncle used to hit me
        (10, "maine kabhi kisi ko nahi bataya ke chacha mujhe maarte the", "concern", "abuse", "ur"),
        # at contact dad slapped mum, I was very scared
        (10, "contact pe abbu ne ammi ko thappar maara, mujhe bohat dar laga", "concern", "abuse", "ur"),
    ],
}

LOOK_ALIKES = {
    "ku": [
        "هیچ کەس لێم نادات، فۆستەرەکەم زۆر باشە",  # nobody hits me, my foster carer is very good
        "لە یانەی بۆکسین قۆڵم شین بووەتەوە",  # my arm got bruised at the boxing club
        "قۆڵم شین بووەتەوە چونکە لە پایسکیل کەوتم",  # my arm is bruised because I fell off my bike
        "لە چێشتخانەکە دەستم بە چەقۆ بڕی",  # I cut my hand with a knife in the kitchen
        "چەقۆکان بۆ هەمووان لە دۆڵابێکی قفڵدا دادەنرێن",  # the knives are kept in a locked cupboard for everyone
        # the doors are locked at night for everyone and the phones are taken at ten
        "دەرگاکان شەوانە بۆ هەمووان قفڵ دەکرێن و مۆبایلەکان کاتژمێر دە وەردەگیرێن",
        "لە فیلمەکەدا پیاوەکە بە قایش لە کوڕەکەی دەدات",  # in the film the man hits his son with a belt
        "هەواڵەکان باسی چەقۆکێشان دەکەن لە لەندەن",  # the news talks about stabbings in London
        "لە پێکەنیندا مردم",  # I died laughing
        # on the way the smugglers beat us, but now I'm fine and I have a lawyer
        "لە ڕێگا قاچاخچییەکان لێیان دەداین، بەڵام ئێستا باشم و پارێزەرێکم هەیە",
        "هاوین دەچینەوە کوردستان بۆ زەماوەندی ئامۆزام",  # in the summer we go back for my cousin's wedding
        "ئەمشەو دەچم بۆ ماڵی نەنکم",  # tonight I'm going to my grandmother's
        "بە کەس مەڵێ بەڵام من حەزم لەو کچەیە",  # don't tell anyone, but I like that girl
        "نامەوێت بەیانی زوو هەستمەوە بۆ قوتابخانە",  # I don't want to get up early for school
    ],
    "ur": [
        "مجھے کوئی نہیں مارتا، میرے فوسٹر والدین بہت اچھے ہیں",  # nobody hits me, my foster parents are very good
        "باکسنگ میں میری آنکھ پر نیل پڑ گیا",  # I got a bruise by my eye at boxing
        "باکسنگ میں وہ مجھے مکے مارتا ہے، یہ پریکٹس ہے",  # at boxing he punches me, it's practice
        "کچن میں سبزی کاٹتے ہوئے چھری سے ہاتھ کٹ گیا",  # I cut my hand on a knife chopping vegetables
        "چھریاں سب کے لیے تالے میں رکھی جاتی ہیں",  # the knives are locked away for everyone
        # at night the doors are shut for everyone and the phones are taken at ten
        "رات کو سب کے لیے دروازے بند ہوتے ہیں اور دس بجے فون لے لیتے ہیں",
        "ڈرامے میں شوہر بیوی کو مارتا ہے",  # in the drama the husband hits his wife
        "خبروں میں ایک لڑکے کو چھری ماری گئی",  # in the news a boy was stabbed
        "میں بوریت سے مر جاؤں گا",  # I'll die of boredom
        # on the way the smugglers hit us, but now I'm safe and a lawyer has my case
        "راستے میں اسمگلروں نے ہمیں مارا تھا لیکن اب میں محفوظ ہوں اور وکیل میرا کیس دیکھ رہا ہے",
        "ہم گرمیوں میں پاکستان کزن کی شادی پر جا رہے ہیں",  # in the summer we're going to a cousin's wedding
        "ابو نے مجھے نیا فون لے کر دیا",  # dad bought me a new phone
        "کسی کو مت بتانا لیکن مجھے وہ لڑکی پسند ہے",  # don't tell anyone, but I like that girl
        "صبح جلدی اٹھنا نہیں چاہتا",  # I don't want to get up early
    ],
    "ur-latn": [
        "mujhe koi nahi maarta, foster family bohat achi hai",  # nobody hits me, my foster family is very good
        "boxing mein punch laga aur aankh pe neel par gaya",  # got punched at boxing and bruised by my eye
        "woh boxing mein mujhe punch maarta hai practice mein",  # he punches me at boxing practice
        "kitchen mein sabzi kaatte hue chhuri se meri ungli kat gayi",  # I cut my finger chopping vegetables
        "chhuriyan sab ke liye lock mein rakhi jati hain, mujhe theek lagta hai",  # knives locked for all, fine by me
        # the doors are locked at night for everyone and phones are taken at 10, no problem for me
        "raat ko sab ke liye darwaze lock hote hain aur 10 baje phone le lete hain, mujhe koi masla nahi",
        "movie mein ek aadmi apni biwi ko maarta hai, mujhe acha nahi laga",  # in a film a man hits his wife
        "main bore ho ke mar jaunga",  # I'll die of boredom
        # on the way people hit us, but now I'm safe and a lawyer has my case
        "raste mein logon ne humein maara tha lekin ab main safe hun, lawyer mera case dekh raha hai",
        "hum garmiyon mein pakistan cousin ki shaadi pe ja rahe hain",  # we're going to a cousin's wedding
        "mera uncle mujhe eid pe paise deta hai",  # my uncle gives me money at Eid
        "mera bhai roz mujhe lift deta hai",  # my brother gives me a lift every day
        "subah school ke liye uthna mujhe acha nahi lagta",  # I don't like getting up for school
        # my uncle used to hit me but the police dealt with it and now I'm safe
        "pehle mere chacha mujhe maarte the lekin ab police ne handle kiya aur main safe hun",
    ],
}


@pytest.mark.parametrize(
    ("kind", "text", "level", "category", "language"),
    [row for rows in DISCLOSURES.values() for row in rows],
)
def test_each_kind_is_read_at_its_level(kind, text, level, category, language):
    result = screen(text)
    assert (result.level, result.screened) == (level, True), (kind, result.level, result.categories)
    assert category in result.categories, (kind, result.categories)
    assert language in read(text).languages


@pytest.mark.parametrize("text", [text for texts in LOOK_ALIKES.values() for text in texts])
def test_a_look_alike_is_not_flagged(text):
    result = screen(text)
    assert result.level == "none", (result.level, result.categories, result.triggers)


@pytest.mark.parametrize("lexicon", sorted(DISCLOSURES))
def test_every_kind_and_five_look_alikes_are_written_for_each_lexicon(lexicon):
    assert {row[0] for row in DISCLOSURES[lexicon]} == set(range(1, 11))
    assert len(LOOK_ALIKES[lexicon]) >= 5
