"""Kinds of disclosure and of false alarm, read as kinds: each case is written fresh for these tests, in words
of its own (none comes from an evaluation set), so a rule fitted to one sentence would fail them."""

import pytest

from nlp import screen

WORRIES = [
    # hiding marks and cover stories
    "I keep my cardigan on all day so nobody sees the bruises on my arms",
    "She told me to say I fell down the stairs if the nurse asks",
    "there are finger marks on my arm from last night",
    # coercive control by a carer
    "He listens outside my door whenever my social worker phones",
    "If I tell anyone at school she says she'll send me somewhere worse",
    # a child doing the caring, or left alone
    "Mum hasn't come home since Friday and I'm looking after my brother",
    "We've been on our own for three days now",
    "I sort out mum's tablets every morning before school because she can't",
    # thoughts of not being here, put sideways
    "Everybody would be better off if I wasn't here",
    "I've given away my games and written letters to my family",
    # self-harm by its tools and habits
    "relapsed last night after 30 days clean",
    "I keep a blade hidden in my room just in case",
    # pictures as a threat, being found
    "he says he'll share the photos with my whole year unless I send more",
    "someone messaged me saying they know where I live",
    # debts and errands
    "they said I have to work for them until my cousin's debt is paid back",
    # text-speak: 'know' written 'no', 'w/o' for 'without'
    "ppl frm that group no where u live n they sed im next",
    "my family would be happier w/o me tbh",
    "she said I must not tell, and she wont tell me why",
]
FALSE_ALARMS = [
    "Nobody here has ever hurt me or threatened me, honestly",
    "My dad used to hit me but he went to prison years ago and I'm safe and happy now",
    "I used to self-harm when I was 13 but I had counselling and I haven't done it since",
    "I'd die if anyone saw my baby photos",
    "My sister is going to kill me when she finds out I borrowed her hoodie",
    "we watched a film about a girl who runs away from home, it was sad",
    "i have no where to keep my bike so it stays in the hall",
    "our team played better w/o me lol i was injured",
    # kept in the dark is not told to keep a secret
    "my nan asked to have us and they said no and won't tell her why. not fair",
    "staff said no and refused to tell us the reason",
    # harm dated by a number, or by the sentence after it, and over now
    "When I was 9 my uncle hit me. He got arrested and I'm settled now.",
    "At my old school some boys punched me in the toilets. That was four years ago. It has all stopped now.",
]
# The present after a past cue in the same sentence: the past reading stops at 'now', 'still' or 'but'.
PRESENT_AFTER_PAST = [
    "My real dad used to be kind, but my stepdad hits me. I'm happy at school now.",
    "When I was small it was fine, now mum beats me. I had counselling for my anxiety.",
    "Nan used to look after us; now her boyfriend hurts me. I feel safe at school.",
]


@pytest.mark.parametrize("text", WORRIES)
def test_a_disguised_worry_is_flagged(text):
    assert screen(text).level != "none"


@pytest.mark.parametrize("text", FALSE_ALARMS)
def test_a_denial_exaggeration_story_or_resolved_past_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize("text", PRESENT_AFTER_PAST)
def test_harm_told_as_now_after_a_past_clause_is_urgent(text):
    assert screen(text).level == "urgent"


def test_harm_dated_by_an_age_is_still_a_concern_when_nothing_says_it_is_over():
    assert screen("When I was 9 my uncle hit me.").level == "concern"


