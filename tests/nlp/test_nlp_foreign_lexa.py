"""Kinds of disclosure in Arabic, Dari/Farsi and Pashto (issue #17), read by kind: each kind at its level, and the
look-alikes (denials, sport and kitchen injuries, house rules, films, idioms, harm on the journey that is over)
left quiet. Every sentence is written for these tests in the ways young people type (colloquial forms, missing
letters, loanwords such as 'foster', 'staff', 'hostel'); none comes from an evaluation set. Glosses in comments,
with the kind of issue #17 in brackets."""

import pytest

from nlp import screen
from nlp._foreign import read

# (text, level, category)
ARABIC = [
    # 1. a carer, foster parent, staff member or a man in the house who hits, pushes or squeezes, with objects
    # foster mum hit me with the charger, marks on my arm
    ("الفوستر ماما ضربتني بالشاحن وعندي علامات على ايدي", "urgent", "abuse"),
    ("الكيرر بيضربني بالقشاط كل ما يعصب", "urgent", "abuse"),  # the carer beats me with the belt whenever he's angry
    ("الستاف بالهوستيل دفشني عالحيط", "urgent", "abuse"),  # the staff at the hostel pushed me into the wall
    ("عمي بيطقني بالعصا", "urgent", "abuse"),  # (Gulf/Iraqi) my uncle hits me with the stick
    ("زوج امي كفخني على راسي امبارح", "urgent", "abuse"),  # my stepfather smacked me on the head yesterday
    ("جوز امي بيزقني وبيشد شعري", "urgent", "abuse"),  # (Egyptian) my stepfather shoves me and pulls my hair
    # the man living with us grabbed my neck, choked me
    ("الرجال اللي ساكن معنا مسكني من رقبتي وخنقني", "urgent", "abuse"),
    ("ضهري كله ازرق من حزام الفوستر", "urgent", "abuse"),  # my back is all blue from the foster carer's belt
    ("في كدمات على رجلي من الكبل اللي ضربني فيه", "urgent", "abuse"),  # bruises on my leg from the cable he hit me with
    ("انضربت من الفوستر دادي مبارح", "urgent", "abuse"),  # I got beaten by foster dad yesterday
    ("المشرف لطشني كف قوي", "urgent", "abuse"),  # the supervisor gave me a hard slap
    ("مرت ابوي بتضربني بالشبشب", "urgent", "abuse"),  # my stepmother hits me with the slipper
    ("يضربونني في البيت كل يوم", "urgent", "abuse"),  # (MSA) they beat me at home every day
    # she hit me with the charger wire, marks on my back
    ("ضربتني بشريط الشاحن وصار عندي اثار على ضهري", "urgent", "abuse"),
    ("عمو اللي عايش معنا بيلبطني", "urgent", "abuse"),  # the man who lives with us kicks me
    ("الفوستر بتعصرلي ايدي لحد ما توجعني", "concern", "abuse"),  # the foster carer squeezes my arm until it hurts
    # 2. leaving and not going back; nowhere to sleep; sleeping at a station, a park, a stranger's
    ("طلعت من البيت وما رجعت من يومين", "urgent", "missing"),  # I left the house and haven't gone back for two days
    ("ما عندي وين نام الليلة", "urgent", "missing"),  # I've nowhere to sleep tonight
    ("ماكو مكان انام بيه الليلة", "urgent", "missing"),  # (Iraqi) there's no place for me to sleep tonight
    ("نمت بالمحطة مبارح", "urgent", "missing"),  # I slept at the station yesterday
    ("بت بالشارع امبارح", "urgent", "missing"),  # I spent the night on the street yesterday
    ("رح نام عند واحد ما بعرفه الليلة", "urgent", "missing"),  # I'll sleep at someone I don't know tonight
    ("ما ادري وين انام الليلة", "urgent", "missing"),  # (Gulf) I don't know where I'll sleep tonight
    ("مو راجع عالهوستيل ابدا", "urgent", "missing"),  # I'm never going back to the hostel
    ("ما بدي ارجع عالبيت بعد اليوم", "urgent", "missing"),  # I don't want to go back home after today
    # 3. forced marriage: tickets, the summer 'home', the passport, a nikah
    ("اهلي بدهم يزوجوني بالصيف", "urgent", "abuse"),  # my family want to marry me off in the summer
    # they booked me a ticket to Syria to marry my cousin
    ("حجزولي تذكرة على سوريا عشان اتزوج ابن عمي", "urgent", "abuse"),
    ("ابوي رح ياخدني عالبلد بالصيف مشان اتزوج", "urgent", "abuse"),  # dad will take me home in summer so I get married
    # they took my passport so I can't refuse the marriage
    ("اخدوا جواز سفري عشان ما اقدر ارفض الزواج", "urgent", "abuse"),
    ("بيجبروني اتجوز واحد كبير", "urgent", "abuse"),  # (Egyptian) they're forcing me to marry an older man
    # they've arranged a nikah for me with my cousin in the holiday
    ("رتبولي نكاح مع ابن خالي بالعطلة", "urgent", "abuse"),
    ("ابوي اخذ الباسبور تبعي وخباه", "concern", "abuse"),  # dad took my passport and hid it
    # 4. an older man's money, phone, drink, lifts; 'come to mine at night'; 'don't tell anyone'
    ("في رجال كبير بيعطيني مصاري وموبايل", "urgent", "exploitation"),  # an older man gives me money and a phone
    ("واحد كبير بيجبلي سجاير وبيرة", "urgent", "exploitation"),  # an older guy brings me cigarettes and beer
    # a man of thirty drives me in his car every day
    ("زلمة عمره تلاتين بيوصلني بسيارته كل يوم", "urgent", "exploitation"),
    ("قلي تعي لعندي بالليل", "urgent", "exploitation"),  # he told me come to mine at night
    ("قلي هاد سر بيناتنا وما تحكي لحدا", "concern", "exploitation"),  # he said it's our secret, don't tell anyone
    ("شب كبير انطاني حبوب وفلوس", "urgent", "exploitation"),  # (Iraqi) an older lad gave me pills and money
    # 5. carrying for money, a second phone, 'you owe us', unpaid work for the journey, sent to sell
    # £50 each time I take a bag shop to shop
    ("بيعطوني خمسين باوند كل مرة بوصل شنطة من محل لمحل", "urgent", "exploitation"),
    # they send me to another city to carry packets
    ("بيبعتوني على مدينة تانية احمل باكيتات", "urgent", "exploitation"),
    ("عطوني تلفون تاني ما حدا بيعرف عنه", "concern", "exploitation"),  # they gave me a second phone nobody knows about
    ("قالولي انت مديون النا ولازم تدفع", "concern", "exploitation"),  # they told me you owe us and must pay
    ("بشتغل ببلاش عشان ادفع حق التهريب", "urgent", "exploitation"),  # I work for nothing to pay for the smuggling
    ("بيبعتوني ابيع حشيش بالمدينة", "urgent", "exploitation"),  # they send me to sell weed in the city
    # unpaid in the restaurant for my debt
    ("عم اشتغل بالمطعم وما بيدفعولي مشان الدين اللي علي", "urgent", "exploitation"),
    # 6. suicide: tablets ready, tonight it ends, not waking up, a bridge, a goodbye
    ("الحبوب جاهزة تحت مخدتي", "urgent", "self_harm"),  # the tablets are ready under my pillow
    ("الليلة كل شي رح يخلص", "urgent", "self_harm"),  # tonight everything will end
    ("ما بدي اصحى بكرا", "urgent", "self_harm"),  # I don't want to wake up tomorrow
    ("بدي ارمي حالي من فوق الجسر", "urgent", "self_harm"),  # I want to throw myself off the bridge
    # if I'm not here tomorrow give my phone to my brother
    ("اذا ما كنت موجود بكرا اعطوا تلفوني لاخوي", "urgent", "self_harm"),
    ("رح ابلع علبة البنادول كلها", "urgent", "self_harm"),  # I'll swallow the whole box of paracetamol
    ("هاد اخر يوم بحياتي", "urgent", "self_harm"),  # this is the last day of my life
    ("بدي اكب حالي قدام القطار", "urgent", "self_harm"),  # I want to throw myself in front of the train
    # 7. only here for the money, our disgrace, never born, racist names, threats to send back
    ("بتقلي انت هون بس مشان المصاري", "concern", "abuse"),  # she tells me you're only here for the money
    ("ابوي بيقلي انت عارنا", "concern", "abuse"),  # dad tells me you're our disgrace
    ("امي قالتلي ياريتك ما انولدت", "concern", "abuse"),  # mum told me I wish you'd never been born
    ("الفوستر بتناديني يا عبدة", "concern", "abuse"),  # the foster carer calls me 'slave' (racist)
    ("بيقولي انت لاجئ وسخ", "concern", "abuse"),  # he says you're a dirty refugee
    ("رح نرجعك عالسودان اذا ما سمعت الكلام", "concern", "abuse"),  # we'll send you back to Sudan if you don't obey
    ("بيهددوني يرجعوني على سوريا", "concern", "abuse"),  # they threaten to send me back to Syria
    # 8. no food, hungry at school, no heating, no clothes
    ("ما بيعطوني اكل بالبيت", "concern", "neglect"),  # they don't give me food at home
    ("بروح عالمدرسة جوعان كل يوم", "concern", "neglect"),  # I go to school hungry every day
    ("ما في تدفئة بغرفتي والشوفاج مطفي", "concern", "neglect"),  # no heating in my room, the radiator is off
    ("ما عندي تياب للشتي", "concern", "neglect"),  # I've no clothes for winter
    ("ما اكلت شي من امبارح", "concern", "neglect"),  # I haven't eaten anything since yesterday
    ("بيقفلوا البراد علينا", "concern", "neglect"),  # they lock the fridge on us
    ("مفيش اكل في البيت خالص", "concern", "neglect"),  # (Egyptian) there's no food in the house at all
    ("الهيتر خربان من شهر ومش عم يصلحوه", "concern", "neglect"),  # the heater's been broken a month, not fixed
    # 9. peers: 'tomorrow we'll beat you', a knife or blade shown, waiting outside college
    ("قالولي بكرا رح نضربك", "urgent", "violence"),  # they told me tomorrow we'll beat you
    ("فرجاني موس بالمدرسة", "urgent", "violence"),  # he showed me a blade at school
    ("طلعلي سكينة وهددني", "urgent", "violence"),  # he pulled a knife on me and threatened me
    ("في شباب بيستنوني برا الكولج كل يوم", "concern", "violence"),  # lads wait for me outside college every day
    ("باجر نكسر راسك", "urgent", "violence"),  # (Gulf) tomorrow we'll break your head
    ("بكره هنضربك بعد المدرسة", "urgent", "violence"),  # (Egyptian) tomorrow we'll beat you after school
    # 10. past abuse nobody knows of; violence seen at contact
    # when I was little my uncle touched me, nobody knows
    ("لما كنت صغير عمي كان يلمسني وما حدا بيعرف", "concern", "abuse"),
    # I never told anyone what happened to me as a girl
    ("ما حكيت لحدا عن اللي صار معي لما كنت صغيرة", "concern", "abuse"),
    ("بالزيارة شفت بابا عم يضرب ماما", "concern", "abuse"),  # at the visit I saw dad hitting mum
    ("بالكونتاكت ابوي ضرب مرته قدامي", "concern", "abuse"),  # at contact my father hit his wife in front of me
    # more of the same kinds, in other words
    ("الموظف بالسكن دفعني ووقعت", "urgent", "abuse"),  # the worker at the hostel pushed me and I fell
    # he hit me with the charger cable till my back was blue
    ("ضربني بسلك الشاحن حتى صار ضهري ازرق", "urgent", "abuse"),
    ("هربت من بيت الفوستر وما رح ارجع", "urgent", "missing"),  # I ran from the foster home and won't go back
    ("نايم بالشارع من اسبوع", "urgent", "missing"),  # I've been sleeping on the street for a week
    # dad holds my passport and wants to marry me off in Iraq
    ("ابوي حاجز جوازي وبدو يزوجني بالعراق", "urgent", "abuse"),
    # an older man buys me clothes and gives me money
    ("رجال كبير بالعمر بيشتريلي تياب وبيعطيني فلوس", "urgent", "exploitation"),
    ("بيدزوني ابيع بالمدينة", "urgent", "exploitation"),  # (Iraqi) they send me to sell in the city
    ("رح اخد كل الحبوب الليلة", "urgent", "self_harm"),  # I'll take all the tablets tonight
    ("بيقولولي انتي عار علينا", "concern", "abuse"),  # they tell me you're a disgrace to us
    ("ما بيعطونا اكل كفاية وبنام جوعانين", "concern", "neglect"),  # they don't give us enough food, we sleep hungry
    ("قالولي بكرا منقتلك بعد الدوام", "urgent", "violence"),  # they told me tomorrow we'll kill you after school
    ("ما حدا بيعرف انو عمي اعتدى علي لما كنت صغير", "concern", "abuse"),  # nobody knows my uncle abused me as a child
]
ARABIC_QUIET = [
    "ما حدا بيضربني بالفوستر، هنن كتير منيحين معي",  # nobody hits me at my foster home, they're very kind
    "عندي كدمة على رجلي من الفوتبول",  # I've a bruise on my leg from football
    "عندي اثار على ايدي من الملاكمة",  # I've marks on my arms from boxing
    "جرحت ايدي بالسكين وانا عم قطع بصل",  # I cut my hand with the knife cutting onions
    # doors at 11, phones at 10, all
    "بيقفلوا الباب الساعة ١١ بالليل على كل البيت وبياخدوا التلفونات الساعة ١٠ من الكل",
    "السكاكين مقفول عليها بالمطبخ، هاد قانون للكل",  # the knives are locked in the kitchen, a rule for everyone
    "شفت فيلم عن بنت هربت من البيت",  # I watched a film about a girl who ran away
    "بالطريق لهون المهرب ضربني، بس هلق انا بأمان والمحامي والمعالج عم يساعدوني، خلص كل شي",  # journey over, helped
    "بفضل اموت ولا البس هالتنورة",  # I'd rather die than wear this skirt
    "ابن عمي رح يتزوج بالصيف ونحن رايحين عالعرس",  # my cousin marries in the summer, we're going to the wedding
    "الفوستر ماما بتوصلني عالمدرسة بالسيارة كل يوم",  # foster mum drives me to school every day
    "طلعت من البيت الساعة ٨ عالمدرسة",  # I left the house at 8 for school
    "ما بدي اصحى بكير عالمدرسة",  # I don't want to get up early for school
    "صاحبتي قالتلي تعي نامي عندي بالويكند",  # my friend said come and sleep over at the weekend
    "ما حدا بيجبرني اتزوج، اهلي بيحترموا رأيي",  # nobody forces me to marry, my family respect my view
    "بموت عليها لهالاغنية",  # I'm mad about this song
    "بدي ارمي حالي عالتخت من التعب",  # I want to throw myself on the bed, I'm so tired
    "ما حدا بيقلي انت هون بس مشان المصاري، هنن بحبوني",  # nobody tells me I'm here for the money, they love me
    "المعلمة علمتنا درس عن الزواج القسري",  # the teacher gave us a lesson on forced marriage
    "عطوني تلفون جديد لانه القديم انكسر",  # they gave me a new phone because the old one broke
    "ابوي ما بيضرب امي، هنن منيحين",  # dad doesn't hit mum, they're fine
    "نمت عند صاحبي بالويكند ولعبنا فيفا",  # I slept at my friend's at the weekend and we played FIFA
    "السوشل ورکر عندها جواز سفري بأمان",  # my social worker keeps my passport safe
    "ما حدا قلي ما تقول لحدا",  # nobody told me not to tell anyone
    "اخدت حبوب للراس",  # I took tablets for my headache
    "صاحبي اسمه محمد علي وهو كتير منيح",  # my friend is called Mohammed Ali, he's very nice
    "اكلت كفتة اليوم عند الفوستر",  # I ate kofta at the foster home today
    "باخد كل يوم حبوب للربو",  # I take tablets for my asthma every day
    "جبت علامات منيحة من المعلمة",  # I got good marks from the teacher
    "بشتغل بالسوبرماركت عشان ادفع اجار البيت",  # I work at the supermarket to pay the rent
    "عمو اعطاني مصاري بالعيد",  # my uncle gave me money for Eid
    "آخر مرة بحياتي باكل من هالمطعم",  # the last time in my life I eat at this restaurant
    "بدي ارمي حالي بالبحر بالصيف",  # I want to throw myself in the sea this summer (swimming)
    "انت عملت غلطة بس عادي",  # you made a mistake, it's fine
    "صارلي سنة هون وما حدا بيعرف انو بحب الرسم",  # a year here and nobody knows I love drawing
    "ما تقول لحدا بس انا بحب بنت بصفي",  # don't tell anyone, but I like a girl in my class
    "بيطلبوا مني اوصل اخوي عالمدرسة",  # they ask me to take my brother to school
    "الستاف بالهوستيل منيحين بس الاكل مش طيب",  # the hostel staff are nice but the food isn't good
    "بشتغل بمحل حلاقة بالويكند وبيعطوني مصاري منيحة",  # I work at a barber's at weekends, they pay me well
    "شفت بالاخبار انو في شب معه سكين بلندن",  # I saw on the news a lad with a knife in London
]


