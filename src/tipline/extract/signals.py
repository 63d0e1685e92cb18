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
from collections.abc import Iterable, Iterator
from itertools import pairwise

from tipline.extract.model import SIGNALS, Mention, Money
from tipline.extract.patterns import Anchors, finditer_in, intersect, scan, trie_pattern

_NEG = re.compile(
    r"(?:\bpas\b|\bne\b|\bn'|\bjamais\b|\bnot\b|n't\b|\bnever\b|\bno\b|\baucune?\b|\bsans\b)[^.!?\n]{0,12}$"
)


def _gate(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs: substring tests run at memory speed, so a rule whose words
    are all absent costs nothing instead of a regex scan of the whole text."""
    return any(w in text for w in words)


def _any(pattern: re.Pattern[str], text: str, negatable: bool = True,
         windows: list[tuple[int, int]] | None = None) -> bool:
    for match in scan(pattern, text, windows):
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
    r"garcon|gamin|gamine|neveu|niece|petit|petite|frere|soeur|sœur|cousine?|eleve|de|"
    # Moroccan darija "3andha 16 ans" (she has), Haitian Creole "gason 17 an"
    r"3andha|3ando|3andi|3ndha|3ndo|andha|gason|tifi|pitit|"
    # Creole "mwen gen 17 an", Jamaican "mi 16 an", Wolof-French "man dama am 17 ans"
    r"gen|genyen|mi|am)"
    r"(?:\s{1,2}(?:de|a|est|a peine|seulement|juste|only))?[\s(,]{1,3}$"
    # "la maman de Noah, 14 ans", "Mon fils Maxime (15 ans)": an age set apart after a name
    r"|(?P<apart>[a-z][a-z\-]{1,20}\s{0,2}(?:,|\()\s{0,2})$"
)
_PERSONA_AGE = re.compile(r"(?:profil|profile|compte|account|pseudo|presente|disait|claimed|pretend|fake)\w*"
                          r"[^.!?\n]{0,25}$")
_NOT_AGE_BEFORE = re.compile(r"(?<![\w])(?:il y a|y a|depuis|pendant|fait|dans|en|apres|avant|for|since)\s{1,2}$")
_WHO_EN = re.compile(
    r"(?:^|[^\w])(?:i'?m|i am|im|he'?s|she'?s|he is|she is|aged?|who is|who's|(?:son|daughter|kid|child|boy|girl|"
    r"nephew|niece|brother|sister|stepson|stepdaughter|grandson|granddaughter|teen|sis|bro|cousin|friend|mate|"
    r"bestie|classmate|girlfriend|boyfriend|gf|bf)(?:'s| is| was| turned| just turned)"
    r")\s{1,2}(?:only\s|just\s)?$"
)
_NOT_AGE_AFTER_EN = re.compile(
    r"\s{0,2}(?:minutes?|mins?|hours?|h\b|km|miles|dollars|\$|%|times|k\b|years? ago|days?|weeks?|months?|euros?|"
    r"€|cad|usd|bucks|[.,]\d|/|:\d)"
)
_YEARS_OLD = re.compile(r"[\s\-]{0,2}(?:years?|yrs?|y)[\s\-/]{0,2}(?:old|o)(?![\w])")
_RELATIVE_PAREN = re.compile(
    r"(?:son|daughter|nephew|niece|brother|sister|kid|child|boy|girl|cousin|fils|fille|neveu|niece|frere|soeur|"
    r"enfant|ado|student|pupil|learner|eleve|etudiante?)\s{0,2}\($"
)
_PAREN_CLOSE = re.compile(r"(?:\s{0,2}(?:ans|yo|y/o|years?|yrs?))?\)")
# An age range: "(14-15 ans)", "(ages 13-14)", "aged 14 to 16"; the lower bound is read by its upper one.
_AGE_RANGE_BEFORE = re.compile(r"(?:(?:\(|ages?\s{1,2}|aged\s{1,2}|de\s{1,2})\d{1,2}\s{0,2}(?:-|–|to|a|à)\s{0,2})$")
_RANGE_AFTER = re.compile(r"[-–]\s{0,2}(?P<upper>\d{1,2})(?!\d)")
_PAREN_AGE = re.compile(r"\(\s{0,2}$")


def _is_minor_age(text: str, start: int, end: int) -> bool:
    age = int(text[start:end])
    if not 5 <= age < 18 or (start > 0 and text[start - 1].isdigit()):
        return False
    before = text[max(0, start - 30):start]
    if _AGE_RANGE_BEFORE.search(before) and (_YEARS_FR.match(text, end) or _YEARS_OLD.match(text, end)
                                             or _PAREN_CLOSE.match(text, end)):
        # "trois élèves de 3e (14-15 ans)", "8th graders (ages 13-14)": the range's end; not the age
        # a fake profile claims ("un profil (16-17 ans soi-disant)")
        return not _PERSONA_AGE.search(text, max(0, start - 66), start)
    if _YEARS_FR.match(text, end):
        who = _WHO_FR.search(before)
        if who is not None and who.group("apart") and _PERSONA_AGE.search(text, max(0, start - 60), start):
            return False  # « un profil "Manon, 16 ans" »: the age a fake profile claims
        return who is not None and not _NOT_AGE_BEFORE.search(text[max(0, start - 12):start])
    if _YEARS_OLD.match(text, end):
        return True
    if _RELATIVE_PAREN.search(before) and _PAREN_CLOSE.match(text, end):
        return True
    if text[end:end + 1] in "-–" and (upper := _RANGE_AFTER.match(text, end)):
        return _is_minor_age(text, *upper.span("upper"))
    if _PAREN_AGE.search(before) and _PAREN_CLOSE.match(text, end) and text[end:end + 1] != ")" and not (
            _PERSONA_AGE.search(text, max(0, start - 60), start)):
        return True  # "my brother is in class 10 (15 yrs)"
    return bool(_WHO_EN.search(before)) and not _NOT_AGE_AFTER_EN.match(text, end)


_SCHOOL = re.compile(
    r"(?<![\w])(?:(?:au|du|en|le|mon|ma|son|sa|a l'entree du|collegien\w*)\s{1,2}college|collegien\w*|lycee|lyceen\w*|"
    r"(?:en|en classe de|classe de|eleves? de|eleve en) (?:6e|6eme|5e|5eme|4e|4eme|3e|3eme|seconde|2nde|premiere|1ere|"
    r"terminale)|secondaire \d|sec \d|en rheto|en rhetorique|"
    r"high school|middle school|junior high|grade \d{1,2}|\d{1,2}th grader?s?|year (?:7|8|9|10|11)\b|"
    # India and Pakistan: "class 10", "in class 9", "std 8"
    r"(?:in|of|en) class (?:[5-9]|10|11)|(?:class|std) (?:[5-9]|10|11)(?:th)? (?:student|pupil|boy|girl)|"
    r"mineure?s?|underage|under age|a minor|is minor|teenager|\bteen\b|\bado\b|adolescente?s?|"
    # West African and Kenyan secondary school: "SHS 2", "JSS 3", "in form 3"; Algeria's CEM
    r"(?:shs|jss|jhs)\s?\d|in form [1-4]|form [1-4] (?:student|pupil|girl|boy|learner)|\bcem\b)(?![\w])"
)
# "Brigade de protection des mineurs" (a fake police e-mail) names no minor.
_MINORS_UNIT = re.compile(r"(?:protection|brigade|office|unite|section) (?:de |des )?(?:la )?(?:protection )?"
                          r"(?:des )?$")


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
    for match in scan(_SCHOOL, text, windows):
        if _NEG.search(text, max(0, match.start() - 22), match.start()) or (
                match.group().startswith("mineur") and (_MINORS_UNIT.search(
                    text, max(0, match.start() - 40), match.start()) or (
                    match.start() > 0 and text[match.start() - 1] in "._-@"))):
            continue
        if _STAFF_BEFORE.search(text, max(0, match.start() - 45), match.start()) or _ADULT_AGE.search(
                text, max(0, match.start() - 300), min(len(text), match.end() + 300)):
            continue
        return True
    return False


_SCHOOL_WORDS = ("classe de", "colleg", "lycee", "lyceen", "en 6", "en 5", "en 4", "en 3", "en 2", "en 1",
                 "seconde", "premiere",
                 "terminale", "secondaire", "sec ", "school", "grade", "year ", "mineur", "underage", "under age",
                 "minor", "teen", "ado", "junior", "shs", "jss", "jhs", "in form", "form ", "cem", "eleve", "rheto",
                 "class ", "std ")
# --- self-harm -----------------------------------------------------------------------------------
_SELF_HARM = re.compile(
    r"(?<![\w])(?:envie de mourir|veux mourir|"
    # SMS French glues the subject: "jveux mourir", "jvais me tuer"
    r"jveux (?:mourir|plus vivre|pas vivre|en finir|disparaitre)|jvais (?:me tuer|me suicider|en finir|mourir)|"
    r"jvoudrais mourir|jpeux plus vivre|jpense a (?:me suicider|mourir|en finir|me tuer)|"
    r"veut mourir|voudrais mourir|voulai[st] mourir|voulu mourir|"
    r"(?<!\d )(?<!\d)kms|kys myself|unalive\w{0,3}|tentatives? de suicide|tente de (?:se|me) suicider|"
    r"suicide attempt|attempted suicide|tried to (?:kill|hurt) (?:himself|herself|myself)|overdose|"
    r"(?:veux|veut|voudrais|voulai[st]|envie de) (?:juste |seulement |vraiment )?disparaitre|(?:want|wanna|"
    r"wants|wanted) to disappear|"
    r"(?:voulai[st]|veut|parle de|parlait de|menace de|menacait de) se (?:suicider|tuer)|"
    r"(?:wants|wanted|want|talk\w* about|said he'?d|said she'?d) (?:to )?(?:kill (?:himself|herself)|end (?:his|"
    r"her) life)|vais mourir(?! de)|prefere mourir|"
    r"me suicider|(?<!va )(?<!vont )(?<!vas )me tuer|(?:me|se) foutre en l'air|mettre fin a (?:mes jours|ma vie|tout)|"
    r"en finir(?! avec)|"
    r"(?:plus|pas)(?: du tout| vraiment| trop)? envie de vivre|(?:veu[xt]|voulai[st]|voudrai[st]?) "
    r"(?:(?:meme|vraiment|juste|carrement|simplement) )?(?:plus|pas) vivre|idees noires|"
    r"peu[xt] (?:plus|pas) vivre comme ca|"
    r"(?:can'?t|cannot|can not) (?:go on|live)(?= like this| anymore| any more| any longer| with this|[.!,]| *$)|"
    r"(?:end|ending) everything(?! with| between| avec)|"
    r"(?:cuts|scars|coupures|entailles|scarifications) (?:on|sur) (?:his|her|my|their|ses|mes|les) "
    r"(?:arms?|wrists?|legs?|thighs?|bras|poignets?|cuisses?|jambes?)|automutil\w*|s'auto-?mutil\w*|"
    r"self[- ]?injur\w*|se mutile\w*|"
    # A parent or a counsellor reports in the third person: "il ne voulait plus vivre", "a pensé à se
    # faire du mal", "thinking about hurting himself". (A scammer "threatening to kill himself" is a
    # pressure tactic, not the victim's risk: only self-harm words, not suicide threats, go third-person.)
    r"(?:se|te) faire du mal|s'est (?:scarifi\w*|coupe\w* (?:les|aux) (?:bras|poignets|veines))|"
    r"(?:hurt|hurting|harm|harming|cut|cutting) (?:himself|herself|themselves|themself)|"
    r"(?:didn'?t|did not|no longer|doesn'?t|does not) want(?:s|ed)? to (?:live|be alive|be here)|"
    r"pensees suicidaires|suicidaires?|"
    # "he'd rather die than have our parents see it", "je préfère mourir plutôt que…"
    r"(?:i|he|she|they|we|you)(?:'d| would| had) rather (?:die|be dead)|plutot mourir|"
    r"me faire du mal|me pendre|me jeter (?:sous|du|d'un|par)|sauter (?:du|d'un) pont|me scarifier|"
    r"kill myself|killing myself|end it all|end my life|take my (?:own )?life|suicidal|thoughts of suicide|"
    r"(?:thinking|thought|think|thinks) (?:about|of) (?:suicide|killing (?:myself|himself|herself)|ending (?:it|"
    r"my life|his life|her life))|want to die|wanna die|wants to die|wanted to die|"
    # "He's been saying he'll end his life", "she says she will kill herself"
    r"(?:he|she|i|they)(?:'ll| will| would|'d| is going to|'s going to| was going to| gonna) "
    r"(?:end (?:his|her|my|their) (?:own )?life|kill (?:himself|herself|myself|themselves))|"
    r"want to be dead|(?:don'?t|do not|doesn'?t|does not) want to live|no reason to live|hurt(?:ing)? myself|"
    r"self[- ]?harm\w*|better off dead|not worth living|ending my life|end my own life|feel like dying|"
    r"pens\w* (?:\w+ )?(?:au suicide|a me suicider|a mourir|a en finir|a me tuer)|"
    r"(?:fils|fille|son|daughter|enfant)\b[^.!?\n]{0,60}"
    r"(?:se suicider|se tuer|kill (?:himself|herself))|"
    # What a sibling or a friend reports: "il dit qu'il va se tuer", "wished he was dead", "better off
    # without me", "a note saying sorry to mom". A scammer may threaten suicide as a tactic, but a
    # hotline must not miss a victim who does: this reading errs on the side of the crisis line.
    r"(?:va|vais|allait|veut|voudrait|pense a|pensait a|parle de|parlait de) se (?:tuer|suicider|pendre|jeter)|"
    r"se jeter (?:sous|du|d'un|par|de)|"
    r"(?:going to|gonna|will|wants to|wanted to|is going to|was going to) kill (?:himself|herself|themselves|myself)|"
    r"(?:take|taking|took|swallow|swallowing|swallowed) "
    r"(?:(?:a load of|a bunch of|all (?:the|my|his|her|of (?:my|his|her|the))|"
    r"(?:my|his|her)(?: (?:mum's|mom's|mother's|dad's))?) )?(?:pills|tablets)|"
    r"(?:avaler|prendre) (?:tous (?:les|ses|mes) |des |plein de )?(?:cachets|medicaments|pilules)|"
    r"(?:wish|wished|wishes|wishing) (?:i|he|she|they) (?:was|were|had) (?:dead|never been born)|"
    r"better off (?:without (?:me|him|her)|if i (?:wasn'?t|was not|weren'?t) (?:here|around|alive))|"
    r"(?:don'?t|do not|can'?t|cannot|doesn'?t) see (?:the|any) point (?:anymore|any more|in (?:living|going on|"
    r"anything))|(?:can'?t|cannot|can not|don'?t) see (?:a|any) way out|"
    r"sleep and (?:not|never) wake up|(?:ne (?:plus|jamais|pas) (?:me|se) reveiller)|"
    r"(?:been|started|is|was|am|i'm) cutting (?:again|myself|himself|herself|themselves)|cutting again|"
    r"(?:suicide|goodbye) note|note (?:saying|to say) (?:sorry|goodbye)|lettre d'adieu|mot d'adieu|"
    r"sorry for everything|pardon pour tout|"
    # "je me dis que mourir serait mieux", "autant mourir", "dying would be easier"
    r"mourir (?:ce )?serait (?:mieux|plus simple|plus facile)|mieux vaut mourir|mieux vaudrait mourir|autant mourir|"
    r"(?:dying|death) would be (?:better|easier)|"
    # a school nurse's "présente des scarifications récentes" (not tribal or ritual scarification)
    r"(?:des|de|ses) scarifications(?! (?:tribales?|rituelles?|ethniques?|traditionnelles?|faciales?))|"
    r"se scarifi\w*|"
    # Taglish, as Filipino victims write: "gusto ko na lang mamatay" (I just want to die),
    # "magpapakamatay ako" (I will kill myself)
    r"gusto ko (?:na lang |nalang |nang )?mamatay|(?:mag)?pakamatay|magpapakamatay)(?![\w])"
)

_SELF_HARM_WORDS = ("kms", "unalive", "overdose", "disparaitre", "disappear", "attempt", "tentative", "tente de",
                    "tried to", "pens", "mourir", "suicid", "tuer", "foutre", "finir", "vivre", "noires", "du mal",
                    "pendre",
                    "jeter",
                    "pont", "scarif", "kill", "end it", "end my", "my life", "my own life", "die", "dead", "to live",
                    "hurt", "harm", "worth living", "mettre fin", "ending", "dying", "alive", "be here", "cut",
                    "scarif", "coupe", "can't go on", "cant go on", "cannot go on", "can not go on", "can't live",
                    "cant live", "cannot live", "can not live", "end everything", "ending everything", "cuts on",
                    "scars on", "selfharm", "selfinjur", "automutil", "s'auto", "coupure", "entaille", "mutil",
                    "injur", "jveux", "jvais", "jvoudrais", "jpeux", "jpense",
                    "se tuer", "se suicider", "se pendre", "se jeter", "pills", "tablets", "cachets", "wish",
                    "better off",
                    "point", "way out", "wake up", "reveiller", "cutting", "note", "adieu", "sorry for everything",
                    "medicaments", "pilules", "thought", "think", "life",
                    "pardon pour tout", "'d rather", "would rather", "had rather",
                    "plutot mourir", "serait", "vaut mourir", "vaudrait mourir", "autant mourir", "would be",
                    "mamatay", "pakamatay", "took", "swallowed")

# "plus envie de vivre", "don't want to live": the negation is of living, which is the signal.
_SELF_NEGATION_INSIDE = re.compile(
    r"(?:plus|pas|don'?t|do not|doesn'?t|does not|no reason|not worth)\b.{0,20}(?:vivre|live|living)"
)


# "il va se suicider s'il reçoit pas l'argent", "he will kill himself if I leave": someone's suicide
# threat made to pressure the reporter (a condition on what the reporter does or pays), not the
# victim's risk. "Elle va se tuer si ses camarades voient ça" stays the victim's.
_THIRD_PERSON = re.compile(r"himself|herself|themselves|(?:his|her|their) (?:own )?life|se (?:tuer|suicider|pendre|"
                           r"jeter|foutre)")
# A negation of the words themselves ("je ne veux pas mourir", "I don't want to die"), not one in an
# earlier clause: "jai pas largent je veux mourir" is a child at risk.
_SELF_NEG = re.compile(r"(?:\bpas\b|\bne\b|\bn'|\bjamais\b|\bnot\b|n't\b|\bnever\b|\bno\b|\bsans\b)"
                       r"(?:(?!\b(?:je|j|i|il|elle|he|she|tu|you|et|and|mais|but|ni)\b)[^.!?\n]){0,12}$")
_PRESSURE = re.compile(r"(?<![\w'])(?:si|if|unless|sauf si|s'il|sil)\s[^.!?\n]{0,40}?(?:(?<![\w'])(?:je|j'|i|tu|you)"
                       r"(?![\w'])|argent|money|pay|paie|paye|send|envoie|leave|quitte)")


# A scammer's taunt: "il me dit d'aller me pendre", "he told me to kill myself" (not the victim's words).
_TAUNT = re.compile(r"(?<![\w])(?:dit|disait|dire|ecrit|told|tells|telling|says|said|wrote|urged)"
                    r"(?:\s(?:me|moi|him|her|lui))?\s{1,2}(?:d'aller|de|to go and|to go|to|i should|que je devrais|"
                    r"qu'il devrait|qu'elle devrait)\s{1,2}$")


def _self_harm(text: str, windows: list[tuple[int, int]]) -> bool:
    """"je n'ai plus envie de vivre" carries its own negation: only a negation of the whole counts."""
    for match in finditer_in(_SELF_HARM, text, windows):
        if _TAUNT.search(text, max(0, match.start() - 30), match.start()):
            continue
        if _THIRD_PERSON.search(match.group()):
            low = max(0, match.start() - 60, text.rfind(".", max(0, match.start() - 60), match.start()) + 1)
            high = min(len(text), match.end() + 60)
            if _PRESSURE.search(text, low, high):
                continue
        if _SELF_NEGATION_INSIDE.search(match.group()) or not _SELF_NEG.search(
                text, max(0, match.start() - 22), match.start()):
            return True
    return False


# --- deadline ------------------------------------------------------------------------------------
_DURATION = (r"(?:\d{1,3}|one|two|three|four|five|six|seven|ten|twelve|twenty-four|forty-eight|an?|une?|deux|trois|"
             r"quatre|cinq|six|sept|dix|douze|vingt-quatre|quarante-huit)\s{0,2}"
             r"(?:h\b|heures?|hours?|hrs?|minutes?|mins?|min\b|jours?|days?|j\b)")
_DEADLINE = re.compile(
    r"(?<![\w])(?:"
    r"(?:tu as|t'as|ta|vous avez|tu n'as que|t'as que|je te donne|je vous donne|you have|you now have|you still have|"
    r"you've got|you got|u have|u got|ya got|u only have|i give you|only|dans|d'ici|sous|within|in the next|"
    # what the scammer said, reported: "Il dit que j'ai 48 h", "il me reste 2 jours"
    r"j'ai|j ai|jai|il me reste|i only have|i have only|"
    r"in|exactly|pendant les prochaines|next|(?:ce |un |le |du )?delai(?: de)?|time limit(?: of)?)\s{0,2}:?\s{0,2}"
    r"(?:(?:les|the|next|prochaines?|seulement|only|exactly|que)\s{1,2}){0,2}"
    + _DURATION +
    r"|" + _DURATION + r"\s{1,2}(?:pour|to)\s{1,2}(?:payer|pay|envoyer|send|repondre|reply|transferer|transfer)"
    r"|(?:avant|d'ici|jusqu'a|jusqu'au|before|by|until|till|no later than)\s{1,2}(?:ce soir|demain|minuit|midi|"
    r"la fin de (?:la journee|la semaine|ce mois|du mois)|la fin du mois|(?:ce|le|the|this) (?:weekend|week-end)|"
    r"end of (?:the |this )?month|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|tonight|tomorrow|midnight|noon|the end of (?:the )?(?:day|week)|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|\d{1,2}\s?h\b|\d{1,2}(?::\d{2})?\s?(?:pm|am|p\.m\.|a\.m\.))"
    r"|deadline|ultimatum|compte a rebours|countdown|dernier delai|dans l'heure|within the hour|in the next hour|"
    r"delai\s{0,2}:|time limit\s{0,2}:|(?:timer|le chrono|the clock) (?:starts|started|is running|is ticking|tourne|"
    r"commence)"
    # a date: "avant le 10/10", "by 3/11"
    r"|(?:avant|d'ici|jusqu'au|before|by|until)\s(?:le\s|the\s)?\d{1,2}/\d{1,2}(?![\d/])"
    r"|(?:avant|before|by)\s(?:(?:la\s)?nuit|night|nightfall|\d{1,2}\s(?:midnight|noon))"
    # "pay 400 dollars tonight", "he will post my pics tomorrow"
    # a day or a feast named as the limit: "avant l'Aïd", "before Christmas"
    r"|(?:avant|d'ici|before|by)\s{1,2}(?:l'aid|l'eid|eid|la tabaski|tabaski|noel|christmas|ramadan|le ramadan|"
    r"la rentree|paques|easter)"
    # a time given with the threat: "ce soir à 22h, sinon il envoie les photos", "tonight or i post"
    r"|(?:ce soir|tonight|demain|tomorrow|aujourd'hui|today)(?:\s(?:a|at)\s\d{1,2}\s?(?:h|pm|am)\w*)?,?\s"
    r"(?:sinon|or else|otherwise|or i|or he|or she|ou je|ou il|ou elle|or (?:everyone|everybody|your|ur|u|you)|"
    r"ou (?:tout|tous|ta|ton|tes))"
    r"|(?:pay|payer|paie|paye|send|envoie|envoyer|transfer\w*|post|publi\w*|diffus\w*|leak\w*|share|wants?|mets|"
    r"mettre|mettrai|met|"
    r"veut|exige|reclame|recoi\w*|recevr\w*|receive\w*|gets?|verra|verront|will see|go(?:es|ing)? out|sortira|"
    r"partira)\w{0,2}"
    # "or he posts tonight", "the video is going out at 8pm", "publiée demain à 20h"
    r"(?:\s[^.!?\n]{0,40})?\s(?:tonight|ce soir|today|aujourd'hui|tomorrow|demain|tmrw|tmr|"
    r"(?:at|a)\s\d{1,2}(?::\d{2})?\s?(?:pm|am|h\d{0,2})(?![\w]))"
    # a weekday after what is to be done (not "j'ai payé 200 CHF jeudi": done, on a past day)
    r"|(?:payer|pay|send|envoyer|post|poster|publier|publish|leak|share|partager|diffuser|montrer|show)"
    r"(?:\s[^.!?\n]{0,40})?\s(?:on\s)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)"
    r"|(?:si|if)\s[^.!?\n]{0,25}?(?:paye|paie|payes|paid|pay|verse)\s(?:pas\s|avant\s|by\s|before\s)?(?:lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|tomorrow|tonight|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)"
    # a day or a date given with the demand: "si j'ai pas payé lundi", "si demain à 12h je n'ai pas payé",
    # "avant le 15 du mois", "by end of this week", "pay by evening 6 pm", "tmrw noon or i post"
    r"|(?:si|if)\s(?:[^.!?\n]{0,25}\s)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|"
    r"tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s[^.!?\n]{0,25})?\s"
    r"(?:paye|paie|payes|payer|paid|pay|verse|envoye|sent)"
    r"|(?:(?:avant|d'ici|before|by|until)\s(?:le|the)|jusqu'au)\s\d{1,2}(?:er|st|nd|rd|th)?(?![\d.,/])"
    r"|(?:by|before|until)\s(?:the\s)?end of (?:this|the|next) (?:week|month|day)"
    r"|(?:by|before|until)\s(?:this |tomorrow |today )?(?:evening|morning|afternoon|night)(?:\s\d{1,2}(?::\d{2})?\s?"
    r"(?:pm|am))?"
    r"|(?:tmrw|tmr|tomorrow|demain)\s(?:noon|midi|morning|matin|night|soir|\d{1,2}\s?(?:h|pm|am))"
    r"|(?:disposez de|dispose de|have got|avez)\s" + _DURATION + r""
    r"|(?:en|in)\s" + _DURATION + r"\s(?:sinon|or|otherwise|ou)"
    r"|(?<=[.!?\n\"])\s{1,2}" + _DURATION + r"\s{0,2}[.!\"]"
    r"|due\s(?:by|on|before|tomorrow|today|tonight|friday|monday)"
    r"|(?:is|are|will be|sera|est)\s(?:due|attendu\w*)\s(?:by|to|for|pour|avant|before|on|le)\s)(?![\w])"
)

# "elle m'a donné 2h", "il lui laisse 24 heures", "they gave him 24 hours" (their own anchors: the
# verbs are common, the main rule need not run wherever they are)
_DEADLINE_GIVEN = re.compile(
    r"(?<![\w])(?:(?:donne|laisse|accorde)\w{0,2}|(?:gave|gives|given|giving|give)\s(?:me|him|her|us|them|you))"
    r"\s{1,2}(?:(?:les|the|next|prochaines?|seulement|only|exactly|que|jusqu'a)\s{1,2}){0,2}" + _DURATION
)
_DEADLINE_WORDS = ("today", "aujourd'hui", "weekend", "week-end", "end of", "fin du mois", "delai", "time limit",
    "heure", "hour", "hrs", "minute", "min", "jour", "night", "nuit", "timer", "chrono", "clock",
    "day", "ce soir", "demain", "minuit", "midi", "la fin de",
    "ce week", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "tonight", "tomorrow",
    "midnight", "noon", "the end of", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "deadline", "ultimatum", "rebours", "countdown", "dernier delai", "dans l'heure", "within the hour",
    "avant le", "d'ici le", "jusqu'au", "before the", "by the", "until the", "evening", "morning", "afternoon",
    "tmrw", "tmr", "due", "attendu", "disposez", "dispose", "have got", "l'aid", "l'eid", "eid", "tabaski", "noel",
    "christmas", "ramadan", "rentree", "paques", "easter",
    *(f"{d}{sep}{u}" for d in "0123456789" for sep in ("", " ", "  ") for u in ("h", "j", "pm", "am")))

# A time that is no limit set by the scammer:
# - the word itself denied: "no deadline was given", "never gave a deadline", "sans ultimatum";
_DEADLINE_NAMED = re.compile(r"(?:deadline|ultimatum|delai|time limit|countdown|compte a rebours)")
# - the victim's own plan, or a promise to repay: "il compte le faire demain", "I'll pay you back tomorrow";
_NOT_THEIR_LIMIT = re.compile(r"(?<![\w])(?:(?:compte|comptait|compter|plans?|planned|planning)\s(?:le |la |les |l'|"
                              r"de |on |to )?\w+|going to|gonna|je vais|j'allais|i'll|i will|i'm going|"
                              r"(?:pay|paid|give|rembourse\w*) (?:you|u|me|te|vous|moi) back|rembours\w*)(?![\w])")
_VERB_FIRST = re.compile(r"pay|send|envo|transfer|post|publi|diffus|leak|share|partag|mett|met|montr|show|veut|wants?|"
                         r"exige|reclame|rec|go|sort|part")
# - how fast something happened: "within five minutes I received…", "en 10 minutes il m'a envoyé…";
_THEN_HAPPENED = re.compile(r",?\s{1,2}(?:i|he|she|they|we|it|il|elle|ils|on|j'|je)\s{0,2}"
                            r"(?:(?:had|has|have|a|avait|m'a|m'avait|ai|m'ont|avaient)\s{1,2})?"
                            r"(?:\w+ed|received|got|sent|saw|made|took|came|wrote|found|recu|envoye|ecrit|vu|appele)"
                            r"(?![\w])")
# - since when nothing happened: "nothing has happened in 5 days", "haven't heard from him in a week";
_SINCE = re.compile(r"(?:has|have|hasn'?t|haven'?t|had|hadn'?t)\s(?:\w+\s){0,2}(?:happened|heard|been|seen|replied|"
                    r"written|messaged|contacted|answered)(?:\s[^.!?\n]{0,20})?\s$")
# - a return promised: "turn it into $1,000 in an hour", "doubler ta mise en 24 h".
_PROMISE = re.compile(r"(?:promis\w*|promised|promising|turn (?:it|them|this) into|into \$?\d[\d,.]*\S*|double\w*|"
                      r"profits?|returns?|gains?|benefices?)[^.!?\n]{0,40}$")
_TIME_WORDS = ("in ", "dans ", "within ", "en ", "sous ")


def _sentence_start(text: str, start: int, reach: int) -> int:
    """Where the sentence holding ``start`` begins, at most ``reach`` characters before it."""
    low = max(0, start - reach)
    return max(low, *(text.rfind(c, low, start) + 1 for c in ".!?\n"))


def _deadline(text: str, windows: list[tuple[int, int]]) -> bool:
    for match in scan(_DEADLINE, text, windows):
        found = match.group()
        if _DEADLINE_NAMED.search(found) and _NEG.search(text, max(0, match.start() - 22), match.start()):
            continue
        if _VERB_FIRST.match(found) and (_NOT_THEIR_LIMIT.search(found) or (
                _NOT_THEIR_LIMIT.search(text, _sentence_start(text, match.start(), 25), match.start()))):
            continue
        if found.startswith(_TIME_WORDS) and (
                _THEN_HAPPENED.match(text, match.end()) or _SINCE.search(text, max(0, match.start() - 60),
                                                                          match.start())
                or _PROMISE.search(text, max(0, match.start() - 60), match.start())):
            continue
        return True
    return False


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
    r"chums?|blonde|best friends?|bff|teammates?|team|equipe|teachers?|profs?|professeurs?|coach|"
    r"mates?|best mates?|pals?|buddies|bestie|compagne|compagnon|conjointe?|epouse|epoux|partner|fiancee?|"
    r"camarades?|coloc|colocs|colocataires?|roommates?|flatmates?|housemates?|voisins?|voisines?|neighbou?rs?|"
    r"manager|supervisor|superieure?|linkedin contacts|whatsapp contacts|facebook friends|instagram followers|"
    r"aunts?|uncles?|grandma|grandmother|grandpa|grandfather|grandparents|grand-mere|grand-pere|grands-parents|"
    r"mamie|papi|nephews?|nieces?|neveux?|in-laws|beau-pere|belle-mere|stepdad|stepmom|stepmother|stepfather|"
    r"pastor|pasteur|imam|priest|pretre)"
)
# Only after "my/mon/ses…": "ma job" (Québec), "mon chef", "my kids", "ma fille aînée". A child named
# alone ("started messaging my son") is most often the victim a parent reports for, not another person.
_AUDIENCE_CONTACT = (
    r"(?:" + _AUDIENCE[3:-1] + r"|enfants|kids|children|sons|daughters|filles|"
    r"(?:fils|fille|son|daughter)\s{1,2}(?:aine|ainee|cadet|cadette|majeure?)|"
    r"(?:eldest|oldest|youngest|elder|older|younger|grown|adult)\s{1,2}(?:son|daughter)|"
    r"job|boulot|travail|taf|work|workplace|office|bureau|chef|cheffe|entreprise|company|boite)"
)
# Images sent to a child of the reporter are sent to another person ("il a envoyé la vidéo à ma fille").
_AUDIENCE_OWNED = r"(?:" + _AUDIENCE_CONTACT[3:-1] + r"|fils|fille|enfant|kid|child|son|daughter)"
# "des élèves de son collège", "people at our school", "kids from her class"
_PEOPLE_AT = (
    r"(?:des|d'|aux|some|the|to|a|a des)?\s{0,2}(?:eleves|students|people|gens|kids|jeunes|personnes|filles|garcons|"
    r"boys|girls|guys|mecs|friends|amis)\s{1,2}(?:de|du|d'|at|from|in|of|dans)\s{0,2}(?:mon|ma|mes|son|sa|ses|my|his|"
    r"her|our|notre|nos|their|leur|the|la|le)\s{1,2}(?:college|ecole|lycee|school|class|classe|fac|uni|university|"
    r"universite|work|travail|job|boulot|church|eglise|quartier|neighbou?rhood|team|equipe|club)"
)
_IMAGES = r"(?:videos?|vids?|clips?|photos?|images?|pics?|pictures?|nudes?|captures?|sextapes?|it|them|tout)"
_SHARED = re.compile(
    r"(?<![\w])(?:"
    # publication: "il a publié mes photos", "they posted my video", "a mis ma vidéo sur youtube"
    r"(?:a|ont|avait|has|have|had|already|still|he|she|they)\s{1,2}(?:(?:deja|quand meme|meme|finalement|aussi|"
    r"already|still|also|just|then)\s{1,2}){0,2}(?:publie|poste|diffuse|balance|mis en ligne|posted|published|"
    r"leaked|uploaded)\s{1,2}(?:(?:\w+\s{1,2}){0,3}" + _IMAGES + r"|(?P<one>one|some|a few|une|certaines)"
    r"(?=\s{1,2}(?:on|to|in|sur|dans|online|en ligne)(?![\w])))" +
    r"|(?:a|ont|has|have)\s{1,2}(?:deja\s|quand meme\s)?mis\s{1,2}(?:\w+\s{1,2}){0,2}" + _IMAGES +
    r"(?:\s{1,2}(?:intimes?|nues?|privees?|perso\w*|sexy|osees?))?\s{1,2}(?:sur|on)"  # "mes photos intimes sur"
    # sending to the victim's people: "il a envoyé la vidéo à mes amis", "he sent the pics to my mom"
    r"|(?:a|ont|avait|has|have|had|he|she|they)\s{1,2}(?:(?:deja|quand meme|meme|aussi|tout|already|still|also|just|"
    r"everything|finalement|finally|even|ensuite|then)"
    r"\s{1,2}){0,2}(?:envoyee?s?|partagee?s?|transferee?s?|montree?s?|sent|shared|forwarded|showed|send)"
    r"\s{1,2}(?:\w+\s{1,2}){0,5}"
    r"(?:a|au|aux|to|with|avec|give|dans|in)\s{1,2}(?:(?:tous|toute|toutes|all|some of|plusieurs de|certains de|"
    r"\w{1,8} (?:of|de|d'))\s{1,2})?(?:mes|ma|mon|ses|sa|son|my|his|her|leurs?|tes|ta|"
    r"ton|our|nos|notre)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE_OWNED +
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
_MEDIA_RE = re.compile(r"(?<![\w])" + _MEDIA + r"(?![\w])")
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
    r"(?<![\w])(?:mes|ma|mon|ses|sa|son|my|his|her)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE_OWNED +
    # (not "a reçu un message de quelqu'un qui a des photos d'elle": what was received is the message)
    r"(?:[^.!?\n]{0,40}?\s(?:a|ont|has|have|had|avait|avaient)?\s{0,2}(?:recu|received|vu|seen|got)\s"
    r"(?:(?!qui a |qui avait |who has |who had |saying |disant |claiming |pretendant )[^.!?\n]){0,100}?"
    r"(?<!appel )(?:videos?|photos?|images?|pics?|nudes?|captures?)(?!\s{1,2}(?:calls?|chats?)(?![\w]))"  # no call
    # the picture named before, received (seeing a post is not being sent it): "ma mère l'a reçue", "my mum got one"
    r"|\s{1,2}(?:(?:l'|les\s)(?:a|ont|avait)\s{1,2}recue?s?|(?:has |have |had )?(?:received|got) "
    r"(?:one|it|them|some|a few)(?![\w]))(?P<pronoun>))"
)
# "with her school name", "le logo de son école": a place named, not people
_NOT_A_NAME = r"(?!\s{1,2}(?:name|nom|logo|uniform|uniforme|badge)(?![\w]))"
# Posted in a group ("sur un groupe Facebook", "in a Facebook group for her campus") is put out in public;
# sent to a group is sent to people. Who saw a post, in another clause ("…sur son statut, des voisins
# l'ont vue"), was not sent it.
_AUDIENCE_NO_GROUP = _AUDIENCE.replace("groupe?|", "")
_SHARED_TO_AUDIENCE = re.compile(
    r"(?:diffuse|publie|poste|posted|published|leaked|mis|put)"
    r"[^.!?\n,;]{0,60}?(?:" + _AUDIENCE_NO_GROUP + r"|(?:mes|ma|mon|ses|sa|son|my|his|her|our|notre|nos)\s{1,2}"
    r"(?:\w+\s{1,2})?" + _AUDIENCE_OWNED + r"|" + _PEOPLE_AT + r")" + _NOT_A_NAME +
    r"|(?:envoye|partage|transfere|montre|sent|shared|forwarded|showed|send|tagged|tague|recu|received|identifie|"
    r"sending|sharing|showing|envoie|partage|montre)"
    r"[^.!?\n]{0,60}?(?:" + _AUDIENCE + r"|(?:mes|ma|mon|ses|sa|son|my|his|her|our|notre|nos)\s{1,2}(?:\w+\s{1,2})?"
    + _AUDIENCE_OWNED + r"|" + _PEOPLE_AT + r")" + _NOT_A_NAME
    + r"|" + _AUDIENCE + r"[^.!?\n]{0,20}(?:recu|received|got)"
)
_CONTACTED = re.compile(
    r"(?<![\w])(?:contacte|ecrit a|ecrit aux|appele|menace|messaged|texted|contacted|called|wrote to|dm'?d|dm'?ed|"
    r"reached out to|ajoute|added|tagged|tague|identifie|following|followed|started following|suivi|"
    r"abonne a|envoye (?:un |des )?(?:messages?|msg|mp|dm|textos?|sms) a|sent (?:a )?(?:messages?|dms?|texts?) to|"
    r"threatened|emailed|e-mailed|harcele|harassed|stalked|"
    # the act going on: "he's messaging my best mate", "il harcèle ma sœur"
    r"messaging|texting|calling|contacting|harassing|stalking|following|adding|dming|writing to|emailing|"
    r"harcele|ecrit a|appelle|contacte|"
    # "a commencé à suivre mes amis", "started following my friends"
    r"(?:commence|commencait|se met|s'est mis|s'est mise|started|began|begun|starting) (?:a|to) (?:suivre|contacter|"
    r"ecrire a|ajouter|harceler|appeler|follow|contact|message|text|add|call|dm|harass)|"
    # "sent friend requests to my wife", "des demandes d'amis à mes cousines"
    r"(?:sent|send|sends) (?:a )?(?:messages?|dms?|texts?) to|"
    r"(?:sent|sends|sending|envoye|envoie) (?:a |des |une )?(?:friend|follow|demandes? d'amis?|invitations?|"
    r"demandes? d'abonnement)(?: requests?)? (?:to|a|aux?)|(?:friend|follow)[- ]requested|"
    # "a créé un groupe Messenger avec ma mère", "made a group chat with my family"
    r"(?:cree|created|made|started|fait|ouvert|opened) (?:un |une |a |an )?(?:\w+ )?(?:groupe|group|group chat|"
    r"conversation|discussion)(?: \w+)? (?:avec|with))"
    r"\s{1,2}(?:(?:tous|toute|toutes|all|some of|plusieurs de|plusieurs|certains de|quelques uns de|une partie de|"
    r"aussi|also|even|half|half of|la moitie de|la moitie des|most of|many of|a few of|quelques-uns de|"
    r"(?:\d{1,2}|two|three|four|five|deux|trois|quatre|cinq) (?:of|de|d')|several of)\s{1,2}){0,2}"
    r"(?:(?:mes|ma|mon|ses|sa|son|my|his|her|leurs?|our|nos|notre)\s{1,2}(?:[\w']+\s{1,2})?" + _AUDIENCE_CONTACT +
    r"|" + _PEOPLE_AT + r"|(?:deux|trois|quatre|plusieurs|two|three|four|several|\d{1,2})\s{1,2}(?:(?:de|of)\s{1,2}"
    r"(?:ses|his|her|my|mes)\s{1,2})?(?:copains|copines|amis|amies|potes|friends|classmates|camarades|mates))"
)
# The reporter's relative who was contacted may be the victim the report is about, not one of the
# victim's people: "a man called my husband… My husband wired $2,000", "a contacté mon petit frère de
# 14 ans". That relative is the victim when an age follows them, or when the report tells of nothing
# happening to the reporter and the same relative paid, sent or was recorded.
_MY_RELATIVE = re.compile(r"(?<![\w])(?:my|mon|ma)\s{1,2}(?P<who>(?:(?:little|big|younger|older|petite?|grande?|"
                          r"jeune)\s{1,2})?[a-z\-]{2,15})$")
_AGE_AFTER = re.compile(r"\s{0,2}[,(]?\s{0,2}(?:de\s|aged\s|agee? de\s)?\d{1,2}\s{0,2}(?:ans|yo|y/o|years?|\))")
_REPORTER_IS_VICTIM = re.compile(r"(?<![\w])(?:(?:my|mes|ma|mon)\s{1,2}(?:\w+\s{1,2})?(?:nudes?|photos?|pics?|"
                                 r"pictures?|videos?)|of me|de moi|i sent|j'ai envoye|recorded me|m'a (?:enregistre|"
                                 r"filme|piege))(?![\w])")
_VICTIM_VERB = (r"(?:\w+\s{1,2}){0,2}(?:a\s{1,2}|has\s{1,2}|had\s{1,2}|was\s{1,2}|s'est\s{1,2}(?:fait\s{1,2})?)?"
                r"(?:paid|sent|wired|transferred|paye|envoye|verse|vire|recorded|filmed|enregistre|piege|trapped|"
                r"tricked|sextorted|blackmailed)(?![\w])")


def _contacted_others(text: str, windows: list[tuple[int, int]]) -> bool:
    reporter_is_victim: bool | None = None
    for match in _happenings(_CONTACTED, text, windows):
        mine = _MY_RELATIVE.search(match.group())
        if mine is None:
            return True
        if _AGE_AFTER.match(text, match.end()):
            continue
        if reporter_is_victim is None:
            reporter_is_victim = bool(_REPORTER_IS_VICTIM.search(text))
        who = re.escape(mine.group("who"))
        if not reporter_is_victim and re.search(r"(?<![\w])(?:my|mon|ma)\s{1,2}" + who + r"\s{1,2}" + _VICTIM_VERB,
                                                text):
            continue
        return True
    return False


# "He got my brother's number and has been calling him": the number of one of the victim's people,
# then a call or a message in the same sentence.
# Found from "'s number" / "numéro de" (literals ``re`` skips to), then the rest is read around.
_THEIR_CONTACT = re.compile(
    r"'s\s{1,2}(?:numbers?|phone|emails?|accounts?)(?P<en>)|(?<![\w])(?:numero|numeros|compte) (?:de|d') ?(?P<fr>)"
)
_THEIR_WHO_EN = re.compile(r"(?<![\w])(?:my|his|her)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE_OWNED + r"$")
_THEIR_WHO_FR = re.compile(r"(?:mon|ma|mes|son|sa|ses)\s{1,2}(?:\w+\s{1,2})?" + _AUDIENCE_OWNED + r"(?![\w])")
_THEIR_CALL_EN = re.compile(r"[^.!?\n]{0,80}?(?:calling|called|texting|texted|messaging|messaged|contacting|"
                            r"contacted|dm'?d|emailed|writing)")
_THEIR_CALL_FR = re.compile(r"[^.!?\n]{0,80}?(?:appel\w*|ecrit|contacte\w*|harcel\w*|message\w*)")


def _their_contact(text: str, windows: list[tuple[int, int]]) -> bool:
    """"He got my brother's number and has been calling him", "il a trouvé le numéro de ma mère et
    l'appelle"."""
    for match in finditer_in(_THEIR_CONTACT, text, windows):
        if match.group("en") is not None:
            who = _THEIR_WHO_EN.search(text, max(0, match.start() - 40), match.start())
            call = who and _THEIR_CALL_EN.match(text, match.end(), min(len(text), match.end() + 90))
        else:
            who = _THEIR_WHO_FR.match(text, match.end(), min(len(text), match.end() + 40))
            call = who and _THEIR_CALL_FR.match(text, who.end(), min(len(text), who.end() + 90))
        if call and _done(text, who if match.group("en") is not None else match):
            return True
    return False
_CONTACT_WORDS = ("contacte", "ecrit a", "appele", "menace", "messaged", "texted", "called", "wrote to", "dm'd", "dmd",
                  "reached out", "ajoute", "added", "tagged", "tague", "identifie", "follow", "suivi", "abonne a",
                  "envoye un", "envoye des", "envoye message", "envoye msg", "envoye mp", "envoye dm", "sent a",
                  "send message", "sends message", "send a message", "sent message",
                  "sent message", "sent dm", "sent text", "threatened", "dm'ed", "emailed", "e-mailed", "harcel",
                  "harass", "stalk", "messaging", "texting", "calling", "contacting", "adding", "dming", "writing to",
                  "emailing", "appelle",
                  "commence", "se met", "s'est mis", "started", "began", "begun", "starting",
                  # friend requests and group chats
                  "friend request", "friend-request", "demande d'ami", "demandes d'ami", "demande d'abonnement",
                  "demandes d'abonnement", "invitation", "groupe", "group", "conversation", "discussion")
_FUTURE = re.compile(
    # ("j'ai dit non, il en a envoyé une": what was said is the answer, not a claim)
    r"(?:(?<![\w'])(?:claims?|claimed|pretends?|pretend|pretendu|affirme|soi-disant|supposedly|apparently|"
    r"(?:says|said|dit)(?! (?:no|non|yes|oui|stop|ok)\b)|va |vais |vont |menace d'|menace de |threatens? to |"
    r"threatening to |will |gonna |going to |sinon |sinn |"
    r"si |if |pourrait |could |would |veut |wants to |dit qu'il |says he |or |ou |otherwise |else |unless |"
    r"sauf si )|'ll |(?<![\w])(?:i|he|she|they|we|you)'d )[^.!?\n]{0,25}$"
)


# "…but he got nothing", "mais je n'ai rien trouvé": a claim the reporter could not confirm.
_DENIED_AFTER = re.compile(
    r"[^\n]{0,40}?(?:\bbut\b|\bmais\b|\bhowever\b|\bpourtant\b)[^.!?\n]{0,40}?(?:nothing|rien|couldn'?t find|"
    r"can'?t find|didn'?t (?:get|receive|see|find)|never (?:got|received)|pas (?:trouve|recu|vu)|aucune? trace|"
    r"no trace|"
    r"not there|isn'?t there)"
)


# A condition can be long: "si je paie pas avant vendredi il envoie tout à mes collègues".
_CONDITION = re.compile(r"(?<![\w'])(?:si|if|unless|sauf si|sinon|sinn|otherwise)\s[^.!?\n]{0,60}$")
_CONDITION_WORDS = ("si ", "if ", "unless", "sinon", "sinn", "otherwise")


# A negation in a clause of its own before the act: "when she didn't pay he sent one of the pictures".
_OTHER_SUBJECT = re.compile(r"(?<![\w])(?:he|she|they|il|elle|ils|elles)\s")


def _negated(text: str, start: int) -> bool:
    """Whether the 22 characters before ``start`` negate what follows (not a negation in another
    clause). Searched in place, not in a slice: a slice's edge would make a word boundary, and read
    "ne" in "une semaine" or "Brisbane" as a negation."""
    neg = _NEG.search(text, max(0, start - 22), start)
    return neg is not None and not _OTHER_SUBJECT.search(neg.group(), 2)


def _done(text: str, match: re.Match[str]) -> bool:
    """Whether a match tells of something done, not threatened, claimed or denied."""
    before = text[max(0, match.start() - 30):match.start()]
    if _FUTURE.search(before) or _negated(text, match.start()):
        return False
    low = max(0, match.start() - 70)
    clause = text[low:match.start()]
    if any(w in clause for w in _CONDITION_WORDS) and _CONDITION.search(text, low, match.start()):
        return False
    if _DENIED_AFTER.match(text, match.end(), min(len(text), match.end() + 90)):
        return False
    to_me = re.search(r"(?<![\w'])(?:m'a|ma|m'ont|me|moi)\s{0,2}$", before)  # not "quand même"
    return not (to_me and not re.search(r"\b(?:il|elle|ils)\s{0,2}$", before))


def _happenings(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None = None
                ) -> Iterator[re.Match[str]]:
    """Matches that tell of something done, not threatened or denied, one by one (a caller that
    needs only the first does not read a long text to its end)."""
    return (match for match in scan(pattern, text, windows) if _done(text, match))


def _happened(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None = None
              ) -> list[re.Match[str]]:
    """All the matches that tell of something done."""
    return list(_happenings(pattern, text, windows))


# "il a envoyé un message à ma fille": words, not pictures (unless a picture is named too)
_MESSAGE_WORD = re.compile(r"(?<![\w])(?:messages?|msg|mp|dms?|textos?|sms|texts?|demandes?|requests?|invitations?|"
                           r"mails?|emails?|courriels?)(?![\w])")


_TARGET = (r"(?:(?:mes|ma|mon|ses|sa|son|my|his|her|our|notre|nos|their|leurs?)\s{1,2}(?:\w+\s{1,2})?"
           + _AUDIENCE_OWNED + r"|" + _PEOPLE_AT + r"|everyone|everybody|tout le monde|des gens|people)")
_SHOT = r"(?:" + _MEDIA[3:-1] + r"|screenshots?|screen shots?|captures? d'ecran|recordings?|enregistrements?)"
# Going on now: "le compte envoie ses photos à des élèves de son collège", "he is sending them to people
# at our school" (after "sinon", "if", "says" it is a threat, which ``_happened`` leaves out).
_SHARING_NOW = re.compile(
    r"(?<![\w])(?:(?:is|are|keeps?|kept|has been|have been|started|starting|commence a|continue a|continue de|"
    r"est en train d')\s{1,2}(?:sending|posting|sharing|showing|leaking|forwarding|envoyer|publier|partager|montrer|"
    r"poster|diffuser)|envoie|envoient|partage|partagent|publie|publient|poste|postent|montre|montrent|diffuse|"
    r"diffusent|balance|balancent|sends|shares|posts|shows|leaks|forwards)\s{1,2}"
    r"(?:(?:ses|mes|les|sa|ma|la|her|my|his|the|their|leurs?|des|these|those|some of|une?|one of|a|an)\s{1,2}){0,2}"
    r"(?:\w+\s{1,2})?(?:" + _SHOT + r"|them|it|ca|tout|everything)\s{1,2}(?:\w+\s{1,2}){0,2}"
    r"(?:\([^()\n]{0,60}\)\s{1,2})?"  # "my morphed nude photos (my face on naked body) to my contacts"
    r"(?:a|au|aux|to|with|avec|dans|in|on|sur)\s{1,2}" + _TARGET
)
# Sent to someone with the picture as the second object: "DM'd my sister a screenshot from our call",
# "messaged my sister from TikTok with my photo", "sent them my photo", "il leur a envoyé la vidéo".
_SENT_THEM = re.compile(
    r"(?<![\w])(?:sent|dm'?d|dm'?ed|messaged|texted|showed|forwarded|emailed|e-mailed|envoye|montre|contacted|"
    r"contacte|wrote to|ecrit a|(?:sent|send|sends) (?:a )?messages? to)\s{1,2}"
    r"(?:(?:mes|ma|mon|ses|sa|son|my|his|her|our|their)\s{1,2}(?:[\w']+\s{1,2})?" + _AUDIENCE_OWNED +
    r"(?:\s{1,2}(?:[^.!?\n]{0,40}?\s)?(?:with|avec|en (?:lui|leur) envoyant))?)\s{1,2}(?:(?:a|an|the|my|her|his|"
    r"one of my|some of my|some|une?|la|le|les|des|ma|mes|sa|ses)\s{1,2})?(?:[\w']+\s{1,2}){0,3}" + _SHOT +
    r"(?![\w])"
    r"|(?<![\w])(?:il|elle|ils|elles|on)\s{1,2}(?:leur|lui) a\s{1,2}(?:deja\s{1,2}|aussi\s{1,2})?"
    r"(?:envoye|montre|transfere|partage|balance)\s{1,2}(?:\w+\s{1,2}){0,2}" + _SHOT + r"(?![\w])"
)
_SENT_THEM_PRONOUN = re.compile(
    r"(?<![\w])(?:sent|showed|forwarded|dm'?d|texted)\s{1,2}(?:them|him|her)\s{1,2}(?:my|the|a|her|his|our|one of my|"
    r"some of my)\s{1,2}(?:\w+\s{1,2})?" + _SHOT + r"(?![\w])"
)
# Already out there: "my video is already on a site", "les photos sont en ligne"; after "they say",
# only when the reporter saw it ("I checked and it's there").
_BE = ("is", "are", "was", "were", "est", "sont", "etait", "etaient")
_BY_NOW = ("already", "now", "still", "deja", "maintenant", "toujours", "partout")
_ONLINE = re.compile(
    r"(?<![\w])(?:" + _SHOT + r"|it|they|elle|elles)(?:\s{1,2}(?:" + "|".join(_BE) + r")|'s|'re)\s{1,2}"
    r"(?:(?:" + "|".join(_BY_NOW) + r")\s{1,2})?(?:online|en ligne|up on|live on|(?:on|sur)"
    r"\s{1,2}(?:(?:a|an|the|un|une|le|la|des|some|his|her|son|sa|their|leur)\s{1,2})?(?:\w+\s{1,2})?(?:site|website|"
    r"internet|youtube|porn\w*|xvideos|xhamster|facebook|insta\w*|tiktok|twitter|reddit|telegram|"
    r"onlyfans|snap\w*|story|stories))(?![\w])"
)
_SEEN_IT = re.compile(
    r"[^\n]{0,80}?(?:i checked|i saw it|i've seen it|i have seen it|it'?s there|it is there|they'?re there|"
    r"j'ai verifie|j'ai vu|je l'ai vue?|je les ai vues?|elle y est|elles y sont|c'est vrai)"
)


# The act told in any order, checked in three steps (a verb of sharing done, then where it went,
# then a picture in the sentence): "a déjà envoyé une des photos à deux garçons de sa classe", "la
# vidéo a quand même été envoyée à toute sa liste d'amis", "l'a partagée dans un serveur où se trouvent
# plusieurs élèves", "shared the image in a group chat with several boys", "uploaded my video to <site>".
# "Il a créé un faux compte Instagram avec mes photos", "a fake profile using her pics", "un compte qui
# publie des photos volées": the pictures are out, on a profile anyone sees.
_OUT_ON_A_PROFILE = re.compile(
    r"(?<![\w])(?:(?:faux|fake|nouveau|new)\s{1,2}(?:compte|account|profil|profile|page)(?:\s{1,2}\w+)?\s{1,2}"
    r"(?:avec|with|using|en utilisant)\s{1,2}(?:mes|ses|my|his|her|leurs?|their|les|the)\s{1,2}(?:\w+\s{1,2})?"
    + _MEDIA + r"|(?:compte|account|page|profil|profile)\s{1,2}(?:\w+\s{1,2})?(?:qui|that|which)\s{1,2}"
    r"(?:publie|poste|diffuse|partage|posts|shares|publishes|is posting|is sharing)\s{1,2}(?:\w+\s{1,2}){0,2}"
    + _MEDIA + r")(?![\w])"
)
_SHARED_VERB = re.compile(
    r"(?<![\w])(?:sent|shared|posted|uploaded|forwarded|leaked|published|envoyee?s?|partagee?s?|publiee?s?|"
    r"postee?s?|diffusee?s?|transferee?s?|balancee?s?)(?![\w])"
)
_SHARED_WHERE = re.compile(
    r"[^.!?\n]{0,50}?\s(?P<prep>to|a|au|aux|with|avec|in|into|dans|on|sur|en)\s{1,2}(?:[^.!?\n]{0,25}?\s)??"
    r"(?:(?P<people>" + _TARGET + r"|" + _AUDIENCE + r"|(?:mes|ma|mon|my|his|her|ses|sa|son|your|ur|tes|ta|ton)\s{1,2}"
    r"(?!(?:compte|account|phone|telephone|email|mail|inbox|wallet|portefeuille|numero|number|bank|banque|adresse|"
    r"address|boite|box|name|nom|prenom|caption|legende|linkedin|face|visage|handle|username|pseudo|details|info|"
    r"infos|first|last|full|real|own|story|stories|page|wall|mur|timeline|feed|profile|profil|site|channel|chaine|"
    # a public place of the scammer's or of a platform: "on his WhatsApp status", "a group for her campus"
    r"status|statut|whatsapp|snap\w*|insta\w*|facebook|fb|tiktok|twitter|group|groupe|campus|town|ville|city)\b)"
    r"[a-z']{2,15}(?:\s{1,2}rep)?)"
    r"|(?P<place>group ?chats?|groupes?|chats? de groupe|servers?|serveurs?|story|stories|internet|websites?|sites?|"
    r"youtube|porn\w*|xvideos|https?://|www\.))(?![\w])"
)
# "la vidéo sera partagée", "would be sent", "she'd send my pics to my wife": not done.
# ("may" the month, "on 9 May", is no modal)
_NOT_YET = re.compile(r"(?:(?<![\w])(?:sera|seront|serait|seraient|will|would|could|might|(?<!\d )(?<!\d)may(?! \d)|"
                      r"va|vont|menace|threaten\w*|sinon|otherwise|unless|if|si)|'d|'ll)(?![\w])")
# "dans un serveur où se trouvent plusieurs élèves", "a group chat with several boys from his year"
_PEOPLE_THERE = re.compile(r"(?<![\w])(?:" + _AUDIENCE + r"|eleves|students|pupils|boys|girls|garcons|filles|kids)"
                           r"(?![\w])" + _NOT_A_NAME)
_TO_ME_BEFORE = re.compile(r"(?<![\w])(?:m'|me\s)(?:a|ont|avait|avaient)?\s{0,2}(?:(?:deja|aussi|encore)\s{1,2})?$")
_SHARED_BY_ME = re.compile(r"(?<![\w])(?:je\s|j'|j\s|i\s|i've\s|we\s|on\s(?=a\s|avait\s|les\s|l')|tu\s|you\s)\s{0,2}"
                           r"(?:[\w']+\s{1,2}){0,2}$")
# "il l'a envoyée", "il la deja envoyé" (SMS for "l'a"), "il en a déjà envoyé une"
_PRONOUN_OBJECT = re.compile(r"(?<![\w])(?:(?:l'|les\s|en\s)(?:a|ont|avait|avaient)|la)\s{1,2}(?:\w+\s{1,2})?"
                             r"(?:ete\s{1,2})?$")
# "she's already sent one to my mate", "sent them to his teammates" (pictures named before)
_PRONOUN_AFTER = re.compile(r"\s{1,2}(?:one|some|it|them|a few|two|one of them|one of the \w+)(?![\w])")


# "stated that the video had been uploaded on YouTube": the scammer's word, not what the reporter saw
_CLAIMED = re.compile(r"(?<![\w])(?:stated|claimed|claims|told me|told him|told her|affirme|pretend|pretendu)\s{1,2}"
                      r"(?:that|que|qu')\s[^.!?\n]{0,60}$"
                      # "saying he is a YouTube officer and that video is uploaded on YouTube"
                      r"|(?<![\w])(?:saying|says|said|disant|dit)\s[^.!?\n]{0,80}(?:and|et) (?:that|que|qu')\s"
                      r"[^.!?\n]{0,30}$")


_COORDINATED = re.compile(r"(?:,|(?<![\w])(?:et|and|or|ou|puis|then))\s{1,2}(?:(?:also|aussi|even|meme)\s{1,2})?$")


def _coordinated_not_yet(text: str, start: int) -> bool:
    """"la vidéo sera envoyée à tous vos contacts et publiée sur Internet": the second verb shares
    the first one's future."""
    if not _COORDINATED.search(text, max(0, start - 12), start):
        return False
    low = max(0, start - 100)
    sentence_start = max(text.rfind(c, low, start) for c in (". ", "! ", "? ", "\n")) + 1
    return bool(_NOT_YET.search(text, max(low, sentence_start), start))


_POSTED = re.compile(r"posted|uploaded|leaked|published|publiee?s?|postee?s?|diffusee?s?|balancee?s?")
# A pasted chat's line by another than the reporter ("Kristine: i already sent one to ur classmate"):
# its "I" is the scammer. A speaker opens two lines at least, or the line has a time.
_CHAT_LINE = re.compile(r"[ \t]{0,4}(?P<time>\[[^\]\n]{0,30}\][ \t]{0,2}|\d{1,2}:\d{2}[ \t]{1,2})?"
                        r"(?P<who>[^:\n]{1,40}?)[ \t]{0,2}:[ \t]")
_REPORTER_SPEAKERS = frozenset({"moi", "me", "je", "i", "victim", "victime", "reporter", "son", "fils", "daughter",
                                "fille", "nephew", "niece", "neveu"})


def _other_speaker(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", max(0, pos - 300), pos) + 1
    if line_start == 0 and pos > 300:
        return False
    speaker = _CHAT_LINE.match(text, line_start, pos)
    if speaker is None:
        return False
    who = speaker.group("who").strip()
    if who in _REPORTER_SPEAKERS or len(who.split()) > 5:
        return False
    opens = text.count("\n" + who + ":", max(0, pos - 3000), pos + 3000) + text.startswith(who + ":")
    return bool(speaker.group("time")) or opens >= 2


_OTHER_CLAUSE = re.compile(r"(?<![\w])(?:that|which|who|que|qu'|qui)\s{1,2}(?:i|je|j'|we|on|nous|you|tu)(?![\w])")


def _shared_anywhere(text: str, windows: list[tuple[int, int]]) -> tuple[bool, bool]:
    """(shared, with the victim's people) by ``_SHARED_VERB`` + ``_SHARED_WHERE`` + a picture."""
    shared = to_people = False
    for verb in finditer_in(_SHARED_VERB, text, windows):
        where = _SHARED_WHERE.match(text, verb.end(), min(len(text), verb.end() + 160))
        if where is None or not _done(text, verb) or _NOT_YET.search(text, max(0, verb.start() - 20), verb.start()) \
                or _NOT_YET.search(text, verb.end(), where.start("prep")) or _coordinated_not_yet(text, verb.start()):
            continue
        before = text[max(0, verb.start() - 30):verb.start()]
        if (_SHARED_BY_ME.search(before) and not _other_speaker(text, verb.start())) or _TO_ME_BEFORE.search(
                before) or re.match(
                r"\s{0,2}(?:me|moi|back|us)\b", text[verb.end():verb.end() + 5]) or _CLAIMED.search(
                text, max(0, verb.start() - 140), verb.start()):
            continue  # the victim's own sending, or pictures sent to the reporter
        low = max(0, verb.start() - 120)
        # ". " ends a sentence; a dot inside a link or an address does not
        sentence_start = max(text.rfind(c, low, verb.start()) for c in (". ", "! ", "? ", "\n")) + 1
        object_before = _MEDIA_RE.search(text, max(sentence_start, verb.start() - 120), verb.start())
        object_after = _MEDIA_RE.search(text, verb.end(), where.start("prep"))
        pronoun = (_PRONOUN_OBJECT.search(before) or _PRONOUN_AFTER.match(text, verb.end(), where.start("prep"))) \
            and _MEDIA_RE.search(text, max(0, verb.start() - 250), verb.start())
        if not (object_before or object_after or pronoun):
            continue
        shared = True
        people = where.group("people")
        if people is not None and _OTHER_CLAUSE.search(text, verb.end(), where.start("prep")):
            continue  # "posted a nude of me that I only ever sent to my ex": the ex is the other clause's
        place = where.group("place")
        if people in ("group", "groupe") and _POSTED.match(verb.group()) and not text.startswith(
                " chat", where.end()):
            people, place = None, people  # posted in a group is put out in public; sent to one, to people
        to_people = to_people or people is not None or bool(
            place and _PEOPLE_THERE.search(text, where.end(), min(len(text), where.end() + 60)))
        if to_people:
            break
    return shared, to_people


# Out in public, said without where exactly: "posted a blurred version of the pic", "put intimate photos
# of me on a website", "un lien vers un site où il y a une capture de moi".
_PUT_OUT = re.compile(
    r"(?<![\w])(?:(?:posted|published|uploaded|leaked)\s{1,2}(?:(?:a|an|one|the|some)\s{1,2})?(?:\w+\s{1,2}){0,2}"
    r"(?:version|copy|part|crop|screenshot|capture|bit)\s{1,2}of\s{1,2}(?:the|my|his|her|our|a)\s{1,2}" + _MEDIA +
    r"|put\s{1,2}(?:\w+\s{1,2}){0,2}" + _MEDIA + r"(?:\s{1,2}of\s{1,2}(?:me|him|her|us))?\s{1,2}(?:on|up on|online)"
    r"\s{1,2}(?:(?:a|an|the|his|her|their|some)\s{1,2})?(?:\w+\s{1,2})?(?:website|site|page|internet|forum|group|"
    r"channel|story)"
    r"|(?:site|page|website|lien|link)\s{1,2}(?:\w+\s{1,2}){0,3}?(?:ou il y a|ou on voit|"
    r"where (?:there is|you can see)|with|avec)\s{1,2}(?:(?:une?|a|an|des|some|my|mes|ma)\s{1,2})?(?:\w+\s{1,2})?"
    + _MEDIA +
    r"\s{1,2}(?:de moi|of me|d'elle|de lui|of her|of him))(?![\w])"
)


# The reporter's clause going on: "I bought one $100 card and sent her a picture of it".
_REPORTER_GOES_ON = re.compile(r"(?<![\w])(?:i|we|je|j')\s[^.!?\n]{0,50}?(?:and|et|then|puis)\s{1,2}(?:then\s{1,2})?$")
# "Elle lui a envoyé des photos": new pictures (an indefinite "des", of no one named) sent to one
# person are the victim's to the scammer; "il lui a envoyé la vidéo", "…des photos de moi" are shared.
_NEW_PICTURES_TO_ONE = re.compile(r"(?:il|elle|on)\s{1,2}lui a\s{1,2}(?:(?:deja|aussi)\s{1,2})?\w+\s{1,2}des\s{1,2}"
                                  r"\w+$")


def _images_shared(text: str, win: dict[str, list[tuple[int, int]]]) -> tuple[bool, bool]:
    """(images shared, shared with the victim's people)."""
    # Sent straight to someone: the first that happened is enough.
    if any(not re.search(r"(?<![\w])(?:je|j'|i|we|on|tu|you)\s{1,2}(?:\w+\s{1,2})?$",
                         text[max(0, m.start() - 12):m.start()])
           for m in _happenings(_SHARING_NOW, text, win.get("sharing_now", []))):
        return True, True
    if any(not _NEW_PICTURES_TO_ONE.match(m.group())
           for m in _happenings(_SENT_THEM, text, intersect(win.get("sent_them", []), win.get("media", [])))):
        return True, True
    if any(_AUDIENCE_RE.search(text, max(0, m.start() - 100), m.start())
           and not re.search(r"(?<![\w])(?:i|we)\s{1,2}(?:\w+\s{1,2})?$", text[max(0, m.start() - 12):m.start()])
           and not _REPORTER_GOES_ON.search(text, max(0, m.start() - 60), m.start())
           for m in _happenings(_SENT_THEM_PRONOUN, text, win.get("sent_pronoun", []))):
        return True, True
    windows = win.get("shared", [])
    anywhere, anywhere_people = _shared_anywhere(text, windows)
    put_out = any(_happenings(_PUT_OUT, text, win.get("media", [])))
    anywhere = anywhere or put_out or _any(_OUT_ON_A_PROFILE, text, windows=win.get("media", []))
    if anywhere_people:
        return True, True
    online = [m for m in finditer_in(_ONLINE, text, win.get("online", [])) if not _NEG.search(
        text, max(0, m.start() - 22), m.start()) and (_done(text, m) or _SEEN_IT.match(
        text, m.end(), min(len(text), m.end() + 100)))]
    if not windows and not online:
        return put_out, False
    sent = online + [m for m in _happened(_SHARED, text, windows)
            if (m.group("one") is None or _MEDIA_RE.search(text, max(0, m.start() - 250), m.start()))
            and not re.match(r"\s{0,2}(?:me|moi)\b", text[m.end():m.end() + 5])
            and not re.search(r"(?<![\w])(?:sent|sends|send)\s{1,2}(?:me|back|us)(?![\w])", m.group())
            and not (_MESSAGE_WORD.search(m.group()) and not _MEDIA_RE.search(m.group()))]
    sent += _happened(_PUBLISHED, text, windows)
    received = [m for m in _happened(_RECEIVED, text, windows)  # "ma cousine a reçu la vidéo": shared with her
                if m.group("pronoun") is None or _MEDIA_RE.search(text, max(0, m.start() - 250), m.start())]
    if not sent and not received:
        return anywhere, False
    to_people = bool(received) or any(
        _SHARED_TO_AUDIENCE.search(text, m.start(), min(len(text), m.end() + 60)) for m in sent)
    return True, to_people


# --- more images demanded --------------------------------------------------------------------------
_MORE_IMAGES = re.compile(
    r"(?<![\w])(?:demande\w*|veut|veulent|voulait|exige\w*|reclame\w*|insiste pour|wants?|wanted|asks?|asking|asked|"
    r"demands?|demanding|requests?|keeps asking|envoie|envoyer|faire|filmer|send|if i (?:don'?t|do not) send|"
    r"needs?|needed|a besoin d'|avait besoin d'|"
    r"unless i send|"
    r"si je (?:n'envoie|n'envoies|envoie|send|sens|sent) pas|if i (?:don'?t|do not) send him)\s{1,2}"
    r"(?:(?:moi|me|lui|leur|her|him|encore|toujours|still|now|maintenant|aussi|also|even|de lui envoyer|"
    r"que je (?:lui )?envoie|me to send|for|to send|him|que je fasse|de faire|d'envoyer|-moi|chaque (?:soir|jour|"
    r"semaine|nuit)|tous les (?:jours|soirs)|every (?:day|night|week)|each (?:day|night)|a|an|some|une?|des|"
    r"the|[\"“«]|one)\s{0,2}){0,3}"
    r"(?:\d{1,2}\s{1,2})?(?:d'autres|d autres|dautres|plus de|encore des|encore une|encore un|de nouvelles?|"
    r"des nouvelles?|une nouvelle|une autre|un autre|more|another|other|new|extra|additional)\s{1,2}"
    r"(?:\d{1,2}\s{1,2})?(?:\w+\s{1,2})?"
    r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|nus|sextapes?|selfies?)"
)

# A naked call demanded: "he wants her to video call him naked" (more images, not yet a recording).
_NAKED_CALL = re.compile(
    r"(?<![\w])(?:wants?|wanted|asks?|asked|asking|demands?|demanded|veut|voulait|exige|demande)\s{1,2}"
    r"(?:\w+\s{1,2}){0,3}(?:video call|videocall|facetime|appel video|appel en video|cam|visio)\w*\s{1,2}"
    r"(?:\w+\s{1,2}){0,3}(?:naked|nude|nue?s?|a poil|undressed|deshabille\w*|topless)(?![\w])"
    # "il veut que je me déshabille pour lui en appel vidéo ce soir"
    r"|(?<![\w])(?:wants?|demands?|veut|exige|demande)\s{1,2}(?:\w+\s{1,2}){0,3}(?:deshabille\w*|undress|strip|"
    r"get naked)\s{1,2}(?:\w+\s{1,2}){0,3}(?:en|on|in|during|sur)\s{1,2}(?:a\s{1,2}|an\s{1,2}|un\s{1,2})?"
    r"(?:video call|appel video|appel en video|visio|facetime|cam)(?![\w])"
)
_MORE_IMAGES_2 = re.compile(
    r"(?<![\w])(?:(?:oblige\w*|force\w*|forcing|forced|pousse\w*|makes? me|made me)\s{1,2}(?:\w+\s{1,2}){0,4}"
    r"(?:envoyer|send|faire|filmer|film)\s{1,2}(?:\w+\s{1,2}){0,2}|"
    r"(?:now|maintenant|then|puis|ensuite|also|aussi)\s{1,2}(?:(?:he|she|they|il|elle|ils)\s{1,2}(?:is\s|are\s)?)?"
    r"(?:asking for|asks for|asked for|wants|demande|veut|exige|reclame)\s{1,2}(?:(?:des|me|moi|lui|une?|a|an|"
    r"some)\s{1,2})?)"
    r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|nus|sextapes?|selfies?)"
    r"|(?<![\w])\d{1,2}\s{1,2}(?:autres\s{1,2})?(?:photos?|videos?|vids?|images?|pics?|nudes?)\s{1,2}de plus"
    # pictures as the other price: "75 000 FCFA … ou d'autres vidéos à la place", "or more pics instead"
    r"|(?<![\w])(?:ou|or)\s{1,2}(?:bien\s{1,2})?(?:d'autres|dautres|more|other|new|de nouvelles?|des nouvelles?)\s{1,2}"
    r"(?:\w+\s{1,2})?(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?)\s{1,2}(?:a la place|instead|en echange|"
    r"in exchange|in place)(?![\w])"
    # "harassing her for more pics", "il la harcèle pour avoir d'autres photos"
    r"|(?<![\w])(?:for|pour (?:avoir |obtenir |recevoir )?)\s{0,2}(?:\d{1,2}\s{1,2})?(?:more|other|new|extra|"
    r"additional|d'autres|dautres|plus de|de nouvelles?|encore des)\s{1,2}(?:\w+\s{1,2})?"
    r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|nus|sextapes?|selfies?)(?![\w])"
)
# Images demanded again without naming them ("il en redemande", "now demands more", "if I don't send
# more") count only when pictures were spoken of just before and no money follows: "more" after a
# payment is usually more money.
_MORE_UNNAMED = re.compile(
    r"(?<![\w])(?:(?:m'|me |lui |leur )?en\s{1,2}(?:re)?(?:demande|exige|reclame|veu[tx])\w*"
    r"(?:\s{1,2}(?:d'autres|encore|plus|toujours|tous les jours|chaque (?:jour|soir|semaine)))?|redemande\w*|"
    r"(?:asking|asks|asked|demands?|demanded|demanding|wants?|wanted|requests?|requested|requesting)\s{1,2}"
    r"(?:(?:her|him|me|them|us)\s{1,2})?(?:for\s{1,2})?[\"“«]?\s?more|"
    r"(?:send|sends|sending|sent)\s{1,2}(?:him\s{1,2}|her\s{1,2}|them\s{1,2})?more|"
    # the demand as a condition or a refusal: "si je ne lui en envoyais pas d'autres", "a refusé d'en envoyer plus"
    r"(?:(?:si|if)\s{1,2}(?:je|tu|il|elle)|s'ils?)\s{1,2}(?:ne\s{1,2}|n')?(?:lui\s{1,2}|leur\s{1,2}|me\s{1,2}|m')?"
    r"en\s{1,2}"
    r"(?:re)?(?:envoi|envoy|fai|fass|film)\w*\s{1,2}(?:pas|plus)\s{1,2}(?:d'autres|dautres|plus|encore)|"
    r"(?:refuse\w*|refused|refusing|stopped|a arrete|arretait)\s{1,2}(?:d'en|de lui en|to send|sending)\s{1,2}"
    r"(?:envoyer\s{1,2}|him\s{1,2}|her\s{1,2}|them\s{1,2})?(?:plus|d'autres|dautres|more|any more|anymore)|"

    # "il veut que j'en envoie d'autres" (SMS: "que jen envoie dautres")
    r"(?:veut|veulent|voulait|exige|demande|reclame)\s{1,2}(?:que|qu')\s{0,2}(?:j'?|je\s|tu\s|il\s|elle\s)\s{0,2}"
    r"(?:lui\s|leur\s)?en\s{1,2}(?:re)?(?:envoi|envoy|fass|fais|film)\w*)(?![\w])"
    r"(?!\s{0,2}(?:money|cash|argent|\$|€|£|dollars?|euros?|pounds?|bucks|\d|btc|bitcoin|gift|cards?))"
)
# The victim made to film or show themselves again: "il veut que je me filme encore", "elle exige qu'il
# se filme", "wants me on cam tonight", "il veut que je me déshabille pour lui en appel vidéo", "wants
# her to record herself", "qu'elle fasse des vidéos en direct pour lui".
_FILM_THEMSELVES = re.compile(
    r"(?<![\w])(?:(?:veut|veulent|voulait|exige\w*|demande\w*|reclame\w*|insiste)\s{1,2}(?:(?:maintenant|encore|"
    r"aussi|now)\s{1,2})?(?:que|qu')\s{0,2}(?:je|j'|tu|il|elle)\s{0,2}(?:(?:me|te|se)\s{1,2}(?:filme|deshabille|"
    r"montre|mette a nu)|(?:lui\s{1,2})?(?:fasse|fasses)\s{1,2}(?:des|une|d'autres|de nouvelles)\s{1,2}"
    r"(?:videos?|photos?|lives?|directs?))"
    # present demands only: "she asked me to undress on a video call" is the trap itself, not a new demand
    r"|(?:wants?|asks?|asking|demands?|demanding|forces?|forcing|pressures?|pressuring|tells?|telling|insists?)\s{1,2}"
    r"(?:me|him|her|them|you)\s{1,2}(?:to\s{1,2}(?:film|record|tape)\s{1,2}(?:myself|himself|herself|themselves|"
    r"yourself)|to\s{1,2}(?:strip|undress|get naked|go on cam|get on cam|come on cam)|on\s{1,2}(?:cam|camera|video))"
    # the same demand beside money: "il a exigé 300 $ en cartes et qu'elle fasse des vidéos en direct pour lui"
    r"|(?:veut|veulent|voulait|exige\w*|demande\w*|reclame\w*)\s[^.!?\n]{0,80}?\s(?:et|puis)\s{1,2}(?:que|qu')\s{0,2}"
    r"(?:je|j'|tu|il|elle)\s{0,2}(?:lui\s{1,2})?(?:fasse|fasses)\s{1,2}(?:des|une|d'autres|de nouvelles)\s{1,2}"
    r"(?:videos?|photos?|lives?|directs?))"
    r"(?![\w])"
)
# More pictures named beside money: "he wants ₦30,000 and more pictures", "wants GH₵ 500 and another video".
_AND_MORE_IMAGES = re.compile(
    r"(?<![\w])(?:wants?|wanted|demands?|demanded|demanding|asks? for|asking for|asked for|veut|veulent|exige\w*|"
    r"demande\w*|reclame\w*)\s[^.!?\n]{0,120}?\s(?:and|et|plus|\+|only|just|juste|seulement)\s{1,2}(?:another|more|"
    r"new|extra|d'autres|"
    r"dautres|une autre|un autre|encore une?|encore des|encore d'autres|plus de|de nouvelles?|des nouvelles?)"
    r"\s{1,2}(?:\w+\s{1,2})?" + _MEDIA + r"(?![\w])"
)
# A new picture asked for as an act: "she'll stop if I record another clip for her", "refais une autre
# vidéo"; and a picture asked for in addition to money: "il exige maintenant que je lui envoie une
# vidéo de moi en plus".
_ANOTHER_MADE = re.compile(
    r"(?<![\w])(?:send|record|make|film|shoot|envoie|envoies|envoyer|refais|refaire|tourne|tourner|fais|faire)"
    r"\s{1,2}(?:(?:me|him|her|them|moi|lui|leur)\s{1,2})?(?:another|one more|une autre|un autre|encore une?|"
    r"de nouvelles?|des nouvelles?)\s{1,2}(?:\w+\s{1,2})?" + _MEDIA + r"(?![\w])"
    r"|(?<![\w])(?:exige|veut|demande|reclame)\w*\s{1,2}(?:\w+\s{1,2}){0,2}(?:que|qu')\s{0,2}(?:je|j'|tu|il|elle)"
    r"\s{0,2}(?:lui\s{1,2}|leur\s{1,2})?(?:envoie|envoies|fasse|fasses|donne)\s{1,2}(?:\w+\s{1,2}){0,2}?"
    + _MEDIA + r"(?:\s{1,2}\w+){0,3}?\s{1,2}(?:en plus|de plus|aussi|egalement|as well|too)(?![\w])"
)
# Pictures demanded now, then or as well ("Il veut maintenant une vidéo", "il veut aussi une vidéo
# d'elle", "He then wanted videos of me as well"), or with a threat after them in the sentence ("il
# exige qu'elle lui envoie des vidéos d'elle nue chaque soir sinon il publie tout").
_MEDIA_NOW = re.compile(
    r"(?<![\w])(?:(?:then|now|also|ensuite|maintenant|aussi)\s{1,2}(?:wants?|wanted|demands?|demanded|asked for|"
    r"asks for|veut|voulait|exige|demande|reclame)|(?:veut|veulent|voulait|exige\w*|demande\w*|reclame\w*|wants?|"
    r"wanted|demands?|demanded|demanding|asks? for|asked for|asking for)\s{1,2}(?:(?:moi|me|lui|leur|her|him)\s{1,2})?"
    r"(?:maintenant|now|aussi|also|en plus|encore|desormais))\s{1,2}(?:(?:une?|des|a|an|some|more|d')\s{0,2})?"
    r"(?:\w+\s{1,2})?" + _MEDIA + r"(?![\w])"
    r"|(?<![\w])(?:veut|veulent|exige\w*|demande\w*|reclame\w*|wants?|demands?|demanding|asks? for|asking for)"
    # (no amount in between: "wants $400 for the pictures or she shares them" is money)
    r"\s(?:que |qu')?(?:(?![\d$€£₦₹]|for |pour )[^.!?\n]){0,40}?" + _MEDIA
    + r"(?![\w])(?:(?![\d$€£₦₹])[^.!?\n]){0,60}?(?<![\w])(?:sinon|or else|otherwise|"
    r"(?:or|ou) (?:he|she|they|il|elle|ils)(?:'ll| will| va)? (?:post|send|share|leak|publie|envoie|diffuse|partage|"
    r"balance)\w*)(?![\w])"
)
# A picture demanded under a threat: "si je n'envoie pas de vidéo", "unless I send him a video".
# Any person, as parents report it: "si elle lui envoie pas une vidéo d'ici demain", "if she doesn't send a
# video by tonight", "s'il ne lui envoie pas de photo".
_IMAGES_OR_ELSE = re.compile(
    r"(?<![\w])(?:(?:si (?:je|tu|il|elle|on|ils|elles)|s'ils?) (?:ne |n')?(?:lui |leur |m'|me )?"
    r"(?:envoie|envoies|envoient|fais|fait|font) pas|"
    r"(?:if (?:i|you|u|he|she|they|we) (?:don'?t|doesn'?t|do not|does not|dont|doesnt) send|"
    # said to the victim too: "si tu m'envoies pas une vidéo de toi"
    r"unless (?:i|you|u|he|she|they|we) sends?)(?: me| him| her| them)?)"
    r"\s{1,2}(?:(?:him|her|them|de|d'|la|les|une?|a|an|some|the|des)\s{0,2}){0,2}(?:\w+\s{1,2})?"
    + _MEDIA
)
_MONEY_WORDS = (r"[$€£₱]|\b(?:paid|paye\w*|payer|argent|money|cash|codes?|cards?|cartes?|tickets?|coupons?|virement|"
                r"transfer\w*|dollars?|euros?|pounds?|bitcoin|btc|gcash|western|moneygram|ria)\b")