# Issue #17: more kinds, again in words of their own.
WORRIES_17 = [
    # restraint that hurts
    "staff at the unit lay on me to stop me kicking and my chest still hurts",
    "they held me down on the floor for ages last night",
    # harm that recurs without being named
    "my stepdad's doing it again, same as before",
    "he is doing it again when he gets back from the pub",
    # covering up and cover stories
    "I have to wear a polo neck even in the summer so nobody asks",
    "left my shades on through the whole lesson so miss wouldn't see",
    "my form tutor asked about my eye and I said football",
    # not letting anyone see the body
    "I won't do swimming in PE because people would see my thighs",
    # online threats put as eagerness
    "some account keeps commenting can't wait to get you alone",
    # errands and bags for others
    "I've been asked to keep a parcel for some older lads till Friday",
    "got to drop a bag off for him after school, he's paying me",
    # a parent who cannot care
    "dad hasn't got out of bed for days so I do everything for the little ones",
    "I rolled mum into the recovery position again last night",
    "I put dad in the recovery position after his drinking, I saw how on a TikTok video",
    # too little to eat or wear
    "I only eat once a day because the money runs out",
    "my school shoes have got holes and nobody will buy new ones",
    # told someone, nobody had time; someone who scares the child
    "the man next door scares me and my worker said we'd talk about it another time",
    # threats naming the family
    "they said they know where my nan lives",
]
FALSE_ALARMS_17 = [
    "nobody at my carers' house has ever smacked me or grabbed me",
    "In RSE we had a workshop on grooming and how to spot it, it was useful",
    "We debated in English whether it's ever right to steal food if you're starving",
    "fell off my bike on the hill and cut my knee, it's fine now",
    "If I have to sit through one more maths lesson I will literally explode",
    "got my tablet taken away till Sunday because I was rude. fair enough",
    "My brother's going to murder me for using his charger",
    "My stepmum used to leave us with no food; that's why I came into care when I was six. My carers are great.",
]


@pytest.mark.parametrize("text", WORRIES_17)
def test_a_worry_of_the_issue_17_kinds_is_flagged(text):
    assert screen(text).level != "none", text


@pytest.mark.parametrize("text", FALSE_ALARMS_17)
def test_a_safe_text_of_the_issue_17_kinds_is_not_flagged(text):
    assert screen(text).level == "none", (text, screen(text))


# Kinds from the held-out set (issue #17), in words of their own.
WORRIES_HELD_OUT = [
    "if the teacher asks I have to say the bruises came from the trampoline",
    "The staff wrote in the log that I tripped, but that's not what happened",
    "my foster mum tells everyone I'm clumsy",
    "if I went to sleep and never woke up I wouldn't mind",
    "last night I was searching how much paracetamol it takes",
    # worries buried in a long, cheerful review
    "College is fine. I got evicted on Monday and I don't know where I'm going to sleep. Football is going well.",
    "I like my school. When there's nothing to eat I just go to bed early. My best friend is Amir.",
    "I passed my maths. My girlfriend's dad tracks where I am on an app. I want a part-time job.",
    "Swimming is good. Some older boys said they will get me after school on Friday. I got a new bike.",
    "Year 9 is ok. I have to mind my little sisters by myself when mum goes out. I like art.",
]
FALSE_ALARMS_HELD_OUT = [
    "I've got a bruise on my arm from rugby on Saturday, we drew",
    "We did first aid at cadets and learnt what to do when someone overdoses",
    "I used to run off from my old placement but the new carers are brilliant and I'm settled",
]


@pytest.mark.parametrize("text", WORRIES_HELD_OUT)
def test_a_worry_of_the_held_out_kinds_is_flagged(text):
    assert screen(text).level != "none"


@pytest.mark.parametrize("text", FALSE_ALARMS_HELD_OUT)
def test_a_false_alarm_of_the_held_out_kinds_is_not_flagged(text):
    assert screen(text).level == "none"


# Kinds found on the fresh2 set's errors (session 10). Fresh sentences, each a kind rather than a phrase.
WORRIES_UNTOLD_OR_UNJOKED = [
    # past harm the writer has never told anyone of is not dealt with, whatever came after
    "My first foster dad used to kick me. I haven't told anyone before because I was scared I'd get moved.",
    "when i was little my uncle used to touch me. never said nothing to nobody",
    # a joke taken back in text-speak: 'not just kidding'
    "ther gonna jump me at the park l8r haha jk... nt rly jk",
]
FALSE_ALARMS_RATHER_OR_CHANGED = [
    # harm named only to say how much the writer does not want something
    "I'd rather get hit by a bus than sit through another maths mock",
    "honestly id rather drown than do the cross country again",
    # feelings the writer says have changed
    "In year 7 I used to say I wanted to kill myself whenever things went wrong. I don't feel like that now.",
]


