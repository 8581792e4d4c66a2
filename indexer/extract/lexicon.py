"""Word lists for the rule-based extractors.

They are general English and news vocabulary (titles, organisation heads, speech verbs), written from
knowledge of news style and checked against PolNeAR *train*; no list holds a name from the dev gold.
"""

from __future__ import annotations

import calendar


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Speech and statement cues (lower-case surface forms).
SPEECH_VERBS = _words(
    "say said says saying tell told tells telling add added adds adding stated states "
    "write wrote writes written writing tweet tweeted tweets tweeting argue argued argues arguing "
    "insist insisted insists ask asked asks deny denied denies explain explained explains "
    "note noted notes warn warned warns claim claimed claims declare declared declares "
    "acknowledge acknowledged acknowledges admit admitted admits announce announced announces "
    "respond responded responds reply replied replies implore implored urge urged urges "
    "suggest suggested suggests recall recalled recalls concede conceded concedes complain complained "
    "complains joke joked jokes predict predicted predicts assert asserted asserts contend contended "
    "contends emphasize emphasized emphasizes emphasised stress stressed stresses observe observed "
    "remark remarked comment commented comments reveal revealed reveals confirm confirmed confirms "
    "vow vowed vows promise promised promises pledge pledged pledges boast boasted boasts lament lamented "
    "quip quipped testify testified testifies posted wondered mused countered counters charged "
    "accused accuses criticized criticised blasted slammed praised thanked recounted reiterated "
    "opined retorted shouted yelled exclaimed proclaimed agreed disagreed objected questioned "
    "maintained maintains added explained described describes hinted hints cautioned cautions "
    "demanded demands reported reports speculated acknowledged indicated indicates believes "
    "insisted announced predicted suggested recommended advised urged conceded lauded mentioned "
    "promising arguing insisting telling calling warning claiming proposed proposes vowing "
    "pledging questioning complaining denying suggesting saying ruled "
    # statements, denials, positions, endorsements and rulings (lemma forms; checked on PolNeAR train)
    "denied deny denies defended defends defending endorsed endorses endorsing rejected rejects "
    "dismissed dismisses dismissing denounced denounces denouncing condemned condemns blamed blames "
    "blaming mocked mocks attacked attacks attacking cited cites citing touted touts decried "
    "assailed echoed echoes answered answers reminded reminds retweeted conceding noting "
    "recalling explaining adding stating declaring announcing acknowledging accusing criticizing "
    "criticising praising lamenting predicting tweeting posting writes wrote "
    # stated positions (the gold counts "X has called for", "X wants"): present and perfect forms
    "wants thinks hopes opposes supports favors favours argues insists "
    "signaled signalled expressed voiced disputed rebutted refuted ripped hoped concluded sees "
    "continued continues "
    # questioning at hearings and in interviews (the gold counts an interviewer's or senator's question)
    "pressed grilled quizzed"
)
#: Cues that are speech only before a quote or the end of a clause ("«Q» she continued, «Q»"), not
#: before an infinitive or an object ("continued to rise", "continued the tour").
CLAUSE_FINAL_CUES = _words("continued continues")
#: Cues that, followed by a name, introduce the *speaker* (``said Ben Rhodes``); ``told X`` names a listener.
INVERTIBLE = _words(
    "said says added adds asked asks wrote writes continued explained noted replied responded "
    "countered recalled insisted tweeted declared argued concluded quipped joked warned "
    "says writes notes adds explains argues continues recalls insists warns"
)
#: Verbs that are speech only with a particle: ``called for``, ``pointed out``.
PARTICLE_CUES = {"called": {"for", "on"}, "calls": {"for", "on"}, "call": {"for", "on"},
                 "pointed": {"out", "to"}, "points": {"out", "to"}, "spoke": {"about", "of", "to", "with", "out"},
                 "weighed": {"in"}, "went": {"on"}, "talked": {"about", "of"}, "talks": {"about", "of"},
                 "talking": {"about", "of"}, "talk": {"about"}, "speaks": {"about", "of", "out"},
                 "shot": {"back"}, "referred": {"to"},
                 "referring": {"to"}, "pointing": {"out"}, "laid": {"out"}, "calling": {"for", "on"},
                 "made": {"clear"}, "makes": {"clear"},
                 "fired": {"back"}, "lashed": {"out"}, "hit": {"back"}, "chimed": {"in"}, "took": {"aim"},
                 "pushed": {"for"}, "pushing": {"for"}, "came": {"out"}}
#: Nouns that make the possessor a source: ``X's statement``, ``in a ruling by X``.
NOUN_CUES = _words(
    "statement statements remarks remark comments comment tweet tweets letter letters op-ed "
    "testimony speech speeches ruling rulings opinion dissent interview essay book memoir post "
    "posts memo filing denial pledge endorsement announcement claim claims argument question "
    "questions message column editorial writings "
    # documents a person writes or files, cited by their author ("a study by X found", "X' commentary")
    "study studies paper analysis commentary lawsuit complaint")
