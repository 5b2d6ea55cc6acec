"""Kinds of disclosure children write in Polish, Albanian, Vietnamese and Tigrinya (issue #17), and look-alikes.

Every sentence here was written for these tests (glosses in the comments); none comes from an evaluation set.
Kinds, numbered as in the issue: 1 a carer who hits, with an object, and the marks; 2 leaving, nowhere to sleep;
3 forced marriage; 4 an older man's gifts and invitations; 5 carrying, a second phone, debts, unpaid work; 6 a
planned suicide; 7 emotional abuse; 8 neglect; 9 threats from peers; 10 harm never told, violence seen at contact.
"""

import pytest
from lexicon_checks import assert_flagged_at_level, assert_quiet

# (text, level, category, language); the gloss starts with the kind's number
KINDS = [
    # Polish
    ("Opiekunka mnie wali jak coś rozleję", "urgent", "abuse", "pl"),  # 1 the carer beats me when I spill something
    ("foster tata walnął mnie w twarz wczoraj", "urgent", "abuse", "pl"),  # 1 foster dad hit me in the face yesterday
    # 1 she beats me with the charger if I don't tidy
    ("opiekunka leje mnie ładowarką jak nie posprzątam", "urgent", "abuse", "pl"),
    ("mam siniaki na plecach po pasku", "urgent", "abuse", "pl"),  # 1 I have bruises on my back from the belt
    ("staff złapał mnie za gardło", "urgent", "abuse", "pl"),  # 1 a staff member grabbed me by the throat
    # 2 I'm not going back to the foster carer, I've had enough
    ("Nie wracam do fostera, mam dość", "urgent", "missing", "pl"),
    ("Dzisiaj śpię na dworcu", "urgent", "missing", "pl"),  # 2 tonight I'm sleeping at the station
    # 2 I'm staying at some man's I don't know
    ("nocuję u jakiegoś faceta którego nie znam", "urgent", "missing", "pl"),
    # 3 my parents want to marry me off this summer in Poland
    ("Rodzice chcą mnie wydać za mąż w wakacje w Polsce", "urgent", "abuse", "pl"),
    # 3 they took my passport so I can't run before the wedding
    ("zabrali mi paszport żebym nie uciekła przed ślubem", "urgent", "abuse", "pl"),
    # 4 the guy is 25 and gives me vodka and weed
    ("Typ ma 25 lat i daje mi wódkę i zioło", "urgent", "exploitation", "pl"),
    # 4 he wants me to come to his for the night
    ("chce żebym przyszła do niego na noc", "urgent", "exploitation", "pl"),
    # 4 he said it's our secret and I must tell no one
    ("powiedział że to nasza tajemnica i nikomu mam nie mówić", "concern", "exploitation", "pl"),
    # 5 I take parcels to Birmingham and they pay me
    ("wożę paczki do Birmingham a oni mi płacą", "urgent", "exploitation", "pl"),
    ("dali mi drugi telefon do roboty", "concern", "exploitation", "pl"),  # 5 they gave me a second phone for the work
    # 5 I work unpaid to repay the journey to England
    ("pracuję za darmo żeby spłacić przejazd do Anglii", "urgent", "exploitation", "pl"),
    ("kazali mi sprzedawać dragi", "urgent", "exploitation", "pl"),  # 5 they told me to sell drugs
    ("mam odłożone tabletki na dzisiaj", "urgent", "self_harm", "pl"),  # 6 I have tablets put by for today
    ("nie chcę się już obudzić", "urgent", "self_harm", "pl"),  # 6 I don't want to wake up any more
    # 6 if I'm not here tomorrow give my phone to my brother
    ("jeśli mnie jutro nie będzie dajcie mój telefon bratu", "urgent", "self_harm", "pl"),
    ("chcę skoczyć z mostu", "urgent", "self_harm", "pl"),  # 6 I want to jump off a bridge
    ("Mówi że jestem tu tylko dla pieniędzy", "concern", "abuse", "pl"),  # 7 she says I'm only here for the money
    # 7 the carer says I shouldn't have been born
    ("opiekunka mówi że nie powinnam się urodzić", "concern", "abuse", "pl"),
    ("foster nazywa mnie brudasem", "concern", "abuse", "pl"),  # 7 the foster carer calls me a dirty foreigner
    # 7 they threaten to put me in a children's home
    ("straszą mnie że oddadzą mnie do domu dziecka", "concern", "abuse", "pl"),
    ("chodzę do szkoły głodny", "concern", "neglect", "pl"),  # 8 I go to school hungry
    # 8 they don't put the heating on, my room is freezing
    ("nie włączają ogrzewania i w pokoju jest lodowato", "concern", "neglect", "pl"),
    # 8 I have no winter coat and they buy nothing
    ("nie mam kurtki na zimę a oni nic nie kupują", "concern", "neglect", "pl"),
    ("Powiedzieli że jutro mnie pobiją", "urgent", "violence", "pl"),  # 9 they said they'll beat me up tomorrow
    ("chłopak z klasy pokazał mi nóż", "urgent", "violence", "pl"),  # 9 a boy from my class showed me a knife
    # 9 every day they wait for me outside school
    ("codziennie czekają na mnie przed szkołą", "concern", "violence", "pl"),
    # 10 when I was 8 my uncle touched me, nobody knows
    ("Jak miałem 8 lat wujek mnie dotykał, nikt o tym nie wie", "concern", "abuse", "pl"),
    # 10 I never told anyone my uncle abused me
    ("nigdy nikomu nie powiedziałem że wujek mnie molestował", "concern", "abuse", "pl"),
    ("Na kontakcie chłopak mamy ją pobił", "concern", "abuse", "pl"),  # 10 at contact mum's boyfriend beat her
    # Albanian
    ("Kujdestari me rreh me rrip", "urgent", "abuse", "sq"),  # 1 the carer beats me with a belt
    ("xhaxhai me bie me kabllon e karikuesit", "urgent", "abuse", "sq"),  # 1 my uncle hits me with the charger cable
    ("Stafi me shtyu per toke", "urgent", "abuse", "sq"),  # 1 a staff member pushed me to the ground
    ("më kap për fyti dhe më shtrëngon", "urgent", "abuse", "sq"),  # 1 he grabs me by the throat and squeezes
    ("më la vraja në krahë", "urgent", "abuse", "sq"),  # 1 he left bruises on my arms
    # 2 I've left the foster home and I'm not going back
    ("kam ikur nga fosteri dhe nuk kthehem më", "urgent", "missing", "sq"),
    ("sonte s'kam ku të fle", "urgent", "missing", "sq"),  # 2 tonight I have nowhere to sleep
    ("kam dy net që fle në stacion", "urgent", "missing", "sq"),  # 2 I've slept at the station for two nights
    # 3 my parents want to marry me off this summer in Albania
    ("Prinderit duan te me martojne ne vere ne Shqiperi", "urgent", "abuse", "sq"),
    # 3 they've engaged me to a boy I don't know
    ("me kane fejuar me nje djale qe nuk e njoh", "urgent", "abuse", "sq"),
    # 3 father took my passport so I can't leave before the wedding
    ("babai ma mori pasaporten qe te mos iki para dasmes", "urgent", "abuse", "sq"),
    # 3 tickets bought: in August they take me home to marry
    ("kane blere biletat, ne gusht do me cojne ne shtepi te martohem", "urgent", "abuse", "sq"),
    # 4 a 40-year-old man gives me money and drives me at night
    ("një burrë 40 vjeç më jep para dhe më merr me makinë natën", "urgent", "exploitation", "sq"),
    ("me tha eja tek une naten", "urgent", "exploitation", "sq"),  # 4 he told me come to mine at night
    ("mos i thuaj askujt, më tha", "concern", "exploitation", "sq"),  # 4 don't tell anyone, he told me
    # 5 I carry packages from one city to another for money
    ("coj pako nga nje qytet ne tjetrin per leke", "urgent", "exploitation", "sq"),
    # 5 they gave me a second phone for work
    ("me dhane nje telefon te dyte per pune", "concern", "exploitation", "sq"),
    # 5 I work unpaid at a car wash to pay off the lorry debt
    ("punoj falas në lavazh për të larë borxhin e kamionit", "urgent", "exploitation", "sq"),
    ("më çojnë të shes bar", "urgent", "exploitation", "sq"),  # 5 they send me to sell weed
    ("i kam mbledhur tabletat", "urgent", "self_harm", "sq"),  # 6 I've gathered the tablets
    ("sonte mbaron gjithcka", "urgent", "self_harm", "sq"),  # 6 tonight everything ends
    ("nuk dua të zgjohem më", "urgent", "self_harm", "sq"),  # 6 I don't want to wake up any more
    ("do hidhem nga ura", "urgent", "self_harm", "sq"),  # 6 I'll throw myself off the bridge
    # 6 if I'm not here tomorrow give my phone to my brother
    ("nese nuk jam ketu neser jepja telefonin vellait", "urgent", "self_harm", "sq"),
    ("me thote je ketu vetem per leke", "concern", "abuse", "sq"),  # 7 she tells me you're only here for the money
    ("babai me thote je turpi i familjes", "concern", "abuse", "sq"),  # 7 father tells me you're the family's shame
    ("me thone s'duhej te kishe lindur", "concern", "abuse", "sq"),  # 7 they tell me you shouldn't have been born
    ("kujdestari me thote magjup", "concern", "abuse", "sq"),  # 7 the carer calls me a gypsy
    # 7 she says they'll send me back to Albania if I talk
    ("më thotë se do më kthejnë në Shqipëri nëse flas", "concern", "abuse", "sq"),
    ("shkoj ne shkolle pa ngrene", "concern", "neglect", "sq"),  # 8 I go to school without eating
    # 8 they don't turn the heating on and it's cold
    ("nuk e ndezin ngrohjen dhe eshte ftohte", "concern", "neglect", "sq"),
    # 8 I have no winter clothes and they don't buy me any
    ("s'kam rroba dimri dhe nuk me blejne", "concern", "neglect", "sq"),
    ("nesër pas shkolle do të rrahim", "urgent", "violence", "sq"),  # 9 tomorrow after school we'll beat you
    ("me nxori thiken ne shkolle", "urgent", "violence", "sq"),  # 9 he pulled a knife on me at school
    ("më presin para shkollës çdo ditë", "concern", "violence", "sq"),  # 9 they wait for me outside school every day
    # 10 my uncle touched me when I was little, nobody knows
    ("xhaxhai me prekte kur isha e vogel, askush nuk e di", "concern", "abuse", "sq"),
    # 10 I've never told anyone my stepfather used to beat me
    ("s'ia kam thene askujt qe njerku me rrihte", "concern", "abuse", "sq"),
    ("ne kontakt babai e goditi mamin", "concern", "abuse", "sq"),  # 10 at contact father hit mum
    # Vietnamese
    ("bà foster lấy dây sạc đánh em", "urgent", "abuse", "vi"),  # 1 the foster mum hits me with the charger cable
    ("em bị ông foster đánh bằng thắt lưng", "urgent", "abuse", "vi"),  # 1 I get beaten with a belt by the foster dad
    # 1 (no tone marks) the foster mum beats me with a stick, I don't know what to do
    ("e bi ba foster danh bang cay, e khong biet lam sao", "urgent", "abuse", "vi"),
    ("chú nhân viên xô em ngã vào tường", "urgent", "abuse", "vi"),  # 1 the staff man pushed me against the wall
    ("bố nuôi nắm tóc em kéo đi", "urgent", "abuse", "vi"),  # 1 foster dad grabs my hair and drags me
    ("tay em bầm tím vì bị đánh", "urgent", "abuse", "vi"),  # 1 my arm is bruised from being beaten
    # 2 I've left the foster home and I'm not going back
    ("em bỏ nhà foster đi rồi, không quay lại nữa", "urgent", "missing", "vi"),
    ("tối nay em không biết ngủ ở đâu", "urgent", "missing", "vi"),  # 2 tonight I don't know where I'll sleep
    ("em ngủ nhờ nhà một người lạ", "urgent", "missing", "vi"),  # 2 I'm sleeping at a stranger's place
    ("gia đình ép em lấy chồng", "urgent", "abuse", "vi"),  # 3 my family is forcing me to marry
    # 3 my parents bought tickets home this summer to marry
    ("bố mẹ đã mua vé cho em về Việt Nam hè này để cưới", "urgent", "abuse", "vi"),
    # 3 they took my passport so I can't run before the wedding
    ("họ lấy hộ chiếu của em để em không trốn trước đám cưới", "urgent", "abuse", "vi"),
    ("họ định gả em cho một ông già", "urgent", "abuse", "vi"),  # 3 they mean to marry me off to an old man
    # 4 he's 25, gives me money and bought an iPhone
    ("anh ấy 25 tuổi hay cho em tiền và mua iphone", "urgent", "exploitation", "vi"),
    # 4 he asked me to come and sleep at his tonight
    ("anh ta rủ em qua nhà anh ấy ngủ tối nay", "urgent", "exploitation", "vi"),
    # 4 he drives me around at night and gives me money
    ("chú ấy hay chở em đi chơi ban đêm và cho em tiền", "urgent", "exploitation", "vi"),
    ("ông ấy dặn em không được nói với ai", "concern", "exploitation", "vi"),  # 4 he told me I mustn't tell anyone
    # 5 I have to carry bags to other cities for them
    ("em phải mang túi hàng đi các thành phố khác cho họ", "urgent", "exploitation", "vi"),
    ("họ đưa em một cái điện thoại thứ hai", "concern", "exploitation", "vi"),  # 5 they gave me a second phone
    ("họ nói mày nợ tụi tao", "concern", "exploitation", "vi"),  # 5 they say you owe us
    # 5 I work unpaid to pay for being brought to England
    ("em làm không công để trả tiền đưa em sang Anh", "urgent", "exploitation", "vi"),
    ("họ bắt em đi bán cỏ", "urgent", "exploitation", "vi"),  # 5 they make me sell weed
    ("em đã gom thuốc để dành rồi", "urgent", "self_harm", "vi"),  # 6 I've saved up tablets
    ("tối nay mọi thứ sẽ kết thúc", "urgent", "self_harm", "vi"),  # 6 tonight everything will end
    ("em không muốn thức dậy nữa", "urgent", "self_harm", "vi"),  # 6 I don't want to wake up any more
    ("em muốn nhảy cầu", "urgent", "self_harm", "vi"),  # 6 I want to jump off a bridge
    # 6 if I'm gone tomorrow give my phone to my brother
    ("nếu mai em không còn ở đây thì đưa điện thoại cho em trai em", "urgent", "self_harm", "vi"),
    ("bà ấy nói em ở đây chỉ vì tiền", "concern", "abuse", "vi"),  # 7 she says I'm only here for the money
    ("bố nói em là nỗi nhục của gia đình", "concern", "abuse", "vi"),  # 7 dad says I'm the family's shame
    ("mẹ nói đáng lẽ không nên sinh ra em", "concern", "abuse", "vi"),  # 7 mum says she should never have had me
    ("bà foster gọi em là đồ khỉ", "concern", "abuse", "vi"),  # 7 the foster mum calls me a monkey
    ("họ dọa gửi em về Việt Nam", "concern", "abuse", "vi"),  # 7 they threaten to send me back to Vietnam
    ("em đi học với bụng đói", "concern", "neglect", "vi"),  # 8 I go to school hungry
    # 8 they don't turn the heating on, the room is very cold
    ("họ không bật sưởi, phòng lạnh lắm", "concern", "neglect", "vi"),
    ("em không có áo ấm mùa đông", "concern", "neglect", "vi"),  # 8 I have no warm clothes for winter
    ("cả ngày em chưa ăn gì", "concern", "neglect", "vi"),  # 8 I haven't eaten all day
    ("mai bọn tao đánh mày", "urgent", "violence", "vi"),  # 9 tomorrow we'll beat you
    ("nó rút dao ra dọa em", "urgent", "violence", "vi"),  # 9 he pulled out a knife to scare me
    ("tụi nó chờ em ngoài cổng trường", "concern", "violence", "vi"),  # 9 they wait for me outside the school gate
    ("em bị bạn cùng lớp đánh ở trường", "concern", "violence", "vi"),  # 9 I got beaten by a classmate at school
    # 10 when I was little my uncle touched me, nobody knows
    ("hồi nhỏ chú em hay sờ người em, không ai biết", "concern", "abuse", "vi"),
    # 10 I never told anyone foster dad used to hit me
    ("em chưa bao giờ kể với ai là bố nuôi từng đánh em", "concern", "abuse", "vi"),
    ("lúc gặp bố, bố đánh mẹ", "concern", "abuse", "vi"),  # 10 at contact with dad, he hit mum
    # Tigrinya
    ("ኣደ ፎስተር ብቻርጀር ሽቦ ትወቕዓኒ", "urgent", "abuse", "ti"),  # 1 the foster mum hits me with the charger cable
    ("ኣቦ ፎስተር ትማሊ ሃረመኒ", "urgent", "abuse", "ti"),  # 1 the foster dad hit me yesterday
    ("እቲ ስታፍ ደፊኡኒ ኣብ መንደቕ", "urgent", "abuse", "ti"),  # 1 the staff member pushed me against the wall
    ("ኣኮይ ብቕናት ይገርፈኒ", "urgent", "abuse", "ti"),  # 1 my uncle whips me with a belt
    ("እቲ ሰብኣይ ገዛ ክሳደይ ሒዙ ይጸቕጠኒ", "urgent", "abuse", "ti"),  # 1 the man of the house grabs my neck and squeezes me
    ("ኣብ ዝባነይ ምልክት ቅናት ኣሎ", "urgent", "abuse", "ti"),  # 1 there is a belt mark on my back
    ("ካብ ፎስተር ሃዲመ ኣይምለስን", "urgent", "missing", "ti"),  # 2 I ran from the foster home, I won't go back
    ("ሎሚ ለይቲ ኣበይ ከም ዝሓድር ኣይፈልጥን", "urgent", "missing", "ti"),  # 2 tonight I don't know where I'll spend the night
    ("ኣብ ጣቢያ ባቡር ሓዲረ", "urgent", "missing", "ti"),  # 2 I spent the night at the train station
    ("ኣብ ገዛ ዘይፈልጦ ሰብኣይ እሓድር ኣለኹ", "urgent", "missing", "ti"),  # 2 I'm staying nights at the house of a man I don't know
    # 3 my family want to take me home in summer to marry me off
    ("ስድራይ ክረምቲ ናብ ዓዲ ወሲዶም ከመርዕዉኒ ይደልዩ", "urgent", "abuse", "ti"),
    ("ቲኬት ገዚኦምለይ ንምርዓው", "urgent", "abuse", "ti"),  # 3 they've bought me a ticket, to be married
    ("ፓስፖርተይ ወሲዶም ከይሃድም ቅድሚ መርዓ", "urgent", "abuse", "ti"),  # 3 they took my passport so I can't run before the wedding
    ("ኒካሕ ብሓይሊ ክገብሩለይ እዮም", "urgent", "abuse", "ti"),  # 3 they're going to make a nikah for me by force
    ("ሓደ ዓቢ ሰብኣይ ስልኪ ገዚኡለይ", "urgent", "exploitation", "ti"),  # 4 an older man bought me a phone
    ("ሓደ ሰብኣይ መስተን ሽጋራን ይህበኒ", "urgent", "exploitation", "ti"),  # 4 a man gives me drink and cigarettes
    ("ለይቲ ናብ ገዝኡ ክኸይድ ይብለኒ", "urgent", "exploitation", "ti"),  # 4 he tells me to go to his house at night
    ("ንማንም ከይትነግሪ ኢሉኒ", "concern", "exploitation", "ti"),  # 4 he told me don't tell anyone
    ("ፓኬት ናብ ካልእ ከተማ ከብጽሕ ይልእኩኒ", "urgent", "exploitation", "ti"),  # 5 they send me to take packages to another city
    ("ቦርሳ ካብ ድኳን ናብ ድኳን እወስድ ብገንዘብ", "urgent", "exploitation", "ti"),  # 5 I take bags from shop to shop for money
    ("ካልኣይ ስልኪ ሂቦምኒ", "concern", "exploitation", "ti"),  # 5 they gave me a second phone
    ("ዕዳ ኣሎካ ይብሉኒ", "concern", "exploitation", "ti"),  # 5 they tell me you have a debt
    ("ንዘምጽኡኒ ክኸፍል ብዘይ ደሞዝ እሰርሕ", "urgent", "exploitation", "ti"),  # 5 I work without pay to repay those who brought me
    ("ሓሺሽ ክሸጥ ይልእኩኒ", "urgent", "exploitation", "ti"),  # 5 they send me to sell hashish
    ("ከኒና ኣኪበ ዓቂበዮ ኣለኹ", "urgent", "self_harm", "ti"),  # 6 I've gathered pills and kept them
    ("ሎሚ ለይቲ ኩሉ ክውዳእ እዩ", "urgent", "self_harm", "ti"),  # 6 tonight everything will end
    ("ደጊም ክበራበር ኣይደልን", "urgent", "self_harm", "ti"),  # 6 I don't want to wake up any more
    ("ካብ ድልድል ክዘልል እየ", "urgent", "self_harm", "ti"),  # 6 I'm going to jump off a bridge
    # 6 if I'm not here tomorrow give my phone to my brother
    ("ጽባሕ እንተ ዘይሃለኹ ስልከይ ንሓወይ ሃብዎ", "urgent", "self_harm", "ti"),
    ("ንገንዘብ ጥራይ ኢኻ ኣብዚ ዘለኻ ትብለኒ", "concern", "abuse", "ti"),  # 7 she tells me you're here only for the money
    ("ኣቦይ ሕፍረትና ኢኻ ይብለኒ", "concern", "abuse", "ti"),  # 7 my father tells me you're our shame
    ("ክትውለድ ኣይነበረካን ትብለኒ", "concern", "abuse", "ti"),  # 7 she tells me you should not have been born
    ("ኣደ ፎስተር ባርያ ትብለኒ", "concern", "abuse", "ti"),  # 7 the foster mum calls me a slave
    ("ናብ ዓድኻ ክንመልሰካ ኢና ይብሉኒ", "concern", "abuse", "ti"),  # 7 they tell me we'll send you back to your country
    ("ከይበላዕኩ ናብ ቤት ትምህርቲ እኸይድ", "concern", "neglect", "ti"),  # 8 I go to school without eating
    ("ሂተር ኣይውልዑን፡ ክፍለይ ዝሑል እዩ", "concern", "neglect", "ti"),  # 8 they don't turn on the heater, my room is cold
    ("ናይ ክረምቲ ክዳን የብለይን", "concern", "neglect", "ti"),  # 8 I have no winter clothes
    ("ጽባሕ ክንወቕዓካ ኢና", "urgent", "violence", "ti"),  # 9 tomorrow we'll beat you
    ("ካራ ኣርእዩኒ ኣብ ቤት ትምህርቲ", "urgent", "violence", "ti"),  # 9 they showed me a knife at school
    ("ኣብ ደገ ኮለጅ ይጽበዩኒ", "concern", "violence", "ti"),  # 9 they wait for me outside college
    # 10 when I was small my uncle touched me; nobody knows
    ("ንእሽቶ ከለኹ ኣኮይ ይትንክፈኒ ነይሩ፡ ዝፈልጥ ሰብ የለን", "concern", "abuse", "ti"),
    ("ኣብ ርክብ ኣቦይ ንኣደይ ወቒዑዋ", "concern", "abuse", "ti"),  # 10 at contact my father hit my mother
]
# Denials, sport and kitchen injuries, house rules, films and lessons, exaggeration, harm on the journey that is over
QUIET = [
    # Polish
    "Nikt mnie nie bije w rodzinie zastępczej, jest spoko",  # nobody hits me at the foster family, it's fine
    "Na boksie dostałem w twarz i mam siniaka",  # I got hit in the face at boxing and have a bruise
    "na WF-ie dostałem piłką w twarz",  # in PE I got a ball in the face
    "Skaleczyłem się nożem robiąc kanapkę",  # I cut myself with a knife making a sandwich
    "Noże są zamykane na noc, dla wszystkich",  # knives are locked away at night, for everyone
    "Nożyczki są w szufladzie",  # the scissors are in the drawer
    "W wiadomościach mówili o chłopaku co uciekł z domu",  # on the news they talked about a boy who ran away
    "na lekcji uczyliśmy się o małżeństwach przymusowych",  # in a lesson we learned about forced marriage
    "Moja mama mnie zabije jak się spóźnię",  # my mum will kill me if I'm late
    "jutro mam sprawdzian, zabiję się haha",  # test tomorrow, I'll kill myself haha
    "jutro wszystko się skończy, ostatni dzień szkoły, hura",  # tomorrow it all ends, last day of school, hooray
    "Kupiłem bilety na ślub kuzyna w wakacje",  # I bought tickets for my cousin's wedding in the holidays
    # the carers keep my passport in a cupboard, that's normal
    "Opiekunowie trzymają mój paszport w szafie, to normalne",
    "Mama czeka na mnie pod szkołą",  # mum waits for me outside school
    "wali mnie to co oni myślą",  # I don't care what they think
    "nie wracam do domu na obiad bo mam kółko",  # I don't come home for lunch, I have a club
    # in Libya smugglers beat us, but it's over: I have a lawyer and a psychologist, it's good now
    "W Libii przemytnicy nas bili, ale to się skończyło, mam prawnika i psychologa i teraz jest dobrze",
    # Albanian
    "askush nuk me rrah ketu, jam mire",  # nobody beats me here, I'm fine
    "me goditen ne stervitje boksi",  # I got hit in boxing training
    "u preva me thike ne kuzhine duke prere buke",  # I cut myself with a knife in the kitchen cutting bread
    "thikat i mbyllin naten per te gjithe",  # they lock the knives away at night, for everyone
    "ne film e vrane me thike",  # in the film they killed him with a knife
    "ne mesim folem per martesat e detyruara",  # in a lesson we talked about forced marriage
    "do me vrase mami nese vonohem",  # mum will kill me if I'm late
    "nuk kthehem ne Shqiperi se kam frike",  # I won't go back to Albania, I'm afraid
    "kujdestari ma mban pasaporten ne kasaforte",  # the carer keeps my passport in the safe
    "më ra telefoni dhe u thye",  # I dropped my phone and it broke
    "mami më pret jashtë shkollës",  # mum waits for me outside school
    "nuk dua të zgjohem herët nesër",  # I don't want to get up early tomorrow
    # on the way the smugglers beat us, but now I'm fine, I have a lawyer and a psychologist
    "ne rruge kontrabandistet na rrihnin, por tani jam mire, kam avokat dhe psikolog",
    # Vietnamese
    "không ai đánh em cả, em ổn",  # nobody hits me, I'm fine
    "bà foster không bao giờ đánh em",  # the foster mum never hits me
    "có ai đánh em đâu, em ổn",  # nobody hits me (colloquial), I'm fine
    "em tập boxing bị đấm vào mặt",  # at boxing I got punched in the face
    "em bị đứt tay khi dùng dao nấu ăn",  # I cut my hand using a knife to cook
    "dao được cất đi vào buổi tối cho mọi người",  # knives are put away at night for everyone
    "trong phim người ta đánh nhau bằng dao",  # in the film people fight with knives
    "mệt muốn chết",  # tired to death
    "chân em bị sưng khi đá bóng",  # my leg got swollen playing football
    "em rất sung sướng",  # I'm very happy
    "mẹ sẽ giết em mất nếu em về muộn",  # mum will kill me if I'm late home
    "em học về hôn nhân ép buộc ở trường",  # we learned about forced marriage at school
    "ông bà cho em tiền tiêu vặt",  # my grandparents give me pocket money
    "em học đánh máy ở trường",  # I learn typing at school
    "em đi đám cưới chị họ ở Việt Nam hè này",  # I'm going to my cousin's wedding in Vietnam this summer
    "tụi nó chờ em đi học về rồi cùng đá bóng",  # they wait for me after school and we play football
    # on the way here the traffickers beat us; now I have a lawyer and counselling, it's over, I'm fine
    "trên đường sang đây bọn buôn người đánh chúng em, giờ em có luật sư và được tư vấn, mọi chuyện qua rồi, em ổn",
    # Tigrinya
    "ኣብዚ ዝወቕዓኒ ሰብ የለን",  # nobody here hits me
    "ኣደ ፎስተር ኣይሃረመትንን",  # the foster mum didn't hit me
    "ኣብ ቦክስ ልምምድ ገጸይ ተሃሪመ",  # I got hit in the face at boxing training
    "ኣብ ልምምድ ኩዕሶ ረጊጹኒ",  # he kicked me at football training
    "ኣብ ክሽነ ሽጉርቲ ክቖርጽ ከለኹ ብካራ ኢደይ ተቖሪጸ",  # cutting onions in the kitchen I cut my hand with a knife
    "ካራታት ለይቲ ይዕጸዉ ንኹሉ",  # knives are locked away at night, for everyone
    "ካራቴ እጻወት",  # I do karate
    "ኣብ ፊልም ብካራ ቀቲሎሞ",  # in the film they killed him with a knife
    "ኣብ ትምህርቲ ብዛዕባ ብሓይሊ መርዓ ተማሂርና",  # in a lesson we learned about forced marriage
    "ካብ ኤርትራ ሃዲመ ናብ ሱዳን ከይደ",  # I fled Eritrea and went to Sudan
    "ናብ ዕዳጋ ከይደ",  # I went to the market
    "ክረምቲ ናብ ዓዲ ንመርዓ ሓወይ ክንከይድ ኢና",  # in summer we go home for my brother's wedding
    "ኣደይ ኣብ ደገ ቤት ትምህርቲ ትጽበየኒ",  # my mum waits for me outside school
    "ብስሕቂ ክመውት ደልየ",  # I nearly died laughing
    # in Libya the smugglers used to beat us; now I'm fine, I have a lawyer
    "ኣብ ሊብያ ደላሎ ይወቕዑና ነይሮም፡ ሕጂ ግን ደሓን እየ ጠበቓ ኣለኒ",
]


@pytest.mark.parametrize(("text", "level", "category", "language"), KINDS)
def test_each_kind_is_flagged_at_its_level(text, level, category, language):
    assert_flagged_at_level(text, level, category, language)


@pytest.mark.parametrize("text", QUIET)
def test_a_look_alike_stays_quiet(text):
    assert_quiet(text)
