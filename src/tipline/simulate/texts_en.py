"""English sentence templates: narratives by victims and relatives, and scammers' chat lines.

Written for this project after the way victims in Canada, the UK and the US describe sextortion
to hotlines; the slots mirror ``texts_fr`` so that the writer treats both languages alike.
"""

from __future__ import annotations

NARRATIVE: dict[str, tuple[str, ...]] = {
    "open": (
        "Hi,", "Hello,", "Please help me.", "Hi, I don't know if this is the right place but I need help.",
        "I need help urgently.", "Hello, I want to report a blackmail.", "I'm so ashamed to write this.",
        "Hi there,", "URGENT", "I'm writing because I don't know what else to do.",
        "Hello, a friend told me to contact you.", "hey", "Good evening,",
        "I'm being blackmailed and I'm scared.", "To whom it may concern,",
    ),
    "contact": (
        "{ago_ago_cap} {a_person} called {persona} added me on {pf1}.",
        "I got a friend request on {pf1} from {a_person} named {persona} and we started chatting.",
        "I matched with {persona} on {pf1} {ago_ago}. {Pron} said {pron} was {age_claim} and lived in {pcity}.",
        "{persona} messaged me on {pf1}, we had mutual friends so I accepted.",
        "It started on {pf1}: {persona} ({age_claim} supposedly) sent me a message.",
        "I was talking to {a_person} on {pf1} for {ago}, {pron} went by {persona}.",
        "{persona} DM'd me on {pf1} saying I was cute and {pron} wanted to get to know me.",
        "{a_person_cap} followed me on {pf1} and then messaged me privately ({persona}).",
        "I was stupid. {persona} added me on {pf1} {ago_ago}.",
        "I accepted {persona}'s request on {pf1} without thinking.",
        "We met on {pf1}, {his} profile looked real, lots of photos and friends.",
        "{a_person_cap} from {pcity} started talking to me on {pf1}, said {his} name was {persona}.",
        "A profile called \"{persona_full}\" added me on {pf1} {ago_ago}.",
        "I accepted {persona_full} on {pf1}, the profile looked normal.",
    ),
    "contact_recruiter": (
        "An account called \"{persona}\" contacted me on {pf1} about a modelling casting.",
        "An agency named {persona} offered me paid photo shoots on {pf1}.",
        "{persona} messaged me on {pf1} saying I could be a model and make money.",
    ),
    "move": (
        "Very quickly {pron} asked me to move to {pf2}.",
        "Then we moved to {pf2} for a video call.",
        "{Pron} insisted we continue on {pf2} because {pf1} was \"glitching\".",
        "After a few messages {pron} gave me {his} {pf2} and we kept talking there.",
        "That same night {pron} asked for a video call on {pf2}.",
        "We swapped {pf2} and {pron} video called me.",
        "{Pron} really wanted to see me on cam on {pf2}.",
        "We carried on the conversation on {pf2}.",
    ),
    "webcam": (
        "During the call {pron} undressed and asked me to do the same, and stupidly I did.",
        "Things got sexual on camera, I thought it was a real person.",
        "{Pron} pushed me to get naked on the webcam.",
        "I ended up naked on camera, I don't even know how it got that far.",
        "The video call turned sexual and I touched myself on camera.",
        "{Pron} showed a video of {him}self undressing and asked me to do the same.",
        "The picture looked weird, like a pre-recorded video, but I kept going.",
        "I was recorded without knowing it during an intimate video call.",
    ),
    "images": (
        "I sent {him} intimate pictures.", "We exchanged nude photos.",
        "{Pron} sent me nudes and I sent some back.", "I made the mistake of sending naked pictures of myself.",
        "{Pron} asked for pics without clothes, I sent two photos and a video.",
        "I sent a video of myself, {pron} made me feel safe.",
    ),
    "reveal": (
        "Right after {pron} sent me the video of me with a screenshot of my {pf1} friends list.",
        "Then the tone changed completely and {pron} sent me the recording.",
        "A few minutes later I got an edited video with my name on it.",
        "{Pron} sent me screenshots of my followers and my family members.",
        "Suddenly I received the video of me and a private YouTube link with my face.",
        "After that {pron} sent me a list of my friends and family.",
        "After the call I got a message with the video and the names of people close to me.",
    ),
    "threat": (
        "{Pron} is threatening to send the video to all my contacts if I don't pay.",
        "Now {pron} says {pron}'ll post it on YouTube and send it to my family.",
        "{Pron} says {pron} will send everything to my friends, my parents and my work.",
        "{Pron} threatens to post it all on {pf1} and tag my friends.",
        "It's blackmail: if I don't pay, the video goes to everyone.",
        "{Pron} says {pron}'ll send the video to my girlfriend and my boss.",
        "{Pron} threatened to send it to my college and my coworkers.",
        "The deal is: I pay or {pron} leaks everything.",
    ),
    "demand": (
        "{Pron} wants {demand}.", "{Pron} wants {demand} by {method} within {deadline}.",
        "I have to pay {demand} or {pron} sends it.", "{Pron} is demanding {demand} through {method}.",
        "{Pron} gave me {deadline} to send {demand}.", "{Pron} is asking for {demand}, I don't have that.",
        "They want {demand} within {deadline}.", "{Pron} wants {demand} or the video goes to everyone.",
    ),
    "demand_transfer": (
        "The amount is {demand}, to be sent to {recipient} in {city}.",
        "I'm supposed to send {demand} to {recipient} ({country_name}).",
        "{Pron} wants {demand} by {method} to {recipient}.",
        "{Pron} gave me a name for the transfer: {recipient}, {city}, {demand}.",
    ),
    "demand_gift": (
        "{Pron} wants {demand} in {brand} gift cards.", "{Pron} is demanding {brand} cards worth {demand}.",
        "I have to buy {brand} cards for {demand} and send the codes.",
    ),
    "demand_images": (
        "{Pron} wants me to send more pictures and videos or {pron} will post everything.",
        "{Pron} doesn't want money, {pron} wants more pics.",
        "{Pron} is forcing me to send new videos every day.",
        "{Pron} says if I don't send more {pron}'ll put them on my story.",
    ),
    "paid": (
        "I panicked and sent {paid} by {method} to {recipient} in {city}.",
        "I already paid {paid} via {method} (MTCN {mtcn}).",
        "I sent {paid} to {recipient}, {city}, {country_name}. The tracking number is {mtcn}.",
        "I paid {paid} once by {method} but {pron} wants more.",
        "I did a {method} transfer of {paid} to {recipient}.",
        "Out of fear I paid {paid}. The transfer went to {city}, receiver {recipient}.",
        "I sent the money ({paid}) through {method}, MTCN {mtcn}, receiver {recipient}.",
    ),
    "paid_gift": (
        "I bought {brand} gift cards for {paid} and sent {him} the codes.",
        "I paid {paid} in {brand} cards from the store.", "{Pron} made me buy {brand} cards, {paid} in total.",
    ),
    "paid_crypto": (
        "I sent {paid} in bitcoin to {wallet}.", "I bought crypto for {paid} and sent it to {wallet}.",
        "{Pron} made me pay {paid} in crypto to the wallet {wallet}.",
    ),
    "paid_other": (
        "I paid {paid} by {method}.", "I sent {paid} via {method} so {pron} would leave me alone.",
        "I already gave {paid} ({method}).",
    ),
    "more": (
        "Now {pron} wants another {more}.", "After I paid, {pron} asked for {more} more to \"delete the video\".",
        "{Pron} says it wasn't enough and wants {more} more.", "It doesn't stop, now {pron} wants {more}.",
    ),
    "friends_contacted": (
        "{Pron} already sent the video to one of my friends.", "My cousin told me she got a message with the video.",
        "A coworker got a friend request from that account.", "My sister got the video on Messenger.",
        "{Pron} started messaging my friends to show {pron}'s not bluffing.",
        "My best friend got a screenshot of the video.",
    ),
    "identifier": (
        "The account: {ident}", "Username: {ident}", "This is the account: {ident}", "{ident} is the account.",
        "Scammer contact: {ident}", "{Pron} messages me from {ident}.", "{lead}{ident} (same person)",
        "Here is the profile {ident}", "Handle: {ident}",
    ),
    "identifier_phone": (
        "{Pron} texts me from {ident}.", "Scammer contact: {ident}", "The number calling me: {ident}",
        "{Pron} called me from {ident}", "Number used: {ident}", "Here is the number: {ident}",
    ),
    "feel": (
        "I can't sleep.", "I'm so ashamed.", "I'm terrified.", "I don't know what to do, I'm panicking.",
        "I can't tell anyone.", "I'm scared my family will see it.", "I'm shaking writing this.",
        "I've been stressed for two days.", "My life is over if this gets out.", "I regret it so much.",
        "I can't eat.", "I feel sick.",
    ),
    "self_harm": (
        "I've thought about ending it.", "If the video gets out I'll kill myself.", "I want to die.",
        "I don't want to live with this.", "I'm thinking about hurting myself.",
        "Honestly I thought about suicide last night.",
    ),
    "ask": (
        "What should I do?", "Should I pay?", "Can you get the video removed?", "Please help.",
        "Can the police do anything?", "How do I stop the video?", "Will they really send it?",
        "Thank you for helping.", "I want to report this to the police.", "Can you find this person?",
        "I just want this to stop.",
    ),
    "mixed": (
        "{Pron} wrote in French \"tu vas payer\" at one point.", "Some messages were in French, I used translate.",
    ),
}
NARRATIVE_MINOR: dict[str, tuple[str, ...]] = {
    "contact": (
        "I'm {age}. A girl my age ({persona}) added me on {pf1}.",
        "I'm {age} and an account called {persona} started talking to me on {pf1}.",
        "On {pf1} {a_person} messaged me, {pron} said {pron} was {age_claim} like me.",
        "I'm {age}. {persona} followed me on {pf1} and we talked for a few days.",
    ),
    "threat": (
        "{Pron} says {pron}'ll send the pics to my whole school.",
        "{Pron} threatens to post it on my story and send it to my parents.",
        "{Pron} says {pron}'ll send it to my school and my mom.",
        "{Pron} has a screenshot of all my followers and says {pron}'ll post everything.",
        "{Pron} threatens to send the pics to my friends and my class group chat.",
        "If I don't do what {pron} says {pron} sends everything to my parents.",
        "{Pron} says everyone at school will see my pics.",
    ),
    "feel": (
        "My parents don't know.", "I can't tell my mom.", "I'm too scared to go to school.",
        "I've been crying since yesterday.", "I don't want my dad to find out.",
    ),
}
THIRD: dict[str, tuple[str, ...]] = {
    "open": (
        "Hello, I'm writing about {enfant}.", "Hi, I'm the {parent} of a {age} year old.",
        "Hello, {enfant} ({age}) is being blackmailed.", "I'm reporting sextortion targeting {enfant}.",
        "Hi, I'm very worried about {enfant}.",
    ),
    "contact": (
        "{Il} was contacted on {pf1} by {a_person} calling {pron_self} {persona}.",
        "{Enfant_cap} accepted {persona} on {pf1}, we thought it was someone {his_child} age.",
        "{ago_ago_cap} {persona} messaged {enfant} on {pf1}.",
        "An account called {persona} started talking to {enfant} on {pf1}.",
    ),
    "event": (
        "{Il} sent intimate pictures and is now being blackmailed.",
        "{Il} was recorded during a video call on {pf2}.",
        "The person got pictures of {enfant} and is asking for more.",
        "{Il} was tricked into a video call and recorded.",
    ),
    "threat": (
        "The person threatens to send the images to {his_child} friends and school.",
        "They are asking for {demand} or everything will be posted.",
        "The blackmailer wants more pictures or they'll share everything.",
        "The person is demanding {demand} by {method}.",
        "They threaten to post the images on {pf1} and tag {his_child} classmates.",
    ),
    "paid": (
        "{Il} already paid {paid} from {his_child} savings in {brand} cards.",
        "We found out {il} had sent {paid} by {method}.", "{Il} paid {paid} before telling us.",
    ),
    "found": (
        "We found the messages on {his_child} phone.", "{Il} told us tonight, crying.",
        "{Il} doesn't want to go to school anymore.", "{Il} confided in {his_child} sister.",
        "The school counsellor alerted us.",
    ),
    "self_harm": (
        "{Il} said {il} wanted to die, we are very worried.", "{Il} talked about hurting {him_child}self.",
        "We're afraid {il} might do something stupid.",
    ),
    "ask": (
        "What should we do?", "How can we get the images removed?", "Should we go to the police?",
        "Can you help us get the pictures taken down?", "Please advise us quickly.",
    ),
}

