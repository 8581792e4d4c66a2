"""Stop words for topic candidates: function words, reporting verbs and news filler.

A topic is a noun phrase about the story, so any word that only carries grammar, attribution
("said", "told") or newsroom filler ("percent", "week", "statement") breaks a candidate phrase.
"""

from __future__ import annotations

#: Words that end a topic phrase: function words, attribution and filler (see the module docstring).
TOPIC_STOP = frozenset(
    "a about above according across regarding concerning actually after afterward again against ago ahead all "
    "almost alone "
    "along already also although always am among an and another any anybody anyone anything anyway "
    "anywhere are around as ask asked asking at away back be became because become becomes been before "
    "began behind being believe below beside besides best better between beyond big both bring brought "
    "but by call called came can cannot could did do does doing done down during each early either else "
    "enough even ever every everybody everyone everything far few find first five for former four from "
    "further gave get gets getting give given go goes going gone good got great had has have having he "
    "her here hers herself him himself his how however i if in including instead into is it its itself "
    "just keep kept know known last later least less let like likely made make makes making many may "
    "maybe me mean meanwhile might more moreover most mostly much must my myself near nearly need needs "
    "neither never new next no nobody none nor not nothing now of off often on once one only onto or "
    "other others otherwise our ours ourselves out over own part per perhaps put quite rather really "
    "right said same saw say saying says see seem seemed seems seen several shall she should show showed "
    "shown since six so some somebody someone something sometimes soon still such take taken taking tell "
    "than that the their theirs them themselves then there therefore these they thing things think thinks "
    "this those though thought three through thus to together told too took toward towards two under "
    "unless until up upon us use used using very via want wanted wants was way ways we well went were "
    "what whatever when whenever where whereas whether which while who whoever whole whom whose why will "
    "with within without would yet you your yours yourself yourselves added adds asks stated wrote writes "
    "tweeted argued insisted denied noted warned claimed declared explained told tells according reported "
    "reports announced continued suggested mr mrs ms dr sen rep gov jr sr st percent pct year years month "
    "months week weeks day days today yesterday tomorrow time times monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september october november "
    "december statement comment comments interview lot lots kind sort number numbers people person man "
    "woman men women thing told reporters news story article report says source sources official "
    "officials nbsp amp dlrs cts mln billion million trillion thousand hundred pct vs lt reuter also etc ie eg via "
    "don doesn didn isn aren wasn weren won wouldn couldn shouldn can't don't it's that's there's i'm "
    # The same contractions with the apostrophe lost, as plain-text exports write them ("we dont know").
    "dont doesnt didnt isnt arent wasnt werent wouldnt couldnt shouldnt cant im ive youre theyre thats "
    "theres hasnt havent hadnt "
    "i've we're they're he's she's let's hasn haven hadn ve ll re new big little long high low old young "
    "large small recent current major key latest jan feb mar apr jun jul aug sep sept oct nov dec "
    "dlr bln shr shrs qtr revs oper avg "
    # Number words are quantities, never subjects ("nine mths", "seven pct").
    "seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
    "thirty forty fifty sixty seventy eighty ninety dozen dozens "
    # Wire abbreviations of periods and accounting lines: the layout of a results table, not its subject.
    "mth mths qtly qtrs div divs stg ytd yr yrs wk wks "
    "".split()
)

#: Words of attribution and newsroom process: who reported or how, never what the story is about
#: ("spokesman", "analyst", a "NOTE" line), and the kind of document a story reports on ("a study",
#: "a survey", "a report": what it found is the subject).  A phrase made only of these is never a topic.
REPORTING_WORDS = frozenset(
    "spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople analyst analysts note notes "
    "reporter reporters correspondent correspondents remark remarks announcement announcements quote quotes "
    "press release update editor editors headline headlines briefing transcript dealer dealers trader traders "
    "source sources observer observers study studies survey surveys report reports".split()
)

#: Words in the name lexicon's PLACES that are subjects, not places: they may be topics on their own.
NOT_PLACES = frozenset(
    "republican republicans democrat democrats democratic gop muslim muslims christian christians jewish "
    "islamic catholic latino latinos hispanic black white god allah christmas easter ramadan twitter facebook "
    "instagram youtube internet obamacare medicare medicaid brexit union".split()
)

#: Units of measure and reporting periods: how much and when, never what ("tonne", "barrel", "quarter").
#: A phrase made only of these (with generic or reporting words) is never a topic.
MEASURE_WORDS = frozenset(
    "tonne tonnes ton tons barrel barrels bushel bushels ounce ounces kilo kilos kilogram kilograms kg lb lbs "
    "acre acres hectare hectares mile miles kilometre kilometres km gallon gallons litre litres liter liters "
    "bpd cent cents point points basis quarter quarters period periods half halves fiscal second third fourth "
    "date dates".split()
)