# a number standing alone ("sent 3,000", "5k") or a card's code ("X4T7RK2M9PQL3NVW"), not the digits of a
# handle, an address or a class ("shadowkid.2014", "ph2009@gmail.com", "lucas_dlm2009", "CM2")
# (not a time: "I have 2 hours to send him more")
_MONEY_BEFORE = re.compile(r"(?<![\w.@])\d+(?:[.,]\d+)*k?(?![\w@])(?!\s{0,2}(?:hours?|hrs?|h|heures?|minutes?|mins?|"
                           r"days?|jours?|weeks?|semaines?|ans|years?|yo|pm|am)(?![\w]))"
                           r"|(?<![\w.@-])(?=[a-z\d-]{8,}(?![\w@]|\.\w))[a-z-]*\d|" + _MONEY_WORDS)
_MONEY_NAMED = re.compile(_MONEY_WORDS)  # without digits: those may be ages and times
_MEDIA_BEFORE = re.compile(_MEDIA + r"|\bnus?\b|\bnue\b|naked|sous-vetements|underwear|brassiere")
_MORE2_WORDS = ("oblig", "force", "pousse", "made me", "makes me", "make me", "de plus", "for more", "for other",
                "for new", "for extra", "for additional", "pour d'autres", "pour dautres", "pour plus",
                "pour de", "pour encore", "pour avoir", "pour obtenir", "pour recevoir", "ou d'autres", "ou dautres",
                "ou bien", "or more", "or other", "or new", "ou de nouvelle", "ou des nouvelle", "naked", "nude", "nue",
                "nus", "a poil", "undressed", "deshabill", "topless", *(
    f"{adverb} {word}" for adverb in ("now", "maintenant", "then", "puis", "ensuite", "also", "aussi")
    for word in ("he", "she", "they", "il", "elle", "ils", "asking", "asks", "asked", "wants", "demande", "veut",
                 "exige", "reclame")))
