"""Signals that change what a hotline does first: a minor, thoughts of self-harm, a deadline…

Rules on the folded text (lower case, no accents, look-alikes folded), FR and EN as victims and
parents write them. Each rule is a small regular expression with bounded gaps; negations and
threats in the future ("il menace d'envoyer", "he will send") are told apart from what already
happened ("il a envoyé", "he sent"). Some signals are inferred from what was found:

* ``paid``: an amount with role ``paid``, a money-transfer reference (an MTCN is a receipt) or a
  gift-card code (a victim only has the codes of cards they bought);
* ``sextortion``: the webcam scheme, a demand for more images, the spam-email scheme (hacked
  device + crypto + intimate recording), intimate images with a threat or a demand, a threat to
  send images to the victim's friends or family, or images shared after money was involved.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from tipline.extract.model import SIGNALS, Mention, Money
from tipline.extract.patterns import Anchors, finditer_in, trie_pattern

_NEG = re.compile(
    r"(?:\bpas\b|\bne\b|\bn'|\bjamais\b|\bnot\b|n't\b|\bnever\b|\bno\b|\baucune?\b|\bsans\b)[^.!?\n]{0,12}$"
)


def _gate(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs: substring tests run at memory speed, so a rule whose words
    are all absent costs nothing instead of a regex scan of the whole text."""
    return any(w in text for w in words)


def _any(pattern: re.Pattern[str], text: str, negatable: bool = True,
         windows: list[tuple[int, int]] | None = None) -> bool:
    matches = pattern.finditer(text) if windows is None else finditer_in(pattern, text, windows)
    for match in matches:
        if negatable and _NEG.search(text, max(0, match.start() - 22), match.start()):
            continue
        return True
    return False


# --- minor ---------------------------------------------------------------------------------------
# Ages are found number first (a regex that starts with a digit is skipped through in C), then
# the few characters around the number are read.
_NUMBER = re.compile(r"\d{1,2}(?!\d)")
_YEARS_FR = re.compile(r"\s{0,2}ans?(?![\w])(?!\s{0,2}(?:de |d'|que |qu'|plus |auparavant|avant|apres|deja))")
_WHO_FR = re.compile(
    r"(?:^|[^\w])(?P<who>j'?ai|j ai|jai|g|il a|elle a|ila|qui a|ayant|agee? de|age de|fils|fille|enfant|ado|"
    r"garcon|gamin|gamine|neveu|niece|petit|petite|frere|soeur|sœur|cousine?|eleve|de)"
    r"(?:\s{1,2}(?:de|a|est|a peine|seulement|juste|only))?[\s(,]{1,3}$"
)
_NOT_AGE_BEFORE = re.compile(r"(?:il y a|y a|depuis|pendant|fait|dans|en|apres|avant|for|since)\s{1,2}$")
_WHO_EN = re.compile(
    r"(?:^|[^\w])(?:i'?m|i am|im|he'?s|she'?s|he is|she is|aged?|who is|who's|(?:son|daughter|kid|child|boy|girl|"
    r"nephew|niece|brother|sister|stepson|stepdaughter|grandson|granddaughter|teen)(?:'s| is| was| turned| just turned)"
    r")\s{1,2}(?:only\s|just\s)?$"
)
_NOT_AGE_AFTER_EN = re.compile(
    r"\s{0,2}(?:minutes?|mins?|hours?|h\b|km|miles|dollars|\$|%|times|k\b|years? ago|days?|weeks?|months?|euros?|"
    r"€|cad|usd|bucks|[.,]\d|/|:)"
)
_YEARS_OLD = re.compile(r"[\s\-]{0,2}(?:years?|yrs?|y)[\s\-/]{0,2}(?:old|o)(?![\w])")
_RELATIVE_PAREN = re.compile(
    r"(?:son|daughter|nephew|niece|brother|sister|kid|child|boy|girl|cousin|fils|fille|neveu|niece|frere|soeur|"
    r"enfant|ado)\s{0,2}\($"
)
_PAREN_CLOSE = re.compile(r"(?:\s{0,2}(?:ans|yo|y/o|years?))?\)")


def _is_minor_age(text: str, start: int, end: int) -> bool:
    age = int(text[start:end])
    if not 5 <= age < 18 or (start > 0 and text[start - 1].isdigit()):
        return False
    before = text[max(0, start - 30):start]
    if _YEARS_FR.match(text, end):
        who = _WHO_FR.search(before)
        return who is not None and not _NOT_AGE_BEFORE.search(text[max(0, start - 12):start])
    if _YEARS_OLD.match(text, end):
        return True
    if _RELATIVE_PAREN.search(before) and _PAREN_CLOSE.match(text, end):
        return True
    return bool(_WHO_EN.search(before)) and not _NOT_AGE_AFTER_EN.match(text, end)


_SCHOOL = re.compile(
    r"(?<![\w])(?:(?:au|du|en|le|mon|ma|son|sa|a l'entree du|collegien\w*)\s{1,2}college|collegien\w*|lycee|lyceen\w*|"
    r"(?:en|en classe de|classe de) (?:6e|6eme|5e|5eme|4e|4eme|3e|3eme|seconde|2nde|premiere|1ere|terminale)|"
    r"secondaire \d|sec \d|"
    r"high school|middle school|junior high|grade \d{1,2}|\d{1,2}th grade|year (?:7|8|9|10|11)\b|"
    r"mineure?s?|underage|under age|a minor|is minor|teenager|\bteen\b|\bado\b|adolescente?s?)(?![\w])"
)


# "terminale mais j'ai 18 ans": the victim's adult age outweighs the school; "a teacher at a high
# school" is about an adult.
_ADULT_AGE = re.compile(
    r"(?<![\w])(?:j'?ai|j ai|jai|i'?m|i am|im)\s{1,2}(?:deja\s|already\s)?(?:1[89]|2\d)\s{0,2}(?:ans|yo|y/o|"
    r"years?)?(?![\w])"
)
_STAFF_BEFORE = re.compile(
    r"(?:teacher|teaches|teaching|coach|principal|counsel+or|staff|works? at|working at|employee|janitor|prof|"
    r"professeure?|enseignante?|surveillante?|cpe|travaille (?:au|dans|a)|bosse (?:au|dans))[^.!?\n]{0,20}$"
)


