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
        "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father "
        "mullah maulana imam ayatollah king queen prince princess emir amir sultan pope cardinal bishop "
        "archbishop rabbi emeritus hon honourable honorable excellency mister madam madame monsieur herr"
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
    "rabbi hon speaker deputy director".split()
)

# Titles that only ever precede a person's name: a span right after one is a person whatever the model said.
PERSON_TITLES = frozenset(
    "mr mrs ms dr gen lt col maj capt adm brig sgt president ambassador senator sen congressman congresswoman "
    "professor prof sir dame sheikh ayatollah mullah imam rev reverend".split()
)

# Royal and noble styles that stay part of the name when only a given name follows ("Prince Andrew",
# "Queen Rania"), but are dropped before a full name ("Sir Elton John" -> "Elton John").
STYLES_OF_ONE_NAME = frozenset("king queen prince princess lady lord dame sir pope emir sultan".split())
# Of those, the styles a knight or dame is called by with the given name ("Sir Paul"), and those a peer is
# called by with the surname ("Lady Thatcher").
STYLES_OF_GIVEN_NAME = frozenset(("sir", "dame"))
STYLES_OF_SURNAME = frozenset(("lord", "lady", "baroness", "baron"))

# Words that end a job title and so cannot end an organisation's name ("Home Affairs Minister").
JOB_TITLE_HEADS = frozenset(
    "minister secretary ambassador spokesman spokeswoman spokesperson envoy adviser advisor commissioner "
    "president chief".split()
)

# Offices a style or title opens that are no one's name ("Lord Chancellor", "Lord Mayor", "Queen Mother" is
# not among them: she is a person).
OFFICE_WORDS = JOB_TITLE_HEADS | frozenset(
    "chancellor mayor advocate speaker justice provost chamberlain lieutenant privy regent protector".split()
)