@pytest.mark.parametrize("text", WORRIES_UNTOLD_OR_UNJOKED)
def test_harm_never_told_or_a_joke_taken_back_is_flagged(text):
    assert screen(text).level != "none"


@pytest.mark.parametrize("text", FALSE_ALARMS_RATHER_OR_CHANGED)
def test_a_rather_than_exaggeration_or_a_feeling_that_has_changed_is_not_flagged(text):
    assert screen(text).level == "none"


FALSE_ALARMS_TAKEN_BACK_OR_ACCEPTED = [
    # a sentence after the words says they were a joke, in so many words
    "I put 'kill me now' as my status during mocks. That was only a joke, I'm fine.",
    # a house rule the writer accepts
    "My foster mum looks through my phone on Sundays. It's fair enough, it was in my safety plan.",
    # a school subject written in lower case is not respelled into another word ('pshe' was 'push')
    "in pshe we did a whole lesson on knife crime and county lines",
]
WORRIES_NOT_TAKEN_BACK = [
    "I said I want to die. It wasn't a joke.",
    "He checks my phone every night and shouts at me for every message",
]


@pytest.mark.parametrize("text", FALSE_ALARMS_TAKEN_BACK_OR_ACCEPTED)
def test_words_taken_back_as_a_joke_or_an_accepted_house_rule_are_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize("text", WORRIES_NOT_TAKEN_BACK)
def test_a_worry_said_not_to_be_a_joke_or_a_rule_not_accepted_is_flagged(text):
    assert screen(text).level != "none"


FALSE_ALARMS_GAME_SPORT_LESSON_OVER = [
    # a game's deaths are the game's
    "died about twenty times on the boss level last night, so annoying",
    # a knock with the sport named as its cause
    "my ankle is all swollen from netball but the physio says its just a sprain",
    # what a class learned about
    "In RE we studied the holocaust and how people were gassed in the camps. It was really sad.",
    # harm that is over, said with 'did therapy', a plain 'I feel safe', or years in a settled home
    "My stepdad used to hurt me when I was small. I did counselling at CAMHS and I feel safe with my nan.",
    "i usd 2 run away all the time. been in the same placement 3 years now and i love it",
    # accepted house rules, said other ways
    "the rule is phones downstairs at 10, i kind of get why",
]
WORRIES_NOT_DISMISSED = [
    # a cover story for marks
    "if anyone at school asks i have to say the marks are from the cat",
    # a game named beside real harm
    "he gets angry when i beat him at fifa and punches me in the arm",
    # wanting help, not a settled home
    "i dont get why nobody helps me, mum hits me every night",
]


@pytest.mark.parametrize("text", FALSE_ALARMS_GAME_SPORT_LESSON_OVER)
def test_a_game_a_sport_a_lesson_or_harm_over_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize("text", WORRIES_NOT_DISMISSED)
def test_a_cover_story_a_game_beside_harm_or_a_denial_of_help_is_still_flagged(text):
    assert screen(text).level != "none"


WORRIES_PLANS_AND_TABLETS = [
    # a way to end one's life already worked out
    "Nobody listens anyway. I've figured out how I'd end it and when.",
    # an overdose taken, in text-speak
    "tuk loads of my tabs after school n now i feel sick",
    # tablets put by
    "ive been stockpiling my prescription for a few weeks now",
    # an attempt said sideways
    "after the review i almost did something stupid",
]
SAFE_WITH_THE_SAME_WORDS = [
    "I worked out how to do it on my calculator",
    "I keep my tablets in the kitchen so I remember to take them",
]


@pytest.mark.parametrize("text", WORRIES_PLANS_AND_TABLETS)
def test_a_plan_an_overdose_or_tablets_put_by_are_flagged(text):
    assert screen(text).level != "none"