def _minor(text: str, windows: list[tuple[int, int]] | None = None) -> bool:
    if any(_is_minor_age(text, *m.span()) for m in _NUMBER.finditer(text)):
        return True
    if windows is not None and not windows:
        return False
    for match in (_SCHOOL.finditer(text) if windows is None else finditer_in(_SCHOOL, text, windows)):
        if _NEG.search(text, max(0, match.start() - 22), match.start()):
            continue
        if _STAFF_BEFORE.search(text, max(0, match.start() - 45), match.start()) or _ADULT_AGE.search(
                text, max(0, match.start() - 300), min(len(text), match.end() + 300)):
            continue
        return True
    return False


_SCHOOL_WORDS = ("classe de", "colleg", "lycee", "lyceen", "en 6", "en 5", "en 4", "en 3", "en 2", "en 1",
                 "seconde", "premiere",
                 "terminale", "secondaire", "sec ", "school", "grade", "year ", "mineur", "underage", "under age",
                 "minor", "teen", "ado", "junior")
# --- self-harm -----------------------------------------------------------------------------------
_SELF_HARM = re.compile(
    r"(?<![\w])(?:envie de mourir|veux mourir|veut mourir|voudrais mourir|voulai[st] mourir|voulu mourir|"
    r"(?<!\d )(?<!\d)kms|kys myself|unalive\w{0,3}|tentatives? de suicide|tente de (?:se|me) suicider|"
    r"suicide attempt|attempted suicide|tried to (?:kill|hurt) (?:himself|herself|myself)|overdose|"
    r"(?:veux|veut|voudrais|voulai[st]|envie de) (?:juste |seulement |vraiment )?disparaitre|(?:want|wanna|"
    r"wants|wanted) to disappear|"
    r"(?:voulai[st]|veut|parle de|parlait de|menace de|menacait de) se (?:suicider|tuer)|"
    r"(?:wants|wanted|want|talk\w* about|said he'?d|said she'?d) (?:to )?(?:kill (?:himself|herself)|end (?:his|"
    r"her) life)|vais mourir(?! de)|prefere mourir|"
    r"me suicider|(?<!va )(?<!vont )(?<!vas )me tuer|me foutre en l'air|mettre fin a (?:mes jours|ma vie|tout)|"
    r"en finir(?! avec)|"
    r"(?:plus|pas)(?: du tout| vraiment| trop)? envie de vivre|(?:veu[xt]|voulai[st]|voudrai[st]?) (?:plus|pas) "
    r"vivre|idees noires|"
    # A parent or a counsellor reports in the third person: "il ne voulait plus vivre", "a pensé à se
    # faire du mal", "thinking about hurting himself". (A scammer "threatening to kill himself" is a
    # pressure tactic, not the victim's risk: only self-harm words, not suicide threats, go third-person.)
    r"(?:se|te) faire du mal|s'est (?:scarifi\w*|coupe\w* (?:les|aux) (?:bras|poignets|veines))|"
    r"(?:hurt|hurting|harm|harming|cut|cutting) (?:himself|herself|themselves|themself)|"
    r"(?:didn'?t|did not|no longer|doesn'?t|does not) want(?:s|ed)? to (?:live|be alive|be here)|"
    r"pensees suicidaires|suicidaire|"
    r"me faire du mal|me pendre|me jeter (?:sous|du|d'un|par)|sauter (?:du|d'un) pont|me scarifier|"
    r"kill myself|killing myself|end it all|end my life|take my (?:own )?life|suicidal|thoughts of suicide|"
    r"thinking (?:about|of) (?:suicide|killing myself|ending it)|want to die|wanna die|wants to die|"
    r"want to be dead|(?:don'?t|do not|doesn'?t|does not) want to live|no reason to live|hurt(?:ing)? myself|"
    r"self[- ]harm|better off dead|not worth living|ending my life|end my own life|feel like dying|"
    r"pens\w* (?:\w+ )?(?:au suicide|a me suicider|a mourir|a en finir|a me tuer)|"
    r"(?:fils|fille|son|daughter|enfant)\b[^.!?\n]{0,60}"
    r"(?:se suicider|se tuer|kill (?:himself|herself)))(?![\w])"
)

_SELF_HARM_WORDS = ("kms", "unalive", "overdose", "disparaitre", "disappear", "attempt", "tentative", "tente de",
                    "tried to", "pens", "mourir", "suicid", "tuer", "foutre", "finir", "vivre", "noires", "du mal",
                    "pendre",
                    "jeter",
                    "pont", "scarif", "kill", "end it", "end my", "my life", "my own life", "die", "dead", "to live",
                    "hurt", "harm", "worth living", "mettre fin", "ending", "dying", "alive", "be here", "cut",
                    "scarif", "coupe")

# "plus envie de vivre", "don't want to live": the negation is of living, which is the signal.
_SELF_NEGATION_INSIDE = re.compile(
    r"(?:plus|pas|don'?t|do not|doesn'?t|does not|no reason|not worth)\b.{0,20}(?:vivre|live|living)"
)


def _self_harm(text: str, windows: list[tuple[int, int]]) -> bool:
    """"je n'ai plus envie de vivre" carries its own negation: only a negation of the whole counts."""
    for match in finditer_in(_SELF_HARM, text, windows):
        if _SELF_NEGATION_INSIDE.search(match.group()) or not _NEG.search(
                text, max(0, match.start() - 22), match.start()):
            return True
    return False