#: Words that may stand between a subject and its verb (``Obama also said``).
AUX = _words(
    "has have had also later then once previously again recently would will could might may should "
    "just already repeatedly often frequently publicly privately quickly simply flatly "
    "reportedly allegedly further even still however originally initially subsequently "
    "is was has been had has long only first now both each earlier himself herself"
)
#: English month and weekday names, lower case (``calendar`` names them in the C locale, which Python keeps
#: unless a program sets ``LC_TIME``).
MONTH_NAMES = frozenset(m.lower() for m in calendar.month_name if m)
WEEKDAY_NAMES = frozenset(d.lower() for d in calendar.day_name)
#: Time words that may stand between a subject and its cue ("X on Friday said", "X Tuesday said") or
#: between a cue and its clause ("said Monday that"): weekdays and parts of the day, a closed class.
WHEN_WORDS = frozenset(calendar.day_name) | _words("yesterday today tonight night morning afternoon evening "
                                                  "weekend week")
#: Negations before a cue ("did not say"): a closed class, no library needed.
NEGATIONS = _words("not never n't nt")
#: Forms of "be" that make a cue passive ("X was told"): a closed class.
BE_FORMS = _words("was were be been being is are am")

#: Titles and descriptors stripped from the front of a name run (lower-case, no full stop).
TITLES = _words(
    "mr mrs ms miss dr sen senator sens rep reps representative gov governor president presidents pres sec "
    "vice secretary minister prime chancellor speaker leader chairman chairwoman chair ceo director "
    "judge justice chief general gen lt col sgt capt adm rev pope king queen prince princess sheikh "
    "ambassador attorney mayor commissioner officer spokesman spokeswoman spokesperson advisor "
    "adviser national security former republican republicans democrat democrats democratic gop press "
    "state deputy assistant executive senior candidate nominee presidential congressman "
    "congresswoman councilman councilwoman sheriff detective professor prof sir lord lady dame "
    "trade finance foreign defense defence treasury energy agriculture commerce labor interior "
    "homeland fed federal economic affairs us u.s american british russian french german chinese "
    "japanese israeli iranian iraqi syrian mexican canadian korean indian turkish italian spanish "
    "european saudi palestinian egyptian african australian libertarian independent majority "
    "minority whip house senate white strategic communications campaign manager chairman founder "
    "pastor bishop cardinal father sister brother officer trooper agent analyst host anchor "
    "correspondent columnist editor reporter author economist strategist pollster surgeon "
    "commander captain colonel major sergeant lieutenant admiral dean provost coach gubernatorial "
    "mrs. first lady gen. sen. rep. gov. dr. mr. ms. rev. presumptive conservative liberal "
    "progressive activist businessman billionaire actor actress singer rapper star"
)
#: Abbreviated titles read as the role a later description uses ("Sen." → "the senator").
TITLE_HEADS = {"sen": "senator", "sens": "senator", "rep": "representative", "gov": "governor",
               "gen": "general", "pres": "president", "sec": "secretary", "congressman": "representative",
               "congresswoman": "representative", "dr": "doctor"}
#: Titles that make a lone surname after them a person ("Mr. Takenaka", "Gov. Ross"): news style.
HONORIFICS = _words("mr mrs ms miss dr sen rep gov pres sec president senator governor secretary judge "
                    "justice general gen rev pope king queen prince sheikh mayor chancellor "
                    "ambassador representative congressman congresswoman speaker professor prof "
                    "lt col sgt capt adm sir lord lady dame minister premier")

