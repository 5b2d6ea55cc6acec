"""The capture pages' own words in every supported language, falling back to the UI catalogue, then English.

These strings belong in ``heard/i18n/messages`` once a translator has reviewed them; until then the
pages show the catalogue's "translation not yet checked" notice for every language but English.
"""

from __future__ import annotations

from heard.i18n import SUPPORTED, Catalogue, Direction, catalogue

_EN = {
    "home": "Home",
    "send.title": "Tell us something",
    "send.lead": "Choose what you want to tell us about. What you type is saved as you go, so you can come back later.",
    "send.statements": "Send a message",
    "send.review": "Before my review",
    "send.surveys": "Surveys for you",
    "send.survey_until": "Open until {date}",
    "send.done": "You have already filled this in. Thank you.",
    "send.draft": "You have started this. Carry on where you left off.",
    "send.none": "There is nothing to fill in here right now.",
    "held.title": "We kept what you wrote",
    "held.body": "You were signed out before it was sent, so nothing was lost. It has not been sent yet.",
    "held.link": "Carry on where you left off",
    "form.restored": "We put back what you wrote last time. It has not been sent yet.",
    "form.nothing": "Answer at least one question before sending",
    "form.send_hint": "Nothing is sent until you press Send.",
    "form.signed_out": "You were signed out. Sign in again and what you wrote will still be here.",
    "messages.empty": "You have not sent anything yet.",
    "messages.sent_on": "Sent {date}",
    "messages.read_on": "Read {date}",
    "messages.not_read": "Not read yet",
    "messages.replies": "Replies",
    "messages.reply_count": "Replies: {count}",
    "messages.reply_from": "Reply from {name}, {date}",
    "messages.no_reply": "No reply yet.",
    "messages.your_words": "What you sent",
    "messages.who": "Who can see it: {who}",
    "messages.advocate": "You asked for an advocate. We passed your request to the advocacy service on {date}.",
    "messages.back": "Back to my messages",
    "messages.reference": "Reference {reference}",
    "receipt.when": "You will usually get a reply within 5 working days.",
    "receipt.today_title": "Someone will be in touch today",
    "receipt.today_body": "Thank you for telling us. Someone will get in touch with you today to check you are OK.",
    "receipt.talk_now": "If you want to talk to someone now:",
    "receipt.anonymous": "Thank you for taking part. Your answers do not have your name on them.",
    "receipt.send_more": "Tell us something else",
    "survey.closed_title": "This survey is closed",
    "survey.closed_body": "This link is not open at the moment. Thank you for wanting to take part.",
    "survey.anonymous_note": "You do not need to give your name. We do not keep who you are or where you are.",
    "survey.not_found": "We could not find that.",
}

_AR = {
    "home": "الرئيسية",
    "send.title": "أخبرنا بشيء",
    "send.lead": "اختر ما تريد أن تخبرنا عنه. يُحفظ ما تكتبه أولًا بأول، فيمكنك العودة لاحقًا.",
    "send.statements": "أرسل رسالة",
    "send.review": "قبل اجتماع المراجعة",
    "send.surveys": "استبيانات لك",
    "send.survey_until": "مفتوح حتى {date}",
    "send.done": "لقد ملأت هذا من قبل. شكرًا لك.",
    "send.draft": "لقد بدأت هذا. أكمل من حيث توقفت.",
    "send.none": "لا يوجد شيء لتملأه هنا الآن.",
    "held.title": "احتفظنا بما كتبته",
    "held.body": "تم تسجيل خروجك قبل إرساله، لذلك لم يضِع شيء. لم يُرسَل بعد.",
    "held.link": "أكمل من حيث توقفت",
    "form.restored": "أعدنا ما كتبته في المرة الماضية. لم يُرسَل بعد.",
    "form.nothing": "أجب عن سؤال واحد على الأقل قبل الإرسال",
    "form.send_hint": "لا يُرسَل شيء حتى تضغط على إرسال.",
    "form.signed_out": "تم تسجيل خروجك. سجّل الدخول مرة أخرى وستجد ما كتبته هنا.",
    "messages.empty": "لم ترسل أي شيء بعد.",
    "messages.sent_on": "أُرسلت {date}",
    "messages.read_on": "قُرئت {date}",
    "messages.not_read": "لم تُقرأ بعد",
    "messages.replies": "الردود",
    "messages.reply_count": "الردود: {count}",
    "messages.reply_from": "رد من {name}، {date}",
    "messages.no_reply": "لا يوجد رد بعد.",
    "messages.your_words": "ما أرسلته",
    "messages.who": "من يمكنه رؤيتها: {who}",
    "messages.advocate": "طلبت مناصرًا. أرسلنا طلبك إلى خدمة المناصرة في {date}.",
    "messages.back": "العودة إلى رسائلي",
    "messages.reference": "الرقم المرجعي {reference}",
    "receipt.when": "عادةً ستحصل على رد خلال 5 أيام عمل.",
    "receipt.today_title": "سيتواصل معك شخص ما اليوم",
    "receipt.today_body": "شكرًا لأنك أخبرتنا. سيتواصل معك شخص ما اليوم ليتأكد أنك بخير.",
    "receipt.talk_now": "إذا أردت التحدث إلى شخص ما الآن:",
    "receipt.anonymous": "شكرًا لمشاركتك. إجاباتك لا تحمل اسمك.",
    "receipt.send_more": "أخبرنا بشيء آخر",
    "survey.closed_title": "هذا الاستبيان مغلق",
    "survey.closed_body": "هذا الرابط غير مفتوح الآن. شكرًا لرغبتك في المشاركة.",
    "survey.anonymous_note": "لا تحتاج إلى ذكر اسمك. نحن لا نحتفظ بمن أنت أو بمكانك.",
    "survey.not_found": "لم نتمكن من العثور على ذلك.",
}