# --- deadline ------------------------------------------------------------------------------------
_DURATION = r"\d{1,3}\s{0,2}(?:h\b|heures?|hours?|hrs?|minutes?|mins?|min\b|jours?|days?|j\b)"
_DEADLINE = re.compile(
    r"(?<![\w])(?:"
    r"(?:tu as|t'as|ta|vous avez|tu n'as que|t'as que|il me donne|il m'a donne|je te donne|je vous donne|you have|"
    r"you've got|you got|i give you|he gave me|he gives me|she gave me|only|dans|d'ici|sous|within|in the next|"
    r"in|exactly|pendant les prochaines|next)\s{1,2}"
    r"(?:(?:les|the|next|prochaines?|seulement|only|exactly|que)\s{1,2}){0,2}"
    + _DURATION +
    r"|" + _DURATION + r"\s{1,2}(?:pour|to)\s{1,2}(?:payer|pay|envoyer|send|repondre|reply|transferer|transfer)"
    r"|(?:avant|d'ici|jusqu'a|jusqu'au|before|by|until|till|no later than)\s{1,2}(?:ce soir|demain|minuit|midi|"
    r"la fin de (?:la journee|la semaine)|ce (?:weekend|week-end)|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|tonight|tomorrow|midnight|noon|the end of (?:the )?(?:day|week)|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|\d{1,2}\s?h\b|\d{1,2}(?::\d{2})?\s?(?:pm|am|p\.m\.|a\.m\.))"
    r"|deadline|ultimatum|compte a rebours|countdown|dernier delai|dans l'heure|within the hour"
    # "pay 400 dollars tonight", "he will post my pics tomorrow"
    r"|(?:pay|payer|paie|paye|send|envoie|envoyer|transfer\w*|post|publi\w*|diffus\w*|leak\w*|share|wants?|"
    r"veut|exige|reclame|recoi\w*|recevr\w*|receive\w*|gets?|verra|verront|will see)"
    r"(?:\s[^.!?\n]{0,40})?\s(?:tonight|ce soir|today|aujourd'hui|tomorrow|demain))(?![\w])"
)

_DEADLINE_WORDS = ("today", "aujourd'hui",
    "heure", "hour", "hrs", "minute", "mins", "jour", "day", "ce soir", "demain", "minuit", "midi", "la fin de",
    "ce week", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "tonight", "tomorrow",
    "midnight", "noon", "the end of", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "deadline", "ultimatum", "rebours", "countdown", "dernier delai", "dans l'heure", "within the hour",
    *(f"{d}{sep}{u}" for d in "0123456789" for sep in ("", " ", "  ") for u in ("h", "j")))

# --- paid ----------------------------------------------------------------------------------------
_PAID = re.compile(
    r"(?<![\w])(?:(?:j'?|j\s)ai|je lui ai|elle a|il a|on a|nous avons|(?:fils|fille|mari|femme|son|daughter)"
    r"(?:\s\w+)?\s(?:a|has)|i|we|she|he|i'?ve|i have|we have)\s{1,2}"
    r"(?:(?:deja|already|just|encore|finally|finalement|lui|him|her|them|aussi|also)\s{1,2}){0,3}"
    r"(?:paye|paid|verse|vire|wired|transfere|transferred|"
    r"fait (?:un |des |\d+ |plusieurs )?(?:transfert|virement|envoi|paiement|versement|depot)s?|"
    r"achete (?:des|\d+|les|une?|plusieurs) (?:\w+\s)?(?:cartes?|coupons?|recharges?|tickets?|steam|pcs|transcash|"
    r"google|itunes|apple|amazon|neosurf|paysafe\w*)|"
    r"bought (?:\d+ |some |a |the |two |three )?(?:\w+\s)?(?:gift cards?|cards?|steam|google|itunes|apple|amazon)|"
    r"sent (?:him |her |them )?(?:the )?(?:money|\$|\d|cash|codes?|a card|one card|gift|bitcoin|btc|crypto)|"
    r"envoye (?:l'argent|de l'argent|\d|les? codes?|la somme|le montant|des? coupons?|les? cartes?)|"
    r"donne (?:les? codes?|l'argent))"
    r"|deja paye|already paid|fait (?:\d+|plusieurs) envois"
)

_PAID_WORDS = ("paye", "paid", "verse", "vire", "wired", "transfer", "achete", "bought", "sent", "envoye",
               "donne l", "virement", "envoi", "paiement", "versement", "depot")

