"""Countries as cable origins: a country named in an article stands for the US embassy in its capital.

Articles often say where a cable came from by naming the country rather than the post ("the US
ambassador to France", "a cable that quoted Spanish officials"). Each entry maps the names and
demonyms of a country to the origin code of its embassy in the 2010-2011 release, so that the place
reads as `cables.origin_name` gives it (`NEWDELHI` -> `New Delhi`).

Countries whose cables mostly came from elsewhere (Iran, North Korea, Somalia) are left out: naming
them says little about where a cable was written.
"""

from __future__ import annotations

import functools
import re

# (origin code of the embassy, names of the country, demonyms). Demonyms also match with a plural "s".
COUNTRIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("KABUL", ("Afghanistan",), ("Afghan",)),
    ("TIRANA", ("Albania",), ("Albanian",)),
    ("ALGIERS", ("Algeria",), ("Algerian",)),
    ("LUANDA", ("Angola",), ("Angolan",)),
    ("BUENOSAIRES", ("Argentina",), ("Argentine", "Argentinian", "Argentinean")),
    ("YEREVAN", ("Armenia",), ("Armenian",)),
    ("CANBERRA", ("Australia",), ("Australian",)),
    ("VIENNA", ("Austria",), ("Austrian",)),
    ("BAKU", ("Azerbaijan",), ("Azerbaijani", "Azeri")),
    ("NASSAU", ("Bahamas",), ("Bahamian",)),
    ("MANAMA", ("Bahrain",), ("Bahraini",)),
    ("DHAKA", ("Bangladesh",), ("Bangladeshi",)),
    ("BRIDGETOWN", ("Barbados",), ("Barbadian",)),
    ("MINSK", ("Belarus",), ("Belarusian",)),
    ("BRUSSELS", ("Belgium",), ("Belgian",)),
    ("BELMOPAN", ("Belize",), ("Belizean",)),
    ("COTONOU", ("Benin",), ("Beninese",)),
    ("LAPAZ", ("Bolivia",), ("Bolivian",)),
    ("SARAJEVO", ("Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia"), ("Bosnian",)),
    ("GABORONE", ("Botswana",), ("Botswanan",)),
    ("BRASILIA", ("Brazil",), ("Brazilian",)),
    ("BANDARSERIBEGAWAN", ("Brunei",), ("Bruneian",)),
    ("SOFIA", ("Bulgaria",), ("Bulgarian",)),
    ("OUAGADOUGOU", ("Burkina Faso",), ("Burkinabe",)),
    ("RANGOON", ("Burma", "Myanmar"), ("Burmese",)),
    ("BUJUMBURA", ("Burundi",), ("Burundian",)),
    ("PHNOMPENH", ("Cambodia",), ("Cambodian",)),
    ("YAOUNDE", ("Cameroon",), ("Cameroonian",)),
    ("OTTAWA", ("Canada",), ("Canadian",)),
    ("PRAIA", ("Cape Verde",), ("Cape Verdean",)),
    ("BANGUI", ("Central African Republic",), ()),
    ("NDJAMENA", (), ("Chadian",)),  # "Chad" is as often a first name
    ("SANTIAGO", ("Chile",), ("Chilean",)),
    ("BEIJING", ("China",), ("Chinese",)),
    ("BOGOTA", ("Colombia",), ("Colombian",)),
    ("KINSHASA", ("Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo"), ()),
    ("SANJOSE", ("Costa Rica",), ("Costa Rican",)),
    ("ZAGREB", ("Croatia",), ("Croatian",)),
    ("HAVANA", ("Cuba",), ("Cuban",)),
    ("NICOSIA", ("Cyprus",), ("Cypriot",)),
    ("PRAGUE", ("Czech Republic",), ("Czech",)),
    ("COPENHAGEN", ("Denmark",), ("Danish",)),
    ("DJIBOUTI", (), ("Djiboutian",)),
    ("SANTODOMINGO", ("Dominican Republic",), ()),
    ("DILI", ("East Timor", "Timor-Leste"), ("Timorese",)),
    ("QUITO", ("Ecuador",), ("Ecuadorian", "Ecuadorean")),
    ("CAIRO", ("Egypt",), ("Egyptian",)),
    ("SANSALVADOR", ("El Salvador",), ("Salvadoran", "Salvadorean")),
    ("MALABO", ("Equatorial Guinea",), ()),
    ("ASMARA", ("Eritrea",), ("Eritrean",)),
    ("TALLINN", ("Estonia",), ("Estonian",)),
    ("ADDISABABA", ("Ethiopia",), ("Ethiopian",)),
    ("SUVA", ("Fiji",), ("Fijian",)),
    ("HELSINKI", ("Finland",), ("Finnish",)),
    ("PARIS", ("France",), ("French",)),
    ("LIBREVILLE", ("Gabon",), ("Gabonese",)),
    ("BANJUL", ("Gambia",), ("Gambian",)),
    ("TBILISI", ("Georgia",), ("Georgian",)),
    ("BERLIN", ("Germany",), ("German",)),
    ("ACCRA", ("Ghana",), ("Ghanaian",)),
    ("ATHENS", ("Greece",), ("Greek",)),
    ("GUATEMALA", ("Guatemala",), ("Guatemalan",)),
    ("CONAKRY", ("Guinea",), ("Guinean",)),
    ("GEORGETOWN", ("Guyana",), ("Guyanese",)),
    ("PORTAUPRINCE", ("Haiti",), ("Haitian",)),
    ("TEGUCIGALPA", ("Honduras",), ("Honduran",)),
    ("BUDAPEST", ("Hungary",), ("Hungarian",)),
    ("REYKJAVIK", ("Iceland",), ("Icelandic",)),
    ("NEWDELHI", ("India",), ("Indian",)),
    ("JAKARTA", ("Indonesia",), ("Indonesian",)),
    ("BAGHDAD", ("Iraq",), ("Iraqi",)),
    ("DUBLIN", ("Ireland",), ("Irish",)),
    ("TELAVIV", ("Israel",), ("Israeli",)),
    ("ROME", ("Italy",), ("Italian",)),
    ("ABIDJAN", ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"), ("Ivorian",)),
    ("KINGSTON", ("Jamaica",), ("Jamaican",)),
    ("TOKYO", ("Japan",), ("Japanese",)),
    ("AMMAN", ("Jordan",), ("Jordanian",)),
    ("ASTANA", ("Kazakhstan",), ("Kazakh", "Kazakhstani")),
    ("NAIROBI", ("Kenya",), ("Kenyan",)),
    ("PRISTINA", ("Kosovo",), ("Kosovar",)),
    ("KUWAIT", ("Kuwait",), ("Kuwaiti",)),
    ("BISHKEK", ("Kyrgyzstan",), ("Kyrgyz",)),
    ("VIENTIANE", ("Laos",), ("Laotian",)),
    ("RIGA", ("Latvia",), ("Latvian",)),
    ("BEIRUT", ("Lebanon",), ("Lebanese",)),
    ("MASERU", ("Lesotho",), ()),
    ("MONROVIA", ("Liberia",), ("Liberian",)),
    ("TRIPOLI", ("Libya",), ("Libyan",)),
    ("VILNIUS", ("Lithuania",), ("Lithuanian",)),
    ("LUXEMBOURG", ("Luxembourg",), ()),
    ("SKOPJE", ("Macedonia",), ("Macedonian",)),
    ("ANTANANARIVO", ("Madagascar",), ("Malagasy",)),
    ("LILONGWE", ("Malawi",), ("Malawian",)),
    ("KUALALUMPUR", ("Malaysia",), ("Malaysian",)),
    ("BAMAKO", ("Mali",), ("Malian",)),
    ("VALLETTA", ("Malta",), ("Maltese",)),
    ("NOUAKCHOTT", ("Mauritania",), ("Mauritanian",)),
    ("PORTLOUIS", ("Mauritius",), ("Mauritian",)),
    ("MEXICO", ("Mexico",), ("Mexican",)),
    ("CHISINAU", ("Moldova",), ("Moldovan",)),
    ("ULAANBAATAR", ("Mongolia",), ("Mongolian",)),
    ("PODGORICA", ("Montenegro",), ("Montenegrin",)),
    ("RABAT", ("Morocco",), ("Moroccan",)),
    ("MAPUTO", ("Mozambique",), ("Mozambican",)),
    ("WINDHOEK", ("Namibia",), ("Namibian",)),
    ("KATHMANDU", ("Nepal",), ("Nepalese", "Nepali")),
    ("THEHAGUE", ("Netherlands", "Holland"), ("Dutch",)),
    ("WELLINGTON", ("New Zealand",), ()),
    ("MANAGUA", ("Nicaragua",), ("Nicaraguan",)),
    ("NIAMEY", ("Niger",), ("Nigerien",)),
    ("ABUJA", ("Nigeria",), ("Nigerian",)),
    ("OSLO", ("Norway",), ("Norwegian",)),
    ("MUSCAT", ("Oman",), ("Omani",)),
    ("ISLAMABAD", ("Pakistan",), ("Pakistani",)),
    ("PANAMA", ("Panama",), ("Panamanian",)),
    ("PORTMORESBY", ("Papua New Guinea",), ()),
    ("ASUNCION", ("Paraguay",), ("Paraguayan",)),
    ("LIMA", ("Peru",), ("Peruvian",)),
    ("MANILA", ("Philippines",), ("Filipino", "Philippine")),
    ("WARSAW", ("Poland",), ("Polish",)),
    ("LISBON", ("Portugal",), ("Portuguese",)),
    ("DOHA", ("Qatar",), ("Qatari",)),
    ("BUCHAREST", ("Romania",), ("Romanian",)),
    ("MOSCOW", ("Russia",), ("Russian",)),
    ("KIGALI", ("Rwanda",), ("Rwandan",)),
    ("RIYADH", ("Saudi Arabia",), ("Saudi",)),
    ("DAKAR", ("Senegal",), ("Senegalese",)),
    ("BELGRADE", ("Serbia",), ("Serbian",)),
    ("FREETOWN", ("Sierra Leone",), ("Sierra Leonean",)),
    ("SINGAPORE", ("Singapore",), ("Singaporean",)),
    ("BRATISLAVA", ("Slovakia",), ("Slovak",)),
    ("LJUBLJANA", ("Slovenia",), ("Slovenian",)),
    ("PRETORIA", ("South Africa",), ("South African",)),
    ("SEOUL", ("South Korea",), ("South Korean",)),
    ("MADRID", ("Spain",), ("Spanish", "Spaniard")),
    ("COLOMBO", ("Sri Lanka",), ("Sri Lankan",)),
    ("KHARTOUM", ("Sudan",), ("Sudanese",)),
    ("PARAMARIBO", ("Suriname",), ("Surinamese",)),
    ("MBABANE", ("Swaziland",), ("Swazi",)),
    ("STOCKHOLM", ("Sweden",), ("Swedish",)),
    ("BERN", ("Switzerland",), ("Swiss",)),
    ("DAMASCUS", ("Syria",), ("Syrian",)),
    ("AITTAIPEI", ("Taiwan",), ("Taiwanese",)),
    ("DUSHANBE", ("Tajikistan",), ("Tajik",)),
    ("DARESSALAAM", ("Tanzania",), ("Tanzanian",)),
    ("BANGKOK", ("Thailand",), ("Thai",)),
    ("LOME", ("Togo",), ("Togolese",)),
    ("PORTOFSPAIN", ("Trinidad and Tobago", "Trinidad"), ("Trinidadian",)),
    ("TUNIS", ("Tunisia",), ("Tunisian",)),
    ("ANKARA", ("Turkey",), ("Turkish",)),
    ("ASHGABAT", ("Turkmenistan",), ("Turkmen",)),
    ("KAMPALA", ("Uganda",), ("Ugandan",)),
    ("KYIV", ("Ukraine",), ("Ukrainian",)),
    ("ABUDHABI", ("United Arab Emirates", "UAE"), ("Emirati",)),
    ("LONDON", ("United Kingdom", "Great Britain", "Britain", "UK", "U.K."), ("British",)),
    ("MONTEVIDEO", ("Uruguay",), ("Uruguayan",)),
    ("TASHKENT", ("Uzbekistan",), ("Uzbek",)),
    ("VATICAN", ("Vatican", "Holy See"), ()),
    ("CARACAS", ("Venezuela",), ("Venezuelan",)),
    ("HANOI", ("Vietnam",), ("Vietnamese",)),
    ("SANAA", ("Yemen",), ("Yemeni",)),
    ("LUSAKA", ("Zambia",), ("Zambian",)),
    ("HARARE", ("Zimbabwe",), ("Zimbabwean",)),
)


@functools.cache
def _codes() -> tuple[dict[str, str], dict[str, str]]:
    """(country name -> code, demonym -> code)."""
    by_name = {name: code for code, names, _ in COUNTRIES for name in names}
    by_demonym = {d: code for code, _, demonyms in COUNTRIES for d in demonyms}
    return by_name, by_demonym


@functools.cache
def country_pattern() -> re.Pattern[str]:
    """Any country name or demonym of the table, as a whole word (plural demonyms too)."""
    by_name, by_demonym = _codes()
    names = sorted(by_name, key=len, reverse=True)
    demonyms = sorted(by_demonym, key=len, reverse=True)
    alternatives = [re.escape(n) for n in names] + [re.escape(d) + "s?" for d in demonyms]
    # Case-sensitive on purpose: "turkey", "china" and "polish" in lower case are other words.
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def country_origin_code(words: str, *, names_only: bool = False) -> str | None:
    """The origin code of the embassy of the country `words` names (`Spain`; `Spanish`, `Saudis` unless
    `names_only`), if any."""
    by_name, by_demonym = _codes()
    if words in by_name:
        return by_name[words]
    if names_only:
        return None
    return by_demonym.get(words) or (by_demonym.get(words[:-1]) if words.endswith("s") else None)