_MORE_WORDS = ("autre", "dautre", "plus de", "encore", "nouvel", "more", "another", "other", "new ",
               "extra", "additional")

# Pictures demanded a second time, after some were sent: "lui a demandé des photos. Maintenant le
# compte envoie ses photos à des élèves et exige des vidéos."
_IMAGE_DEMAND = re.compile(
    r"(?<![\w])(?:demande\w*|exige\w*|reclame\w*|veut|veulent|voulait|wants?|wanted|asks? for|asked for|asking for|"
    r"demands?|demanded|demanding|requests?|requested)\s{1,2}(?:(?:moi|me|lui|leur|her|him|them|you|te)\s{1,2})?"
    r"(?:(?:des|de|d'|une?|a|an|some|ses|mes|tes|her|his|my|your|sa|ma|ta|les|the)\s{0,2})?(?:\w+\s{1,2})?"
    + _MEDIA + r"(?![\w])"
)
_IMAGES_GOT = re.compile(
    r"(?<![\w])(?:envoye\w*|envoie\w*|sent|sends|sending|got|recu|received|has|have|possede|garde|publie\w*|"
    r"poste\w*|posted|shared|partage\w*)\s{1,2}(?:\w+\s{1,2}){0,3}" + _MEDIA + r"(?![\w])"
    # "je lui en ai envoyé deux", "I sent him some"
    r"|(?<![\w])en\s{1,2}(?:ai|a|avait|avais|avons|ont)\s{1,2}(?:deja\s{1,2})?(?:envoye|donne|fait)\w*"
    r"|(?<![\w])sent\s{1,2}(?:him|her|them)\s{1,2}(?:some|one|two|three|a few|a couple)(?![\w])"
)