FARSI = [
    # 1. a carer, foster parent, staff member or a man in the house who hits, pushes or squeezes, with objects
    ("مادر فاستر با کمربند منو زد و جاش کبود شده", "urgent", "abuse"),  # foster mum hit me with a belt, it's bruised
    ("کاکایم مره با سیم چارجر لت کرد", "urgent", "abuse"),  # (Dari) my uncle beat me with the charger wire
    ("استاف هاستل منو هل داد به دیوار", "urgent", "abuse"),  # the hostel staff pushed me into the wall
    ("ناپدریم زد تو گوشم", "urgent", "abuse"),  # my stepfather slapped me round the ear
    ("مرد خونه با چوب منو میزنه", "urgent", "abuse"),  # the man of the house hits me with a stick
    ("پدراندرم هر شب کتکم میزنه", "urgent", "abuse"),  # (Dari) my stepfather beats me every night
    ("کیرر گلومو فشار داد تا نفسم بند اومد", "urgent", "abuse"),  # the carer squeezed my throat till I couldn't breathe
    ("رو پشتم جای کمربند مونده", "urgent", "abuse"),  # there's a belt mark left on my back
    ("از دست فاستر کتک خوردم دیروز", "urgent", "abuse"),  # I got beaten by the foster carer yesterday
    ("مادراندرم با دمپایی به سرم میزنه", "urgent", "abuse"),  # my stepmother hits me on the head with a slipper
    ("مرد خانه لگدم زد", "urgent", "abuse"),  # the man of the house kicked me
    ("موهامو میکشه و دستمو محکم فشار میده", "concern", "abuse"),  # she pulls my hair and squeezes my arm hard
    # 2. leaving and not going back; nowhere to sleep; sleeping at a station, a park, a stranger's
    ("از خونه زدم بیرون و دیگه برنمیگردم", "urgent", "missing"),  # I walked out and I'm not going back
    ("امشب جایی ندارم که بخوابم", "urgent", "missing"),  # I've nowhere to sleep tonight
    ("هیچ جایی ندارم که امشب بمونم", "urgent", "missing"),  # I've nowhere at all to stay tonight
    ("دیشب تو ایستگاه قطار خوابیدم", "urgent", "missing"),  # last night I slept at the train station
    ("دو شب است در پارک خواب کردم", "urgent", "missing"),  # (Dari) two nights I've slept in the park
    ("امشب خونه یه مردی که نمیشناسم میمونم", "urgent", "missing"),  # tonight I'm staying at a man's I don't know
    ("نمی دانم امشب کجا خواب کنم", "urgent", "missing"),  # (Dari) I don't know where to sleep tonight
    ("دیگه خونه نمیرم", "urgent", "missing"),  # I'm not going home any more
    # 3. forced marriage: tickets, the summer 'home', the passport, a nikah
    # my family want to take me to Afghanistan in summer to marry me off
    ("خانوادم میخوان تابستون منو ببرن افغانستان که شوهرم بدن", "urgent", "abuse"),
    ("بلیط گرفتن که برم ایران عروسی کنم", "urgent", "abuse"),  # they've bought tickets for me to go to Iran to marry
    # my father has taken my passport to force me to marry
    ("پدرم پاسپورتمو گرفته که مجبورم کنه ازدواج کنم", "urgent", "abuse"),
    ("به زور نکاحم میکنن با پسر کاکایم", "urgent", "abuse"),  # (Dari) they're forcing a nikah on me with my cousin
    ("میخوان منو به یه مرد پیر شوهر بدن", "urgent", "abuse"),  # they want to marry me off to an old man
    # my uncle took my ID and passport, won't give them
    ("کاکایم تذکره و پاسپورتم را گرفته و نمیته", "concern", "abuse"),
    # 4. an older man's money, phone, drink, lifts; 'come to mine at night'; 'don't tell anyone'
    ("یه مرد بزرگتر بهم پول و گوشی میده", "urgent", "exploitation"),  # an older man gives me money and a phone
    ("یک آقا برام مشروب و سیگار میخره", "urgent", "exploitation"),  # a man buys me drink and cigarettes
    ("یه مرد با ماشینش منو این ور و اون ور میبره", "urgent", "exploitation"),  # a man drives me around in his car
    ("گفت شب بیا خونه ام", "urgent", "exploitation"),  # he said come to my place at night
    ("گفت به هیچ کس نگو این راز ماست", "concern", "exploitation"),  # he said don't tell anyone, it's our secret
    ("یک مرد کلانسال برایم تحفه و پیسه میته", "urgent", "exploitation"),  # (Dari) an old man gives me gifts and money
    # 5. carrying for money, a second phone, 'you owe us', unpaid work for the journey, sent to sell
    # I take packages from one city to another and get paid
    ("بسته ها رو از یه شهر به یه شهر دیگه میبرم و پول میگیرم", "urgent", "exploitation"),
    ("منو میفرستن که مواد بفروشم", "urgent", "exploitation"),  # they send me to sell drugs
    ("یه گوشی دوم بهم دادن که کسی نفهمه", "concern", "exploitation"),  # they gave me a second phone so nobody knows
    ("میگن به ما بدهکاری باید پس بدی", "concern", "exploitation"),  # they say you owe us, you must pay back
    ("مجانی کار میکنم تا پول قاچاقچی را بدهم", "urgent", "exploitation"),  # I work for free to pay the smuggler
    ("پول راه را باید بپردازم", "concern", "exploitation"),  # I have to pay for the journey
    ("کیف ها را با قطار به منچستر میبرم برای پول", "urgent", "exploitation"),  # I take bags by train to Manchester
    # 6. suicide: tablets ready, tonight it ends, not waking up, a bridge, a goodbye
    ("قرص هامو جمع کردم و آماده است", "urgent", "self_harm"),  # I've collected my tablets, they're ready
    ("امشب همه چیز تموم میشه", "urgent", "self_harm"),  # tonight everything ends
    ("نمیخوام دیگه بیدار شم", "urgent", "self_harm"),  # I don't want to wake up again
    ("میخوام خودمو از پل پرت کنم", "urgent", "self_harm"),  # I want to throw myself off the bridge
    ("اگه فردا نبودم گوشیمو بدین به برادرم", "urgent", "self_harm"),  # if I'm gone tomorrow give my phone to my brother
    ("میخوام جلوی قطار بپرم", "urgent", "self_harm"),  # I want to jump in front of a train
    ("این آخرین شب زندگیمه", "urgent", "self_harm"),  # this is the last night of my life
    ("همه‌ی قرص هامو یکجا خوردم", "urgent", "self_harm"),  # I took all my tablets at once
    # 7. only here for the money, our disgrace, never born, racist names, threats to send back
    ("میگه تو فقط بخاطر پول اینجایی", "concern", "abuse"),  # she says you're only here for the money
    ("میگه تو فقط بخاطر پیسه ایجه استی", "concern", "abuse"),  # (Dari) the same
    ("پدرم گفت تو مایه ننگ خانواده ای", "concern", "abuse"),  # my father said you're the family's shame
    ("مادرم میگه کاش به دنیا نمیومدی", "concern", "abuse"),  # mum says I wish you'd never been born
    ("مادر فاستر بهم میگه افغانی کثیف", "concern", "abuse"),  # foster mum calls me a dirty Afghan
    ("تهدیدم میکنن که برم گردونن افغانستان", "concern", "abuse"),  # they threaten to send me back to Afghanistan
    ("میگه برت میگردونیم به کشورت", "concern", "abuse"),  # she says we'll send you back to your country
    # 8. no food, hungry at school, no heating, no clothes
    ("بهم غذا نمیدن", "concern", "neglect"),  # they don't give me food
    ("هر روز گشنه میرم مدرسه", "concern", "neglect"),  # I go to school hungry every day
    ("بخاری را خاموش میکنن و اتاقم یخ است", "concern", "neglect"),  # they turn the heater off and my room is ice
    ("لباس زمستونی ندارم", "concern", "neglect"),  # I've no winter clothes
    ("از دیروز چیزی نخوردم", "concern", "neglect"),  # I haven't eaten since yesterday
    ("غذا نمیتن بری مه", "concern", "neglect"),  # (Dari) they don't give me food
    # 9. peers: 'tomorrow we'll beat you', a knife or blade shown, waiting outside college
    ("گفتن فردا میزنیمت", "urgent", "violence"),  # they said tomorrow we'll beat you
    ("یه پسر تو مدرسه چاقوشو نشونم داد", "urgent", "violence"),  # a boy at school showed me his knife
    ("بیرون کالج منتظرم میمونن", "concern", "violence"),  # they wait for me outside college
    ("پسرا تیغ دراوردن و تهدیدم کردن", "urgent", "violence"),  # the boys pulled out a blade and threatened me
    ("بعد از مکتب حسابتو میرسیم", "urgent", "violence"),  # (Dari) after school we'll sort you out
    # 10. past abuse nobody knows of; violence seen at contact
    # when I was a child my uncle hit me and nobody knows
    ("وقتی بچه بودم کاکایم منو میزد و هیچکس خبر نداره", "concern", "abuse"),
    # I've never told anyone he did bad things to me
    ("تا حالا به هیچ کس نگفتم که کارای بد با من میکرد", "concern", "abuse"),
    ("تو ملاقات دیدم بابام مامانمو زد", "concern", "abuse"),  # at contact I saw dad hit mum
    ("پدرم مادرمه لت میکرد جلوی من", "concern", "abuse"),  # (Dari) my father beat my mother in front of me
    # more of the same kinds, in other words
    ("پدر فاستر با کمربند زد به پشتم", "urgent", "abuse"),  # foster dad hit me on the back with a belt
    ("شوهر خاله ام با شلنگ مرا زد", "urgent", "abuse"),  # my aunt's husband hit me with a hose
    ("سه شب است در سرک خواب میکنم", "urgent", "missing"),  # (Dari) three nights I've slept in the street
    ("پدرم میخواد منو به زور شوهر بده", "urgent", "abuse"),  # my father wants to marry me off by force
    ("یه آقای مسن بهم مواد میده", "urgent", "exploitation"),  # an elderly man gives me drugs
    ("منو میفرستن شهرای دیگه بسته ببرم", "urgent", "exploitation"),  # they send me to other cities to take packages
    ("قرص ها رو قایم کردم که امشب بخورم", "urgent", "self_harm"),  # I've hidden the tablets to take tonight
    ("کیرر بهم میگه کثافت", "concern", "abuse"),  # the carer calls me filth
    ("غذا به من نمیدن و همیشه گرسنه ام", "concern", "neglect"),  # they don't give me food, I'm always hungry
    ("پسرا گفتن میکشیمت", "urgent", "violence"),  # the boys said we'll kill you
    ("پدرم مادرمو میزد و من میدیدم", "concern", "abuse"),  # my father used to hit my mother and I saw it
]
# 'چاقو' (knife) alone is also read by ur.txt, which is not this file's to change: the kitchen and house-rule
# look-alikes are written with 'کارد', a knife as well.
FARSI_QUIET = [
    "هیچ کس منو نمیزنه، همه باهام مهربونن",  # nobody hits me, everyone is kind to me
    "تو باشگاه بوکس کبود شدم",  # I got bruised at the boxing club
    "موقع پیاز خرد کردن دستمو با کارد بریدم",  # I cut my hand with the knife chopping onions
    "شبا ساعت ۱۰ گوشیامونو میگیرن و درها رو قفل میکنن، برای همه همینطوره",  # phones at 10, doors locked, for all
    "کاردها رو شبا تو کمد قفل میکنن",  # they lock the knives in the cupboard at night
    "یه فیلم دیدیم درباره دختری که به زور شوهرش دادن",  # we watched a film about a girl married off by force
    "از خنده مردم",  # I died laughing
    "تو راه قاچاقچی منو زد ولی الان امنم و با مشاور صحبت میکنم، تموم شد",  # journey: now safe, a counsellor, over
    "دخترخاله‌ام تابستون عروسی میکنه و ما میریم افغانستان",  # my cousin marries this summer, we're going
    "مادر فاستر گفت زود بیا خونه",  # foster mum said come home early
    "نمیخوام صبح زود بیدار شم برای مدرسه",  # I don't want to get up early for school
    "دوستم گفت بیا خونه ما شام بخوریم",  # my friend said come to ours for dinner
    "هیچکس منو مجبور به ازدواج نمیکنه",  # nobody forces me to marry
    "قرص هامو از دکتر گرفتم",  # I got my tablets from the doctor
    "امشب تکالیفمو تموم میکنم",  # I'll finish my homework tonight
    "فوتبال بازی کردم و پام کبود شد",  # I played football and my leg got bruised
    "مددکارم پاسپورتمو برام نگه میداره",  # my social worker keeps my passport for me
    "هیچکس بهم نمیگه که فقط بخاطر پول اینجام",  # nobody tells me I'm only here for the money
    "حوصلم سر رفته میخوام خودمو از پنجره پرت کنم از خستگی",  # so bored I could throw myself out the window
    "پدرم هیچوقت مادرمو نزد",  # my father never hit my mother
    "برادر کوچیکم خیلی اذیتم میکنه",  # my little brother annoys me a lot
    "هیچکس منو اذیت نمیکنه",  # nobody hurts me
    "مادرم تو افغانستان منو میزد ولی الان با مشاور صحبت میکنم و خوبم",  # past, a counsellor now, I'm fine
    "میخوام برگردم افغانستان پیش مادرم",  # I want to go back to Afghanistan to my mother
    "تابستون میرم مسافرت با فاستر",  # in summer I'm going on holiday with my foster family
    "خواهر بزرگترم بهم پول میده",  # my older sister gives me money
    "بی پول موندم چون کار ندارم",  # I'm broke because I have no job
    "صبحا نمیخوام پاشم",  # in the mornings I don't want to get up
    "جلوی مدرسه منتظرم تا دوستم بیاد",  # I'm waiting in front of school for my friend
    "با گروه رفتیم بیرون و حرف زدن",  # we went out with the group and they talked
    "بالاخره یه روز باید ازدواج کنم",  # one day I'll have to get married
    "تابستون دخترخالم ازدواج میکنه",  # my cousin is getting married this summer
    "مجبور شدم با شوهر خالم برم خرید",  # I had to go shopping with my aunt's husband
    "فقط برای پول کار میکنم اینجا",  # I only work here for the money
    "اگه فردا مدرسه نبودم تکالیفمو بدین به معلم",  # if I'm not at school tomorrow hand my homework in
    "بابام هر شب بهم زنگ میزد و هیچکس نمیدونه چقدر دلم براش تنگ شده",  # dad used to ring me; I miss him
    "کار پاره وقت پیدا کردم تو رستوران و پولشو میدن",  # I found a part-time job and they pay me
]


