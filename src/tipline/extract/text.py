"""Free text → identifiers, money, places, language and signals.

The text is normalised once (``unicode.normalise``); every kind's finder reads the normalised
copy; overlaps are settled by rank (a URL that is a profile is not also a URL, a number inside a
wa.me link is the phone, an MTCN or a gift-card code is not a phone, an amount is not a phone);
spans are mapped back to the text as written. Pure: no I/O, no global state but caches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from tipline.domain.identifier import Found
from tipline.extract import cues
from tipline.extract import language as language_mod
from tipline.extract import money as money_mod
from tipline.extract import places as places_mod
from tipline.extract import signals as signals_mod
from tipline.extract.kinds import crypto, email, gift_card, iban, money_transfer, paypal, phone, profile, url
from tipline.extract.model import Context, Extraction, Mention, NearMiss
from tipline.extract.patterns import SpanSet
from tipline.extract.unicode import Normalised, normalise

Finder = Callable[[str, Context], Iterable[Mention]]
# The registry of finders; adding a kind adds a line here (and its module's ``find``).
FINDERS: tuple[Finder, ...] = (
    url.find, email.find, paypal.find, profile.find, phone.find, money_transfer.find, gift_card.find,
)
# Kinds that may share a span: a PayPal account given as an email address is both.
_MAY_SHARE = {frozenset({"paypal", "email"})}
# Kinds an amount of money overrides ("150 000 FCFA" is not a phone, "1 500 000" not a reference).
_YIELD_TO_MONEY = frozenset({"phone", "transfer_reference"})
MAX_TEXT = 2_000_000  # characters; the report schema stops at 1 MB, this bounds any other caller


def _region(country: str | None) -> str | None:
    if not country or not isinstance(country, str):
        return None
    code = country.strip().upper()
    return "GB" if code == "UK" else (code if len(code) == 2 and code.isalpha() else None)


def resolve(mentions: Iterable[Mention], blocked: Iterable[tuple[int, int]] = ()) -> list[Mention]:
    """Keep the highest-ranked mention where spans overlap; then one per (kind, value), first seen."""
    kept: list[Mention] = []
    taken = SpanSet()
    kinds_at: dict[tuple[int, int], set[str]] = {}
    money = SpanSet(blocked)
    for m in sorted(mentions, key=lambda m: (-m.rank, m.span[0] if m.span else 0)):
        if m.span is None:
            kept.append(m)
            continue
        if m.kind in _YIELD_TO_MONEY and money.overlaps(*m.span):
            continue
        clashes = taken.overlapping(*m.span)
        if clashes and not all(
                c == m.span and all(frozenset({m.kind, k}) in _MAY_SHARE for k in kinds_at[c]) for c in clashes):
            continue
        if m.span not in kinds_at:
            taken.add(*m.span)
        kinds_at.setdefault(m.span, set()).add(m.kind)
        kept.append(m)
    kept.sort(key=lambda m: m.span[0] if m.span else -1)
    unique: dict[tuple[str, str], Mention] = {}
    for m in kept:
        unique.setdefault((m.kind, m.value), m)
    return list(unique.values())


def extract_text(text: str, country: str | None = None, language: str | None = None,
                 source: str = "narrative") -> Extraction:
    """Everything ``tipline.extract`` reads in one text. ``country`` is the reporter's (ISO 3166
    alpha-2: the default region for national phone numbers, the meaning of "$"); ``language`` a
    hint used when the text is too short to tell. Never raises on any ``str``."""
    if not isinstance(text, str):
        text = text.decode("utf-8", "replace") if isinstance(text, bytes | bytearray) else str(text)
    text = text[:MAX_TEXT]
    region = _region(country)
    norm = normalise(text)
    cue_windows = cues.windows(norm.folded)
    found_places = places_mod.find(norm.folded, norm.text, cue_windows.get("place", []))
    context = Context(region=region, language=language, source=source, folded=norm.folded,
                      places=tuple(found_places), cues=cue_windows)
    near_misses: list[NearMiss] = []
    mentions: list[Mention] = [*crypto.find(norm.text, context, near_misses),
                               *iban.find(norm.text, context, near_misses)]
    for finder in FINDERS:
        mentions.extend(finder(norm.text, context))
    amounts = list(money_mod.find(norm.text, context))
    resolved = _without_own(norm.folded, resolve(mentions, blocked=[m.span for m in amounts if m.span]))
    signals = signals_mod.detect(norm.folded, amounts, resolved, cue_windows)
    return Extraction(
        language=language_mod.detect(norm.folded, hint=language),
        mentions=[_to_original(m, norm) for m in resolved],
        money=[replace(m, span=norm.to_original(*m.span)) if m.span else m for m in amounts],
        places=places_mod.countries(found_places),
        signals=signals,
        near_misses=[replace(n, span=norm.to_original(*n.span)) if n.span else n for n in near_misses],
    )


# The reporter's own contact details ("mon numéro c'est le 06…", "you can reach me at…", a "Moi:"
# line of a pasted chat) are not the scammer's: linking them would join victims and leak them.
_OWN_KINDS = frozenset({"phone", "email", "profile", "paypal"})
# "mon numéro c'est", "my contact number is", "mon mail à moi :", "mon propre mail :", "my own address (",
# "mon numéro si vous voulez me rappeler :" (a short clause that ends on ":" or "(").
_OWN_NOUN = (r"(?:numero|num|no|number|nr|tel|telephone|phone|portable|cell|cellphone|cellulaire|mobile|gsm|"
             r"courriel|mail|e-mail|email|adresse|address|whatsapp|contact|coordonnees|details|line|ligne|landline|"
             r"fixe|natel|cel|ligne directe|direct line|"
             # the reporter's organisation's line, said so: "Notre standard :", "our school office:"
             r"standard|switchboard|secretariat|accueil|office line|school office|front office)")
_OWN_BEFORE = re.compile(
    r"(?<![\w])(?:(?:mon|ma|my|mes|notre|nos|our)\s{1,2}(?:(?:propre|own|personal|personnel|perso|contact|work|home|"
    r"office|private|prive|direct|main|best|daytime|usual|current)\s{1,2}){0,2}" + _OWN_NOUN +
    r"(?:\s{1,2}(?:de|du|d'|number|no|num|phone|cell|mobile|portable|telephone|tel|address|adresse|e-?mail|mail|"
    r"courriel|perso|personnel|pro|a moi|a nous|to me|de telephone|de portable|de tel)(?![\w])){0,2}"
    r"(?:[^\n.!?:@()]{0,40}[:(]|[^\n.!?:@()\d]{0,40}\s(?=(?:c'est|c est|cest|c|est|is)\s))?\s{0,2}"
    r"(?:(?:c'est|c est|cest|c|est|is|it's|:|-|=|,)\s{0,2})?(?:(?:le|la|l'|au)\s{0,2})?\(?\s{0,2}"
    # "…chanteur : +33 7…. Moi : 06…": the reporter's line of a list, opening a sentence or the text
    r"|(?:(?<=^)|(?<=[.!?;\n])|(?<=[.!?;]\s))(?:moi|me|myself|moi-meme)\s{0,2}:\s{0,2}"
    # "pour me joindre : 06…", "to reach me: x@y"
    r"|(?:m'appeler|me joindre|me contacter|m'ecrire|me rappeler|me repondre|reach me|contact me|call me)"
    r"\s{0,2}:\s{0,2}"
    r"|(?:m'appeler|m'appelez|me joindre|me contacter|me recontacter|m'ecrire|(?:r?appel+(?:ez|e)|r?econtact(?:ez|e)|"
    r"ecri(?:vez|s)|textez)[- ]moi|joignable|rejoindre|me rappeler|me repondre|"
    # parents writing together: "vous pouvez nous joindre au…" (not a fake officer's "contactez-nous")
    r"(?:vous pouvez|pouvez-vous|merci de|n'hesitez pas a)\s{1,2}nous\s{1,2}(?:joindre|contacter|appeler|rappeler|"
    r"ecrire|recontacter))\s{1,2}(?:[a-z']{1,12}\s{1,2}){0,2}"
    r"(?:au|a|sur|par|on)\s{0,2}(?:(?:le|la|l')\s{0,2})?(?:numero\s{0,2}|mail\s{0,2}|courriel\s{0,2})?:?\s{0,2}"
    r"|(?:a votre disposition|a ta disposition|disponible|available)\s{1,2}(?:au|a|sur|par|at|on)\s{0,2}"
    r"(?:(?:le|la|l')\s{0,2})?"
    r"|(?:(?:pls|please|plz|svp|you can|vous pouvez)\s{1,2}(?:text|sms|whatsapp|message|dm)\s{1,2}me\s{1,2}(?:at|on)"
    r"\s{0,2})"
    r"|(?:(?:reach|call|email|e-mail|contact|phone|ring)\s{1,2}me\s{1,2}(?:back\s{1,2})?"
    # "text me back at…" is the reporter's; a bare "text me at…" is as likely the scammer's, quoted
    r"|(?:text|txt|message|sms|whatsapp|write to)\s{1,2}me\s{1,2}back\s{1,2})"
    r"(?:(?:at|on)\s{1,2}"
    r"(?:work|home|the office)\s{1,2})?(?:at|on|via)\s{1,2}(?:(?:my|the)\s{1,2}(?:\w+\s{1,2})?)?:?\s{0,2}"
    # "I can be reached at 602…", "we can be contacted on…" (the reporter: "he can be reached" is not)
    r"|(?:i|we)\s{1,2}(?:can|could|may)\s{1,2}(?:also\s{1,2})?be\s{1,2}(?:reached|contacted|called)\s{1,2}"
    r"(?:back\s{1,2})?(?:at|on|via)\s{1,2}(?:(?:my|the)\s{1,2}(?:\w+\s{1,2})?)?:?\s{0,2}"
    # the reporter's "Please reply to x@y", not a pasted threat's "Reply to x@y if you have questions"
    r"|(?:please|pls|kindly)\s{1,2}(?:reply|respond|write back|get back)\s{1,2}to(?:\s{1,2}(?:me|us))?"
    r"(?:\s{1,2}(?:at|on|via))?\s{0,2}:?\s{0,2}|(?:reply|respond|write back|get back)\s{1,2}to\s{1,2}(?:me|us)"
    r"\s{1,2}(?:at|on|via)\s{0,2}:?\s{0,2}|(?:merci de|veuillez)\s{1,2}(?:me\s{1,2})?repondre\s{1,2}(?:a|sur|par)"
    r"\s{0,2}:?\s{0,2}"
    # "moi j'utilise x@y", "I use x@y", "mine is", "le mien c'est"
    r"|(?:j'utilise|j utilise|i use|i'm using|im using|mine is|mine's|le mien (?:c'est|est)|la mienne (?:c'est|est))"
    r"\s{0,2}:?\s{0,2}(?:(?:l'adresse|the address|the email|the number|le numero)\s{1,2})?)$"
)
_OWN_GATE = ("mon ", "ma ", "my ", "mes ", "notre ", "nos ", "our ", "m'", "me ", "me:", "moi", "nous ", "reached",
             "contacted", "called ", "joignable", "rejoindre", "utilise", "i use", "using", "mine", "mien",
             "disposition", "disponible", "available", "reply", "respond", "write back", "get back", "repondre")
# Said after the value: "…from j.h@bt.com, which is mine", "x@y (c'est la mienne)".
_OWN_AFTER = re.compile(r"[ \t]{0,2}[,(]?[ \t]{0,2}(?:which is mine|that is mine|that's mine|it's mine|"
                        r"(?:my own|mine)\)|(?:qui est|c'est|c est|soit) (?:la mienne|le mien|"
                        r"mon (?:adresse|numero|mail|propre)|ma propre|moi))")
# A pasted e-mail's recipient is the reporter (the extortion spam often claims to come from that very
# address: "From: x@y / To: x@y"): that value is the reporter's wherever it appears in the report.
_TO_HEADER = re.compile(r"^[ \t>]{0,4}(?:to|a|destinataire|recipient)[ \t]{0,2}:[ \t]{0,2}(?:[^\n<@]{0,40}<)?"
                        r"(?P<addr>[^\s<>@]{1,64}@[^\s<>]{1,255})", re.MULTILINE)
# A signature: contact details alone on one of the last lines, under a short line that names the
# reporter ("Nathalie B.", "Mrs. W. Otieno", "Regards, Karen").
_CONTACT_LEFT = re.compile(r"\S+@\S+|\+?\d[\d\s().-]{5,}\d|[\s\-–—|,;:/]+|(?:tel|tél|phone|mob|mobile|email|e-mail|"
                           r"mail|courriel|gsm|cell)\b\.?")
_SIGN_OFF = re.compile(r"(?:cordialement|bien (?:a vous|cordialement)|salutations|sinceres salutations|merci|"
                       r"regards|kind regards|best regards|best|thanks|thank you|many thanks|sincerely|yours|"
                       r"sent from my|envoye de mon|envoye depuis mon)(?![\w])[^\n]{0,30}$")
_SIGNATURE_TAIL = 200  # characters after a signature's line at most: a line or two of contact details
_NOT_A_NAME = re.compile(r"[:@\d]|(?<![\w])(?:his|her|their|son|sa|ses|scam\w*|arnaqu\w*|number|numero|email|mail|"
                         r"phone|profil\w*|compte|account|wallet|iban|address|adresse)(?![\w])")
# A helpline's number is nobody's to link: "the Revenge Porn Helpline (0345 6000 459)", "Kids Help Phone".
_HELPLINE_BEFORE = re.compile(
    r"(?<![\w])(?:helpline|hotline|help line|help phone|ligne d'ecoute|ligne d'aide|ligne d'urgence|crisis line|"
    r"tel-jeunes|tel jeunes|samaritans|childline|numero vert|service client|customer (?:service|support|care))"
    r"[^.!?\n]{0,25}$"
)
# A second contact in the same breath: "call me at 07… or at x@y", "joignable au 06… ou par mail : x@y".
# "… ou par mail à x@y", "… or at the address x@y", "01 42… – avocat@…", "07… | g.l@…"
_OWN_LIST = re.compile(
    r"\s{0,2}\)?\s{0,2}(?:,|;|/|&|\||–|—|-|ou|or|et|and)\s{1,2}(?:(?:at|on|au|sur|par|by|via|a)\s{1,2})?"
    r"(?:(?:(?:l'|le |la |the )?(?:mail|e-mail|email|courriel|adresse|address|tel|telephone|phone|whatsapp|sms|texto|"
    r"text)|(?:mon|ma|my) \w+)\s{0,2})?"
    r"(?:(?:c'est|is|:|a|at|au|sur|on)\s{0,2})?(?:(?:le|la|l')\s{0,2})?"
)
# ("Mon GSM :", "Mes coordonnées :" label the reporter's own: read as any text is, below)
_FIELD_LABEL = re.compile(r"(?:son|sa|ses|his|her|their|le|la|les|the|mon|ma|mes|my|notre|nos|our)\s|"
                          r"(?:whatsapp|numero|num|tel|phone|e-?mail|mail|snap|insta|facebook|fb|contact|compte|account|profil|profile|iban|paypal|skype|"
                          r"telegram|tiktok)(?![\w])")
_ME_LABEL = re.compile(r"[.!?;][ \t]{0,2}(?:moi|me|myself)[ \t]{0,2}:[ \t]{0,2}$")
_SPEAKER = re.compile(r"[ \t]{0,4}(?:\[[^\]\n]{0,30}\][ \t]{0,2})?(?P<who>[a-z][\w.'\-]{0,20}(?: [\w.'\-]{1,20})?)"
                      r"[ \t]{0,2}:(?!//)")


def _without_own(folded: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (sorted by position) less the reporter's own contact details, and the ones
    listed right after one of those ("…au 06… ou par mail : x@y")."""
    kept: list[Mention] = []
    previous_own_end = -1
    addressed = _headed_to_reporter(folded) if "@" in folded else set()
    for m in mentions:
        own = (m.kind, m.value) in addressed or _reporters_own(folded, m)
        if not own and m.span is not None and m.kind in _OWN_KINDS and previous_own_end >= 0:
            gap = _OWN_LIST.match(folded, previous_own_end, m.span[0])
            own = gap is not None and gap.end() == m.span[0]
        if own and m.span is not None:
            previous_own_end = m.span[1]
            continue
        if m.span is not None and m.kind in _OWN_KINDS:
            previous_own_end = -1
        kept.append(m)
    return kept