def _asked_again(text: str, windows: list[tuple[int, int]]) -> bool:
    demands = [m for m in finditer_in(_IMAGE_DEMAND, text, windows)
               if not _NEG.search(text, max(0, m.start() - 22), m.start())]
    for first, second in pairwise(demands):
        if second.start() - first.end() < 600 and _IMAGES_GOT.search(text, first.end(), second.start()):
            return True
    return False


_IF_NOT = re.compile(r"(?<![\w])(?:if|si|unless|sauf si|s'|or else)\s[^.!?\n]{0,20}$")


def _demanded_unless_negated(text: str, windows: list[tuple[int, int]]) -> bool:
    """``_MORE_IMAGES`` not negated; a negation inside a condition is the demand itself ("if she
    doesn't send one more video", "s'il n'envoie pas d'autres photos")."""
    for match in finditer_in(_MORE_IMAGES, text, windows):
        low = max(0, match.start() - 22)
        if _NEG.search(text, low, match.start()) and not _IF_NOT.search(text, max(0, match.start() - 40),
                                                                          match.start()):
            continue
        return True
    return False


# "now he says send another one, longer", "demanding she send new ones every day": pictures again when
# pictures, and no money, were spoken of before ("send another one" after a gift card is a card).
_ANOTHER_ONE = re.compile(
    r"(?<![\w])(?:send|sends|envoie|envoies|envoyer|record|film|make|fais|refais)\s{1,2}(?:(?:me|him|her|them|moi|"
    r"lui)\s{1,2})?(?:another one|new ones|une autre|un autre|d'autres|dautres)(?![\w])"
    r"(?!\s{0,2}(?:money|cash|argent|\$|€|£|dollars?|euros?|pounds?|bucks|\d|btc|bitcoin|gift|cards?|cartes?|codes?))"
)


