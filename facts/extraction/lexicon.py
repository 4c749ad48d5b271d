"""The word lists the rules use. General English news vocabulary, not the seed articles'.

Every list is a frozenset (or a dict) of lowercase words unless it says otherwise, so a
lookup is one hash. Nothing here is tuned to particular articles: the lists hold the
closed classes of the language (pronouns, auxiliaries, prepositions), the reporting verbs
of news writing, and common role and organization nouns.
"""


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set."""
    return frozenset(text.split())


HONORIFICS = {
    # honorific (as written, with and without its period) → grammatical gender or ""
    "Mr.": "m",
    "Mr": "m",
    "Mister": "m",
    "Sir": "m",
    "Lord": "m",
    "Ms.": "f",
    "Ms": "f",
    "Mrs.": "f",
    "Mrs": "f",
    "Miss": "f",
    "Madam": "f",
    "Dame": "f",
    "Lady": "f",
    "Dr.": "",
    "Dr": "",
    "Prof.": "",
    "Professor": "",
    "Rev.": "",
    "Mx.": "",
}
"""Forms of address that make the following capitalized words a person's name."""

TITLES = _words(
    """
    president vice prime minister secretary senator sen. representative rep. governor gov. mayor
    gen. ambassador judge chairman chairwoman chancellor king queen prince princess pope cardinal
    bishop archbishop sheikh emir sultan colonel col. captain capt. lieutenant lt. sergeant sgt.
    commissioner councillor councilor congressman congresswoman premier envoy inspector detective
    chief spokesman spokeswoman pastor rabbi imam superintendent constable commander
    treasurer coach skipper justice magistrate coroner admiral brigadier corporal
    """
)
"""Capitalized titles written before a name (“President”, “Foreign Minister”): a role, not the name."""

ROLE_NOUNS = _words(
    """
    activist activists doctor physician surgeon nurse director executive manager chairman chairwoman
    guide guard pilot coach captain referee umpire
    chair president minister secretary spokesman spokeswoman spokesperson official officer
    analyst expert professor lecturer researcher scholar economist scientist lawyer attorney
    judge prosecutor missionary pastor priest coordinator diplomat ambassador envoy consul
    advocate adviser advisor consultant counselor counsellor head founder co-founder leader
    member chief commander general colonel soldier correspondent journalist reporter editor
    writer author columnist photographer student teacher worker volunteer representative
    senator governor mayor lawmaker legislator politician candidate campaigner organizer
    organiser negotiator mediator commissioner inspector investigator detective police
    policeman policewoman engineer architect historian specialist fellow partner owner
    businessman businesswoman entrepreneur banker trader farmer fisherman refugee defector
    resident witness survivor victim father mother son daughter brother sister wife husband
    vicar bishop cardinal rabbi imam monk nun aide assistant deputy administrator coach
    player captain pilot driver guard official spokesperson ceo cfo chief-executive democrat
    republican independent conservative liberal secretary
    """
)
"""Nouns that name a person's role (“a South Korean missionary”, “executive director of …”)."""

ROLE_SUFFIXES = ("ist", "ian", "er", "or", "ant", "ent", "man", "woman", "person", "ee")
NOT_ROLES = _words(
    """
    other number center centre water corner matter order letter paper power border quarter summer
    winter minor error factor sector mirror floor door event percent moment government parliament
    department statement agreement element comment content amount account weather manner chamber
    shelter member december november october september anchor interior exterior
    """
)


def is_role_noun(word: str, *, loose: bool = False) -> bool:
    """Whether a word names a role: one of ROLE_NOUNS or TITLES; with `loose`, also a noun
    with a role ending (“hydrologist”, “campaigner”), for places where a role is expected."""
    lower = word.lower()
    if lower in ROLE_NOUNS or lower in TITLES:
        return True
    return loose and len(lower) > 4 and lower.endswith(ROLE_SUFFIXES) and lower not in NOT_ROLES


TITLE_MODIFIERS = _words(
    """
    executive deputy vice assistant associate chief senior junior general managing acting interim
    regional national international foreign prime program programme research founding co
    country field medical legal political military press communications policy aid human rights
    police army navy air naval district state federal high
    """
)
"""Words kept in front of a role noun in a role's short title (“executive director”)."""

ORG_NOUNS = _words(
    """
    group organization organisation agency charity company firm ngo institute foundation network
    coalition union body association watchdog party movement alliance federation society council
    committee commission office bureau ministry department center centre service trust fund
    newspaper broadcaster network channel church university school hospital bank
    """
)
"""Lowercase nouns that describe an organization (“a refugee aid group in Seoul, Good Friends”)."""

