"""Kinds of mistake fixed in the Polish, Albanian, Vietnamese, Roman Urdu/Punjabi and Tigrinya lexicons (lexe pass).

Every sentence here was written for these tests (glosses in the comments); none comes from an evaluation set.
Kinds: a plan ready for tonight and a goodbye; locked in as a punishment; belittling by a carer; left alone for days;
someone coming into the child's room at night; a marriage arranged (a husband found, tickets booked, a nikah done);
trafficking for work (documents taken); online grooming and sextortion; a bag to carry and threats to the family;
Gheg and short forms (Albanian 'du', 'm'ka', Vietnamese 'e' for em); hidden self-harm. Look-alikes: harm in an old
placement that is over, a friend's words already handled, a cousin's case with the police, cooking with a knife, a
sibling squabble, self-blame ('my own fault'), weeding or 'lắm, có', a TikTok video.
"""

import pytest

from nlp._foreign import read

# (text, level, category, language)
KINDS = [
    # Polish
    ("mam wszystko gotowe na dzisiaj w nocy", "urgent", "self_harm", "pl"),  # I have everything ready for tonight
    ("juz nie dam rady.", "concern", "self_harm", "pl"),  # I can't cope any more.
    ("mam tabletki schowane pod lozkiem. dzisiaj", "urgent", "self_harm", "pl"),  # pills hidden under my bed. today
    ("wujek zamyka mnie w lazience na cala noc", "urgent", "abuse", "pl"),  # uncle locks me in the bathroom all night
    ("opiekun wciaz mowi ze jestem do niczego", "concern", "abuse", "pl"),  # the carer keeps saying I'm useless
    ("tata nie wrocil od soboty i jestem sama z siostra", "urgent", "neglect", "pl"),  # dad not back since Saturday
    # he took my passport and says I must work off the journey
    ("szef zabral mi paszport i mowi ze nie placi bo musze odpracowac", "urgent", "exploitation", "pl"),
    ("ktos z roblox kupuje mi robuxy i pyta czy jestem sama w domu", "concern", "exploitation", "pl"),
    # he has my photos and threatens to post them
    ("typ ma moje fotki i straszy ze je wrzuci do sieci", "urgent", "exploitation", "pl"),
    # stepdad pushed mum in front of me
    ("ojczym krzyczy na mame i raz ja popchnal przy mnie", "concern", "abuse", "pl"),
    # Albanian (Gheg and short forms)
    ("nuk du me kon ma ketu ne kete bote", "urgent", "self_harm", "sq"),  # I don't want to be in this world any more
    ("i kam ble krejt ilacet", "urgent", "self_harm", "sq"),  # I've bought all the medicines
    ("njerku m'ka rrah me dore", "urgent", "abuse", "sq"),  # my stepfather has beaten me with his hand
    ("ma kan gjet nusen ne fshat", "urgent", "abuse", "sq"),  # they've found me a bride in the village
    ("jemi vet ne shpi prej kater dit", "urgent", "neglect", "sq"),  # we've been alone in the house four days
    ("me thone te coj nje pako ne Birmingham me tren", "urgent", "exploitation", "sq"),  # I'm told to take a package
    ("kushriri hyn ne dhomen time naten", "urgent", "abuse", "sq"),  # my cousin comes into my room at night
    ("thane qe e dine ku jeton nena ime", "concern", "violence", "sq"),  # they said they know where my mum lives
    ("ika nga shpia dhe s'du me u kthy", "urgent", "missing", "sq"),  # I left the house and don't want to go back
    # Vietnamese ('e' for em, without tone marks)
    ("bố nuôi đập e bằng thắt lưng", "urgent", "abuse", "vi"),  # foster dad beats me with a belt
    ("anh ấy hay vào phòng e ban đêm", "urgent", "abuse", "vi"),  # he often comes into my room at night
    ("e bỏ đi rồi, đừng tìm e", "urgent", "missing", "vi"),  # I've left, don't look for me
    ("toi nay em len cau", "urgent", "self_harm", "vi"),  # tonight I'm going up to the bridge
    ("bà ấy chửi e là đồ vô dụng", "concern", "abuse", "vi"),  # she calls me useless
    ("em o nha mot minh ba ngay roi", "urgent", "neglect", "vi"),  # I've been home alone three days
    ("ho khoa cua ko cho em ra ngoai", "urgent", "exploitation", "vi"),  # they lock the door and don't let me out
    ("thang sau em phai ve de lay chong", "urgent", "abuse", "vi"),  # next month I have to go back to marry
    # Roman Urdu / Punjabi
    ("abbu ne dubai ki tickets book karwa li hain, wahan meri shaadi hai", "urgent", "abuse", "ur"),
    ("chachi ne phone pe mera nikah kara diya, main 16 ki hoon", "urgent", "abuse", "ur"),  # my nikah done by phone
    ("woh mujhe kamre mein band kar deta hai", "urgent", "abuse", "ur"),  # he locks me in the room
    ("ammi 3 din se ghar nahi aayi", "urgent", "neglect", "ur"),  # mum hasn't come home for 3 days
    # after tonight no one worries
    ("aaj raat ke baad kisi ko meri fikar nahi karni padegi", "urgent", "self_harm", "ur"),
    ("kal raat usne maara, meri aankh abhi bhi sooji hui hai", "urgent", "abuse", "ur"),  # my eye is still swollen
    # a match fixed, never met him
    ("mera rishta pakka kar diya, main us se kabhi mili nahi", "concern", "abuse", "ur"),
    # Tigrinya
    ("ኣብ ገዛ ምግቢ የብልናን", "concern", "neglect", "ti"),  # at home we have no food
    ("ኣቦይ ሰብኣይ ረኺቦምለይ", "concern", "abuse", "ti"),  # my father has found me a husband
    ("ለይቲ ሓደ ሰብ ናብ ክፍለይ ይኣቱ", "urgent", "abuse", "ti"),  # at night someone comes into my room
    ("ካረር ዋጋ የብልክን ትብለኒ", "concern", "abuse", "ti"),  # the carer tells me you're worthless
    ("ኣብ ቲክቶክ ሓደ ሰብ ካልእ ስእሊ ስደድለይ ይብለኒ", "urgent", "exploitation", "ti"),  # on TikTok someone: send another photo
]