def _another_one(text: str, windows: list[tuple[int, int]]) -> bool:
    for match in finditer_in(_ANOTHER_ONE, text, windows):
        if _NEG.search(text, max(0, match.start() - 22), match.start()):
            continue
        start = max(0, match.start() - 300)
        if _MEDIA_BEFORE.search(text, start, match.start()) and not _MONEY_NAMED.search(text, start, match.start()):
            return True
    return False


def _more_unnamed(text: str, windows: list[tuple[int, int]]) -> bool:
    for match in finditer_in(_MORE_UNNAMED, text, windows):
        if _NEG.search(text, max(0, match.start() - 22), match.start()):
            continue
        start = max(0, match.start() - 300)
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
              "appelee en video", "called me on video", "video called", "video-called", "cam call", "video chatting",
              "video-chatting", "videochatting",
              # the app before "video" ("moved to WhatsApp video"), a trap set on a call ("m'a piégé en vidéo")
              "whatsapp video", "messenger video", "telegram video", "skype video", "piege en video",
              "piegee en video", "piege en cam", "piegee en cam")
_CAM = r"(?:" + trie_pattern(_CAM_WORDS) + r")(?![\w])"
_CAM_RE = re.compile(r"(?<![\w])" + _CAM)
# Prefixes: "enregistr" covers enregistré, enregistrement…
_REC_WORDS = (
    "enregistr", "film", "record", "captur", "screen record", "screenrecord", "montage", "screenshot",
    "video de moi", "video de toi", "video of me", "video of you", "video de la visio", "video de l'appel",
    "video de notre", "video of our", "video from our", "video of the call", "clip of our", "garde la video",
    "kept the video", "video from a", "video from the", "video from that", "video de leur", "video de cet appel",
    "recording of our", "recording of the call", "enregistrement de notre", "enregistrement de l'appel",
    # "un gars m'a piégé en appel vidéo": the trap is the recording
    "piege", "trapped", "tricked")