ORG_HEADS = _words(
    """
    Ministry Institute Institution Center Centre Bureau Agency Department Office Council Committee
    Commission Organization Organisation Association Foundation University College Party Court
    Army Navy Police Bank Company Corporation Corp. Corp Inc. Inc Ltd. Ltd LLC Group Fund Union
    Church Embassy Consulate Programme Program Service Services Network Alliance Federation League
    Society Trust Watch International Parliament Congress Senate Assembly Authority Administration
    Board Forum Coalition Front Movement Cross Crescent Times Post News Herald Journal Tribune
    Agency Press Reuters Commission Secretariat Cabinet Tribunal Council Academy Laboratory
    Laboratories Hospital Clinic Museum Library Foundation Initiative Project Partnership
    Brigade Guard Guards Corps Force Forces Directorate Inspectorate Mission Network Airlines
    Airways Group Holdings Industries Systems Technologies Bureau Centre Chamber Caucus House
    Courier Gazette Telegraph Chronicle Observer
    """
)
"""Capitalized words that end an organization's name (“Migration Policy Institute”). Case-sensitive."""

ORG_ACRONYMS = _words(
    """
    UN U.N. UNHCR UNICEF UNESCO NATO WHO IMF WTO OPEC FBI CIA NSA KGB EU ASEAN OECD AFP AP BBC CNN
    ICRC IAEA WFP UNDP ILO IOM NHS MSF HRW
    """
)
"""Acronyms that are organizations wherever they appear. Case-sensitive."""

MONTHS = _words(
    """
    january february march april may june july august september october november december
    jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct.
    nov nov. dec dec.
    """
)
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

TIME_UNITS = _words(
    """
    second seconds minute minutes hour hours day days night nights week weeks weekend weekends
    month months year years decade decades century centuries millennium millennia
    """
)
"""A number counting these is a duration or an age, not a figure (“five years ago”)."""

ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof rev mx st jr sr gen sen rep gov lt col capt sgt maj cmdr adm supt insp
    no nos vs etc inc corp co ltd dept univ est approx fig al jan feb mar apr jun jul aug sep sept
    oct nov dec mt ft
    """
)
"""Words whose trailing period does not end a sentence (lowercase, without the period)."""

REPORTING_VERBS = _words(
    """
    say says said saying add adds added tell tells told ask asks asked explain explains explained
    note notes noted state states stated insist insists insisted argue argues argued claim claims
    claimed warn warns warned write writes wrote recall recalls recalled continue continues continued
    declare declares declared acknowledge acknowledges acknowledged admit admits admitted
    announce announces announced answer answers answered comment comments commented concede
    concedes conceded conclude concludes concluded confirm confirms confirmed contend contends
    contended observe observes observed predict predicts predicted remark remarks remarked
    repeat repeats repeated reply replies replied report reports reported suggest suggests suggested
    testify testifies testified urge urges urged estimate estimates estimated maintain maintains
    find finds found show shows showed
    maintained stress stresses stressed emphasize emphasizes emphasized emphasise emphasises
    emphasised complain complains complained mention mentions mentioned believe believes believed
    worry worries worried fear fears feared think thinks thought reckon reckons reckoned
    predict predicts predicted assert asserts asserted allege alleges alleged charge charges
    charged counter counters countered recount recounts recounted describe describes described
    tweet tweets tweeted post posts posted shout shouts shouted cry cries cried call calls called
    describe describes described dub dubs dubbed term terms termed
    whisper whispers whispered joke jokes joked agree agrees agreed deny denies denied
    """
)
"""Verbs that report speech or a view (“says”, “added”, “estimates”, “worry”)."""

QUOTE_ONLY_VERBS = _words(
    """
    ask asks asked shout shouts shouted cry cries cried whisper whispers whispered joke jokes
    joked continue continues continued reply replies replied answer answers answered call calls called
    describe describes described dub dubs dubbed term terms termed
    """
)
"""Reporting verbs that introduce a quote but not a paraphrase (“asks Mr. Flake”)."""

NOUN_OR_VERB = _words(
    """
    state states report reports claim claims note notes post posts comment comments answer answers
    charge charges counter counters reply replies tweet tweets remark remarks repeat stress fear fears
    worry worries estimate estimates concern concerns warning cry cries joke jokes agree deny
    """
)
"""Reporting words that are as often nouns (“state officials”, “the report found”): a verb only
after a pronoun or a name, or before “that” or a comma."""

SPEECH_VERBS = _words(
    """
    says said tells told adds added explains explained insists insisted argues argued asks asked
    writes wrote warns warned acknowledges acknowledged recalls recalled stresses stressed
    confirms confirmed declares declared concedes conceded
    """
)
"""Finite verbs of speech that make their subject a speaker (evidence that a name is a person's)."""

PARAPHRASE_ONLY_VERBS = _words(
    """
    believe believes believed worry worries worried fear fears feared think thinks thought reckon
    reckons reckoned estimate estimates estimated deny denies denied agree agrees agreed find finds
    found show shows showed
    """
)
"""Verbs of belief: attribute a view, but only when a clause follows (“Thai officials worry that”)."""

SIGN_NOUNS = _words("sign signs banner banners placard placards poster posters slogan slogans")

PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "i": "s", "we": "p"}
"""Subject pronouns that can attribute a statement, with the antecedent they need."""