PASHTO = [
    # 1. a carer, foster parent, staff member or a man in the house who hits, pushes or squeezes, with objects
    ("زما فوسټر پلار ما په کمربند وهي", "urgent", "abuse"),  # my foster father beats me with a belt
    # the carer beat me with the charger wire, marks
    ("کیرر د چارجر په تار ووهلم او نښې یې پاتې دي", "urgent", "abuse"),
    ("سټاف ټېله کړم او دېوال ته یې وغورځولم", "urgent", "abuse"),  # the staff pushed me and threw me at the wall
    ("ماما مې څپېړه راکړه", "urgent", "abuse"),  # my (maternal) uncle slapped me
    ("د مور مېړه مې هره ورځ وهي", "urgent", "abuse"),  # my stepfather beats me every day
    ("زما په شا د کمربند نښې دي", "urgent", "abuse"),  # there are belt marks on my back
    ("غاړه یې راته ټینګه کړه چې ساه مې بنده شوه", "urgent", "abuse"),  # he squeezed my neck till I couldn't breathe
    ("هغه سړی چې زموږ په کور کې اوسیږي ما وهي", "urgent", "abuse"),  # the man who lives in our house beats me
    ("بدن مې د وهلو نه شین دی", "urgent", "abuse"),  # my body is bruised from the beating
    ("زما فوستر پلار می په بیلت وهی", "urgent", "abuse"),  # typed with Persian letters: my foster dad, a belt
    ("سټاف څپیړه راکړه", "urgent", "abuse"),  # the staff member slapped me
    ("ویښتان مې کاږي او لاس مې ټینګ نیسي", "concern", "abuse"),  # she pulls my hair and grips my arm hard
    # 2. leaving and not going back; nowhere to sleep; sleeping at a station, a park, a stranger's
    ("نن شپه د خوب ځای نه لرم", "urgent", "missing"),  # I've nowhere to sleep tonight
    ("پرون شپه په سټیشن کې ویده شوم", "urgent", "missing"),  # last night I slept at the station
    ("په پارک کې مې شپه تېره کړه", "urgent", "missing"),  # I spent the night in the park
    ("پرونه شپه مې په پارک کې تیره کړه", "urgent", "missing"),  # last night I spent in the park
    ("د یو ناآشنا سړي په کور کې ویده شوم", "urgent", "missing"),  # I slept at a strange man's house
    ("نور کور ته نه ځم", "urgent", "missing"),  # I'm not going home any more
    ("نه پوهیږم نن شپه چېرته ویده شم", "urgent", "missing"),  # I don't know where I'll sleep tonight
    ("له فوسټر نه وتښتېدم او بیرته نه ورځم", "urgent", "missing"),  # I ran from the foster home and won't go back
    # 3. forced marriage: tickets, the summer 'home', the passport, a nikah
    # my family want to take me to Afghanistan in the summer and marry me
    ("کورنۍ مې غواړي په اوړي کې مې افغانستان ته یوسي او واده مې وکړي", "urgent", "abuse"),
    # they've bought a ticket for me to go to Pakistan for my nikah
    ("ټکټ یې اخیستی چې پاکستان ته لاړه شم او نکاح مې وشي", "urgent", "abuse"),
    # my father took my passport so I'm forced into the marriage
    ("پلار مې پاسپورټ راڅخه اخیستی چې واده ته مجبوره شم", "urgent", "abuse"),
    ("په زوره مې واده کوي", "urgent", "abuse"),  # they're marrying me off by force
    ("زما کوژده یې د تره له زوی سره کړې", "urgent", "abuse"),  # they've engaged me to my cousin
    ("زما نکاح یې تړلې ده", "urgent", "abuse"),  # they've tied my nikah
    ("کاکا مې پاسپورټ او تذکره راڅخه اخیستې", "concern", "abuse"),  # my uncle took my passport and ID from me
    # 4. an older man's money, phone, drink, lifts; 'come to mine at night'; 'don't tell anyone'
    ("یو لوی سړی ماته پیسې او موبایل راکوي", "urgent", "exploitation"),  # an older man gives me money and a phone
    ("یو سړی راته شراب او سګرټ اخلي", "urgent", "exploitation"),  # a man buys me drink and cigarettes
    ("یو سړی په موټر کې مې ګرځوي", "urgent", "exploitation"),  # a man drives me around in his car
    ("ویې ویل د شپې زما کور ته راشه", "urgent", "exploitation"),  # he said come to my house at night
    ("ویې ویل چا ته مه وایه دا زموږ راز دی", "concern", "exploitation"),  # he said don't tell anyone, it's our secret
    # 5. carrying for money, a second phone, 'you owe us', unpaid work for the journey, sent to sell
    # I carry bags from one city to another and they pay me
    ("بکسونه له یو ښار نه بل ښار ته وړم او پیسې راکوي", "urgent", "exploitation"),
    ("ما لیږي چې نشه وپلورم", "urgent", "exploitation"),  # they send me to sell drugs
    ("ما مجبوروي چې چرس وپلورم", "urgent", "exploitation"),  # they force me to sell hash
    ("دوهم موبایل یې راکړی چې هیڅوک پرې خبر نشي", "concern", "exploitation"),  # they gave me a second phone, secret
    ("وایي ته زموږ پوروړی یې", "concern", "exploitation"),  # they say you owe us
    ("وړیا کار کوم چې د قاچاقبر پور ورکړم", "urgent", "exploitation"),  # I work for free to pay the smuggler's debt
    ("د پیسو لپاره پاکټونه لندن ته وړم", "urgent", "exploitation"),  # I take packets to London for money
    # 6. suicide: tablets ready, tonight it ends, not waking up, a bridge, a goodbye
    ("ګولۍ مې راټولې کړې دي", "urgent", "self_harm"),  # I've collected tablets
    ("نن شپه به هر څه ختم شي", "urgent", "self_harm"),  # tonight everything will end
    ("نه غواړم چې بیا ویښ شم", "urgent", "self_harm"),  # I don't want to wake up again
    ("غواړم ځان له پله وغورځوم", "urgent", "self_harm"),  # I want to throw myself off the bridge
    # if I'm not here tomorrow give my phone to my brother
    ("که زه سبا نه وم زما موبایل زما ورور ته ورکړئ", "urgent", "self_harm"),
    ("دا زما د ژوند وروستۍ شپه ده", "urgent", "self_harm"),  # this is the last night of my life
    ("غواړم ځان د ریل مخې ته واچوم", "urgent", "self_harm"),  # I want to throw myself in front of the train
    # 7. only here for the money, our disgrace, never born, racist names, threats to send back
    ("وایي ته دلته یوازې د پیسو لپاره یې", "concern", "abuse"),  # she says you're here only for the money
    ("پلار مې وايي ته زموږ د کورنۍ شرم یې", "concern", "abuse"),  # dad says you're our family's shame
    ("مور مې وویل کاش ته نه وای پیدا شوی", "concern", "abuse"),  # mum said I wish you'd never been born
    ("فوسټر مور ماته طالب وايي", "concern", "abuse"),  # foster mum calls me Taliban
    # they threaten: we'll send you back to Afghanistan
    ("ګواښ کوي چې بېرته دې افغانستان ته لیږو", "concern", "abuse"),
    ("وايي خپل هیواد ته ولاړ شه", "concern", "abuse"),  # they say go back to your country
    # 8. no food, hungry at school, no heating, no clothes
    ("ډوډۍ راته نه راکوي", "concern", "neglect"),  # they don't give me food
    ("هره ورځ وږی ښوونځي ته ځم", "concern", "neglect"),  # I go to school hungry every day
    ("هیټر یې بند ساتلی او کوټه مې ډېره سړه ده", "concern", "neglect"),  # they keep the heater off, my room is cold
    ("د ژمي جامې نه لرم", "concern", "neglect"),  # I've no winter clothes
    ("له پرونه مې څه نه دي خوړلي", "concern", "neglect"),  # I haven't eaten anything since yesterday
    # my shoes are torn and they won't buy me new ones
    ("بوټونه مې شلېدلي دي او نوي راته نه اخلي", "concern", "neglect"),
    # 9. peers: 'tomorrow we'll beat you', a knife or blade shown, waiting outside college
    ("ویې ویل سبا به دې ووهو", "urgent", "violence"),  # they said tomorrow we'll beat you
    ("یو هلک چاړه راته وښوده", "urgent", "violence"),  # a boy showed me a knife
    ("د کالج دباندې زما انتظار کوي", "concern", "violence"),  # they wait for me outside college
    ("ویې ویل تا به ووژنو", "urgent", "violence"),  # they said we'll kill you
    ("هلکانو بلیډ راوایست او ګواښ یې وکړ", "urgent", "violence"),  # the boys pulled out a blade and threatened me
    # 10. past abuse nobody knows of; violence seen at contact
    # when I was small my uncle used to beat me and I've told nobody
    ("کله چې کوچنی وم کاکا به مې وهلم او هیچا ته مې نه دي ویلي", "concern", "abuse"),
    ("په لیدنه کې مې ولیدل چې پلار مې مور ووهله", "concern", "abuse"),  # at contact I saw my father beat my mother
    # nobody knows my uncle did bad things to me
    ("هیڅوک نه پوهیږي چې کاکا له ما سره بد کارونه کول", "concern", "abuse"),
    # more of the same kinds, in other words
    ("کیرر په کېبل ووهلم", "urgent", "abuse"),  # the carer beat me with a cable
    ("د مور مېړه مې په سوک وهي", "urgent", "abuse"),  # my stepfather punches me
    ("تښتیدلی یم او بیرته نه ځم", "urgent", "missing"),  # I've run away and I'm not going back
    ("په زوره مې نکاح کوي", "urgent", "abuse"),  # they're forcing a nikah on me
    ("یو لوی سړی ماته چرس راکوي", "urgent", "exploitation"),  # an older man gives me hash
    ("غواړم ځان ووژنم نن شپه", "urgent", "self_harm"),  # I want to kill myself tonight
    ("ډوډۍ نه راکوي او وږی یم", "concern", "neglect"),  # they don't feed me and I'm hungry
    ("هلکانو راته وویل چې تا به ووژنو", "urgent", "violence"),  # the boys told me we'll kill you
    ("قاچاقبر وایي ته قرضدار یې", "concern", "exploitation"),  # the smuggler says you're in debt
]
PASHTO_QUIET = [
    "هیڅوک ما نه وهي، دلته خوشحاله یم",  # nobody beats me, I'm happy here
    "د فوټبال پر مهال مې پښه ټپي شوه",  # I hurt my leg playing football
    "د پیاز پرې کولو پر مهال مې په چاړه لاس پرې کړ",  # I cut my hand with the knife chopping onions
    # doors are locked at night and phones taken at ten, a rule for everyone
    "د شپې دروازې تړل کیږي او په لسو بجو موبایلونه اخلي، دا د ټولو لپاره قانون دی",
    "چاړې د شپې په الماري کې بندې وي",  # the knives are locked in the cupboard at night
    "په فلم کې یو هلک له کوره وتښتید",  # in a film a boy ran away from home
    "زما د ترور زوی په اوړي کې واده کوي او موږ واده ته ځو",  # my cousin marries this summer, we're going
    # on the way the smuggler beat me, but now I'm safe and talk to a counsellor
    "په لاره کې قاچاقبر ووهلم خو اوس خوندي یم او له مشاور سره خبرې کوم",
    "فوسټر مور مې ویل ژر کور ته راشه",  # foster mum said come home soon
    "ملګري مې وویل زما کور ته راشه چې لوبې وکړو",  # my friend said come to mine and we'll play
    "سهار وختي پاڅیدل نه غواړم",  # I don't want to get up early
    "د خندا نه مړ شوم",  # I died laughing
    "پلار مې هیڅکله مور نه وهله",  # my father never beat my mother
    "هیڅوک ما په واده نه مجبوروي",  # nobody forces me to marry
    "ډاکټر راته ګولۍ راکړې چې سر درد مې ښه شي",  # the doctor gave me tablets for my headache
    "ښوونکي موږ ته د جبري واده په اړه درس راکړ",  # the teacher taught us about forced marriage
    "زما فوسټر کورنۍ ډېره مهربانه ده او ښه خواړه راکوي",  # my foster family are kind and feed me well
    "غواړم بیرته افغانستان ته لاړ شم او مور مې ووینم",  # I want to go back to Afghanistan to see my mother
    "ورور مې راته وویل چا ته مه وایه چې کیک مو وخوړ",  # my brother said don't tell anyone we ate the cake
    "کاکا مې په موټر کې ښوونځي ته وړي",  # my uncle drives me to school
    "زما مشر ورور راته پیسې راکوي",  # my older brother gives me money
    "زوړ موبایل مې خپل ورور ته ورکړ",  # I gave my old phone to my brother
    "هلکان توپ وهي",  # the boys are kicking a ball
    "چا ته مه وایه خو زه یوه نجلۍ خوښوم",  # don't tell anyone, but I like a girl
    "ما ته یې وویل چې تور کالي واغوندم",  # she told me to wear black clothes
    "غواړم خپل هیواد ته لاړ شم",  # I want to go to my country
    "نه غواړم سهار پاڅم",  # I don't want to get up in the morning
    "که سبا ښوونځي ته نه وم کتابونه مې ښوونکي ته ورکړئ",  # if I'm off school tomorrow, hand in my books
    "ما وبښئ چې ناوخته شوم",  # sorry I'm late
    "د دوکان نه مې بکس واخیست او پیسې مې ورکړې",  # I bought a bag at the shop and paid
    "بکس مې په ټرین لندن ته وړم",  # I'm taking my bag to London on the train
    "زه یوازې د پیسو لپاره کار کوم او پیسې یې کورنۍ ته لیږم",  # I work only for money and send it home
    "په خبرونو کې مې ولیدل چې یو هلک یې په چاړه ووهه",  # on the news I saw a boy stabbed with a knife
]