# Portfolio words that end a ministry inside a job title ("Home Affairs Minister", "Defence Secretary").
PORTFOLIO_WORDS = frozenset(
    "affairs foreign external defence defense interior home finance trade commerce health education energy "
    "information justice security treasury".split()
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

# Last words of a place named after someone ("St Varr's Park"), which the model takes for a person.
OWNED_PLACE_HEADS = frozenset("park palace hall road street square bridge tower gardens field".split())
# Number words that open a contest's name ("the Six Nations").
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten tri".split())
# Faiths whose names do not end in -ism ("Judaism", "Hinduism" do): no body.
FAITHS = frozenset(("islam", "christianity"))
# Ends of a hyphenated word that describes ("Oscar-winning"); HYPHEN_SUFFIXES are cut off instead.
DESCRIBING_HYPHEN_ENDS = frozenset(("winning", "nominated"))
# Plain titles before a surname ("Mr Varr"), which no knight or peer is called by.
PLAIN_TITLES = frozenset(("mr", "mrs", "ms", "miss"))

# Acronyms of common nouns, which the recogniser takes for names: no one's and no body's name.
COMMON_ACRONYMS = frozenset(
    "vat gdp gnp gp gps tb hiv dna ivf awol r&b ceo cfo pr tv dvd cd pc usb sms wap gprs vhs umd id ufo "
    "atm pin faq mba phd bsc msc gcse gcses ipo mri ecg ekg hpv icu ict vr gsm cdma http https html json xml pdf "
    "lcd led hdtv mw kw cpu gpu ssd nfc api sdk url".split()
)

# Words a caption or credit line puts after a name ("Jane Doe Image"); never the end of a name.
CAPTION_WORDS = frozenset("image photo picture file video credit courtesy".split())

# Letters written after a name ("Jane Doe, QC"), compared without full stops.
POST_NOMINALS = frozenset("QC KC SC MP MLA MEP MBE OBE CBE KBE DBE PhD MD Jr Sr Esq".split())
# Post-nominal letters that are not part of the name itself (unlike "Jr").
HONOURS = POST_NOMINALS - {"Jr", "Sr"}

# Second halves of hyphenated compounds that make a name an adjective ("Lisbon-based", "US-led").
HYPHEN_SUFFIXES = frozenset(
    "based led backed born bred owned run funded controlled dominated held occupied made style era wide bound "
    "focused linked allied friendly centric speaking sized size flagged registered listed area".split()
)

# Countries that are also given names: a mention tagged PERSON keeps its label.
GIVEN_NAME_COUNTRIES = frozenset({"Jordan", "Chad", "Georgia", "India"})

# Definite articles of other languages that open the names of newspapers and magazines ("Die Zeit").
FOREIGN_ARTICLES = frozenset({"Der", "Die", "Das", "Le", "La", "Les", "El", "Il", "Het"})

# Prepositions that make a following capitalised word a place rather than a person's surname.
LOCATIVE_PREPOSITIONS = frozenset("in at from to near into across inside outside via".split())

# Function words skipped when an acronym is compared with the initials of a name.
ACRONYM_SKIP = frozenset("of the and for on in de des du la le et & -".split())

# Countries and their demonyms (adjective, and the plural noun where it is not adjective + "s"), one per line:
# "Country | Adjective | Plural". Used to keep countries GPE and demonyms NORP whatever the model says, and
# to give a demonym's canonical form (the adjective: "Poles" -> "Polish", "Israelis" -> "Israeli").
_COUNTRY_TABLE = """
Afghanistan|Afghan|Afghans
Albania|Albanian
Algeria|Algerian
Angola|Angolan
Argentina|Argentine|Argentines
Armenia|Armenian
Australia|Australian
Austria|Austrian
Azerbaijan|Azerbaijani|Azerbaijanis
Bahrain|Bahraini|Bahrainis
Bangladesh|Bangladeshi|Bangladeshis
Belarus|Belarusian
Belgium|Belgian
Bolivia|Bolivian
Bosnia and Herzegovina|Bosnian
Brazil|Brazilian
Bulgaria|Bulgarian
Burma|Burmese|Burmese
Cambodia|Cambodian
Cameroon|Cameroonian
Canada|Canadian
Chad|Chadian
Chile|Chilean
China|Chinese|Chinese
Colombia|Colombian
Croatia|Croatian|Croats
Cuba|Cuban
Cyprus|Cypriot
Czech Republic|Czech
Denmark|Danish|Danes
Ecuador|Ecuadorian
Egypt|Egyptian
Eritrea|Eritrean
Estonia|Estonian
Ethiopia|Ethiopian
Finland|Finnish|Finns
France|French|Frenchmen
Georgia|Georgian
Germany|German
Ghana|Ghanaian
Greece|Greek
Guatemala|Guatemalan
Haiti|Haitian
Honduras|Honduran
Hungary|Hungarian
Iceland|Icelandic|Icelanders
India|Indian
Indonesia|Indonesian
Iran|Iranian
Iraq|Iraqi|Iraqis
Ireland|Irish|Irishmen
Israel|Israeli|Israelis
Italy|Italian
Jamaica|Jamaican
Japan|Japanese|Japanese
Jordan|Jordanian
Kazakhstan|Kazakh|Kazakhs
Kenya|Kenyan
Kosovo|Kosovar
Kuwait|Kuwaiti|Kuwaitis
Kyrgyzstan|Kyrgyz|Kyrgyz
Laos|Lao
Latvia|Latvian
Lebanon|Lebanese|Lebanese
Libya|Libyan
Lithuania|Lithuanian
Luxembourg|Luxembourgish
Malaysia|Malaysian
Mali|Malian
Mexico|Mexican
Moldova|Moldovan
Mongolia|Mongolian
Montenegro|Montenegrin
Morocco|Moroccan
Mozambique|Mozambican
Myanmar|Burmese|Burmese
Nepal|Nepali|Nepalis
Netherlands|Dutch|Dutchmen
New Zealand|New Zealand|New Zealanders
Nicaragua|Nicaraguan
Niger|Nigerien
Nigeria|Nigerian
North Korea|North Korean
Norway|Norwegian
Oman|Omani|Omanis
Pakistan|Pakistani|Pakistanis
Palestine|Palestinian
Panama|Panamanian
Paraguay|Paraguayan
Peru|Peruvian
Philippines|Filipino|Filipinos
Poland|Polish|Poles
Portugal|Portuguese|Portuguese
Qatar|Qatari|Qataris
Romania|Romanian
Russia|Russian
Rwanda|Rwandan
Saudi Arabia|Saudi|Saudis
Senegal|Senegalese|Senegalese
Serbia|Serbian|Serbs
Singapore|Singaporean
Slovakia|Slovak|Slovaks
Slovenia|Slovenian|Slovenes
Somalia|Somali|Somalis
South Africa|South African
South Korea|South Korean
South Sudan|South Sudanese|South Sudanese
Spain|Spanish|Spaniards
Sri Lanka|Sri Lankan
Sudan|Sudanese|Sudanese
Sweden|Swedish|Swedes
Switzerland|Swiss|Swiss
Syria|Syrian
Taiwan|Taiwanese|Taiwanese
Tajikistan|Tajik|Tajiks
Tanzania|Tanzanian
Thailand|Thai|Thais
Tunisia|Tunisian
Turkey|Turkish|Turks
Turkmenistan|Turkmen|Turkmens
Uganda|Ugandan
Ukraine|Ukrainian
United Arab Emirates|Emirati|Emiratis
United Kingdom|British|Britons
United States|American
Uruguay|Uruguayan
Uzbekistan|Uzbek|Uzbeks
Venezuela|Venezuelan
Vietnam|Vietnamese|Vietnamese
Yemen|Yemeni|Yemenis
Zambia|Zambian
Zimbabwe|Zimbabwean
"""

COUNTRIES: frozenset[str] = frozenset(line.split("|")[0] for line in _COUNTRY_TABLE.strip().splitlines())


def _demonym_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in _COUNTRY_TABLE.strip().splitlines():
        parts = line.split("|")
        adjective = parts[1]
        plural = parts[2] if len(parts) > 2 else adjective + "s"
        forms[adjective.casefold()] = adjective
        forms[plural.casefold()] = adjective
        # one of them: "a New Zealander", "a Dutchman" (not "Finn" or "Pole", which are names and words too)
        if plural.endswith("men"):
            forms[plural[:-3].casefold() + "man"] = adjective
        elif plural.endswith("ers"):
            forms[plural[:-1].casefold()] = adjective
    # group names that are not countries' demonyms but behave alike
    for adjective, plural in (("Arab", "Arabs"), ("Kurdish", "Kurds"), ("Jewish", "Jews"), ("Scottish", "Scots")):
        forms[adjective.casefold()] = adjective
        forms[plural.casefold()] = adjective
    # one of a people named by a word of its own: "a Briton", "a Welshman", "a Scotswoman"
    forms["briton"] = "British"
    forms["scot"] = "Scottish"
    for stem, adjective in (("welsh", "Welsh"), ("scots", "Scottish"), ("english", "English"), ("irish", "Irish")):
        for person in ("man", "men", "woman", "women"):
            forms[stem + person] = adjective
    return forms


# Every known demonym form (case-folded adjective or plural noun) -> the adjective.
DEMONYMS: dict[str, str] = _demonym_forms()


def one_of_a_people(word: str) -> bool:
    """'Spaniard', 'Brazilian', 'Scot', 'Dutchman': a word for one person of a people ('British' is many)."""
    folded = word.casefold()
    known = folded in DEMONYMS or folded + "s" in DEMONYMS
    return known and not folded.endswith(("ish", "ese", "ch", "ss"))


# Last words that make a name an organisation whatever the model said ("Getty Images", "Acme Holdings Inc").
ORG_HEAD_WORDS = frozenset(
    "images press news agency inc corp corporation ltd llc plc gmbh group holdings foundation institute "
    "university college company associates partners bank council committee ministry department party "
    "herald gazette tribune magazine network airlines airways union association federation society league "
    "police studios records pictures entertainment motors pharmaceuticals laboratories technologies industries "
    "alliance organisation organization commission office army front movement".split()
)

# Last words of a building's or venue's name ("Quillon Field", "the Grand Mosque"): a facility, not a body.
FACILITY_HEADS = frozenset(
    "stadium arena hotel amphitheatre amphitheater pavilion airport mosque cathedral prison field theatre "
    "theater lane stage".split()
)

# Last words of a contest's or a gathering's name ("the Zemblan Cup", "the Varrow Summit"): an event. Not
# "League", which also names the body that runs one, "Conference", which names bodies too, or "Games" (a
# studio: "Zemblan Games").
EVENT_HEADS = frozenset(
    "championships championship cup olympics tournament festival awards award summit prix open election "
    "elections finals week expo marathon".split()
)
# Last words of a law's name ("the Zemblan Data Protection Act").
LAW_HEADS = frozenset({"act", "acts"})

# Generic building words that name a venue after a word for what is staged there ("Varrow Music Center",
# "the Metro Convention Centre", "Leisure Park"), where on their own they may head a body ("Research Center").
VENUE_MODIFIERS = frozenset("music arts convention concert exhibition events sports leisure shopping".split())
VENUE_BUILDINGS = frozenset("center centre park factory hall complex".split())

# Nouns for people that, in apposition after a name ("Ana Reyes, a retired teacher"), make it a person.
PERSON_NOUNS = frozenset(
    "man woman boy girl mother father son daughter wife husband widow brother sister grandmother grandfather "
    "student teacher teenager resident citizen member activist lawyer doctor nurse worker writer author "
    "journalist reporter blogger politician lawmaker diplomat soldier officer veteran".split()
)

# Nouns that a name owns or is described by only when it is an organisation: "X website", "X founder".
ORG_OWNED_NOUNS = frozenset(
    "website websites site server servers founder co-founder cofounder figurehead subscribers users "
    "trends account accounts feed followers timeline app".split()
)

# Words that open an address or a greeting before a name ("Hey Twitter", "Dear Jane"), not part of it.
GREETINGS = frozenset("hey hi hello dear thanks oh".split())

# Nouns after a one-word name that make it a sports club ("Barcelona star Ronaldinho", "the Charlton boss").
TEAM_ROLE_NOUNS = frozenset(
    "boss manager coach striker midfielder defender goalkeeper keeper captain skipper winger fullback "
    "full-back centre-back playmaker squad fans supporters team-mate teammate".split()
)

# Of those, the people around anyone, not only a side ("Rudolph's supporters", "his team-mate").
FOLLOWER_NOUNS = frozenset({"fans", "supporters", "team-mate", "teammate", "squad"})

# A player's or manager's role that also follows a club's name in match reports ("Barcelona star X").
TEAM_STAR_NOUNS = frozenset({"star", "forward", "player", "stars", "players", "youngster", "veteran"})

# Last words of a sports club's name ("Leeds United", "Blackburn Rovers"): never a person's or a place's.
CLUB_SUFFIXES = frozenset(
    "United Rovers Athletic Wanderers Albion Hotspur FC AFC Rangers Argyle Orient Academicals".split()
)

# Words of a match report: a text with several of them is about sport, where a town or city beating,
# facing or playing another is a club.
SPORTS_WORDS = frozenset(
    """
    match matches league cup goal goals striker midfielder defender goalkeeper premiership championship
    fixture fixtures squad scored scorer penalty penalties tournament stadium relegation kick-off referee
    derby playoff playoffs play-off semi-final quarter-final touchdown quarterback innings wicket
    """.split()
)
# Verbs and nouns of a match between two sides ("Southampton beat Charlton", "the clash with Barcelona").
MATCH_VERBS = frozenset(
    """
    beat defeat draw lose face play thrash hammer edge overcome stun trounce rout meet knock
    eliminate outplay coach manage join
    """.split()
)
# Of those, the verbs whose object is a side by itself: one coaches or joins a club, not a city.
TEAM_VERBS = frozenset({"coach", "manage", "join", "meet"})
MATCH_NOUNS = frozenset(
    "match clash game tie draw win victory defeat fixture final derby loss encounter showdown".split()
)
MATCH_PREPOSITIONS = frozenset({"against", "with", "over", "to", "by", "for"})

# Nations that field their own national sides without being sovereign states.
SPORTING_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland", "Great Britain", "GB"})

# Kinds of organisation named in apposition before the name: "the popular portal X", "the hacker group X".
ORG_KIND_NOUNS = frozenset(
    "portal website site newspaper daily weekly magazine journal broadcaster channel network blog firm company "
    "group collective agency outlet publication consultancy retailer carrier operator maker manufacturer "
    "supplier giant chain analysts consultants brokers stockbrokers accountants auditors insurers pollsters".split()
)

# Words that open a picture credit; a one-word name after them is an agency or a site, not a person.
CREDIT_CUES = frozenset("image images photo photos photograph picture credit courtesy source".split())

# Members of political parties, written in the plural: "the Greens", "the Conservatives" name the party.
PARTY_MEMBERS = frozenset(
    "conservatives tories greens democrats republicans liberals socialists communists nationalists unionists "
    "labourites dems".split()
)

# A party member's word before a name ("Tory Ana Reyes"): an affiliation, not part of the name.
PARTY_MEMBER = frozenset(
    "Tory Labour Conservative Democrat Dem Republican Liberal Unionist Nationalist Socialist".split()
)

# Words that open a party's name before its members' plural ("Liberal Democrats", "Christian Democrats").
PARTY_QUALIFIERS = frozenset("Liberal Lib Social Christian Free Democratic Progressive Radical Young".split())

# Words a mention of an organisation sometimes runs into: the job of the person named next ("X Editor").
ORG_TRAILING_ROLES = frozenset(
    "editor editors spokesman spokeswoman spokesperson founder chairman chairwoman director minister secretary "
    "official officials".split()
)

# Prepositions that join a title to the place it is held in: "Ambassador to Lisbon Ana Reyes".
POST_PREPOSITIONS = frozenset("to in at for".split())

# Titles written abbreviated, with or without a full stop ("Gen.", "Dr").
ABBREVIATED_TITLES = frozenset(
    "capt gen lt col maj sgt adm cmdr cdr brig cpl pvt rev dr mr mrs ms prof sen rep gov supt insp det".split()
)

# The postal codes of the states of the United States, which follow a town's name: "Varrville, OH".
US_POSTAL_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR "
    "PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)

# The states of the United States (and its capital district), which follow a city name: "Irving, Texas".
US_STATES = frozenset(
    (
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho "
        "Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota "
        "Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah "
        "Vermont Virginia Washington Wisconsin Wyoming DC D.C."
    ).split()
    + [
        "New Hampshire",
        "New Jersey",
        "New Mexico",
        "New York",
        "North Carolina",
        "North Dakota",
        "Rhode Island",
        "South Carolina",
        "South Dakota",
        "West Virginia",
    ]
)

# Words before a country's name that make it part of a longer place ("Latin America", "East Timor").
PLACE_QUALIFIERS = frozenset(
    "north south east west northern southern eastern western central latin new upper lower".split()
)

# Markings a classified document puts before a name ("Confidential State Department"); never part of it.
CLASSIFICATION_MARKINGS = frozenset("confidential unclassified classified restricted noforn".split())

# Generic words for a body that, alone, name no particular organisation ("the Party", "the Council").
GENERIC_ORG_WORDS = frozenset("party council commission committee department ministry government agency".split())

# Words after a country's name that make it the country's government ("the US Government"): a GPE.
GOVERNMENT_WORDS = frozenset("government administration regime authorities".split())

# Abbreviations of the states in news style ("Clearwater, Fla."), mapped to the state's name.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}

# Prefixes of hyphenated political adjectives that name a stance, not a group ("Pro-Beijing", "Anti-Western").
STANCE_PREFIXES = frozenset("pro anti pan indo".split())