AUXILIARIES = _words(
    """
    is are was were be been being am has have had having do does did will would shall should can
    could may might must 's 're 've 'd 'll
    """
)

ADVERBS_BEFORE_VERB = _words(
    """
    also later previously recently repeatedly often once again still further then now frequently
    earlier yesterday today separately similarly additionally reportedly privately publicly
    openly simply only even already never always flatly firmly
    """
)
"""Adverbs between a speaker and the reporting verb (“The diplomat … also says”)."""

ADVERBS_AFTER_VERB = _words("only also again later simply flatly bluntly firmly recently")

CONJUNCTIONS = _words("and but yet so or nor while whereas although though because as")

PREPOSITIONS = _words(
    """
    in on at by for from of to with within without into onto over under about above below across
    after before during since until through throughout among between against toward towards near
    along around behind beyond despite inside outside per via amid amidst upon than like unlike
    """
)

DETERMINERS = _words(
    """
    a an the this that these those some many most several few all both each every any no other
    another such one two three four five six seven eight nine ten his her its their our my your
    """
)

RELATIVES = _words("who whom whose which that where when")

STOP_WORDS = frozenset(
    AUXILIARIES
    | CONJUNCTIONS
    | PREPOSITIONS
    | DETERMINERS
    | RELATIVES
    | set(PRONOUNS)
    | {
        "not",
        "there",
        "here",
        "it",
        "him",
        "them",
        "us",
        "me",
        "what",
        "how",
        "why",
        "if",
        "then",
        "than",
        "more",
        "less",
        "also",
        "just",
        "only",
        "very",
        "too",
        "so",
        "now",
        "yet",
        "still",
        "says",
        "said",
        "say",
        "according",
        "who",
        "whether",
        "instead",
        "however",
        "meanwhile",
    }
    | _words(
        """
        last next ago worldwide nationwide alone overall annually daily apiece combined each every per
        year years month months week weeks day days today yesterday tonight
        """
    )
)
"""Words that end a counted noun phrase or a name candidate's context (lowercase)."""

COMMON_SENTENCE_STARTERS = _words(
    """
    the a an this that these those some many most several few all both each every any no other
    another such one it its they their he his she her we our i my you your there here but and
    or yet so if when while after before since although though because as in on at by for from
    of to with over under about during until through among between against last next this
    however meanwhile instead still then now today yesterday earlier later also even only more
    less much unable asked according despite without within outside inside like unlike what why
    how where who which whose whether over once
    """
)
"""Words that are capitalized only because they begin a sentence (lowercase)."""

IRREGULAR_VERBS = _words(
    """
    fled left went came fell rose took made got gave ran held saw became began lost won sought
    fought found flew drove stood sat met paid sent built spent kept brought bought thought told
    said died live lived remain remained remains face faces faced need needs needed want wants
    wanted work works worked try tries tried cross crosses crossed hide hides hid hiding stay stays
    stayed use uses go goes come comes get gets make makes take takes see sees know knows arrive
    arrives leave leaves pay pays die dies live lives
    """
)
"""Verbs (mostly irregular past tenses) that end a counted noun phrase (“North Koreans fled …”)."""

PEOPLE_NOUNS = _words(
    """
    people persons individuals refugees migrants immigrants emigrants civilians soldiers troops
    children kids women men girls boys adults workers students protesters demonstrators prisoners
    detainees victims residents defectors activists seekers asylum-seekers members employees
    patients passengers pilgrims tourists visitors fighters militants rebels insurgents officers
    policemen journalists reporters doctors nurses teachers minorities voters citizens nationals
    villagers farmers families infants babies survivors casualties dead deaths wounded injured
    staff volunteers delegates participants supporters opponents followers believers christians
    muslims buddhists jews missionaries diplomats officials lawmakers inmates hostages captives
    evacuees displaced homeless orphans elderly youths teenagers miners sailors fishermen
    """
)
"""Plural nouns that count people: a figure counting them has the unit “people”."""