@pytest.mark.parametrize(("text", "level", "category"), ARABIC)
def test_a_kind_of_disclosure_in_arabic_is_read_at_its_level(text, level, category):
    result = screen(text)
    assert result.level == level and category in result.categories, (result.level, result.categories)
    assert "ar" in read(text).languages


@pytest.mark.parametrize("text", ARABIC_QUIET)
def test_an_arabic_look_alike_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize(("text", "level", "category"), FARSI)
def test_a_kind_of_disclosure_in_dari_or_farsi_is_read_at_its_level(text, level, category):
    result = screen(text)
    assert result.level == level and category in result.categories, (result.level, result.categories)
    assert "fa" in read(text).languages


@pytest.mark.parametrize("text", FARSI_QUIET)
def test_a_dari_or_farsi_look_alike_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize(("text", "level", "category"), PASHTO)
def test_a_kind_of_disclosure_in_pashto_is_read_at_its_level(text, level, category):
    result = screen(text)
    assert result.level == level and category in result.categories, (result.level, result.categories)
    assert "ps" in read(text).languages


@pytest.mark.parametrize("text", PASHTO_QUIET)
def test_a_pashto_look_alike_is_not_flagged(text):
    assert screen(text).level == "none"


# 'Now' (tonight, today) makes a debt or a goodbye urgent; it is a word of its own, not letters inside 'اهلا'
# (hello), 'بالانكليزي' (in English) or the Persian ending of 'نمیکنن' (they don't).
NOT_NOW = [
    "اهلا، قالولي انت مديون النا",  # hello, they told me you owe us
    "پول راه را باید بپردازم و اونا ول نمیکنن",  # I must pay for the journey and they won't let go
]


