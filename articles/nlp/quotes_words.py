"""The word lists quotation attribution reads: cue verbs, source nouns, titles and pronouns."""

from __future__ import annotations

# Lemmas of verbs that introduce reported speech or writing.
CUE_VERBS = frozenset(
    """
    say tell add write state ask warn note claim explain insist recall recount observe declare announce
    argue reply respond answer continue conclude comment suggest admit acknowledge agree assert confirm
    deny describe emphasize emphasise stress report testify urge shout exclaim scream whisper mutter joke
    quip boast complain concede contend predict promise reveal remark reiterate tweet post caution vow
    plead demand cry yell maintain allege charge counter retort protest recommend quote read proclaim
    affirm mention inform advise remind assure specify concur disclose estimate lament muse opine pledge confess
    summarize summarise speculate surmise theorize theorise underline underscore wonder worry
    laugh chuckle sigh smile grin shrug snap scoff sneer groan gasp murmur grumble hiss growl sob
    implore beg enthuse thunder bellow rant gush marvel chide scold tease hint repeat reason query interrupt
    venture beam rage fume cite reassure believe reckon fear
    """.split()
)
# Verbs that show who speaks next without reporting speech themselves (`X spoke to reporters.` then a
# quotation standing alone): cues only for a quotation that follows their sentence.
INTRODUCING_VERBS = frozenset({"speak", "talk", "disagree", "react", "elaborate", "reflect", "interject"})
# Verbs that label something with quoted words (`X called it "slander"`, `dismissed them as "lies"`):
# cues only when the quotation hangs from them in the parse, never by mere proximity.
LABEL_VERBS = frozenset(
    """
    call dub dismiss deride brand label term characterize characterise praise criticize criticise condemn
    denounce slam blast welcome hail decry mock ridicule portray depict paint accuse apologise apologize
    """.split()
)
# Of those, the ones whose words are the subject's own only in the active (`X accused Y of "…"`; in
# `Y was accused of "…"` no one is said to speak).
SELF_LABEL_VERBS = frozenset({"accuse", "apologise", "apologize"})
# Verbs that label only with "as" (`referred to Tehran as "evil"`, `regards him as "a liability"`).
AS_LABEL_VERBS = frozenset({"refer", "regard", "see", "view", "cast", "reject", "eulogise", "eulogize"})
ISSUE_VERBS = frozenset({"issue", "release", "publish", "put"})
# Cue verbs that are not speech with a thing as their object or in the passive (`add more content`,
# `can be read by the devices`, `continue the work`).
OBJECT_SENSE_VERBS = frozenset(
    """
    add read continue post charge answer report counter recommend suggest demand promise predict estimate
    repeat cite query
    """.split()
)
# Objects and particles by which such a verb acts on a thing (`charge it up`, `add them up`).
THING_PRONOUNS = frozenset({"it", "them"})
THING_PARTICLES = frozenset({"up", "down", "off", "on", "in", "away", "over"})
# Nouns for a judgement that, with `of`, name whose words a quotation is (`"…," is the assessment of X`).
VERDICT_NOUNS = frozenset(
    "assessment verdict view opinion judgement judgment conclusion diagnosis prediction warning advice".split()
)
# People who speak for someone else, named with them before (`a Jane Doe spokesman`, `a Globex aide`).
REPRESENTATIVE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson aide adviser advisor lawyer attorney representative publicist".split()
)
# Cues by which a speaker goes on (`He added: "…"`): a pronoun subject is who was just quoted.
CONTINUING_VERBS = frozenset({"add", "continue"})
# Bodies of a state that speak as themselves (`Russia's foreign ministry`), not as the country.
STATE_BODY_NOUNS = frozenset({"ministry", "office", "agency"})
# Words for a share of a group (`56% of students`, `the majority of residents`).
SHARE_WORDS = frozenset(
    {"%", "percent", "cent", "majority", "minority", "half", "third", "quarter", "proportion", "share", "rest"}
)
# Verbs of witnessing whose object is someone caught in the act (`heard the minister saying …`).
PERCEPTION_VERBS = frozenset({"hear", "overhear", "see", "watch", "catch", "record", "film", "quote", "show"})
# Cue verbs that, with an infinitive, commit to an action rather than report words (`agreed to release`).
UNDERTAKING_VERBS = frozenset({"agree", "continue"})
FINDING_VERBS = frozenset({"find"})
# Verbs by which a document is evidence for what someone says (`X said the cables reveal "…"`).
EVIDENCE_VERBS = frozenset({"reveal", "show", "suggest", "indicate", "confirm", "demonstrate", "prove"})
STUDY_NOUNS = frozenset({"inquiry", "investigation", "study", "survey", "poll", "audit", "probe", "panel", "committee"})
STATEMENT_NOUNS = frozenset(
    {
        "statement",
        "comment",
        "communique",
        "communiqué",
        "declaration",
        "response",
        "call",
        "appeal",
        "warning",
        "editorial",
    }
)
# Nouns naming a document that can be quoted as a source ("the cable said", "according to the memo").
DOCUMENT_NOUNS = frozenset(
    """
    cable cablegram telegram memo memorandum report document dispatch despatch message communique
    communiqué letter email e-mail note transcript filing briefing assessment summary
    """.split()
)
# Document nouns that name a leaked diplomatic document in an article about the cables: all of them are
# "the cable" there (the gold convention), whatever the article calls them.
CABLE_NOUNS = frozenset(
    """
    cable cablegram telegram memo memorandum document dispatch despatch communique communiqué file
    """.split()
)
# Present-tense forms of verbs by which a document reports (`Cables detail …`, `The memo shows …`).
DOCUMENT_VERB_FORMS = frozenset(
    """
    detail details show shows reveal reveals describe describes suggest suggests indicate indicates claim
    claims note notes report reports allege alleges quote quotes cite cites depict depicts portray portrays
    paint paints document documents say says
    """.split()
)
FUNCTION_WORDS = frozenset(
    """
    everything nothing something anything everyone everybody nobody anyone all none this that it these those
    yes no we they them us he she him her i me you
    """.split()
)
# Nouns for what an organisation or a country says or is (`Saudi Arabia's only public comment`,
# `the Times of India newspaper`): the speaker is the entity that owns or names it.
SOURCE_NOUNS = frozenset(
    """
    comment statement analysis response reply reaction editorial article blog website site study survey
    announcement remark account verdict conclusion assessment research review newspaper paper daily
    weekly magazine journal ministry office government agency broadcaster channel network publication
    release
    """.split()
)
# Leading words of a description that are not part of what the speaker is called ("one local journalist").
QUANTIFIERS = frozenset(
    {"a", "an", "the", "one", "some", "several", "many", "another", "this", "that", "these", "those", "two", "three"}
)
# Prepositions that, right before a person's name, show the name's first word is a place
# ("Ambassador to Berlin Philip Murphy").
PLACE_PREPOSITIONS = frozenset({"to", "in", "from", "at"})
# Words before a name that are not part of it.
TITLES = frozenset(
    """
    mr mrs ms miss dr sir lord lady president prime minister secretary senator sen gen general king queen
    prince princess ambassador chancellor judge justice governor director chief premier rep representative
    pope saint st admiral colonel col captain capt lieutenant sheikh emir sultan foreign defence defense
    """.split()
)
# Words for a publication or broadcaster that stand for one named just before (`the paper says`).
PUBLICATION_NOUNS = frozenset(
    {"paper", "newspaper", "daily", "weekly", "tabloid", "broadsheet", "magazine", "broadcaster", "channel"}
)
# Words for a company or body that stand for the one acting just before (`Novartis said …. "…," said the firm`).
COMPANY_NOUNS = frozenset(
    {"firm", "company", "group", "bank", "insurer", "airline", "carrier", "retailer", "giant", "maker", "operator"}
)
# Verbs by which someone puts out a statement or report (`The ministry issued a statement: "…"`).
ISSUING_VERBS = ISSUE_VERBS | {"post", "send", "deliver", "make", "circulate"}
# Words for a body that stand for the one acting just before (`NASA announced …. "…," the agency said`).
BODY_NOUNS = frozenset({"agency", "organisation", "organization", "charity", "watchdog", "regulator", "body"})
# Words for a body that stand for one acting just before whose name holds the word (`the ministry`, the
# Ministry of Defence; `the council`, Leeds City Council).
NAMED_BODY_NOUNS = frozenset(
    """
    ministry department council committee commission university institute foundation association union
    party club court board authority office
    """.split()
)
PRESS_NAME_WORDS = frozenset(
    """
    Times Post Herald Journal Gazette News Telegraph Tribune Chronicle Mail Express Mirror Independent
    Observer Guardian Standard Daily Weekly Magazine Economist Monde Pais País Zeitung Spiegel
    """.split()
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Capitalised words that open a new sentence and cannot start an attribution's subject.
SENTENCE_CONNECTIVES = frozenset(
    """
    But And However Meanwhile Later Earlier Yet So Then Also After Before When While Since Although Though
    Still Instead Nevertheless Moreover Furthermore Indeed Now
    """.split()
)
# Evidence of a person's grammatical gender: the pronouns that follow their name, and titles.
MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
MASCULINE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother"})
FEMININE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "princess", "sister"})
MASCULINE_NOUNS = frozenset({"father", "son", "husband", "boy", "uncle", "nephew", "grandfather", "widower"})
FEMININE_NOUNS = frozenset(
    {"mother", "daughter", "wife", "girl", "aunt", "niece", "grandmother", "widow", "actress", "chairwoman"}
)
GROUP_PRONOUNS = frozenset({"they", "them"})
SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "or"})
# Nouns for a group whose members speak together, whatever their number (`police said`, `the staff`).
GROUP_NOUNS = frozenset({"police", "staff", "crew", "jury", "panel", "committee", "board", "team", "family"})
# Members of a parliament or a practice, written as plural acronyms (`MPs said … they called for`).
MEMBER_ACRONYMS = frozenset({"mps", "meps", "msps", "mlas", "tds", "gps"})
# Prepositions that tie a role to the body it serves (`spokesman for the Home Office`).
ROLE_PREPOSITIONS = ("for", "of", "at", "from", "to")
# Verbs whose past participle on a name describes that one (`X, described as "…"`), never makes them speak.
DESCRIBED_VERBS = LABEL_VERBS | {"describe", "portray", "depict", "refer", "see", "regard", "view"}
# Particles hyphenated to an Arabic surname, which the text may drop (`al-Jubeir`, then `Jubeir`).
SURNAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "ul", "ud", "ad", "as", "ash", "at", "az"})
# Bodies a role serves named by a common noun (`a spokeswoman for the police`).
INSTITUTION_NOUNS = frozenset(
    "police army navy military government ministry company council department agency force court club".split()
)
# What an article about the cables also calls a cable it quotes (`the report said`, `the summary described`).
CABLE_REPORT_NOUNS = frozenset({"report", "summary", "message", "messages", "note", "assessment"})
# A diplomatic post, which speaks through its cables.
POST_NOUNS = frozenset({"embassy", "consulate", "mission", "legation"})