def _reporters_own(folded: str, m: Mention) -> bool:
    if m.span is None or m.kind not in _OWN_KINDS:
        return False
    start = m.span[0]
    newline = folded.rfind("\n", max(0, start - 400), start)
    line_start = newline + 1 if newline >= 0 or start <= 400 else -1
    if m.kind == "phone" and _HELPLINE_BEFORE.search(folded, max(0, start - 60), start):
        return True
    speaker = _SPEAKER.match(folded, line_start, start) if line_start >= 0 else None
    if speaker is not None and _FIELD_LABEL.match(speaker.group("who")):
        speaker = None  # "Son WhatsApp : …" labels a detail; it is no chat speaker
    if speaker is not None and speaker.end() <= start:
        # A pasted chat: the "Moi:"/"Me:" lines are the victim's, "mon snap" on another's line is theirs;
        # a list on one line ("L'escroc : +225…. Moi : 06…") turns to the reporter at "Moi :".
        return speaker.group("who") in ("moi", "me") or bool(_ME_LABEL.search(folded, speaker.end(), start))
    window = folded[max(0, start - 80):start]
    if m.kind in ("phone", "email") and _in_signature(folded, line_start, m.span[1]):
        return True
    if _OWN_AFTER.match(folded, m.span[1]):
        return True
    return any(cue in window for cue in _OWN_GATE) and bool(_OWN_BEFORE.search(folded, max(0, start - 80), start))