# --- images already shared, friends or family contacted ---------------------------------------------
_AUDIENCE = (
    r"(?:amis?|amies?|potes?|famille|parents?|mere|maman|pere|papa|freres?|soeurs?|sœurs?|cousins?|cousines?|"
    r"copines?|copains?|collegues?|abonnes?|followers?|contacts?|proches|entourage|femme|mari|patron|boss|"
    r"classe|grand frere|grande soeur|oncle|tante|friends?|family|mom|mum|mother|dad|father|brothers?|sisters?|"
    r"girlfriend|boyfriend|wife|husband|colleagues?|coworkers?|co-workers?|relatives|classmates|class|"
    r"tout le monde|everyone|everybody|liste|list|employeur|employer|school|ecole|church|eglise|groupe?|group chat|"
    r"chums?|blonde|best friends?|bff|teammates?|team|equipe|teachers?|profs?|professeurs?|coach)"
)
_IMAGES = r"(?:videos?|vids?|clips?|photos?|images?|pics?|pictures?|nudes?|captures?|sextapes?|it|them|tout)"
_SHARED = re.compile(
    r"(?<![\w])(?:"
    # publication: "il a publié mes photos", "they posted my video", "a mis ma vidéo sur youtube"
    r"(?:a|ont|avait|has|have|had|already|still|he|she|they)\s{1,2}(?:(?:deja|quand meme|meme|finalement|aussi|"
    r"already|still|also|just|then)\s{1,2}){0,2}(?:publie|poste|diffuse|balance|mis en ligne|posted|published|"
    r"leaked|uploaded)\s{1,2}(?:\w+\s{1,2}){0,3}" + _IMAGES +
    r"|(?:a|ont|has|have)\s{1,2}(?:deja\s|quand meme\s)?mis\s{1,2}(?:\w+\s{1,2}){0,2}" + _IMAGES + r"\s{1,2}(?:sur|on)"
    # sending to the victim's people: "il a envoyé la vidéo à mes amis", "he sent the pics to my mom"
    r"|(?:a|ont|avait|has|have|had|he|she|they)\s{1,2}(?:(?:deja|quand meme|meme|aussi|tout|already|still|also|just|"
    r"everything|finalement|finally|even|ensuite|then)"
    r"\s{1,2}){0,2}(?:envoyee?s?|partagee?s?|transferee?s?|montree?s?|sent|shared|forwarded|showed|send)"
    r"\s{1,2}(?:\w+\s{1,2}){0,5}"
    r"(?:a|au|aux|to|with|avec|give|dans|in)\s{1,2}(?:(?:tous|toute|toutes|all|some of|plusieurs de|certains de|"
    r"\w{1,8} (?:of|de|d'))\s{1,2})?(?:mes|ma|mon|ses|sa|son|my|his|her|leurs?|tes|ta|"
    r"ton)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE +
    # passive: "my pics are already posted", "la vidéo a été publiée"
    r"|" + _IMAGES + r"\s{1,2}(?:are|is|were|was|been|a ete|ont ete|est|sont)\s{1,2}(?:(?:already|deja)\s{1,2})?"
    r"(?:posted|shared|published|leaked|sent to|forwarded to|publiees?|partagees?|diffusees?|envoyees? a|"
    r"transferees? a|en ligne|sur (?:internet|youtube|facebook))"
    # pidgin: "he don send am give my brother"
    r"|don (?:send|post|share) (?:am|dem|it|them)"
    # "la photo circule dans son collège", "the video is going around"
    r"|(?:photos?|videos?|images?|pics?|nudes?|captures?)\s{1,2}(?:\w+\s{1,2}){0,2}(?:circule\w*|tourne\w*|"
    r"is going around|are going around|circulating|went viral|est devenue? virale?)"
    r")"
)
_MEDIA = r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|sextapes?|captures?|clips?)"
_PUBLISHED = re.compile(
    r"(?<![\w])(?:publiee?s?|postee?s?|partagee?s?|diffusee?s?|mise?s? en ligne|posted|uploaded|leaked|published|"
    r"shared)\s{1,2}(?:(?:une?|des|one|some|all|toutes?|tous|several|plusieurs|two|three|deux|trois)\s{1,2}"
    r"(?:de|of|d')\s{0,2})?"
    r"(?:(?:my|mes|ma|mon|ses|sa|son|his|her|their|leurs?)\s{1,2}(?:\w+\s{1,2})?" + _MEDIA +
    r"|(?:a|an|une?|des|the|la|le|les|this|that|cette|ce)\s{1,2}(?:\w+\s{1,2})?" + _MEDIA +
    r"\s{1,2}(?:of me|de moi|of (?:him|her|them|my \w+)|d'(?:elle|lui|eux)|de (?:lui|ma|mon|mes)))"
)
_SHARE_WORDS = ("circul", "tourne", "going around", "viral",
                "publie", "poste", "diffuse", "balance", "en ligne", "posted", "published", "leaked", "uploaded",
                "mis ", "envoye", "partage", "transfere", "montre", "sent", "shared", "forwarded", "showed", "send",
                "recu", "received", "vu ", "seen", "got ", "sur internet", "sur youtube", "sur facebook", "post")
_RECEIVED = re.compile(
    r"(?<![\w])(?:mes|ma|mon|ses|sa|son|my|his|her)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE +
    r"[^.!?\n]{0,40}?\s(?:a|ont|has|have|had|avait|avaient)?\s{0,2}(?:recu|received|vu|seen|got)\s[^.!?\n]{0,100}?"
    r"(?:videos?|photos?|images?|pics?|nudes?|captures?)"
)
_SHARED_TO_AUDIENCE = re.compile(
    r"(?:envoye|partage|transfere|montre|sent|shared|forwarded|showed|send|tagged|tague|recu|received|identifie|"
    r"diffuse|publie|poste|posted|published|leaked)"
    r"[^.!?\n]{0,60}?" + _AUDIENCE + r"|" + _AUDIENCE + r"[^.!?\n]{0,20}(?:recu|received|got)"
)
_CONTACTED = re.compile(
    r"(?<![\w])(?:contacte|ecrit a|ecrit aux|appele|menace|messaged|texted|contacted|called|wrote to|dm'?d|"
    r"reached out to|ajoute|added|tagged|tague|identifie|following|followed|started following|suivi|"
    r"abonne a|envoye (?:un |des )?(?:messages?|msg|mp|dm) a|sent (?:a )?(?:messages?|dms?|texts?) to|threatened)"
    r"\s{1,2}(?:(?:tous|toute|toutes|all|some of|plusieurs de|plusieurs|certains de|quelques uns de|une partie de|"
    r"aussi|also|even)\s{1,2}){0,2}(?:mes|ma|mon|ses|sa|son|my|his|her|leurs?)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE
)
_CONTACT_WORDS = ("contacte", "ecrit a", "appele", "menace", "messaged", "texted", "called", "wrote to", "dm'd", "dmd",
                  "reached out", "ajoute", "added", "tagged", "tague", "identifie", "follow", "suivi", "abonne a",
                  "envoye un", "envoye des", "envoye message", "envoye msg", "envoye mp", "envoye dm", "sent a",
                  "sent message", "sent dm", "sent text", "threatened")
_FUTURE = re.compile(
    r"(?:claims?|claimed|pretends?|pretend|pretendu|affirme|soi-disant|supposedly|apparently|says|said|dit|"
    r"va |vais |vont |menace d'|menace de |threatens? to |threatening to |will |'ll |gonna |going to |sinon |"
    r"si |if |pourrait |could |would |veut |wants to |dit qu'il |says he |\bor |\bou |otherwise |else |unless |"
    r"sauf si )[^.!?\n]{0,25}$"
)


# "…but he got nothing", "mais je n'ai rien trouvé": a claim the reporter could not confirm.
_DENIED_AFTER = re.compile(
    r"[^\n]{0,40}?(?:\bbut\b|\bmais\b|\bhowever\b|\bpourtant\b)[^.!?\n]{0,40}?(?:nothing|rien|couldn'?t find|"
    r"can'?t find|didn'?t (?:get|receive|see|find)|never (?:got|received)|pas (?:trouve|recu|vu)|aucune? trace|"
    r"no trace|"
    r"not there|isn'?t there)"
)