#: Shell nouns (Schmid): they wrap a subject rather than name one, so they never end a topic phrase
#: ("the missile defense issue" is about missile defense).
SHELL_NOUNS = frozenset(
    "issue issues problem problems question questions matter matters concern concerns fact facts idea ideas "
    "aspect aspects topic topics subject subjects situation situations purpose purposes reason reasons".split()
)

#: Company-form words: a phrase with one is a company's name, which belongs in orgs, not topics.
COMPANY_FORMS = frozenset("inc corp co ltd plc llc cos corp. inc. co. ltd. ag sa nv spa bhd pty gmbh".split())

#: Nouns whose plural form is not a plural (``news``, ``politics``): never singularised.
NO_SINGULAR = frozenset(
    "news politics economics physics ethics analysis crisis basis thesis series species status bias gas "
    "us business process congress campus virus census focus consensus chaos atlas glass class pass mass "
    "press bus plus thus this its has was is his hers ours yours always perhaps sometimes whereas lens "
    "alias canvas corps headquarters means diabetes measles arms earnings savings proceeds lawless "
    "reckless useless witness wellness illness fairness "
    "".split()
)

#: Common English verbs (base forms); their inflections break a candidate phrase, because a topic is a
#: noun phrase.  An -ed/-ing form may still modify a following noun ("sealed records").
_VERB_BASES = (
    "accept accuse achieve act add admit agree aim allow announce answer appear apply argue arrive "
    "attack attempt avoid back ban bar battle beat become begin believe block blame blast boost break "
    "build buy call campaign cancel carry cause challenge change charge cite claim close come comment "
    "commit compare complain concede concern condemn confirm consider continue cost count cover "
    "create criticize cut deal decide declare decline defeat defend delay deliver demand deny describe "
    "destroy die discuss dismiss drive drop earn emerge end endorse enter expect explain express face "
    "fail fall fear feel fight file fill finish fire focus follow force gain grow happen hear help hit "
    "hold hope hurt ignore include increase insist intend introduce invite issue join keep kill lack "
    "launch lead learn leave lose love manage mark meet mention miss move name note offer open oppose "
    "order own pass pay plan play point praise predict prepare present press prevent promise propose "
    "protect prove provide pull push raise reach react read receive recognize reduce refer refuse "
    "reject release remain remember remove repeat reply report represent require respond rest return "
    "reveal rip rise risk rule run seek seem sell send serve settle share sign slam spark speak spend "
    "stand start stay stop strike struggle suggest support surprise suspend talk target tend threaten "
    "top try turn understand unveil urge vote vow wait walk warn watch win wish wonder work worry "
    "write yield hammer break rally ask say tell want need get give go look make see take think "
    "know come seem mean let put set show"
)
#: Irregular past forms, which no suffix rule derives from the verb bases above.
_IRREGULAR = (
    "began begun broke broken built bought came chose chosen dealt did done drew drawn drove driven "
    "fell fallen felt fought found gave given got gotten grew grown had heard held hit hurt kept knew "
    "known led left lost made meant met paid put ran read said sat saw seen sent set shot showed shown "
    "sold spoke spoken spent stood struck taught thought told took taken went won wrote written was "
    "were is are be been being has have having"
)


def inflect(base: str) -> list[str]:
    stem = base[:-1] if base.endswith("e") else base
    s = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    double = len(base) <= 4 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3:-2] not in "aeiou"
    ed_stem = base + base[-1] if double else stem
    return [base, s, ed_stem + "ed", ed_stem + "ing"]


#: Irregular past forms: never read as a noun at the end of a phrase ("oil prices rose").
IRREGULAR = frozenset(_IRREGULAR.split())
VERB_FORMS = frozenset(w for b in _VERB_BASES.split() for w in inflect(b)) | frozenset(_IRREGULAR.split())
#: Verb forms that are also common topic nouns: they stay in a phrase ("tax cut", "attack", "vote").
NOUN_LIKE = frozenset(
    "attack attacks ban bans battle block campaign charge charges claim claims comment cost costs cover cut "
    "cuts deal deals debate defeat delay demand drop end face fall fear fight fire focus gain help hit hope "
    "increase issue issues lack lead loss mark meeting move name note offer order pay plan plans play point "
    "press promise raise rally record release report return rise risk rule rules run share sign spending "
    "start stand strike support target talk talks turn vote votes voting walk watch win work building "
    "funding hearing housing lending meeting ruling spending training voting polling campaigning".split()
)