_FA = {
    "home": "خانه",
    "send.title": "چیزی به ما بگو",
    "send.lead": (
        "انتخاب کن دربارهٔ چه چیزی می‌خواهی به ما بگویی. آنچه می‌نویسی همان‌طور ذخیره می‌شود، پس می‌توانی بعدًا برگردی."
    ),
    "send.statements": "یک پیام بفرست",
    "send.review": "پیش از جلسهٔ بازبینی من",
    "send.surveys": "نظرسنجی‌هایی برای تو",
    "send.survey_until": "باز تا {date}",
    "send.done": "این را قبلاً پر کرده‌ای. ممنون.",
    "send.draft": "این را شروع کرده‌ای. از همان جایی که ماندی ادامه بده.",
    "send.none": "فعلاً چیزی برای پر کردن اینجا نیست.",
    "held.title": "آنچه نوشتی را نگه داشتیم",
    "held.body": "پیش از فرستادن، از حسابت خارج شدی، پس چیزی گم نشد. هنوز فرستاده نشده است.",
    "held.link": "از همان جایی که ماندی ادامه بده",
    "form.restored": "آنچه دفعهٔ پیش نوشتی را برگرداندیم. هنوز فرستاده نشده است.",
    "form.nothing": "پیش از فرستادن دست‌کم به یک پرسش پاسخ بده",
    "form.send_hint": "تا وقتی «فرستادن» را نزنی چیزی فرستاده نمی‌شود.",
    "form.signed_out": "از حسابت خارج شدی. دوباره وارد شو؛ آنچه نوشتی اینجا می‌ماند.",
    "messages.empty": "هنوز چیزی نفرستاده‌ای.",
    "messages.sent_on": "فرستاده شد {date}",
    "messages.read_on": "خوانده شد {date}",
    "messages.not_read": "هنوز خوانده نشده",
    "messages.replies": "پاسخ‌ها",
    "messages.reply_count": "پاسخ‌ها: {count}",
    "messages.reply_from": "پاسخ از {name}، {date}",
    "messages.no_reply": "هنوز پاسخی نیامده.",
    "messages.your_words": "آنچه فرستادی",
    "messages.who": "چه کسی می‌تواند آن را ببیند: {who}",
    "messages.advocate": "درخواست یک مدافع کردی. درخواستت را در {date} به خدمات مدافع فرستادیم.",
    "messages.back": "بازگشت به پیام‌های من",
    "messages.reference": "شمارهٔ پیگیری {reference}",
    "receipt.when": "معمولاً ظرف ۵ روز کاری پاسخ می‌گیری.",
    "receipt.today_title": "امروز کسی با تو تماس می‌گیرد",
    "receipt.today_body": "ممنون که به ما گفتی. امروز کسی با تو تماس می‌گیرد تا مطمئن شود حالت خوب است.",
    "receipt.talk_now": "اگر می‌خواهی همین حالا با کسی حرف بزنی:",
    "receipt.anonymous": "ممنون که شرکت کردی. پاسخ‌هایت نام تو را ندارند.",
    "receipt.send_more": "چیز دیگری به ما بگو",
    "survey.closed_title": "این نظرسنجی بسته است",
    "survey.closed_body": "این پیوند فعلاً باز نیست. ممنون که می‌خواستی شرکت کنی.",
    "survey.anonymous_note": "لازم نیست نامت را بگویی. ما نگه نمی‌داریم که تو کیستی یا کجا هستی.",
    "survey.not_found": "آن را پیدا نکردیم.",
}