def _happened(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None = None
              ) -> list[re.Match[str]]:
    """Matches that tell of something done, not threatened or denied."""
    out = []
    for match in (pattern.finditer(text) if windows is None else finditer_in(pattern, text, windows)):
        before = text[max(0, match.start() - 30):match.start()]
        if _FUTURE.search(before) or _NEG.search(before[-22:]):
            continue
        if _DENIED_AFTER.match(text, match.end(), min(len(text), match.end() + 90)):
            continue
        to_me = re.search(r"(?:m'a|ma|m'ont|me|moi)\s{0,2}$", before)
        if to_me and not re.search(r"\b(?:il|elle|ils)\s{0,2}$", before):
            continue
        out.append(match)
    return out


def _images_shared(text: str, windows: list[tuple[int, int]] | None = None) -> tuple[bool, bool]:
    """(images shared, shared with the victim's people)."""
    if windows is not None and not windows:
        return False, False
    sent = [m for m in _happened(_SHARED, text, windows)
            if not re.match(r"\s{0,2}(?:me|moi)\b", text[m.end():m.end() + 5])]
    sent += _happened(_PUBLISHED, text, windows)
    received = _happened(_RECEIVED, text, windows)  # "ma cousine a reçu la vidéo": shared with her
    if not sent and not received:
        return False, False
    to_people = bool(received) or any(
        _SHARED_TO_AUDIENCE.search(text, m.start(), min(len(text), m.end() + 60)) for m in sent)
    return True, to_people


# --- more images demanded --------------------------------------------------------------------------
_MORE_IMAGES = re.compile(
    r"(?<![\w])(?:demande\w*|veut|veulent|voulait|exige\w*|reclame\w*|insiste pour|wants?|wanted|asks?|asking|asked|"
    r"demands?|demanding|requests?|keeps asking|envoie|send|if i (?:don'?t|do not) send|unless i send|"
    r"si je (?:n'envoie|n'envoies|envoie|send|sens|sent) pas|if i (?:don'?t|do not) send him)\s{1,2}"
    r"(?:(?:moi|me|lui|leur|her|him|encore|toujours|still|now|maintenant|aussi|also|even|de lui envoyer|"
    r"que je (?:lui )?envoie|me to send|for|to send|him|que je fasse|de faire|d'envoyer|-moi|chaque (?:soir|jour|"
    r"semaine|nuit)|tous les (?:jours|soirs)|every (?:day|night|week)|each (?:day|night))\s{1,2}){0,3}"
    r"(?:\d{1,2}\s{1,2})?(?:d'autres|d autres|dautres|plus de|encore des|encore une|encore un|de nouvelles?|"
    r"des nouvelles?|une nouvelle|une autre|un autre|more|another|other|new|extra|additional)\s{1,2}"
    r"(?:\d{1,2}\s{1,2})?(?:\w+\s{1,2})?"
    r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|nus|sextapes?|selfies?)"
)

_MORE_IMAGES_2 = re.compile(
    r"(?<![\w])(?:(?:oblige\w*|force\w*|forcing|forced|pousse\w*|makes? me|made me)\s{1,2}(?:\w+\s{1,2}){0,4}"
    r"(?:envoyer|send|faire|filmer|film)\s{1,2}(?:\w+\s{1,2}){0,2}|"
    r"(?:now|maintenant|then|puis|ensuite|also|aussi)\s{1,2}(?:(?:he|she|they|il|elle|ils)\s{1,2}(?:is\s|are\s)?)?"
    r"(?:asking for|asks for|asked for|wants|demande|veut|exige|reclame)\s{1,2}(?:(?:des|me|moi|lui|une?|a|an|"
    r"some)\s{1,2})?)"
    r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|nus|sextapes?|selfies?)"
    r"|(?<![\w])\d{1,2}\s{1,2}(?:autres\s{1,2})?(?:photos?|videos?|vids?|images?|pics?|nudes?)\s{1,2}de plus"
)
# Images demanded again without naming them ("il en redemande", "now demands more", "if I don't send
# more") count only when pictures were spoken of just before and no money follows: "more" after a
# payment is usually more money.
_MORE_UNNAMED = re.compile(
    r"(?<![\w])(?:(?:m'|me |lui |leur )?en\s{1,2}(?:re)?(?:demande|exige|reclame|veu[tx])\w*"
    r"(?:\s{1,2}(?:d'autres|encore|plus|toujours|tous les jours|chaque (?:jour|soir|semaine)))?|redemande\w*|"
    r"(?:asking|asks|asked|demands?|demanding|wants?|wanted|requests?|requesting)\s{1,2}(?:for\s{1,2})?more|"
    r"(?:send|sending|sent)\s{1,2}(?:him\s{1,2}|her\s{1,2}|them\s{1,2})?more)(?![\w])"
    r"(?!\s{0,2}(?:money|cash|argent|\$|€|£|dollars?|euros?|pounds?|bucks|\d|btc|bitcoin|gift|cards?))"
)
# A picture demanded under a threat: "si je n'envoie pas de vidéo", "unless I send him a video".
_IMAGES_OR_ELSE = re.compile(
    r"(?<![\w])(?:si je (?:ne |n')?(?:lui |leur )?(?:envoie|envoies|fais) pas|if i (?:don'?t|do not|dont) send|"
    r"unless i send)\s{1,2}(?:(?:him|her|them|de|d'|la|les|une?|a|an|some|the|des)\s{0,2}){0,2}(?:\w+\s{1,2})?"
    + _MEDIA
)
_MONEY_BEFORE = re.compile(
    r"[$€£₱]|\d|\b(?:paid|paye\w*|payer|argent|money|cash|codes?|cards?|cartes?|tickets?|coupons?|virement|"
    r"transfer\w*|dollars?|euros?|pounds?|bitcoin|btc|gcash|western|moneygram|ria)\b")
_MEDIA_BEFORE = re.compile(_MEDIA + r"|\bnus?\b|\bnue\b|naked|sous-vetements|underwear|brassiere")
_MORE2_WORDS = ("oblig", "force", "pousse", "made me", "makes me", "make me", "de plus", *(
    f"{adverb} {word}" for adverb in ("now", "maintenant", "then", "puis", "ensuite", "also", "aussi")
    for word in ("he", "she", "they", "il", "elle", "ils", "asking", "asks", "asked", "wants", "demande", "veut",
                 "exige", "reclame")))