@pytest.mark.parametrize("text", SAFE_WITH_THE_SAME_WORDS)
def test_working_out_a_sum_or_keeping_tablets_is_not_flagged(text):
    assert screen(text).level == "none"


# Session 11 kinds, each in words written for these tests.
WORRIES_SESSION_11 = [
    # a cover story is an accident by design, in either order
    "If my teacher asks about the bruise on my cheek, I slipped in the shower.",
    "I walked into a cupboard. That's what I'm meant to tell them at school.",
    # images shared unless the child pays, with or without 'will'
    "this guy has my pics and says send 50 quid or he posts them on my story",
    "if I block her she'll send the video to my whole class",
    # threats to stab, in young people's words
    "some boys from the other estate said they're gonna shank me after school",
    # affairs put in order: two signs of it
    "if anything happens to me, my sister can have my headphones. tell mum I love her",
    # tablets carried for no pain
    "keeping a strip of my meds in my pencil case just in case. not for pain",
    # a beating named by its tool
    "when he's had a drink dad gets the belt out",
    # a wish that says it happens
    "all I want is to never get smacked again",
    # grooming: between us, alone
    "he says we should keep our chats between us",
    "my online friend only wants to call when I'm alone in my room",
    # 'does', the commonest form of 'do', is read as the verb
    "he does it again every time mum goes out",
]
FALSE_ALARMS_SESSION_11 = [
    # a past harm told with 'but', dated after it
    "a boy at my old school punched me but that was years ago, he got excluded and I'm settled now",
    # well now, said in words of its own
    "I self-harmed when I first came into care. Now I'm really happy and proud of how far I've come.",
    # a lesson, a game, training
    "In geography we learned about floods where people drowned, it was sad",
    "we practise what to do if someone grabs you at karate, I'm getting good at it",
    # exaggeration
    "if they make me wear that coat again I'm running away to Australia",
    "that chilli was so hot I thought I was dying 😂",
    # tablets carried for pain
    "I keep paracetamol in my bag just in case I get a migraine at school",
]


def test_an_accident_the_adult_claims_does_not_undo_the_harm():
    assert screen("my stepdad shoved me into the wall and he says it was an accident").level != "none"
    assert screen("my friend shoved me by accident in football").level == "none"


@pytest.mark.parametrize("quote", ["'", '"'])
def test_an_accident_in_scare_quotes_does_not_undo_the_harm(quote):
    assert screen(f"burnt myself on the straighteners {quote}by accident{quote} again").level != "none"
    assert screen(f"he shoved me into the door {quote}accidentally{quote} last night").level != "none"
    assert screen("burnt myself on the straighteners by accident again").level == "none"


def test_well_now_does_not_undo_harm_that_is_still_happening():
    assert screen("I'm happy at school now but my uncle still hits me at home").level == "urgent"