QUIET = [
    # Polish: harm in an old placement, over; self-blame; 'can't make it tomorrow'
    "w poprzednim osrodku chlopak mnie bil, ale przeniesli mnie rok temu i czuje sie bezpiecznie",
    "to moja wina ze sie spoznilam, sama jestem winna",  # it's my fault I was late
    "nie dam rady przyjsc jutro na trening",  # I can't make it to training tomorrow
    "przepraszam wszystkich za spoznienie na zbiorke",  # sorry everyone for being late to the meeting
    # Albanian
    "nuk du me kon ketu ne kete dhome se ka zhurme",  # I don't want to be in this room, it's noisy
    "mami me thote te shkoj ne dyqan",  # mum tells me to go to the shop
    # Vietnamese: a friend's words already handled; harm on the way, now safe; 'lắm, có'
    "ban em noi muon chet, em da bao co giao va gio ban ay on roi",
    "hoi di sang day em bi danh, gio em an toan roi, co luat su",
    "em vui lam, co giao rat tot",  # I'm very happy, the teacher is very good
    "em bi dau chan khi da bong",  # I hurt my leg playing football
    # Roman Urdu / Punjabi: cooking, a sibling squabble, a cousin's case handled, past and settled
    "ammi ke saath chhuri se gosht kaata, mazay ka khana bana",
    "behen ne meri chocolate kha li, main usko maar dungi",
    "meri saheli ki zabardasti shaadi ka case tha, forced marriage unit ne help ki",
    "jab main choti thi abbu maarte the, ab main safe hoon aur koi contact nahi",
    # Tigrinya: a video seen on TikTok; a denial
    "ኣብ ቲክቶክ ፊልም ርእየ",  # I watched a film on TikTok
    "ዋላ ሓደ ኣይሃርመንን",  # nobody hits me
]


@pytest.mark.parametrize(("text", "level", "category", "language"), KINDS)
def test_each_kind_is_read_at_its_level(text, level, category, language):
    reading = read(text)
    assert (reading.level, category in reading.categories) == (level, True), (reading.categories, reading.triggers)
    assert language in reading.languages or (language == "ur" and "pa" in reading.languages), reading.languages


@pytest.mark.parametrize("text", QUIET)
def test_a_look_alike_is_not_read_as_a_disclosure(text):
    reading = read(text)
    assert reading.level == "none", reading.triggers