_MORE_WORDS = ("autre", "plus de", "encore", "nouvel", "more", "another", "other", "new ",
               "extra", "additional")

def _more_unnamed(text: str) -> bool:
    for match in _MORE_UNNAMED.finditer(text):
        if _NEG.search(text, max(0, match.start() - 22), match.start()):
            continue
        start = max(0, match.start() - 160)
        media = [m.end() for m in _MEDIA_BEFORE.finditer(text, start, match.start())]
        money = [m.end() for m in _MONEY_BEFORE.finditer(text, start, match.start())]
        # "…sent 3,000 but he wants more": the nearer of pictures and money is what "more" is about.
        if media and (not money or media[-1] > money[-1]):
            return True
    return False


# --- webcam scheme ---------------------------------------------------------------------------------
_CAM_WORDS = ("webcam", "web cam", "cam", "camera", "appel video", "facetimed", "facetiming", "appel whatsapp",
              "appel snap", "appel messenger", "whatsapp call", "snap call", "messenger call", "video whatsapp",
              "appel en video", "appel visio", "visio",
              "video call", "videocall", "facetime", "face time", "skype", "video chat", "chat video", "call video",
              "cam to cam", "omegle", "chatroulette", "en direct", "live",
              # the call named by its app, and "called me on video" in both languages
              "skype call", "zoom call", "zoom", "instagram call", "insta call", "facebook call", "telegram call",
              "appel skype", "appel zoom", "appel instagram", "appel insta", "appel facebook", "appel sur messenger",
              "appel sur whatsapp", "appel sur skype", "appel sur snap", "appel sur instagram", "appel sur insta",
              "appel sur facebook", "appel sur zoom", "appele en video", "appelle en video", "appeler en video",
              "appelee en video", "called me on video", "video called", "video-called", "cam call")
_CAM = r"(?:" + trie_pattern(_CAM_WORDS) + r")(?![\w])"
_CAM_RE = re.compile(r"(?<![\w])" + _CAM)
# Prefixes: "enregistr" covers enregistré, enregistrement…
_REC_RE = re.compile(r"(?<![\w])(?:" + trie_pattern((
    "enregistr", "film", "record", "captur", "screen record", "screenrecord", "montage", "screenshot",
    "video de moi", "video de toi", "video of me", "video of you", "video de la visio", "video de l'appel",
    "video de notre", "video of our", "video from our", "video of the call", "clip of our", "garde la video",
    "kept the video", "video from a", "video from the", "video from that", "video de leur", "video de cet appel",
    "recording of our", "recording of the call", "enregistrement de notre", "enregistrement de l'appel",
    # "un gars m'a piégé en appel vidéo": the trap is the recording
    "piege", "trapped", "tricked")) + ")")
_UNDRESS_RE = re.compile(r"(?<![\w])(?:" + trie_pattern((
    "deshabill", "tout nu", "toute nu", "naked", "nude", "strip", "me touchais", "se touch", "masturb", "solo",
    "a poil")) + ")")
_CAM_ACCESS = re.compile(
    r"(?:pirate|hacke|hacked|acces a|access to|allume|switched on|turned on|activated|active|activate)"
    r"\s{1,2}(?:\w+\s{1,2}){0,3}" + _CAM
)


def _near(first: list[tuple[int, int]], second: list[tuple[int, int]], text: str, before: int, after: int) -> bool:
    """Whether a span of ``second`` lies within ``before``/``after`` characters of one of ``first``,
    on the same line."""
    starts = [s for s, _ in second]
    for start, end in first:
        i = bisect_left(starts, start - before)
        while i < len(second) and second[i][0] <= end + after:
            s2, e2 = second[i]
            low, high = min(start, s2), max(end, e2)
            if "\n" not in text[low:high]:
                return True
            i += 1
    return False


def _webcam(text: str, win: dict[str, list[tuple[int, int]]]) -> bool:
    """A camera or video call with a recording (or undressing) close by, or a hacked camera."""
    cams = [m.span() for m in finditer_in(_CAM_RE, text, win.get("cam", []))]
    if not cams:
        return False
    recs = [m.span() for m in finditer_in(_REC_RE, text, win.get("rec", []))]
    if _near(cams, recs, text, 120, 120):
        return True
    undress = [m.span() for m in finditer_in(_UNDRESS_RE, text, win.get("undress", []))]
    return _near(cams, undress, text, 60, 150) or _any(_CAM_ACCESS, text, False, win.get("cam_access", []))


# --- sextortion ------------------------------------------------------------------------------------
_EXPLICIT = re.compile(r"(?<![\w])(?:sextorsion|sextortion|sexto?rsion|chantage (?:a la webcam|sexuel|a la video)|"
                       r"sexual extortion|sexual blackmail)")
# A teacher, a parent or a youth worker asking for material about sextortion is not a victim.
_PREVENTION = re.compile(
    r"(?<![\w])(?:prevention|sensibilis\w*|awareness|atelier|workshop|ressources? pedagogique\w*|"
    r"teaching (?:material|resources)|lesson plan|presentation (?:sur|about|on)|my students|mes eleves|"
    r"for my class|pour ma classe|educational (?:material|resources)|brochures?|affiches?|posters?)(?![\w])"
)
_INTIMATE = re.compile(
    r"(?<![\w])(?:nue?s?|nude|nudes|naked|intimes?|intimate|sexe|sexuel\w*|sexual|sexy|masturb\w*|porn\w*|"
    r"explicit|deshabill\w*|sextape|dirty|compromett\w*|compromising|photos? privees?|videos? privees?|"
    r"private (?:pics|photos|videos)|jerking|me touchais|adult (?:videos|sites|content)|sites? pour adultes|"
    r"contenu (?:pour )?adultes?|osees?|hot pics|chaud)(?![\w])"
)
_THREAT_WORDS = trie_pattern((
    "menac", "threat", "chantage", "blackmail", "fait chanter", "faire chanter", "sinon", "or else", "otherwise",
    "if you don't", "if you dont", "if i don't", "if i dont", "sauf si", "unless", "expose", "extorsion",
    "extortion", "ransom", "rancon"))