# Session 12: harm said to be over in more of the ways children say it, and a story the child wrote for a class.
FALSE_ALARMS_SESSION_12 = [
    # 'not since'
    "I used to self harm in year 8 but not since, I see a counsellor every fortnight",
    "I went missing a lot when I was 12. I haven't since I moved in with my aunt",
    # the new home said to be good, in any good word
    "My first foster carer used to slap me. She was struck off and my new carers are really patient.",
    # a time before, when the child first left care
    "I was sleeping rough for a month when I first left care, then my PA got me into a flat and I'm settled",
    # a long time in the same home, said with room for 'I've had'
    "I used to run off all the time when I was 13. I've been with the same foster family I've had for 4 years",
    # harm not done for so long, with 'for'
    "I used to cut myself but I haven't done it for over two years now",
    # a story written for a class
    "My story for English is about a boy who gets stabbed on the way home from school",
    "my story was about a girl who runs away from her foster home and lives in a theme park",
    # the same words with nothing hidden
    "if anyone asks where I am, I'm at football",
    "my grandad's funeral is on Friday and loads of people are coming",
    "everyone would be better off if the buses ran on time",
    "back on my old habits, gaming till 3am",
    "I keep my bag packed just in case we go to the beach",
    "I cover my arms in summer because I burn easily",
    "got my meds ready for the school trip",
    "tell my nan I love her, she's in hospital this week",
    "I'm done with everything to do with maths",
]
WORRIES_SESSION_12 = [
    # still happening, or not said to be over
    "I used to self harm and I still do sometimes when things get bad",
    "I went missing last weekend and I haven't told anyone since",
    "my new carers are nice but my old carer still messages me saying she will hurt me",
    # 'my story' on social media is not a story
    "someone shared my story and wrote under it that I should kill myself",
    # a cover story about a part of the body, or 'you fell'
    "if anyone asks about my face, I walked into the cupboard",
    "if anyone asks, you tripped over the dog ok",
    # one's own funeral imagined, a plan denied
    "not that I'd do anything but I keep wondering who'd even come to my funeral",
    "i've been thinking about my funeral a lot",
    # everyone better off, said with nothing after it
    "everybody would be better off, honestly.",
    # self-harm as an old habit, with its kit kept or the body hidden
    "rough week, nearly went back to the old habit. didn't, but I've still got my kit in the drawer just in case",
    "back to my old habit and I have to hide my legs in PE",
    # a plan said by the means laid out, and a goodbye said sideways
    "I've got the tablets counted out on my desk",
    "sorry for being such a burden. tell my nan I love her x",
]


FALSE_ALARMS_SESSION_13 = [
    # harm said to be over in more ways: help named by its service, safety said with a word between, years with
    # the same carers, someone else's harm dealt with by the police
    "I used to cut when I was 13 but I've had CAMHS since then and it's been ages now",
    "I grew up around a lot of violence at my dad's. I feel properly safe with my foster family",
    "My cousin got attacked last year but the police arrested him and she's fine now",
    "I used to go missing loads. I haven't done it once since I moved to Aunty Jo's",
    # a talk, a session or a school play about a harm; a game played till you die; paintball
    "A nurse gave a talk in assembly about self harm and where to get help",
    "We had a session with a man from the fire service and a police officer about knife crime",
    "I got the part of the witch in the school play, she gets stabbed at the end",
    "I died so many times on that level, the last boss keeps killing me",
    "went paintballing with the lads and got shot in the leg, it left a massive welt lol",
    # hyperbole: a sibling's threat over a treat, embarrassment, a thing that 'hurts'
    "My sister says she's going to kill me because I wore her new top to school",
    "I tripped on stage in front of everyone and wanted to vanish off the face of the earth",
    "The only thing hurting me right now is these new school shoes",
    "the police let us try on the stab vests at the careers fair",
    # the same words without the harm: marriage chosen, a surprise kept, a party filmed, a drink at home
    "Me and my girlfriend are going to get married when I finish my apprenticeship!",
    "My cousin had an arranged marriage last summer and she's really happy",
    "I'm not allowed to tell anyone about the surprise party we're going to",
    "my carer filmed me dancing at my birthday party and sent it to nan",
    "I paid it off by doing jobs for my nan like hoovering and the garden",
]
WORRIES_SESSION_13 = [
    # the same words where the harm is not over, or is the writer's own
    "I used to cut and I've started again, CAMHS discharged me last month",
    "I feel properly scared of my foster dad when he drinks",
    "My cousin got attacked last year and the boys who did it keep messaging me now",
    "I had a session with my counsellor about my self harm and it's getting worse",
    "My sister's boyfriend says he's going to kill me because I told mum what he did",
    "he takes pictures of me in the shower when carer is at work",
    # marriage a child is made to agree to; a trip school must not hear of
    "dad says I have to get engaged to his friend's son before I turn 16",
    "they have picked a husband for me back home and I've never met him",
    "I'm not supposed to tell my teacher we're flying out next week",
    # adults bringing drink into a home, and filming; no bed tonight; a debt paid in errands
    "when the night staff are on, their mates come in and give us shots",
    "they film me drunk and give me weed after",
    "no clue where I'm sleeping tonight, my mate's mum said no",
    "I can pay off what I owe him by doing a few runs on my bike",
    "got a bit of weed off my mate on tick and now I square it by doing drops for him",
]