@pytest.mark.parametrize("text", NOT_NOW)
def test_a_now_word_inside_another_word_does_not_make_a_concern_urgent(text):
    assert screen(text).level == "concern"


# Past harm stays a concern unless the text says it is over and dealt with; 'now I'm not safe', 'I'll go to my
# aunt's this week' (راح ... هاد) and 'school finished today' (تموم شد) say nothing of the kind.
PAST_NOT_DEALT_WITH = [
    ("عمي كان يضربني لما كنت صغير، وهلق ما بحس بامان", "concern"),  # uncle beat me as a child; now I don't feel safe
    ("عمي كان يضربني لما كنت صغير. راح اروح هاد الاسبوع عند خالتي", "concern"),  # ...; I'll go to my aunt's this week
    ("وقتی بچه بودم کاکایم منو میزد و الان هم امن نیستم", "concern"),  # my uncle hit me as a child; I'm not safe now
    ("وقتی بچه بودم کاکام منو میزد. امروز مدرسه تموم شد", "concern"),  # my uncle hit me as a child. School ended today
    ("کله چې کوچنی وم کاکا به مې وهلم او اوس هم خوندي نه یم", "concern"),  # my uncle beat me; I'm not safe now either
    ("کیرر هر وخت مې وهي", "urgent"),  # the carer beats me all the time ('هر وخت' is no past)
    ("عمي كان يضربني لما كنت صغير، بس هلق انا بامان وعندي معالج", "none"),  # ... but now I'm safe, I have a therapist
    ("وقتی بچه بودم کاکام منو میزد ولی الان امنم و همه چیز تموم شد", "none"),  # ... but now I'm safe, it's all over
    ("کله چې کوچنی وم کاکا به مې وهلم خو اوس خوندي یم او هر څه ختم شو", "none"),  # ... now I'm safe, it's over
]