_THREAT_OR = trie_pattern(
    [f"{c} {p}{v}" for c in ("ou", "or", "et") for p in ("je ", "j'", "il ", "elle ")
     for v in ("envoie", "publie", "partage", "diffuse", "balance", "montre")]
    + [f"{c} {p}{a}{v}" for c in ("or", "and") for p in ("he", "she", "they", "i") for a in (" ", " will ", "'ll ")
       for v in ("send", "post", "share", "publish", "leak", "show")])
_THREAT_FUTURE = trie_pattern(
    [f"{p}{a}" for p in ("he", "she", "they", "i") for a in ("'ll", " will", " is going to", " are going to",
                                                             " gonna", " go", " say he go", " say she go")]
    + [f"{p} {a}" for p in ("il", "elle", "ils", "qu'il", "qu'elle") for a in (
        "va", "vont", "allait", "allaient", "menace de", "menace d'")])
_THREAT_ANCHORS = (*(f"{c} {d} {w}" for c in ("or", "ou") for d in ("the", "your", "my", "la", "les", "tes", "ta",
                                                                       "ton", "mes", "ma")
                      for w in ("vid", "clip", "photo", "pic", "nude")),
                   "pour ne", "pour pas", "to not", "not post", "take it", "take them", "take the",
                   "delete", "supprim", "pour publier", "pour diffuser", "pour envoyer", "menac", "threat",
                   "chantage", "blackmail", "chanter", "sinon", "or else", "otherwise", "if you",
                   "if i", "sauf si", "unless", "expose", "extor", "ransom", "rancon", "ou je", "ou j'", "ou il",
                   "ou elle", "et je", "et j'", "et il", "et elle", "or he", "or she", "or they", "or i", "and he",
                   "and she", "and they", "and i", "he'll", "she'll", "they'll", "i'll", "will", "going to", "gonna",
                   "il va", "elle va", "allait", "allaient", "he go", "she go", "they go",
                   "ils vont", "il menace", "elle menace")
_THREAT = re.compile(
    r"(?<![\w])(?:(?:" + _THREAT_WORDS + r")|(?:or|ou) (?:the|your|my|la|les|tes|ta|ton|mes|ma) (?:\w+ )?"
    r"(?:videos?|vids?|clips?|photos?|pics?|pictures?|nudes?)|(?:pour|to) (?:ne )?(?:pas |not )?(?:publier|diffuser|"
    r"envoyer|partager|post|leak|send|share)|take (?:it|them|the \w+) down|delete (?:it|them|the \w+)|"
    r"supprime\w* (?:la|les|tout)|(?:" + _THREAT_OR + r")|(?:" + _THREAT_FUTURE + r")\s(?:\w+\s){0,2}"
    r"(?:send|post|share|publish|leak|show|envoyer|publier|diffuser|partager|montrer|balancer))"
)
_SHARE_WORD = re.compile(
    r"(?:envo\w*|send\w*|share\w*|partag\w*|publi\w*|post\w*|diffus\w*|montr\w*|show\w*|leak\w*|expos\w*|"
    r"balanc\w*|verra|verront|see|sees|goes to|go to|rend publique|recoi\w*|recevr\w*|receive\w*|gets|put|mettre|"
    r"met|youtube|take \w+ down|supprim\w*|delete)"
)
_IMAGE_WORD = re.compile(r"(?<![\w])(?:videos?|vids?|photos?|images?|pics?|pictures?|nudes?|enregistrement|"
                         r"recording|messages|captures?|them|it|les)(?![\w])")
_AUDIENCE_RE = re.compile(r"(?<![\w])(?:" + _AUDIENCE + r"|leurs?)(?![\w])")  # "tout leur montrer"
_HACK = re.compile(r"(?<![\w])(?:hack\w*|pirat\w*|trojan|cheval de troie|malware|spyware|logiciel espion|virus|"
                   r"rat|pegasus|keylogger|acces (?:a|total a) (?:votre|ton|tes|vos)|access to (?:your|all))(?![\w])")
_CRYPTO = re.compile(r"(?<![\w])(?:bitcoins?|btc|litecoin|ltc|crypto\w*|wallet|portefeuille|ethereum|usdt)(?![\w])")
# Intimate images asked for ("il lui a demandé des photos intimes") or held ("he has my nudes").
_IMAGES_ASKED_OR_HELD = re.compile(
    r"(?:(?:demande\w*|veut|exige\w*|reclame\w*|wants?|asks?|asked|asking|demands?|requested)\s{1,2}"
    r"(?:\w+\s{1,2}){0,2}|(?<![\w'])(?:a|as|ont|has|have|got|possede|garde|detient)\s{1,2}"
    r"(?:mes|ma|my|des|les|tes|your|her|his|ses|nos|our)\s{1,2})"
    r"(?:photos?|videos?|images?|pics?|pictures?|nudes?|selfies?)(?:\s{1,2}(?:\w+\s{1,2})?(?:intimes?|nue?s?|"
    r"sexy|osees?|intimate|naked|explicit))?"
)
_ASKS_MONEY = re.compile(
    r"(?:veut|veulent|demande\w*|exige\w*|reclame\w*|wants?|asks?|asked|demands?|pay|payer|paie|paye)"
    r"\s{1,2}(?:\w+\s{1,2}){0,3}(?:de l'argent|d'argent|argent|money|bitcoins?|crypto|cartes?|cards?|\d)"
)


def _intimate_images_asked_or_held(text: str, windows: list[tuple[int, int]]) -> bool:
    for match in finditer_in(_IMAGES_ASKED_OR_HELD, text, windows):
        around = text[max(0, match.start() - 40):min(len(text), match.end() + 40)]
        if _INTIMATE.search(around) and not re.search(r"(?:carte|card|id|identite|passeport|passport)", around):
            return True
    return False


_SHARE_BEFORE = re.compile(
    r"(?<![\w])(?:put|post|publish|upload|leak|send|share|show|mettre|mettra|met|publier|publiera|envoyer|envoiera|"
    r"balancer|balancera|diffuser|diffusera|montrer|montrera)\w{0,3}\s(?:[\w']+\s){0,3}"
    r"(?:videos?|vids?|video call|photos?|pics?|pictures?|nudes?|clips?|captures?)(?![\w])"
)