FALSE_ALARMS_SESSION_14 = [
    # someone else's harm that adults are already dealing with, in any tense
    "my best mate has been cutting her legs but we told the school nurse and she's got a counselling referral now",
    "my mate went missing from the unit on Friday but staff found him at his nan's and he's fine now",
    "a girl in my class was getting threats off some lads, her dad went to the police and they got arrested",
    # online harm shut down; a habit not back once since; hitting in a combat sport
    "a man kept messaging me for photos last summer so I blocked and reported him and I'm fine",
    "someone made a fake account to bully me in year 8, the account got deleted and it stopped",
    "I used to self harm at my old placement but I haven't done that once since I came here",
    "took a few hits to the head at kickboxing, coach made me sit out the last round",
]
WORRIES_SESSION_14 = [
    # the same words where the harm is the writer's, or is not dealt with
    "my best mate told the school nurse that I've been cutting my legs",
    "Jayden keeps going missing from the unit and staff don't even look for him",
    "someone keeps asking for pics of me on snap, I blocked him but he made a new account",
    "staff at my last home used to drag me to my room, nobody ever asked me about it",
    # county lines in its own words; eating cut down; self-harm as 'stuff' done to the body
    "been stuck at the bando since Tuesday, they won't let me leave till it's all gone",
    "my cousin's making me run his line after school now",
    "got my eating down to one meal every two days, nobody's noticed",
    "I did stuff to my arms again last night with the sharpener blade",
]

# A named person is someone else, as 'my mate' is (session 15): their harm dealt with is none; harm done to the
# writer by a named person, or a named friend's harm nobody is dealing with, is not.
FALSE_ALARMS_SESSION_15 = [
    "Kayden from my unit went missing on Saturday night, police found him in town and he's back now",
    "Amira was self harming in year 9 but she has got CAMHS now and she's loads better",
]
WORRIES_SESSION_15 = [
    "Kayden from my unit keeps going missing and nobody even looks for him",
    "Kayden hits me when staff aren't looking, even though he has a keyworker now",
]

# Read from fresh9's errors (session 16): a game or lesson whose topic is the harm while the writer is only the
# player or the audience; a knock explained by where it came from; help in place and harm over, said other ways;
# a wound that will not stop bleeding; an adult there while the child changes; a threat for snitching.
FALSE_ALARMS_SESSION_16 = [
    "on the next level you have to stab the guards to get the key, it's so hard",
    "the bruise on my arm is from the trampoline at Leah's party",
    "came off my scooter on the way to school and got a bruise on my arm, it's fine",
    "my brother relapsed last month but he's got his drug worker involved now",
    "a girl from my house went missing on friday, staff said she's safe and back in her room",
    "I ran away once when I was 12 but I've never done it since",
    "some girls used to follow me home from school, the head sorted it and they're fine with me now",
    "Someone added me on insta pretending to be 14 and asked for pics. I blocked him and told my carer. That was last year.",
    "my nose won't stop bleeding, can I see the nurse",
    # look-alikes of neglect, eating cut down, a decision made, and a game given as a present
    "got a new ps5 game where you have to stab zombies",
    "mum's been in bed with flu so nan is staying to help",
    "after my exams none of this will matter",
    "i don't eat meat because i feel bad for animals",
    # belongings go missing; CAMHS as children misspell it
    "my headphones have gone missing again, can I get new ones",
    "my mate was self harming but she's got cahms now so it's ok",
]
WORRIES_SESSION_16 = [
    "cut too deep tonight and it won't stop bleeding, I don't want to go to A&E",
    "my foster dad walks in when I'm getting changed and just stands there",
    "mum's boyfriend makes comments about my body when she's at work",
    "they said if I snitch about what happened at the park I'll regret it",
    # the writer named in the lesson or the hit: still about them
    "in PSHE we learnt about abuse and I think my stepdad hitting me is abuse",
    "we had a talk about self harm in PSHE and I've been cutting again",
    "I had a session with my counsellor about my self harm and it's getting worse",
    # neglect seen by the child; a punishment; eating cut down for control; a decision made; favours owed for a
    # game given as a present
    "my little brother's nappy hasn't been changed since this morning and mum's asleep",
    "the only hot meal we get is at school",
    "my foster carer makes me stand in the hallway for hours if I'm rude",
    "haven't eaten for 3 days so i feel in control",
    "I've decided. none of this will matter after friday",
    "he bought me a new xbox game and says i owe him, i have to do him a few favours",
    "my little brother went missing last night and nobody is looking for him",
]