CHAT: dict[str, tuple[str, ...]] = {
    "hook": (
        "hey handsome 😘", "are you alone?", "let's video call", "add me on {pf2}", "i really like you",
        "show me your body", "i'm all alone tonight", "where are you baby", "wanna see something?",
        "u look so cute",
    ),
    "reveal": (
        "watch this video carefully", "this is you right?", "i recorded everything", "do you recognize yourself?",
        "i screen recorded the call", "here is your video", "look what i have",
        "the video is already edited with your name",
    ),
    "threat": (
        "if you don't pay i will send this to all your {pf1} friends",
        "i will upload it on youtube and tag your family",
        "you will be the shame of your family", "everyone will see your video", "i'm not joking with you",
        "i know your family and your job", "i will destroy your life", "i will make you viral",
        "you will regret it",
    ),
    "demand": (
        "send {demand} and i delete everything", "you have to pay {demand}", "i need {demand} now",
        "it's {demand} or everyone sees it", "i want {demand}", "if you send {demand} i delete the video",
        "{demand} and we forget about this",
    ),
    "instructions_wu": (
        "send it through western union to {recipient} in {city}",
        "name: {recipient} city: {city} country: {country_name}",
        "use western union or moneygram, name {recipient}", "this is the name for the transfer: {recipient}, {city}",
        "then send me the MTCN", "do the transfer to {recipient} and give me the code",
    ),
    "instructions_gift": (
        "buy {brand} gift cards and send me the codes", "get {brand} cards of 100 and send pics of the back",
        "only {brand} cards nothing else", "scratch the card and send me the code",
    ),
    "instructions_crypto": (
        "send bitcoin to {wallet}", "this is my btc address {wallet}", "pay in crypto: {wallet}",
    ),
    "instructions_mobile": (
        "send through {mobile} to {phone}", "make a {mobile} deposit to {phone}", "{mobile}: {phone}",
    ),
    "instructions_paypal": ("send it on paypal {paypal} friends and family", "paypal: {paypal}"),
    "instructions_bank": ("do a bank transfer, i send you the details", "bank transfer to {recipient}"),
    "deadline": (
        "you have {deadline}", "you have {deadline} to pay", "i give you {deadline} no more",
        "after {deadline} i send everything", "time is running ⏳", "hurry up",
    ),
    "friends": (
        "i already have your friends list: {friends}", "{friends}… you want me to send it to them?",
        "should i start with {friend1}?", "look i have your followers", "your mom is on your list right?",
    ),
    "pressure": (
        "i don't care about your excuses", "find the money", "borrow from your friends", "do you think i'm stupid?",
        "sell your phone", "you want me to send it now?", "i'm done waiting", "no negotiation",
    ),
    "more_money": (
        "good but you still need {more}", "you need {more} more to delete it", "my boss wants {more} more",
        "just {more} more and it's over i promise",
    ),
    "more_images": (
        "send me more pics", "i want a video of you now", "send 3 more pics and i delete",
        "send or i post everything on your story",
    ),
}
VICTIM_CHAT: dict[str, tuple[str, ...]] = {
    "plead": (
        "please delete it", "i'm begging you", "i don't have that money", "i'm a student", "why are you doing this",
        "please don't do this", "i can't pay that much", "i'm going to the police", "i only have 200",
        "give me some time", "that's not me in the video",
    ),
    "ok": ("ok i'll pay", "ok", "ok ok", "i'll see", "give me the name", "how do i do it"),
    "paid": ("done", "i sent it", "here is the code {mtcn}", "it's sent now delete it", "i paid {paid}"),
}
# Durations, in the order of ``scenario._DEADLINE_HOURS``.
DEADLINES = ("24h", "24 hours", "48h", "6 hours", "12 hours", "1 hour", "30 minutes", "3 hours", "2 days")
METHOD_NAMES = {
    "western_union": ("Western Union", "western union", "WU"),
    "moneygram": ("MoneyGram", "moneygram"),
    "ria": ("Ria", "RIA"),
    "gift_card": ("gift cards",),
    "crypto": ("bitcoin", "crypto", "BTC"),
    "bank_transfer": ("bank transfer", "wire transfer"),
    "paypal": ("PayPal", "paypal"),
    "mobile_money": ("mobile money", "GCash", "MTN MoMo"),
    "cash": ("cash",),
    "other": ("Cash App", "Zelle", "Venmo"),
}
PERSONA_WORDS = {
    "woman": ("a girl", "a woman", "a young woman", "a pretty girl"),
    "teen": ("a girl", "a girl my age", "a teen girl"),
    "man": ("a guy", "a man", "a young guy"),
    "recruiter": ("an agency", "a recruiter", "a modelling agency"),
}
PERSONA_LABELS = {
    "woman": ("young woman", "woman", "girl", "attractive woman", "fake girl profile", "student"),
    "teen": ("girl my age", "teenage girl", "teen"),
    "man": ("young man", "man", "guy", "soldier"),
    "recruiter": ("model recruiter", "modelling agency", "talent scout"),
}
CHILD = {"man": ("my son", "our son", "my boy"), "woman": ("my daughter", "our daughter")}
FRIEND_SUBJECT = {"man": ("my friend", "my brother", "a coworker", "my little brother"),
                  "woman": ("my friend", "my sister", "a coworker")}