_REC_RE = re.compile(r"(?<![\w])(?:" + trie_pattern(_REC_WORDS) + ")")
_UNDRESS_WORDS = ("deshabill", "tout nu", "toute nu", "naked", "nude", "strip", "me touchais", "se touch", "masturb",
                  "solo", "a poil", "denud", "got sexual")
_UNDRESS_RE = re.compile(r"(?<![\w])(?:" + trie_pattern(_UNDRESS_WORDS) + ")")
_APPS = r"(?:skype|facetime|messenger|whatsapp|zoom|snap|snapchat|instagram|insta|teams|omegle|visio)"
_RECORDED = re.compile(r"record\w*|enregistr\w*|video|film\w*")
# The recording named by its call's app: "leak the Skype video", "envoyer la vidéo Skype", "our FaceTime clip".
_APP_VIDEO = re.compile(
    r"(?<![\w])(?:the|our|that|this|his|her|my|la|sa|ma|cette|notre|ta|leur)\s{1,2}(?:" + _APPS +
    r"\s{1,2}(?:videos?|vids?|clips?|recordings?)(?!\s{0,2}(?:calls?|chats?))|(?:videos?|vids?|clips?|enregistrements?)"
    r"\s{1,2}(?:de |du |from |on |sur )?" + _APPS + r")(?![\w])(?!\s{0,2}(?:calls?|chats?|appel))"
)
# The spam e-mail's claim ("I hacked your device and filmed you through your own webcam") records
# nobody in a call: it is sextortion, not the webcam scheme, unless a call is named as well.
_DEVICE_CAM = re.compile(
    r"(?<![\w])(?:through|via|with|using|from|by|par|avec|a travers|depuis|grace a|on)\s{1,2}(?:your|ta|votre|ton|tes|"
    r"vos|my|ma|mon|mes|his|her|sa|son|the)\s{1,2}(?:own\s{1,2}|propre\s{1,2})?(?:laptop\s{1,2}|front\s{1,2})?"
    r"(?:web\s?cam|camera|cam|device|computer|laptop|ordinateur|ordi|appareil|ecran|screen)s?(?![\w])"
    r"|(?<![\w])(?:hack\w*|pirat\w*|acces a|access to|allume|switched on|turned on|activated|active|activate)"
    r"\s{1,2}(?:\w+\s{1,2}){0,3}(?:web\s?cam|camera|cam)(?![\w])"
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


_DEVICE_ONLY = frozenset({"webcam", "web cam", "cam", "camera"})
# The recording told by what it is of, or what was done: "la vidéo de notre appel", "a video from our
# call", "chantage à la webcam", "il m'a filmé", "the profile that recorded me".
_CALL_RECORDING = re.compile(
    # "i saved the call", "il a gardé notre appel vidéo"
    r"(?<![\w])(?:saved|kept|screen-?recorded|garde|sauvegarde)\s{1,2}(?:the|our|that|notre|l'|cet|leur)\s{0,2}"
    r"(?:video\s{1,2})?(?:call|appel|visio|facetime|session)(?![\w])|"
    r"(?<![\w])(?:chantage|arnaque|sextorsion|sextortion|blackmail|scam|extortion|extorsion)\s{1,2}(?:a la\s{1,2})?"
    r"(?:web\s?cam|camera)(?![\w])"
    r"|(?<![\w])web\s?cam\s{1,2}(?:blackmail|scam|extortion|sextortion)"
    r"|(?<![\w])(?:videos?|vids?|clips?|enregistrements?|recordings?|films?)\s{1,2}(?:de|d'|of|from|du)\s{0,2}"
    r"(?:(?:notre|l'|cet|cette|ce|la|our|the|that|this|a|an|un|une|my|mon|ma|sa|son|leur|their)\s{0,2})?"
    r"(?:[\w']+\s{1,2})?(?:appel|call|visio|facetime|live|session|conversation video|video chat)s?(?![\w])"
    # "blackmailed after a video chat on Skype", "a video of myself from a call we had"
    r"|(?<![\w])(?:blackmail\w*|chantage|extort\w*|menace\w*|threaten\w*)\s{1,2}(?:\w+\s{1,2}){0,2}(?:after|apres|"
    r"following|suite a)\s{1,2}(?:a|an|the|our|un|une|notre|l'|cet)\s{0,2}(?:\w+\s{1,2})?(?:video call|video chat|"
    r"appel video|appel|call|visio|skype call|facetime)(?![\w])"
    r"|(?<![\w])(?:videos?|vids?|clips?|recordings?)\s{1,2}(?:of|de)\s{1,2}(?:me|myself|moi|him|her|lui|elle)\s{1,2}"
    r"(?:from|during|pendant|de|du)\s{1,2}(?:a|an|the|our|un|une|notre|l'|cet)\s{0,2}(?:\w+\s{1,2})?"
    r"(?:call|appel|video call|visio)(?![\w])"
    # "une vidéo coquine en appel", "a video during the call"
    r"|(?<![\w])(?:videos?|vids?|clips?)\s{1,2}(?:[\w']+\s{1,2}){0,2}(?:en|pendant l'|pendant un|during (?:the|our|a)|"
    r"on (?:the|our|a))\s{0,2}(?:appel|call|video call|visio)(?![\w])"
    # the call itself is what will be posted: "she'll put our video call on YouTube"
    r"|(?<![\w])(?:post|put|send|share|publish|leak|upload|envoyer|publier|poster|mettre|diffuser|balancer)\w*\s{1,2}"
    r"(?:our|the|that|notre|l'|cet|ce|son|mon)\s{0,2}"
    r"(?:video call|videocall|appel video|appel|call|facetime|visio)(?![\w])"
)
_RECORDED_PERSON = re.compile(
    r"(?<![\w])(?:recorded|filmed)\s{1,2}(?:my|his|her|our)\s{1,2}(?:sister|cousin|nephew|niece|dad|father|husband|"
    r"partner|uncle|friend|mate|son|brother|boyfriend|daughter)(?![\w])|"
    r"(?<![\w])(?:m'|l'|nous\s|les\s)(?:a|ont|avait|avaient|aurait)\s{1,2}(?:\w+\s{1,2})?(?:enregistr|film)\w*"
    r"|(?<![\w])(?:recorded|filmed|screen-?recorded|screenrecorded)\s{1,2}(?:me|him|her|us|my (?:son|brother|boyfriend|"
    r"husband|friend))(?![\w])"
)
_CALL_WORD = re.compile(r"appel|call|visio|facetim|video chat|chat video|cam to cam|omegle|chatroulette")
_VIDEO_NOUN = re.compile(r"(?<![\w])(?:videos?|vids?|clips?|recordings?|enregistrements?|sextapes?)(?![\w])"
                         r"(?!\s{0,2}(?:calls?|chats?|appels?|sur (?:whatsapp|skype|messenger|snap)))")


_LIVE_VIDEO = re.compile(r"\s{0,2}(?:video|stream|cam|chat|session|call|show)")
_SESSION = re.compile(r"\s{0,2}(?:session|seance|chat|show)")  # "une session webcam": a call
_SESSION_BEFORE = re.compile(r"(?:session|seance)\s{1,2}$")


def _video_apart(text: str, calls: list[tuple[int, int]], windows: list[tuple[int, int]]) -> bool:
    """A call took place (not negated) and a video is held apart from the call's own words: "he'll
    post the video … it was a video call on Snap": the video is the call's."""
    if all(_NEG.search(text, max(0, s - 22), s) for s, _ in calls):
        return False
    starts = [s for s, _ in calls]
    for video in finditer_in(_VIDEO_NOUN, text, windows):
        i = bisect_left(starts, video.start() + 4) - 1  # the last call starting before the noun (or 3 after)
        if i < 0 or calls[i][1] < video.start():
            return True
    return False


def _webcam(text: str, win: dict[str, list[tuple[int, int]]], device: bool) -> bool:
    """A camera or video call with a recording (or undressing) close by; when the text tells of a
    hacked device (``device``), only a call named as such counts, not the camera."""
    if _any(_CALL_RECORDING, text, windows=win.get("call_rec", [])):
        return True
    if not device and _any(_RECORDED_PERSON, text, windows=win.get("rec", [])):
        return True
    # "where you live", "I don't even have a webcam": no camera
    found = [m for m in finditer_in(_CAM_RE, text, win.get("cam", []))
             if (m.group() != "live" or _LIVE_VIDEO.match(text, m.end())) and not _NEG.search(
                 text, max(0, m.start() - 22), m.start())]
    if device:
        found = [m for m in found if m.group() not in _DEVICE_ONLY]
    calls = [m for m in found if _CALL_WORD.search(m.group()) or _SESSION.match(text, m.end())
             or _SESSION_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    if calls and not device and _video_apart(text, [m.span() for m in calls], win.get("video", [])):
        return True
    cams = [m.span() for m in found]
    if not cams:
        return _any(_APP_VIDEO, text, False, intersect(win.get("app_video", []), win.get("media", [])))
    recs = [m.span() for m in finditer_in(_REC_RE, text, win.get("rec", []))]
    if _near(cams, recs, text, 120, 120):
        return True
    undress = [m.span() for m in finditer_in(_UNDRESS_RE, text, win.get("undress", []))]
    demanded = [m.span() for m in finditer_in(_NAKED_CALL, text, win.get("more2", []))]
    if demanded:  # a naked call asked for is not a recording made
        undress = [u for u in undress if not any(a <= u[0] < b for a, b in demanded)]
    return _near(cams, undress, text, 60, 150) or _any(_APP_VIDEO, text, False, intersect(
        win.get("app_video", []), win.get("media", [])))


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
# Money for deleting: "pay to take it down", "il réclame 300 € pour la retirer"
_DELETION = (r"take (?:it|them|the \w+) down|delete (?:it|them|the \w+)|remove (?:it|them|the \w+)|"
             r"supprime\w* (?:la|les|tout)|(?:pour|to|de) (?:(?:la|les|le|l') ?)?(?:retirer|enlever|supprimer|effacer|"
             r"remove|delete|take down)")
_DELETION_RE = re.compile(_DELETION)
_OR_WHO = ("it", "they", "them", "everyone", "everybody", "all", "the", "your", "my", "more", "ca", "elle", "elles",
           "la", "les", "le", "tes", "ta", "ton", "tout", "toutes", "tous", "vos", "votre", "mes", "ma", "mon",
           "d'autres", "plus")
_OR_GOES = (r"(?:(?:or|ou)\s(?:" + trie_pattern(_OR_WHO) + r")|sinon|sinn|else|otherwise)\s(?:[\w']+\s){0,2}"
            r"(?:goes|go|gets?|will go|sees?|will see|verra|"
            r"verront|part|partira|ira|iront|recevra|recevront|receives?|gets? posted|gets? sent|gets? leaked|"
            r"is posted|are posted|is sent|sera (?:publiee?|envoyee?|partagee?|diffusee?)|seront (?:publiees|"
            r"envoyees|partagees|diffusees))")
_OR_GOES_RE = re.compile(_OR_GOES)
_THREAT_WORDS = trie_pattern((
    "menac", "threat", "chantage", "blackmail", "fait chanter", "faire chanter", "sinon", "sinn", "or else",
    "otherwise", "if you don't", "if you dont", "if i don't", "if i dont", "if i didn't", "if i didnt",
    "if i did not", "if i do not", "sauf si", "unless", "expose", "extorsion",
    "extortion", "ransom", "rancon"))
_THREAT_OR = trie_pattern(
    [f"{c} {p}{v}" for c in ("ou", "or", "et") for p in ("je ", "j'", "il ", "elle ")
     for v in ("envoie", "publie", "partage", "diffuse", "balance", "montre")]
    + [f"{c} {p}{a}{v}" for c in ("or", "and") for p in ("he", "she", "they", "i") for a in (" ", " will ", "'ll ")
       for v in ("send", "post", "share", "publish", "leak", "show")])
_THREAT_FUTURE = trie_pattern(
    [f"{p}{a}" for p in ("he", "she", "they", "i") for a in ("'ll", " will", " is going to", " are going to",
                                                             " gonna", " go", " say he go", " say she go", "'d",
                                                             " would")]
    + [f"{p} {a}" for p in ("il", "elle", "ils", "qu'il", "qu'elle") for a in (
        "va", "vont", "allait", "allaient", "menace de", "menace d'")]
    # Québec: "a va envoyer" (elle va), "y dit qu'y va", "qu'a va"
    + [f"{p} va" for p in ("a", "y", "qu'a", "qu'y")])
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
                   "ils vont", "il menace", "elle menace", "sinn", "if i", "si je", "si j", "a va", "y va", "qu'a va",
                   "qu'y va", "would", "he'd", "she'd", "they'd", "for not", "remove", "retir", "enlev", "effac",
                   "else",
                   *(f"{c} {w}" for c in ("or", "ou") for w in _OR_WHO))
_THREAT = re.compile(
    r"(?<![\w])(?:(?:" + _THREAT_WORDS + r")|(?:or|ou) (?:the|your|my|la|les|tes|ta|ton|mes|ma|more|all|d'autres|"
    r"plus de|toutes? (?:les|tes|mes)) (?:\w+ )?"
    r"(?:videos?|vids?|clips?|photos?|pics?|pictures?|nudes?)|(?:pour|to|for) (?:ne )?(?:pas |not )(?:publier|"
    r"diffuser|envoyer|partager|montrer|post|leak|send|share|show|posting|leaking|sending|sharing|showing|"
    r"publishing)|pour (?:publier|diffuser|envoyer)|" + _DELETION + r"|"
    # "pay or it goes to your friends", "or everyone sees the video", "sinon la vidéo part à tes contacts"
    + _OR_GOES + r"|"
    # "si je paye pas le reste il met la vidéo sur YouTube"
    r"si (?:je|j') ?(?:ne |n')?(?:lui |leur )?(?:paie|paye|payes|envoie|verse|vire|donne|fais)\w* pas|"
    r"(?:" + _THREAT_OR + r")|(?:" + _THREAT_FUTURE + r")\s(?:\w+\s){0,2}"
    r"(?:send|post|share|publish|leak|show|envoyer|publier|diffuser|partager|montrer|balancer|mettre))"
)
# "blackmailing me w pics", "me fait chanter avec des photos", "threatening her over pics"
_BLACKMAIL_WITH = re.compile(
    r"(?<![\w])(?:blackmail\w*|chantage|chanter|threaten\w*|menac\w*|extort\w*)\s(?:[\w']+\s){0,2}"
    r"(?:with|w/?|avec|over|about|using|a cause de|par rapport a|en utilisant)\s(?:[\w']+\s){0,2}"
    r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|sextapes?|clips?)(?![\w])"
)
# "he has my video … wants £300": images held, money asked
# A fake police officer or recovery agent offering to delete the video for a fee is a scam, not a threat.
_RECOVERY = re.compile(
    r"(?<![\w])(?:police\w*|polici\w*|gendarm\w*|brigade|commandant|commissaire|inspecteur|inspector|officer|officier|agent|"
    r"interpol|europol|fbi|cybercrim\w*|cyber crime|avocat|lawyer|attorney|cabinet|recovery|recuperation|"
    r"rembours\w*|refund\w*)(?![\w])"
)
_SHARE_WORD = re.compile(
    r"(?:envo\w*|send\w*|shar\w*|partag\w*|publi\w*|post\w*|diffus\w*|montr\w*|show\w*|leak\w*|expos\w*|"
    r"part|partira|ira|iront|retir\w*|enlev\w*|effac\w*|remov\w*|goes|\bgets?\b|sent|"
    r"balanc\w*|verra|verront|see|sees|goes to|go to|rend publique|recoi\w*|recevr\w*|receive\w*|gets|put|mettre|"
    r"met|youtube|take \w+ down|supprim\w*|delete)"
)
_IMAGE_WORD = re.compile(r"(?<![\w])(?:videos?|vids?|photos?|fotos?|images?|pics?|pictures?|nudes?|clips?|sextapes?|"
                         r"enregistrement|recording|messages|captures?|them|it|les)(?![\w])")
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
# The victim's own pictures in the story: asked for, sent by the victim, held ("he has my pics") or
# recorded. With money demanded or paid, that is sextortion even when no threat is spelled out ("she
# asked for pics, then demanded Google Play cards").
_VICTIM_MEDIA = (r"(?:photos?|videos?|vids?|images?|pics?|pictures?|nudes?|tsawer|sextapes?|selfies?|"
                 r"recordings?|enregistrements?)")