# Read from fresh10's errors (session 16), once fresh11 had been written to measure in its place.
FALSE_ALARMS_FRESH10 = [
    "I ran away from the whole class in the sports day race and won",
    "stop asking if I feel suicidal every time I see you, I said no",
    "my friend keeps going missing but staff and the police have made a plan with her",
    "I cut myself chopping onions at cooking club, just a plaster",
    "the bruise on my leg is from walking into the table in the dark",
    "my brother got jumped lst wk but police sorted it and he's ok now",
    "my cousin says he's gonna batter me at FIFA tonight, no chance",
]
WORRIES_FRESH10 = [
    "my uncle says we have a special game and I mustn't tell",
    "she told me if I tell anyone I'll be moved away",
    "took more paracetamol than you're meant to, feel sick now",
    "went walkabout again last night till 2am",
    "my carer says what happens in this house stays in this house",
    "I've had the same shoes since year 6 and they're falling apart",
    "been giving my stuff away cos what's the point keeping it",
    "I don't like being alone with him in the house",
    "mum says it's my fault she's ill",
    "I used to do stuff to my arms and nobody knows",
    # look-alikes of the kinds above that stay worries
    "I cut myself again last night, not chopping anything",
    "the bruise on my arm is from him, not from walking into the door",
    "my stepdad says he's gonna batter me when he gets home",
]

# Read from fresh11's errors (session 16), once fresh12 had been written to measure in its place.
FALSE_ALARMS_FRESH11 = [
    "I ran off a lot when I was 11 but I'm properly settled now",
    "my sister smacked me at uno last night, she is ruthless",
    "he said he'd kill me if I beat him at chess again, we're best mates",
    "cutting myself some slack after a bad week at school",
    "I tripped in assembly and wanted the floor to swallow me up, I wanted to die. it was funny after",
    "I want to be a social worker and help victims of domestic abuse",
    "my dad used to hurt me but I've done my therapy and we talk now",
]
WORRIES_FRESH11 = [
    "I don't like it when he does bath time",
    "had another fight with myself last night",
    "they filmed it and posted it on their story",
    "my stepdad was rough with me at contact",
    # look-alikes of the kinds above that stay worries
    "my stepdad said he'd kill me if I told anyone",
    "I want to die, I'm not embarrassed, I mean it",
    "I'm a victim of domestic abuse at home",
]

# Read from fresh12's errors (session 16), once fresh13 had been written to measure in its place.
FALSE_ALARMS_FRESH12 = [
    "our dog went missing for a day and came back muddy",
    "I ran off from my mates at the fair for like 5 mins to get candyfloss",
    "scared to go back in the bathroom cos there's a huge spider",
    "starting uni feels like jumping off a cliff but I'm excited",
    "my friend was self harming but she sees a counsellor every week now",
    "in islamiyat we learnt that forced marriage is haram",
]
WORRIES_FRESH12 = [
    "my carers keep forgetting to pick me up from training and I walk home in the dark",
    "my support worker added me on his personal snapchat",
    "my carer won't buy me pads so I use tissue",
    "I can't talk to my social worker cos my foster mum sits in",
    "I skip meals so I can pay my phone bill",
    "my carer never lets me have a shower",
    "some year 11s keep telling me I'm dead after school",
    # look-alikes of the kinds above that stay worries
    "we learnt that he hits me is abuse",
    "I ran away from my placement for 3 days",
]