@pytest.mark.parametrize(("text", "level"), PAST_NOT_DEALT_WITH)
def test_past_harm_is_none_only_when_the_text_says_it_is_over(text, level):
    assert screen(text).level == level


# Plain denials of the new kinds, with the 'nobody' or 'not' before a speech verb or a want.
DENIALS = [
    "ما حدا بيطقني",  # nobody hits me
    "الفوستر عمرها ما ضربتني",  # the foster carer has never hit me
    "ما حدا بيجبرني اتجوز",  # nobody forces me to marry
    "ما حدا قالي رح نضربك",  # nobody told me 'we'll beat you'
    "نمیخوام خودمو بکشم، فقط ناراحتم",  # I don't want to kill myself, I'm just upset
    "هیچ مردی بهم پول نمیده",  # no man gives me money
    "هیچکس بهم نگفته که میکشیمت",  # nobody has told me 'we'll kill you'
    "هیڅوک زما واده په زور نه کوي",  # nobody is marrying me off by force
    "نه غواړم ځان ووژنم",  # I don't want to kill myself
    "هیڅوک ما په کمربند نه وهي",  # nobody beats me with a belt
]


@pytest.mark.parametrize("text", DENIALS)
def test_a_denial_of_a_new_kind_is_not_flagged(text):
    assert screen(text).level == "none"