_VICTIM_IMAGES = re.compile(
    r"(?<![\w])(?:(?:demande\w*|asked|asking|asks?|exige\w*|wanted|wants?|convaincu|convinced|got|tricked|obtenu|"
    r"recupere|persuade\w*|reclame\w*|requested)\s{1,2}(?:(?:him|her|me|them|lui|leur|moi|to send|d'envoyer|de lui "
    r"envoyer|into sending|for|des|de|d'|some|a|une?|the)\s{0,2}){0,3}(?:\w+\s{1,2})?" + _VICTIM_MEDIA +
    r"|(?:(?:j'?ai|j ai|jai|i|i've|il a|elle a|he|she|on a|we)\s{1,2}(?:(?:lui|him|her|them|leur|deja|already|"
    r"also|aussi)\s{1,2}){0,2}(?:sent|envoye|shared|partage)\s{1,2}(?:\w+\s{1,2}){0,2}" + _VICTIM_MEDIA + r")"
    r"|(?:has|have|got|holds?|a|ai|ont|has got|possede|garde|detient)\s{1,2}(?:(?:still|toujours|encore|deja|already)"
    r"\s{1,2})?(?:my|mes|ma|her|his|ses|sa|your|ur|tes|ta|our|nos)\s{1,2}(?:\w+\s{1,2})?" + _VICTIM_MEDIA +
    # (not "une photo d'elle": that may be the scammer's)
    r"|" + _VICTIM_MEDIA + r"\s{1,2}(?:of me|de moi|of you|de toi|of yourself)"
    # "we exchanged photos", "photos he had sent to a girl", "m'a piégé avec des photos", "tu m'as envoyé tes photos"
    r"|(?:exchanged|swapped|traded|echange\w*)\s{1,2}(?:\w+\s{1,2}){0,2}" + _VICTIM_MEDIA +
    r"|" + _VICTIM_MEDIA + r"\s{1,2}(?:that\s{1,2}|qu'\s?)?(?:he|she|i|il|elle|j')\s{0,2}(?:had\s{1,2}|has\s{1,2}|"
    r"have\s{1,2}|avait\s{1,2}|a\s{1,2}|ai\s{1,2})?(?:sent|envoye)"
    r"|(?:piege\w*|trapped|tricked)\s{1,2}(?:\w+\s{1,2}){0,2}(?:avec|with)\s{1,2}(?:\w+\s{1,2})?" + _VICTIM_MEDIA +
    r"|(?:m'as|m'a|m'avez|sent me)\s{1,2}(?:envoye\s{1,2})?(?:tes|ses|vos|your|his|her)\s{1,2}" + _VICTIM_MEDIA +
    # "a collage of my photos", "une capture de ta vidéo"
    r"|(?:collage|montage|compilation|screenshot|capture)s?\s{1,2}(?:of|de)\s{1,2}(?:my|mes|ma|his|her|ses|sa|your|"
    r"tes|ta)\s{1,2}(?:\w+\s{1,2})?" + _VICTIM_MEDIA +
    # "said my video goes to my family", "or my pics go out", "sinon ta vidéo part chez tes parents"
    r"|(?:my|mes|ma|mon|your|ur|tes|ta|ton|his|her|ses|sa)\s{1,2}(?:\w+\s{1,2})?" + _VICTIM_MEDIA +
    r"\s{1,2}(?:goes|go|will go|is going|are going|gets? (?:sent|posted|leaked|out)|ira|iront|part|partent|partira|"
    r"partiront|sera (?:envoyee?|publiee?)|seront (?:envoyees|publiees))(?![\w])" +
    r"|(?:recorded|filmed)\s{1,2}(?:it|me|him|her|us|our)|(?:m'|l'|nous\s)(?:a|ont|avait)\s{1,2}(?:\w+\s{1,2})?"
    r"(?:enregistr|film)\w*)(?![\w])"
)
_ASKS_MONEY = re.compile(
    r"(?:veut|veulent|demande\w*|exige\w*|reclame\w*|wants?|asks?|asked|demands?|pay|payer|paie|paye)"
    r"\s{1,2}(?:\w+\s{1,2}){0,3}(?:de l'argent|d'argent|argent|money|bitcoins?|crypto|cartes?|cards?|\d)"
)