# Read from fresh13's errors (session 16), once fresh14 had been written to measure in its place.
FALSE_ALARMS_FRESH13 = [
    "burnt my arm on the oven making pancakes, ran it under the tap",
    "I used to run off every weekend but I haven't once since I moved here",
    "on the way through Libya the smugglers beat us but I'm safe here now and see a counsellor",
]
WORRIES_FRESH13 = [
    "he does the thing with the belt when I'm late",
    "I told staff I'm at Chloe's but I'm at his flat",
    "can you ask school to stop asking about my arms",
    "I can't talk on the phone, she's always listening in",
    "I don't really eat anymore, I've lost nearly a stone",
    "she said she'll slash my face after school",
    "long sleeves again in july, the old habit is coming back",
    "my carer tells everyone my real mum didn't want me",
]

# Read from fresh14's errors (session 16), once fresh15 had been written to measure in its place.
FALSE_ALARMS_FRESH14 = [
    "I could literally kill my sister, she ate my chocolate",
    "my hair looks like someone attacked me with scissors",
    "I disappeared into my room all day to play fifa",
    "our coach is strict but only to push us",
    "we nearly got the electric cut off but my PA sorted it",
    "I'm fasting for Ramadan so I can't eat till sunset",
    "the boy who was threatening me got excluded. it's been fine since easter",
]
WORRIES_FRESH14 = [
    "he doesn't stop when I tell him to stop",
    "the marks are from netball, that's what I tell people",
    "I sleep with my shoes on in case I need to leave quick",
    "there was stuff at my last placement that nobody ever asked about",
    "my mum says it's my fault I got taken into care",
    # look-alikes of the kinds above that stay worries
    "my stepdad said he'll kill me if I tell anyone",
    "I can't eat until he says so",
]


def test_a_goodbye_note_in_text_speak_is_urgent():
    assert screen("dnt wnna b here nemore. wrote ma nte").level == "urgent"


def test_a_goodbye_letter_left_on_the_pillow_is_urgent():
    assert screen("I've written my letter and left it on my pillow").level == "urgent"


def test_a_wound_that_will_not_stop_bleeding_is_urgent():
    assert screen("went 2 deep ths tym n it wnt stop bleedin, towels all red").level == "urgent"


# The kinds read from the evaluation sets' errors in sessions 11 to 16, checked together.
@pytest.mark.parametrize(
    "text",
    FALSE_ALARMS_SESSION_11
    + FALSE_ALARMS_SESSION_12
    + FALSE_ALARMS_SESSION_13
    + FALSE_ALARMS_SESSION_14
    + FALSE_ALARMS_SESSION_15
    + FALSE_ALARMS_SESSION_16
    + FALSE_ALARMS_FRESH10
    + FALSE_ALARMS_FRESH11
    + FALSE_ALARMS_FRESH12
    + FALSE_ALARMS_FRESH13
    + FALSE_ALARMS_FRESH14,
)
def test_a_safe_text_of_a_kind_read_from_the_evaluation_sets_is_not_flagged(text):
    assert screen(text).level == "none"


@pytest.mark.parametrize(
    "text",
    WORRIES_SESSION_11
    + WORRIES_SESSION_12
    + WORRIES_SESSION_13
    + WORRIES_SESSION_14
    + WORRIES_SESSION_15
    + WORRIES_SESSION_16
    + WORRIES_FRESH10
    + WORRIES_FRESH11
    + WORRIES_FRESH12
    + WORRIES_FRESH13
    + WORRIES_FRESH14,
)
def test_a_worry_of_a_kind_read_from_the_evaluation_sets_is_flagged(text):
    assert screen(text).level != "none"


def test_a_life_story_book_is_no_story():
    """Care's own record of a child's life is not fiction: a worry about it is read as one."""
    assert screen("my carer takes photos of me in the bath and says they are for my life story book").level == "urgent"
    assert screen("mum took photos of me in the bath when I was a baby, they're in my life story book").level == "none"