_PS = {
    "home": "کور",
    "send.title": "موږ ته یو څه ووایه",
    "send.lead": "وټاکه چې د څه په اړه غواړې موږ ته ووایې. څه چې لیکې هماغه وخت خوندي کېږي، نو وروسته بېرته راتلی شې.",
    "send.statements": "یو پیغام ولېږه",
    "send.review": "زما د بیاکتنې له غونډې مخکې",
    "send.surveys": "ستا لپاره سروې ګانې",
    "send.survey_until": "تر {date} پورې پرانیستې",
    "send.done": "تا دا مخکې ډک کړی دی. مننه.",
    "send.draft": "تا دا پیل کړی دی. له هماغه ځایه یې دوام ورکړه.",
    "send.none": "اوس دلته د ډکولو لپاره څه نشته.",
    "held.title": "څه چې تا لیکلي وو، ساتلي مو دي",
    "held.body": "له لېږلو مخکې له حساب څخه ووتلې، نو هېڅ شی ورک نه شو. لا نه دی لېږل شوی.",
    "held.link": "له هماغه ځایه یې دوام ورکړه",
    "form.restored": "څه چې تېر ځل دې لیکلي وو، بېرته مو راوړل. لا نه دي لېږل شوي.",
    "form.nothing": "له لېږلو مخکې لږ تر لږه یوې پوښتنې ته ځواب ورکړه",
    "form.send_hint": "تر هغه چې «لېږل» کېکاږې، هېڅ شی نه لېږل کېږي.",
    "form.signed_out": "له حساب څخه ووتلې. بېرته ننوځه، څه چې دې لیکلي دلته به وي.",
    "messages.empty": "تا لا څه نه دي لېږلي.",
    "messages.sent_on": "لېږل شوی {date}",
    "messages.read_on": "لوستل شوی {date}",
    "messages.not_read": "لا نه دی لوستل شوی",
    "messages.replies": "ځوابونه",
    "messages.reply_count": "ځوابونه: {count}",
    "messages.reply_from": "ځواب له {name} څخه، {date}",
    "messages.no_reply": "لا ځواب نشته.",
    "messages.your_words": "څه چې تا ولېږل",
    "messages.who": "څوک یې لیدلی شي: {who}",
    "messages.advocate": "تا د مدافع غوښتنه وکړه. ستا غوښتنه مو په {date} د مدافع خدمت ته ولېږله.",
    "messages.back": "زما پیغامونو ته بېرته",
    "messages.reference": "حواله شمېره {reference}",
    "receipt.when": "معمولاً به په ۵ کاري ورځو کې ځواب ترلاسه کړې.",
    "receipt.today_title": "نن به یو څوک درسره اړیکه ونیسي",
    "receipt.today_body": "مننه چې موږ ته دې وویل. نن به یو څوک درسره اړیکه ونیسي ترڅو ډاډ ترلاسه کړي چې ته ښه یې.",
    "receipt.talk_now": "که غواړې همدا اوس له چا سره خبرې وکړې:",
    "receipt.anonymous": "مننه چې ګډون دې وکړ. ستا په ځوابونو ستا نوم نشته.",
    "receipt.send_more": "موږ ته بل څه ووایه",
    "survey.closed_title": "دا سروې تړل شوې ده",
    "survey.closed_body": "دا لینک اوس پرانیستی نه دی. مننه چې غوښتل دې ګډون وکړې.",
    "survey.anonymous_note": "اړتیا نشته خپل نوم ووایې. موږ دا نه ساتو چې ته څوک یې یا چېرته یې.",
    "survey.not_found": "هغه مو ونه موند.",
}