# Other ways of saying three of the kinds: not wanting to live any more, sleeping forever, running off.
MORE_WAYS = [
    ("ما عاد بدي عيش", "urgent", "self_harm"),  # I don't want to live any more
    ("بدي نام للابد", "concern", "self_harm"),  # I want to sleep forever
    ("بايت برا البيت من يومين", "concern", "missing"),  # I've been sleeping away from home for two days
    ("هزمت من بيت الفوستر", "urgent", "missing"),  # (Iraqi) I ran away from the foster home
    ("میخوام برای همیشه بخوابم", "concern", "self_harm"),  # I want to sleep forever
    ("خسته شدم از زندگی", "concern", "self_harm"),  # I'm tired of life
    ("از خونه در رفتم", "urgent", "missing"),  # I ran off from home
    ("غواړم د تل لپاره ویده شم", "concern", "self_harm"),  # I want to sleep forever
    ("له ژونده ستړی شوی یم", "concern", "self_harm"),  # I'm tired of life
]
MORE_WAYS_QUIET = [
    "طفشت من المدرسة اليوم",  # I'm fed up with school today
    "خسته شدم از درس خوندن",  # I'm tired of studying
]


@pytest.mark.parametrize(("text", "level", "category"), MORE_WAYS)
def test_another_way_of_saying_a_kind_is_read(text, level, category):
    result = screen(text)
    assert result.level == level and category in result.categories, (result.level, result.categories)


@pytest.mark.parametrize("text", MORE_WAYS_QUIET)
def test_the_same_words_about_school_are_not_flagged(text):
    assert screen(text).level == "none"