def _in_signature(folded: str, line_start: int, end: int) -> bool:
    if line_start < 0:
        return False
    line_end = folded.find("\n", end)
    line_end = len(folded) if line_end < 0 else line_end
    if len(folded) - line_end > _SIGNATURE_TAIL:
        return False  # read first: the checks below would read the rest of the text for every mention
    after = folded[line_end:]
    if _CONTACT_LEFT.sub("", after).strip():
        return False  # text follows
    previous_end = line_start - 1
    previous = folded[folded.rfind("\n", 0, max(0, previous_end)) + 1:max(0, previous_end)].strip()
    left = _CONTACT_LEFT.sub(" ", folded[line_start:line_end]).split()
    if left:
        # the line says more than contact details: a name before them, under a sign-off ("Cordialement,\n
        # Mme Ait-Ahmed, CPE – tél. 01…", "Sent from my iPhone\nGareth Lewis | 07… | g.l@…")
        return len(left) <= 5 and not _NOT_A_NAME.search(" ".join(left)) and bool(_SIGN_OFF.match(previous))
    words = previous.split()
    # a name or a sign-off: "Nathalie B.", "Mrs. W. Otieno", "Regards," (not a sentence: "Pay or else.")
    return 0 < len(words) <= 5 and len(previous) <= 40 and not _NOT_A_NAME.search(previous) and not (
        previous[-1] in ".!?" and len(words[-1].strip(".!?")) > 1)


def _headed_to_reporter(folded: str) -> set[tuple[str, str]]:
    return {("email", m.group("addr").strip(".,;>")) for m in _TO_HEADER.finditer(folded)}


def _to_original(m: Mention, norm: Normalised) -> Mention:
    if m.span is None:
        return m
    start, end = norm.to_original(*m.span)
    found = Found(m.found.identifier, m.found.source, raw=norm.original[start:end], confidence=m.found.confidence)
    return Mention(found, (start, end), m.rank, mixed_script=norm.has_lookalikes(*m.span))