_TI = {
    "home": "መእተዊ",
    "send.title": "ሓደ ነገር ንገረና",
    "send.lead": "ብዛዕባ እንታይ ክትነግረና ከም እትደሊ ምረጽ። ዝጸሓፍካዮ ብቐጻሊ ይዕቀብ፡ ስለዚ ደሓር ክትምለስ ትኽእል ኢኻ።",
    "send.statements": "መልእኽቲ ስደድ",
    "send.review": "ቅድሚ ኣኼባ ገምጋመይ",
    "send.surveys": "ንዓኻ ዝኾኑ መጽናዕትታት",
    "send.survey_until": "ክሳብ {date} ክፉት",
    "send.done": "ነዚ ድሮ መሊእካዮ ኢኻ። የቐንየልና።",
    "send.draft": "ነዚ ጀሚርካዮ ኢኻ። ካብቲ ዝኣገድካሉ ቀጽል።",
    "send.none": "ሕጂ ኣብዚ ዝምላእ ነገር የለን።",
    "held.title": "ዝጸሓፍካዮ ዓቒብናዮ ኣለና",
    "held.body": "ቅድሚ ምስዳዱ ካብ ኣካውንትካ ወጺእካ፡ ስለዚ ዝጠፍአ ነገር የለን። ገና ኣይተሰደደን።",
    "held.link": "ካብቲ ዝኣገድካሉ ቀጽል",
    "form.restored": "ዝሓለፈ ግዜ ዝጸሓፍካዮ መሊስናዮ ኣለና። ገና ኣይተሰደደን።",
    "form.nothing": "ቅድሚ ምስዳድ እንተወሓደ ንሓደ ሕቶ መልስ",
    "form.send_hint": "ስደድ ክሳብ ዘይጠወቕካ ዝስደድ ነገር የለን።",
    "form.signed_out": "ካብ ኣካውንትካ ወጺእካ። እንደገና እቶ፡ ዝጸሓፍካዮ ኣብዚ ክጸንሓካ እዩ።",
    "messages.empty": "ገና ዝሰደድካዮ የለን።",
    "messages.sent_on": "ዝተሰደደ {date}",
    "messages.read_on": "ዝተነበ {date}",
    "messages.not_read": "ገና ኣይተነበን",
    "messages.replies": "መልስታት",
    "messages.reply_count": "መልስታት: {count}",
    "messages.reply_from": "መልሲ ካብ {name}፡ {date}",
    "messages.no_reply": "ገና መልሲ የለን።",
    "messages.your_words": "ዝሰደድካዮ",
    "messages.who": "መን ክርእዮ ይኽእል: {who}",
    "messages.advocate": "ጠበቓ ሓቲትካ። ሕቶኻ ብ {date} ናብ ኣገልግሎት ጠበቓ ሰዲድናዮ።",
    "messages.back": "ናብ መልእኽትታተይ ተመለስ",
    "messages.reference": "መወከሲ {reference}",
    "receipt.when": "ብልምዲ ኣብ ውሽጢ 5 መዓልታት ስራሕ መልሲ ክበጽሓካ እዩ።",
    "receipt.today_title": "ሎሚ ሓደ ሰብ ክረኽበካ እዩ",
    "receipt.today_body": "ስለ ዝነገርካና የቐንየልና። ደሓን ምዃንካ ንምርግጋጽ ሎሚ ሓደ ሰብ ክረኽበካ እዩ።",
    "receipt.talk_now": "ሕጂ ምስ ሓደ ሰብ ክትዛረብ እንተደሊኻ:",
    "receipt.anonymous": "ስለ ዝተሳተፍካ የቐንየልና። መልስታትካ ስምካ የብሎምን።",
    "receipt.send_more": "ካልእ ነገር ንገረና",
    "survey.closed_title": "እዚ መጽናዕቲ ተዓጽዩ እዩ",
    "survey.closed_body": "እዚ ሊንክ ሕጂ ክፉት ኣይኮነን። ክትሳተፍ ስለ ዝደለኻ የቐንየልና።",
    "survey.anonymous_note": "ስምካ ክትህብ ኣየድልን። መን ምዃንካ ወይ ኣበይ ከም ዘለኻ ኣይንዕቅብን።",
    "survey.not_found": "ክንረኽቦ ኣይከኣልናን።",
}

_WORDS: dict[str, dict[str, str]] = {"en": _EN, "ar": _AR, "fa": _FA, "ps": _PS, "ti": _TI}


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Words:
    """One language's words for the capture pages; usable as the survey macros' ``ui``."""

    __slots__ = ("catalogue", "direction", "lang", "name", "reviewed")

    def __init__(self, lang: str) -> None:
        self.catalogue: Catalogue = catalogue(lang)
        self.lang = self.catalogue.lang
        self.direction: Direction = self.catalogue.direction
        self.name = self.catalogue.name
        self.reviewed = self.catalogue.reviewed

    def gettext(self, key: str, /, **params: object) -> str:
        own = _WORDS.get(self.lang, {}).get(key)
        if own is None and self.catalogue.has(key):
            return self.catalogue.gettext(key, **params)
        own = own if own is not None else _EN.get(key)
        if own is None:
            return self.catalogue.gettext(key, **params)
        return own.format_map(_Params(params)) if params else own

    __call__ = gettext


def words(lang: str) -> Words:
    return Words(lang)


def languages() -> list[tuple[str, str, Direction]]:
    """Every supported language as (tag, its own name, direction), for the language switcher."""
    return [(tag, catalogue(tag).name, catalogue(tag).direction) for tag in SUPPORTED]


def missing_keys() -> dict[str, set[str]]:
    """Keys English has that another language lacks (a test keeps this empty)."""
    return {lang: set(_EN) - set(table) for lang, table in _WORDS.items() if set(_EN) - set(table)}