# A demand denied by its subject or its verb: "Nobody's asked me for money", "Personne ne nous a demandé
# d'argent", "he never asked for money", "Il ne demande pas d'argent" (a negation further back, "if I don't
# pay he wants money", denies nothing).
_NOT_ASKED = re.compile(r"(?<![\w'])(?:nobody|no one|no-one|personne|never|jamais|ne|pas|n'(?:a|ont|avait)|hasn'?t|"
                        r"haven'?t|didn'?t|"
                        r"doesn'?t|did not|does not|has not|have not)(?:'s|\s{1,2}has|\s{1,2}had)?"
                        r"(?:\s{1,2}(?:\w+|n'a|m'a|nous a|lui a|a|ever|even|yet|encore))?\s{0,2}$")


def _asks_money(text: str, windows: list[tuple[int, int]]) -> bool:
    for m in finditer_in(_ASKS_MONEY, text, windows):
        if not _NOT_ASKED.search(text, max(0, m.start() - 30), m.start()):
            return True
        # "she did not pay and he wants money": the denied verb's match holds another demand
        inner = _ASKS_MONEY.search(text, m.start() + 1, m.end())
        if inner is not None and not _NOT_ASKED.search(text, max(0, inner.start() - 30), inner.start()):
            return True
    return False


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
    # passive: "la vidéo sera partagée avec tous mes contacts si je ne paie pas"
    r"|(?<![\w])(?:videos?|vids?|photos?|pics?|pictures?|nudes?|clips?|captures?)\s(?:sera|seront|serait|seraient|"
    r"will be|would be|gets?|will get)\s(?:\w+\s)?(?:publiee?s?|partagee?s?|envoyee?s?|diffusee?s?|postee?s?|"
    r"posted|shared|sent|leaked|published|uploaded)(?![\w])"
)


def _threat_to_share(text: str, windows: list[tuple[int, int]]) -> bool:
    """A threat with a share verb and the victim's people or their images, close together; money to
    delete images, unless a fake officer or recovery agent offers it."""
    recovery: bool | None = None
    for threat in finditer_in(_THREAT, text, windows):
        if _DELETION_RE.fullmatch(threat.group()):
            if recovery is None:
                recovery = bool(_RECOVERY.search(text))
            if recovery:
                continue
            if _MEDIA_RE.search(text, max(0, threat.start() - 150), min(len(text), threat.end() + 60)):
                return True
        window = text[threat.start():min(len(text), threat.end() + 90)]
        if _OR_GOES_RE.fullmatch(threat.group()) and not _MEDIA_RE.search(
                text, max(0, threat.start() - 150), min(len(text), threat.end() + 90)):
            continue  # "pay or everyone sees it": which pictures, if any, is not said
        if _SHARE_WORD.search(window) and (_AUDIENCE_RE.search(window) or _IMAGE_WORD.search(window)):
            return True
        # "she'll put our video call on YouTube unless I pay": the threat word comes after
        low = max(0, threat.start() - 70, text.rfind(".", max(0, threat.start() - 70), threat.start()) + 1)
        if _SHARE_BEFORE.search(text, low, threat.start()):
            return True
    return False


# Every match of a signal's rule holds one of its words and lies within ``CUE_REACH`` characters of
# it (``patterns.Anchors``; ``extract.cues`` uses the same reach for every finder's cue words).
CUE_REACH = 120
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "self_harm": _SELF_HARM_WORDS,
    "school": _SCHOOL_WORDS,
    "deadline": _DEADLINE_WORDS,
    "deadline_given": ("donne", "laisse", "accorde", "gave", "gives", "given", "giving", "give"),
    "paid": _PAID_WORDS,
    "shared": _SHARE_WORDS,
    # the newer sharing rules: each match holds one of these words (and, ``intersect``, a picture word)
    "sharing_now": ("sending", "posting", "sharing", "showing", "leaking", "forwarding", "envoi", "envoy", "partag",
                    "publi", "post", "montr", "diffus", "balanc", "sends", "shares", "posts", "shows", "leaks",
                    "forwards"),
    "sent_them": ("sent", "dm'd", "dmd", "dm'ed", "messaged", "texted", "showed", "forwarded", "emailed", "e-mailed",
                  "envoye", "montre", "leur a", "lui a", "contacte", "wrote to", "ecrit a", "send message",
                  "sends message", "send a message"),
    "sent_pronoun": tuple(f"{v} {p}" for v in ("sent", "showed", "forwarded", "dm'd", "dmd", "texted")
                          for p in ("them", "him", "her")),
    # "is on", "sont deja sur", "is already online"…: the verb and what follows it
    "online": ("it's", "they're", *(f"{be} {now}{where}" for be in _BE for now in ("", *(f"{n} " for n in _BY_NOW))
                                    for where in ("on", "sur", "online", "en ligne", "up on", "live on"))),
    "media": ("photo", "video", "vid", "image", "pic", "nude", "sextape", "capture", "clip", "screen", "recording",
              "enregistrement"),
    "contacted": _CONTACT_WORDS,
    "more": _MORE_WORDS,
    "more2": _MORE2_WORDS,
    # every match of ``_FILM_THEMSELVES`` holds one of these
    "film_self": ("filme", "deshabill", "montre", "mette a nu", "fasse", "film", "record", "tape", "strip", "undress",
                  "naked", "cam", "on video"),
    "cam": _CAM_WORDS,
    # every match of ``_CALL_RECORDING`` names the call or the camera
    "call_rec": ("webcam", "web cam", "cam", "camera", "appel", "call", "visio", "facetim", "live", "session",
                 "conversation video", "video chat"),
    # Short prefixes: a long anchor would hide the words inside it from the other rules.
    "rec": ("enregistr", "film", "record", "captur", "screen", "montage", "video de", "video of", "video from",
            "clip of", "garde la", "kept the", "piege", "trapped", "tricked"),
    "undress": ("deshabill", "tout nu", "toute nu", "naked", "nude", "strip", "touch", "masturb", "solo", "a poil",
                "denud", "got sexual"),
    "cam_access": ("web", "cam", "device", "computer", "laptop", "ordi", "appareil", "ecran", "screen"),
    "app_video": ("skype", "facetime", "messenger", "whatsapp", "zoom", "snap", "instagram", "insta", "teams",
                  "omegle", "visio"),
    "intimate": ("nu", "nude", "naked", "intim", "sex", "masturb", "porn",
                 "explicit",
                 "deshabill", "dirty", "compromett", "compromising", "privee", "private", "jerking", "touchais",
                 "adult", "osee", "hot pics", "chaud"),
    "threat": _THREAT_ANCHORS,
    "hack": ("hack", "pirat", "trojan", "troie", "malware", "spyware", "logiciel espion", "virus", "rat ", "pegasus",
             "keylogger", "acces", "access to"),
    "crypto": ("bitcoin", "btc", "litecoin", "ltc", "crypto", "wallet", "portefeuille", "ethereum", "usdt"),
    "asks": ("veut", "veulent", "demand", "exig", "reclam", "want", "ask", "pay ", "payer", "paye", "paie",
             "request"),
    "explicit": ("sext", "chantage", "extortion", "blackmail"),
    # every match of ``_MORE_UNNAMED``, ``_THEIR_CONTACT`` and ``_VIDEO_NOUN`` holds one of these
    "more_unnamed": ("demande", "redemande", "exige", "reexige", "reclame", "rereclame", "veu", "reveu", "voul", "ask",
                     "demand", "want", "request", "send", "sent",
                     # the demand as a condition or a refusal ("si je ne lui en envoyais pas d'autres")
                     "en envoi", "en envoy", "en reenvoi", "en reenvoy", "en fai", "en fass", "en refai", "en refass",
                     "en film", "en refilm", "refus", "stopped", "a arrete", "arretait"),
    "their_contact": ("number", "phone", "email", "account", "numero", "compte"),
    "video": ("video", "vid", "clip", "recording", "enregistrement", "sextape"),
    "held": ("video", "vid", "photo", "pic", "nude", "image", "sextape", "recording", "enregistrement", "tsawer",
             "selfie", "recorded", "filmed", "enregistr", "film"),
}
_ANCHORS = Anchors(CUE_WORDS, reach=CUE_REACH)


# "il a transféré la capture": images, not money.
_IMAGE_AFTER = re.compile(
    r"\s{0,2}(?:[\w']+\s{1,2}){0,2}(?:captures?|videos?|vids?|clips?|photos?|pics?|images?|nudes?)\b"
)
# "wants $500 for my pics", "300 € pour ses photos"
_MONEY_FOR_IMAGES = re.compile(
    r"(?<![\w])(?:for|pour|against|contre)\s{1,2}(?:my|mes|ses|his|her|tes|your|the|les|ces|these|those|nos|our)\s{1,2}"
    r"(?:\w+\s{1,2})?(?:pics?|photos?|videos?|vids?|nudes?|clips?|images?|pictures?)(?![\w])"
)


def safety(text: str, win: dict[str, list[tuple[int, int]]] | None = None) -> dict[str, bool]:
    """The two signals that put a help route first (the crisis line, child protection), for a
    folded text: all that intake's first look reads in the texts (see ``extract.first_look``)."""
    win = _ANCHORS.windows(text) if win is None else win
    return {"minor": _minor(text, win.get("school", [])), "self_harm": _self_harm(text, win.get("self_harm", []))}


def detect(text: str, money: Iterable[Money] = (), mentions: Iterable[Mention] = (),
           cues: dict[str, list[tuple[int, int]]] | None = None) -> dict[str, bool]:
    """All signals for a folded text (see ``unicode.Normalised.folded``); ``cues``: its windows
    from ``extract.cues`` if already found."""
    money = list(money)
    kinds = {m.kind for m in mentions}
    win = _ANCHORS.windows(text) if cues is None else cues
    signals = dict.fromkeys(SIGNALS, False)
    signals.update(safety(text, win))
    signals["deadline"] = _deadline(text, win.get("deadline", [])) or _any(
        _DEADLINE_GIVEN, text, negatable=False, windows=win.get("deadline_given", []))
    paid_money = any(m.role == "paid" for m in money)
    signals["paid"] = paid_money or bool(kinds & {"transfer_reference", "gift_card"}) or any(
        not _NEG.search(text, max(0, m.start() - 22), m.start())
        and not re.match(r"\s{0,2}(?:rien|pas|nothing|anything)\b", text[m.end():m.end() + 12])
        and not _IMAGE_AFTER.match(text, m.end(), min(len(text), m.end() + 40))
        for m in finditer_in(_PAID, text, win.get("paid", [])))
    shared, to_people = _images_shared(text, win)
    signals["images_shared"] = shared
    signals["friends_contacted"] = to_people or _contacted_others(text, win.get("contacted", [])) or bool(
        _their_contact(text, win.get("their_contact", [])))
    signals["more_images_demanded"] = _demanded_unless_negated(text, win.get("more", [])) or _any(
        _FILM_THEMSELVES, text, windows=win.get("film_self", [])) or _any(
        _AND_MORE_IMAGES, text, windows=win.get("media", [])) or _any(
        _ANOTHER_MADE, text, windows=win.get("media", [])) or _another_one(text, win.get("more", [])) or _any(
        _MORE_IMAGES_2, text, windows=win.get("more2", [])) or _more_unnamed(text, win.get("more_unnamed", [])) \
        or _any(_IMAGES_OR_ELSE, text) \
        or _asked_again(text, win.get("asks", [])) or _any(_NAKED_CALL, text, windows=win.get("more2", [])) \
        or _any(_MEDIA_NOW, text, windows=win.get("asks", []))
    # "I hacked your phone", "recorded you through your own webcam": the spam e-mail's claim
    hacked = _any(_HACK, text, False, win.get("hack", [])) or _any(_DEVICE_CAM, text, False, win.get("cam_access", []))
    signals["webcam_scheme"] = _webcam(text, win, hacked)
    demanded = any(m.role == "demanded" for m in money) or _asks_money(text, win.get("asks", []))
    intimate = _any(_INTIMATE, text, windows=win.get("intimate", []))
    threat = _any(_THREAT, text, False, win.get("threat", []))
    spam_scheme = hacked and (
        "crypto" in kinds or _any(_CRYPTO, text, False, win.get("crypto", []))) and (
        intimate or signals["webcam_scheme"] or bool(_RECORDED.search(text)))
    signals["sextortion"] = (
        signals["webcam_scheme"] or signals["more_images_demanded"] or spam_scheme
        or (_any(_EXPLICIT, text, False, win.get("explicit", [])) and not (
            _PREVENTION.search(text) and not (demanded or signals["paid"] or threat)))
        or (intimate and (threat or demanded or _intimate_images_asked_or_held(text, win.get("intimate", []))))
        or (threat and _threat_to_share(text, win.get("threat", [])))
        or _any(_BLACKMAIL_WITH, text, False, win.get("threat", []))
        or (shared and (demanded or signals["paid"]))
        or (demanded and _gate(text, ("for ", "pour ", "against ", "contre ")) and bool(_MONEY_FOR_IMAGES.search(text)))
        or ((demanded or signals["paid"]) and _any(_VICTIM_IMAGES, text, windows=win.get("held", [])))
    )
    # What the reporter rules out: "Nothing sexual, I just want to know if it is real", "Rien à voir
    # avec des photos", "no money, no threats"; a question or a talk asked for, with nothing demanded.
    if signals["sextortion"] and not (signals["webcam_scheme"] or signals["more_images_demanded"] or spam_scheme) and (
            _DISCLAIMED.search(text) or (not (demanded or signals["paid"]) and _ASKING_ONLY.search(text))):
        signals["sextortion"] = False
    if signals["webcam_scheme"] and not hacked and not (demanded or signals["paid"]) and _PREVENTION.search(text):
        # "une soirée d'information sur le chantage à la webcam"
        signals["webcam_scheme"] = signals["sextortion"] = False
    return signals


_DISCLAIMED = re.compile(
    r"(?<![\w])(?:nothing (?:sexual|intimate)|rien de (?:sexuel|intime)|pas (?:de contenu )?sexuel|not sexual|"
    r"no sexual|nothing to do with (?:photos|pictures|pics|nudes|sex)|rien a voir avec (?:des|les) (?:photos|videos|"
    r"images)|no mention of (?:any )?(?:pictures|photos|images|videos)|(?:there (?:was|were|have been|has been) )?"
    r"no threats?|aucune menace|pas (?:eu )?de menaces?|sans (?:aucune )?menace|"
    # the reporter's own word: "Not sextortion but a scam", "ce n'est pas du chantage sexuel"
    r"not (?:a )?(?:sextortion|sexual blackmail)|(?:ce n'est |c'est )?pas (?:de la |du |un |une )?(?:sextorsion|"
    r"chantage sexuel))(?![\w])"
)
_ASKING_ONLY = re.compile(
    r"(?<![\w])(?:just a question|only a question|not reporting anything|juste une question|simple question|"
    r"une question seulement|je ne signale rien|nothing has happened|rien ne s'est passe|if something like that "
    r"happened|si (?:ca|cela) arrivait)(?![\w])"
)