PRO_SUBJECT = {"man": ("a student", "a young person I support", "a client of our service"),
               "woman": ("a student", "a young person I support", "a client of our service")}
IDENT_LEAD: dict[str, tuple[str, ...]] = {
    "phone": ("{His} number: ", "{His} WhatsApp: ", "number: ", "phone ", "The number texting me: ", "whatsapp "),
    "instagram": ("insta: ", "IG: ", "{his} insta ", "instagram account: ", "Instagram "),
    "snapchat": ("snap: ", "{his} snap is ", "snapchat ", "Snap: "),
    "tiktok": ("tiktok: ", "{his} tiktok ", "TikTok "),
    "facebook": ("The profile: ", "Facebook link: ", "fb: ", "{His} facebook: "),
    "skype": ("Skype: ", "{his} skype: ", "skype id ", "Skype name: "),
    "email": ("{His} email: ", "email: ", "email address ", "Mail: "),
    "telegram": ("telegram: ", "tg ", "{His} Telegram: "),
    "crypto": ("bitcoin address: ", "wallet: ", "btc wallet "),
    "paypal": ("paypal: ", "paypal account "),
    "transfer_recipient": ("Receiver name: ", "the name given: ", "in the name of "),
    "x": ("twitter: ", "{his} X account: ", "Twitter "),
    "discord": ("discord: ", "{his} discord is ", "Discord username: "),
    "kik": ("kik: ", "{his} kik ", "Kik: "),
    "wizz": ("wizz: ", "on Wizz ", "{his} wizz "),
    "tinder": ("tinder: ", "{his} Tinder profile ", "Tinder "),
    "badoo": ("The Badoo profile: ", "badoo: ", "Badoo link "),
    "meetic": ("meetic: ", "{his} Meetic username: ", "Meetic "),
    "linkedin": ("linkedin: ", "The LinkedIn profile: "),
}
REGIONAL: dict[str, tuple[str, ...]] = {"qc": (), "be": (), "ch": ()}
PLATFORM_ROLE = (
    "Forwarded by our trust and safety team: account reported for sextortion.",
    "Account reported by several users for video blackmail.",
    "Automated referral: account actioned for financial sextortion.",
)