#: Words that make a capitalised run an organisation.
ORG_WORDS = _words(
    "party committee department ministry agency bureau commission council association institute "
    "institution university college school corp corporation inc co company companies group bank "
    "times post news journal network campaign house service court administration congress senate "
    "parliament foundation fund union federation organization organisation center centre office "
    "board trust society club league alliance coalition press tribune herald gazette magazine "
    "review daily weekly radio television tv channel media reuters ap cnn fox msnbc nbc abc cbs "
    "npr bbc pbs politico breitbart axios bloomberg gallup pew poll polls police army navy force "
    "forces guard pentagon kremlin fbi cia nsa irs epa dnc rnc gop nato un isis taliban hamas "
    "hezbollah reserve exchange securities holdings partners llc ltd plc ag sa nv airlines motors "
    "industries systems technologies enterprises capital research project watch initiative "
    "network institute assembly cabinet government embassy consulate church mosque hospital "
    "republic kingdom confederation emirates principality commonwealth state states "
    "clinic laboratory lab studios records books publishers twitter facebook google apple "
    "microsoft amazon youtube instagram "
    # seen as false people on PolNeAR train: "Memorial Museum", "Authorization Act", "Des Moines Register",
    # "Global Response Staff", "Black Lives Matter"
    "museum act register staff matter pac today"
)
#: Places, nationalities and other capitalised words that are never a person's name.
PLACES = _words(
    "america american americans us usa u.s u.s. washington moscow russia russian china chinese beijing "
    "britain british london england english france french paris germany german berlin japan "
    "japanese tokyo india indian iran iranian iraq iraqi syria syrian israel israeli mexico mexican "
    "canada canadian korea korean seoul europe european brussels africa african asia asian "
    "texas florida ohio california york jersey virginia carolina pennsylvania michigan iowa "
    "nevada arizona colorado georgia wisconsin illinois chicago boston atlanta philadelphia "
    "manhattan brooklyn kentucky tennessee alabama missouri indiana minnesota utah oregon "
    "maryland massachusetts connecticut louisiana oklahoma kansas nebraska arkansas "
    "mississippi montana idaho wyoming dakota alaska hawaii maine vermont hampshire delaware "
    "ukraine ukrainian turkey turkish egypt egyptian saudi arabia libya pakistan afghanistan "
    "cuba venezuela brazil australia italy spain greece poland sweden norway "
    "republican republicans democrat democrats democratic gop muslim muslims christian "
    "christians jewish islamic catholic latino latinos hispanic black white west east north south "
    "northern southern eastern western central new united kingdom states union "
    "god allah christmas easter ramadan monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "twitter facebook instagram youtube internet obamacare medicare medicaid brexit "
    # dotted state abbreviations, which would otherwise read as initials ("of Raleigh, N.C., said")
    "n.c s.c n.y n.j n.h n.m n.d s.d d.c r.i w.va"
)
#: Common words that may start a sentence capitalised but are not names.
STOP = _words(
    "a an the and or but if then so yet as at by for from in into of on onto to with without "
    "about after before during since until while when where why how what who whom whose which "
    "that this these those there here it its it's he she they we i you his her their our my your "
    "him them us me is are was were be been being has have had do does did not no yes all any "
    "some many much more most such other another each every both either neither one two three "
    "also only just even still however meanwhile instead indeed thus though although because "
    "unlike like despite according asked speaking writing earlier later last next first second "
    "mr mrs ms "
    # prepositions, wh-words and indefinite pronouns that open a sentence before a surname
    # ("Between Clinton and Trump", "Whether Clinton …", "Everything Trump does"; PolNeAR train)
    "between among amid against toward towards through throughout within upon beyond behind "
    "across around whether whatever whoever whenever wherever everything nothing something anything "
    "everyone everybody nobody someone somebody anyone anybody none several given per via regarding"
)

#: First and last words that make a capitalised run a place, not a person: "Los Angeles",
#: "Washington Heights", "Long Beach", "Mission Viejo" (checked on PolNeAR train false positives).
PLACE_HEADS = _words("los las san santa santo fort port mount mt. st. el saint sao são rio puerto new capitol")
#: (tails: "Long Beach", "Wall Street"; features and landmarks no name table marks)
PLACE_TAILS = _words(
    "city county heights beach valley springs falls island islands hills village ocean bay "
    "river avenue square harbor harbour airport station plaza township borough viejo angeles "
    "francisco diego antonio jose paltz vegas orleans haven province region district "
    # AP state abbreviations after a town when the comma is lost ("Staunton Va."); the ones that are
    # also words or name parts (Miss, Del, Ill, Wash, La, Pa, Mo) are left out
    "va fla calif ariz colo conn tenn okla wis mich minn nev neb tex wyo ky md ga ala ark "
    # landmarks and features ("Rust Belt", "Wall Street", "South China Sea", "Trump Tower")
    "belt street sea seas shoal strip tower gulf canyon mountain mountains palace arena hook "
    "stadium boulevard")
#: Endings of abstract nouns that are never a surname: "Rising Tensions", "Settlement Issue" is left.
NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ments", "ities", "ism", "isms", "ship", "ships", "ics")
#: The same for words over seven letters only: "Gender Equality", "Amendment", but Sean Hannity, Paul Clement.
LONG_NOUN_ENDINGS = ("ity", "ment", "ness", "nesses")

#: Given names that are also ordinary English words: a sentence that opens with one before a surname
#: (``Bill Clinton got in on the game``) still names a person, though the article writes "bill".
GIVEN_WORDS = _words(
    "bill will hope mark rush chuck pat rand grant newt rich rob sue frank jean joy faith dean earl "
    "gene guy jack jay ray rose april june may dawn don drew art bob cliff glen hunter iris ivy lane "
    "max miles nick penny wade warren win carol holly grace amber summer rusty sandy bud buck ted "
    "mike van")
