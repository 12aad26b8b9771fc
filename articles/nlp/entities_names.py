"""General naming knowledge the entity stage relies on: titles, country aliases, boilerplate words.

Only common knowledge lives here (no strings taken from any particular document).
"""

from __future__ import annotations

# Titles, ranks and honorifics that may precede a person's name; compared case-insensitively
# with any trailing full stop removed. Multi-word titles are listed as token tuples.
TITLE_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for phrase in (
        # military ranks
        "gen general lt lieut lieutenant col colonel maj major capt captain adm admiral brig brigadier cmdr "
        "commander cdr sgt sergeant cpl corporal pvt private marshal commodore"
    ).split()
    + [
        "lt gen",
        "lt col",
        "lt cdr",
        "maj gen",
        "brig gen",
        "lieutenant general",
        "lieutenant colonel",
        "major general",
        "brigadier general",
        "rear admiral",
        "vice admiral",
        "field marshal",
        "air marshal",
        "air chief marshal",
        "chief of army staff",
        "army chief",
        "chief of staff",
    ]
    + (
        # offices
        "president vice-president premier chancellor minister secretary secretary-general ambassador envoy "
        "senator sen rep representative congressman congresswoman governor gov mayor speaker chairman "
        "chairwoman chairperson spokesman spokeswoman spokesperson director commissioner judge justice "
        "attorney-general consul counsellor counselor deputy undersecretary under-secretary"
    ).split()
    + [
        "vice president",
        "prime minister",
        "deputy prime minister",
        "foreign minister",
        "defence minister",
        "defense minister",
        "interior minister",
        "finance minister",
        "chief minister",
        "secretary of state",
        "deputy secretary of state",
        "assistant secretary of state",
        "under secretary",
        "secretary general",
        "attorney general",
        "chief justice",
        "chief executive",
        "high commissioner",
        "foreign secretary",
        "home secretary",
        "defence secretary",
        "defense secretary",
        "national security adviser",
        "national security advisor",
        "crown prince",
        "supreme leader",
        "emeritus professor",
        "professor emeritus",
    ]
    + (
        # honorifics and religious or royal styles
        "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sheikh shaikh sheik "
        "mullah maulana imam ayatollah king queen prince princess emir amir sultan pope cardinal bishop "
        "archbishop rabbi hon honourable honorable his her excellency mister madam madame monsieur herr"
    ).split()
    + [
        "his excellency",
        "her excellency",
        "the honourable",
        "the hon",
    ]
)

LONGEST_TITLE = max(len(phrase) for phrase in TITLE_PHRASES)

# Titles that are also common given names or surnames: stripped only as the first word of a
# longer name ("King Abdullah"), never from inside one ("Martin Luther King").
AMBIGUOUS_TITLES = frozenset(
    "king queen prince princess lord lady major private judge justice father miss bishop cardinal pope "
    "rabbi hon his her speaker deputy director".split()
)

# Words that end a job title and so cannot end an organisation's name ("External Affairs Minister").
JOB_TITLE_HEADS = frozenset(
    "minister secretary ambassador spokesman spokeswoman spokesperson envoy adviser advisor commissioner "
    "president chief".split()
)

# Common alternative names of countries, keyed by their normalised form (case-folded, full stops and a
# leading "the" removed), mapped to one canonical name.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
    "prc": "China",
    "people's republic of china": "China",
    "dprk": "North Korea",
    "rok": "South Korea",
    "republic of korea": "South Korea",
    "russian federation": "Russia",
    "holland": "Netherlands",
    "netherlands": "Netherlands",
    "philippines": "Philippines",
    "drc": "Democratic Republic of the Congo",
    "ksa": "Saudi Arabia",
}

# Whole "names" that are page furniture rather than entities.
BOILERPLATE_WORDS = frozenset(
    "subscribe subscriber subscribers subscription login log sign signup register share tweet email e-mail print "
    "comment comments advertisement advertise newsletter premium menu search home follow like click read "
    "photo image video gallery caption copyright cookie cookies privacy terms".split()
)

# Prepositions that make a following capitalised word a place rather than a person's surname.
LOCATIVE_PREPOSITIONS = frozenset("in at from to near into across inside outside via".split())

# Function words skipped when an acronym is compared with the initials of a name.
ACRONYM_SKIP = frozenset("of the and for on in de des du la le et & -".split())