def _threat_to_share(text: str, windows: list[tuple[int, int]]) -> bool:
    """A threat with a share verb and the victim's people or their images, close together."""
    for threat in finditer_in(_THREAT, text, windows):
        window = text[threat.start():min(len(text), threat.end() + 90)]
        if _SHARE_WORD.search(window) and (_AUDIENCE_RE.search(window) or _IMAGE_WORD.search(window)):
            return True
        # "she'll put our video call on YouTube unless I pay": the threat word comes after
        low = max(0, threat.start() - 70, text.rfind(".", max(0, threat.start() - 70), threat.start()) + 1)
        if _SHARE_BEFORE.search(text, low, threat.start()):
            return True
    return False


_ANCHORS = Anchors({
    "self_harm": _SELF_HARM_WORDS,
    "school": _SCHOOL_WORDS,
    "deadline": _DEADLINE_WORDS,
    "paid": _PAID_WORDS,
    "shared": _SHARE_WORDS,
    "contacted": _CONTACT_WORDS,
    "more": _MORE_WORDS,
    "more2": _MORE2_WORDS,
    "cam": _CAM_WORDS,
    "rec": ("enregistr", "film", "record", "captur", "screen", "montage", "video de", "video of", "video from",
            "clip of", "garde la", "kept the"),
    "undress": ("deshabill", "tout nu", "toute nu", "naked", "nude", "strip", "touch", "masturb", "solo"),
    "cam_access": ("pirate", "hacke", "hacked", "acces a", "access to", "allume", "switched on", "turned on", "activ"),
    "intimate": ("nu", "nude", "naked", "intim", "sex", "masturb", "porn",
                 "explicit",
                 "deshabill", "dirty", "compromett", "compromising", "privee", "private", "jerking", "touchais",
                 "adult", "osee", "hot pics", "chaud"),
    "threat": _THREAT_ANCHORS,
    "hack": ("hack", "pirat", "trojan", "troie", "malware", "spyware", "logiciel espion", "virus", "rat ", "pegasus",
             "keylogger", "acces", "access to"),
    "crypto": ("bitcoin", "btc", "litecoin", "ltc", "crypto", "wallet", "portefeuille", "ethereum", "usdt"),
    "asks": ("veut", "veulent", "demand", "exig", "reclam", "want", "ask", "pay ", "payer", "paye", "paie"),
    "explicit": ("sext", "chantage", "extortion", "blackmail"),
}, reach=120)


# "il a transféré la capture": images, not money.
_IMAGE_AFTER = re.compile(
    r"\s{0,2}(?:[\w']+\s{1,2}){0,2}(?:captures?|videos?|vids?|clips?|photos?|pics?|images?|nudes?)\b"
)
# "wants $500 for my pics", "300 € pour ses photos"
_MONEY_FOR_IMAGES = re.compile(
    r"(?<![\w])(?:for|pour|against|contre)\s{1,2}(?:my|mes|ses|his|her|tes|your|the|les|ces|these|those|nos|our)\s{1,2}"
    r"(?:\w+\s{1,2})?(?:pics?|photos?|videos?|vids?|nudes?|clips?|images?|pictures?)(?![\w])"
)


def detect(text: str, money: Iterable[Money] = (), mentions: Iterable[Mention] = ()) -> dict[str, bool]:
    """All signals for a folded text (see ``unicode.Normalised.folded``)."""
    money = list(money)
    kinds = {m.kind for m in mentions}
    win = _ANCHORS.windows(text)
    signals = dict.fromkeys(SIGNALS, False)
    signals["minor"] = _minor(text, win.get("school", []))
    signals["self_harm"] = _self_harm(text, win.get("self_harm", []))
    signals["deadline"] = _any(_DEADLINE, text, negatable=False, windows=win.get("deadline", []))
    paid_money = any(m.role == "paid" for m in money)
    signals["paid"] = paid_money or bool(kinds & {"transfer_reference", "gift_card"}) or any(
        not _NEG.search(text, max(0, m.start() - 22), m.start())
        and not re.match(r"\s{0,2}(?:rien|pas|nothing|anything)\b", text[m.end():m.end() + 12])
        and not _IMAGE_AFTER.match(text, m.end(), min(len(text), m.end() + 40))
        for m in finditer_in(_PAID, text, win.get("paid", [])))
    shared, to_people = _images_shared(text, win.get("shared", []))
    signals["images_shared"] = shared
    signals["friends_contacted"] = to_people or bool(_happened(_CONTACTED, text, win.get("contacted", [])))
    signals["more_images_demanded"] = _any(_MORE_IMAGES, text, windows=win.get("more", [])) or _any(
        _MORE_IMAGES_2, text, windows=win.get("more2", [])) or _more_unnamed(text) or _any(_IMAGES_OR_ELSE, text)
    signals["webcam_scheme"] = _webcam(text, win)
    demanded = any(m.role == "demanded" for m in money) or _any(_ASKS_MONEY, text, False, win.get("asks", []))
    intimate = _any(_INTIMATE, text, windows=win.get("intimate", []))
    threat = _any(_THREAT, text, False, win.get("threat", []))
    spam_scheme = _any(_HACK, text, False, win.get("hack", [])) and (
        "crypto" in kinds or _any(_CRYPTO, text, False, win.get("crypto", []))) and (
        intimate or signals["webcam_scheme"] or bool(re.search(r"record\w*|enregistr\w*|video", text)))
    signals["sextortion"] = (
        signals["webcam_scheme"] or signals["more_images_demanded"] or spam_scheme
        or (_any(_EXPLICIT, text, False, win.get("explicit", [])) and not (
            _PREVENTION.search(text) and not (demanded or signals["paid"] or threat)))
        or (intimate and (threat or demanded or _intimate_images_asked_or_held(text, win.get("intimate", []))))
        or (threat and _threat_to_share(text, win.get("threat", [])))
        or (shared and (demanded or signals["paid"]))
        or (demanded and _gate(text, ("for ", "pour ", "against ", "contre ")) and bool(_MONEY_FOR_IMAGES.search(text)))
    )
    return signals
