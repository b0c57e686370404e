"""English attributions in one sentence.

* attribution first: ``SPEAKER[, ROLE,] CUE [on Tuesday] [in a statement] [told OUTLET]
  [that|:|,] CONTENT`` (a content that is one quotation is direct speech);
* quote first: ``“QUOTE,” SPEAKER said`` / ``“QUOTE,” said SPEAKER, ROLE``, and the second half
  of a split quote (``“A,” she said, “B.”``);
* post-posed reported speech: ``CONTENT, SPEAKER said [citing SOURCES].``;
* ``according to SOURCE`` before or after the content; ``OUTLET reported, citing SPEAKER, that``.

Pronoun subjects (he, she, they, it) continue the last speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.models import ClaimKind, Entity, Label, Stance
from workers.core.claims.draft import Draft, Span, SpeakerFrom
from workers.core.claims.lexicon import EnglishCue, EnglishLexicon, english_lexicon
from workers.core.claims.segment import Quote, Sentence, Token

MASK = "\ue000"
MAX_SPEAKER_WORDS = 12
MAX_SOURCE_WORDS = 25
MAX_TAIL_GAP_WORDS = 30
MAX_NAME_PIECE_WORDS = 14
"""``Sens. Ann Cole of Ohio and Tom Reed of Utah`` fits; a clause mentioning a person does not."""
INNER_CLAUSE_OPENERS = frozenset({"after", "before", "until", "since", "while", "although"})
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
CHANNELS = (
    r"statement|interview|note|report|post|letter|memo|speech|briefing|address|podcast"
    r"|filing|email|tweet|video|message|column|op-ed|essay|article|editorial|appearance"
)
MODIFIER = re.compile(
    r"\s*,?\s*(?:"
    r"(?:late |early |earlier |later )?(?:on )?"
    + WEEKDAY
    + r"(?: (?:morning|afternoon|evening|night))?(?![\w’'])"
    r"|on " + MONTH + r" \d{1,2}"
    # before the single words: "last week" is one modifier, not "last" and a content "week"
    r"|(?:last|this|next) (?:week|month|year|weekend|night|morning|afternoon|evening)\b"
    r"|(?:yesterday|today|tonight|earlier|later|again|also|separately|previously|repeatedly"
    r"|recently|publicly|privately|first|last|once|then|now|too)\b"
    r"|(?:last|this|next) (?:week|month|year|weekend)"
    r"|by (?:tele)?phone|by e-?mail|by text message|by video ?link"
    r"|(?:earlier|later) this (?:week|month|year)"
    r"|(?P<channel>in (?:a|an|its|his|her|their|the) (?:[a-z-]+ )?(?:" + CHANNELS + r"))"
    r"(?: (?:to|with|on|for|published by|released by) (?P<channel_to>[^,.;:“\"]+?))?"
    r"(?=[,.;:“\"]|\s+(?:that|on|late|last|this)\b|$)"
    r"|at (?:a|an|the) [\w\s'-]{0,40}?"
    r"(?:conference|briefing|summit|event|meeting|hearing|forum|rally)"
    r"(?: in [A-Z][\w-]+)?"
    r"|in [A-Z][\w-]+(?: [A-Z][\w-]+)?(?=[,\s])"
    r"|to (?P<audience>reporters|journalists|lawmakers|parliament|the press|the media|investors|"
    r"analysts|supporters|(?:state |local )?(?:media|television|TV|radio)|the [A-Z][\w.]+)"
    r")",
)
_NOT_IN_HEARER = (
    r"(?:that|in|at|on|to|for|with|from|by|about|this|last|the|a|an|it|he|she|they|we|was|were"
    r"|is|are|had|has|have|would|will|could|earlier|after|before|during|there|as|while|when"
    r"|because|if|since|but|and|or)\b"
)
HEARER = re.compile(
    r"\s+("
    r"(?:the|a|an|his|her|their|its|our|my)(?: (?!" + _NOT_IN_HEARER + r")[a-z][\w-]*"
    r"|(?: [A-Z][\w-]*){1,2}(?= [a-z]))(?: (?!" + _NOT_IN_HEARER + r")[a-z][\w-]*){0,2}"
    r"(?![\w-])"  # a news conference, his supporters
    r"|(?:(?:the |a |an )?(?:[A-Z][\w.&'-]*|\w+))(?: [A-Z][\w.&'-]*)*"  # the BBC, Reuters
    r")"
)
"""The hearer of 'told': an outlet or audience, which is not part of the content."""
OCCASION_BEFORE_THAT = re.compile(
    r"\s+(?:after|before|during|following|at|in|on|over|since|throughout)"
    r"(?:\s+(?!that\b)[\w’'.-]+){1,6}?(?=\s+that\s)"
)
"""``is telling supporters after his victory that …``: an occasion between the cue (or its
hearer) and the complementizer, which still opens the content."""
RELATIVE_OPENER = re.compile(r"^(?:who|which|whose)\b", re.I)
DATE_ONLY = re.compile(r"(?:(?:on|last|this)\s+)?(?:" + WEEKDAY + "|" + MONTH + r")(?:\s+\d{1,2})?")
"""``Friday``, ``last Monday``, ``March 3``: a comma piece that dates, not names."""
US_STATES = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    r"|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland"
    r"|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada"
    r"|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma"
    r"|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah"
    r"|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|D\.C\."
    r"|Ala\.|Ariz\.|Ark\.|Calif\.|Colo\.|Conn\.|Del\.|Fla\.|Ga\.|Ill\.|Ind\.|Kan\.|Ky\."
    r"|La\.|Md\.|Mass\.|Mich\.|Minn\.|Miss\.|Mo\.|Mont\.|Neb\.|Nev\.|N\.H\.|N\.J\."
    r"|N\.M\.|N\.Y\.|N\.C\.|N\.D\.|Okla\.|Ore\.|Pa\.|R\.I\.|S\.C\.|S\.D\.|Tenn\."
    r"|Va\.|Vt\.|Wash\.|W\.Va\.|Wis\.|Wyo\."
)
STATE_AFTER_COMMA = re.compile(r"(?<=[a-z]),\s+(?:" + US_STATES + r")(?=\s*(?:,|$))")
"""``in Dayton, Ohio,`` / ``in Raleigh, N.C.,``: a US state after its city's comma."""
NP_BAD_START = re.compile(
    r"^(?:on|in|at|after|before|during|while|when|as|speaking|asked|however|but|and|meanwhile|"
    r"of|beyond|"
    r"separately|earlier|later|yesterday|today|for|with|by|from|under|if|although|though|"
    r"because|since|who|which|that|where|whose|also|despite|amid|unlike|following|once|given|"
    # introductory prepositions ("Against that backdrop,", "Even with X's lead,")
    r"without|through|against|within|throughout|across|towards?|upon|even\s+with)\b",
    re.IGNORECASE,
)
SUBORDINATE = re.compile(
    r"^(?:after|as|when|while|because|following|before|amid|despite|since|in response|"
    r"ahead of|without|with)\b",
    re.IGNORECASE,
)
CLAUSE_OPENER = re.compile(
    r"^(?:and|but|though|although|while|whereas|as|because|since|when|yet|where)\s+",
    re.I,
)
INNER_SUBORDINATOR = re.compile(
    r"\s(?:as|while|whereas|though|although|because|since|when|but|after|before|until|once)\s",
    re.I,
)
CLAUSE_OR_PREPOSITION = frozenset({"after", "before", "until", "once"})
"""Inner subordinators that also open a prepositional phrase (``after the speech``)."""
SET_OFF = re.compile(r"[,;()\u2014\u2013]|\s--\s|\s-\s")
"""Punctuation that sets a phrase off from the cue: a comma, parenthesis or dash."""
TRAILING_AUXILIARIES = re.compile(
    r"(?:\s+(?:have|has|had|also|already|again|repeatedly|previously|publicly|recently|"
    r"once|long|often|now|yet|both|ever))+\s*$",
    re.I,
)
PARTICIPLE_CLAUSE = re.compile(
    r"^(?:adding|saying|noting|warning|arguing|insisting|claiming|citing)\b", re.I
)
HEADLINE_TIME = re.compile(r"^\s*\d{1,2}\s?(?:AM|PM|am|pm)(?=[A-Z])")
"""A live blog's time stamp run into its headline (``9:12PMHarlow Says …``): after the
colon's cut, ``12PM`` is glued to the subject and is no part of it."""
INVERTED_ASIDE = re.compile(
    r"\s*(?P<speaker>[A-Z][^,;:\ue000]*?(?:,\s*[^,;:\ue000]+?)?),\s+"
    r"(?=(?:is|are|was|were|would|will|could|can|may|might|should|must|has|have|had)\b)"
)
"""``…, said Y (and others | , a historian at …), would …``: the speaker set off mid-sentence,
then the verb of the statement's own subject."""
LEADING_CONJUNCTION = re.compile(r"^(?:but|and|so|yet|however|meanwhile|still)\b,?\s*", re.I)
NOT_NAME_WORDS = frozenset(
    {"in", "on", "at", "after", "before", "around", "just", "years", "months", "days", "weeks"}
    | {"from", "meanwhile", "however", "still", "instead", "indeed", "then", "now", "also"}
    | {"that", "this", "time", "later", "earlier", "today", "yesterday", "last", "next"}
)
"""Words that make a capitalised comma piece an introductory phrase, not a name."""
RELATIVE_WHO = re.compile(
    r"(?:^|[\s,])(?P<who>who)(?:\s+(?:also|had|has|have|previously|publicly|once|later))*\s+$",
    re.I,
)
"""``who`` (and its auxiliaries) right before a cue: a relative clause of saying."""
ANTECEDENT_CUT = re.compile(
    r"\b(?:among|of|by|for|with|to|from|in|on|at|than|like|including|and|or|is|are|was|were"
    r"|has|have|had|won|lost|led|leads|[a-z]+ed)\s+",
)
"""Where the noun phrase before a restrictive ``who`` starts: after the last preposition
or verb (``won among the 40 percent of farmers who said`` → farmers)."""
DETACHED_AUXILIARY = re.compile(
    r",\s*(?:has|have|had|will|would|could|can|may|might|should|must)"
    r"(?:\s+(?:also|long|always|repeatedly|previously|publicly|already"
    r"|often|since|now|recently|both|ever|never|not|soon))*\s*$",
    re.I,
)
"""``…, has [long] said``, ``…, have both urged``, ``…, will ever tell``: the auxiliary of a
cue whose subject stands before an aside."""
_ADVERBIAL = (
    r"(?:now|initially|reportedly|even|still|first|once|recently|repeatedly|previously|later"
    r"|earlier|again|publicly|privately|quickly|openly|also|then|allegedly|apparently"
    r"|on\s+" + WEEKDAY + r"|" + WEEKDAY + r"|(?:last|this|earlier this|later that)\s+"
    r"(?:week|month|year|weekend|spring|summer|fall|winter)|in\s+\d{4}"
    r"|would\s+not|wouldn[’']t|did\s+not|didn[’']t|does\s+not|doesn[’']t|won[’']t)"
)
DETACHED_ADVERBIAL = re.compile(r",?(?:\s+" + _ADVERBIAL + r")+\s*$")
"""``X, who …, last week said``, ``X, in fact, even insist``, ``X wouldn't say``: adverbs,
time phrases and negations right before the cue, after the subject (or its aside)."""
DASH_ASIDE_BEFORE_CUE = re.compile(
    r"^(?P<subject>[^\u2014\u2013]*?\S)\s+(?:--|-|\u2014|\u2013)\s+[^\u2014\u2013]+?\s+(?:--|-|\u2014|\u2013)\s*$"
)
"""``Harlow — who … but no longer takes cases — told``: an aside between dashes right before
the cue; the subject stands before it."""
QUANTIFIED_APPOSITION = re.compile(
    r"^(?:many|most|some|all|both|several|few|none|one|two|three|each|half)\s+of\s+"
    r"(?:them|whom|those)\s+\S",
    re.I,
)
"""``His critics, many of them retired teachers, argue``: a piece that describes the subject
before it (some of its members), not a speaker of its own (``…, most of them said`` is one)."""
PARTICIPLE_ASIDE = re.compile(
    r"\s*(?:[a-z]+ing|[a-z]+ed\s+(?:for|by|in|as|to|with|from|on|at|under))\s"
)
"""``, leading a group of states,`` / ``, prepared for the council,``: a participle phrase
after the subject's comma."""
AS_COMPLEMENT = re.compile(
    r"\b(?:himself|herself|themselves|itself|known|described|regarded|identified|billed"
    r"|branded|served|serves|serving|worked|works|working|listed|registered|portrayed)\s+as\s$",
    re.I,
)
"""``described himself as``, ``known as``, ``served as``: an ``as`` that introduces a role."""
CONJUNCTION_BEFORE_NAME = re.compile(r"^(?:[Bb]ut|[Aa]nd)\s+[A-Z]")
"""``But Mr. Quinn``: a conjunction, then a capitalised word (a name or its title)."""
RELATIVE_NAME_SUBJECT = re.compile(
    r"(?:^|\s)(?:which|whom|(?:so|such)\s[^,;]*\sthat)\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})$"
)
"""``…, which Mr. Quinn``, ``… so bitter that Ann Cole`` right before the cue: a clause whose
own subject is the name after the relative pronoun or the ``so … that`` (not any ``that``:
``X said that CNN asked her …`` is X's content)."""
COORDINATE_CLAUSE = re.compile(
    r"(?:[,;]\s+|\s)(?:but|and|while|yet)\s+(?P<subject>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
    r"\s+(?:(?:also|then|later|again|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b"
)
"""``…, but Wallace brought …``, ``… and Emanuel fired …``: a clause with its own named
subject, coordinated after the sentence's first clause."""
PRONOUN_SUBJECT = re.compile(
    r"^\(?(?:(?:and|but|so|yet|then|now)\s+)?(?P<pronoun>he|she|they|it|we|i)(?:[’'](?:s|ve|d|ll|re))?"
    r"(?:\s+(?:also|later|then|sometimes|always|often|again|has|have|had|once|now|still"
    r"|previously|repeatedly|recently|never|already|even))*$",
    re.I,
)
"""A pronoun subject with a contraction or adverbs (``he’s said``, ``He then said``), after a
parenthesis or a conjunction the region kept (``(She said``, ``Then she tells``)."""
WITH_SUBJECT = re.compile(
    r"(?:^|[\s,(—])[Ww]ith\s+(?P<np>[^,;:()“”\"\ue000]+?)"
    r"(?:\s+(?:also|repeatedly|recently|even|then|later|now|publicly|again|once|openly))?\s*$"
)
"""``…, with Senator X calling it a farce`` / ``with 30 percent saying …``: an absolute
clause whose noun phrase is the subject of the participle cue after it."""
POLL_GROUP = re.compile(
    r"(?:^|[\s,(—])(?P<np>(?:(?:the|a|an)\s+)?(?:\d[\d.,]*\s*(?:percent|%|per cent)"
    r"|(?:share|proportion|majority|plurality|number|half|third|quarter|fifth)"
    r")(?:\s+of\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+)?)\s+$",
    re.I,
)
"""``with 58 percent of residents saying …``, ``the share of Republicans saying …``: a poll's
group right before a participle cue is its subject (PolNeAR annotates these answers)."""
BY_MEDIUM = re.compile(
    r"\s+(?:tele)?phone|\s+e-?mail|\s+text(?: message)?|\s+video(?:link| link)?|\s+letter"
    r"|\s+satellite|\s+Skype|\s+Zoom",
)
"""``said by telephone``: the medium, not a passive's agent."""
SUBORDINATE_PRONOUN = re.compile(
    r"(?:^|[\s,])(?:where|when|whenever|while|as|because|since|although|though|if|after|before"
    r"|once|until|whereas|in which|at which|during which|after which|which|whom)\s+"
    r"(?P<pronoun>he|she|they|we|I)(?:\s+(?:also|later|then|again|once|never|has|have|had"
    r"|[a-z]+ly))*\s*$",
    re.I,
)
"""A pronoun subject right after a subordinator, before the cue (``where he says``)."""
AND_AFTER_PARTICIPLE = re.compile(r",\s*[a-z]+ing\b[^,;:]*\sand$")
"""``, pointing to X and`` before a participle cue: both participles share the subject."""
INTRODUCTORY_TIME = re.compile(
    r"^(?:[\w’'-]+\s+){0,3}(?:later|earlier|ago|afterwards?|since)\s*,|^[A-Z][a-z]+ly\b[^,]{0,40},"
    r"|^(?:[A-Z][a-z]+wise|Instead|Still|Moreover|Indeed|Nonetheless|Nevertheless|Furthermore"
    r"|Again|Then|Now|There|Here|Yesterday|Today|Tonight|" + WEEKDAY + r")\s*,"
    r"|^(?:[Tt]his|[Ll]ast|[Nn]ext|[Tt]hat|[Ee]ach|[Ee]very)\s+(?:year|week|month|spring|summer"
    r"|fall|autumn|winter|morning|afternoon|evening|night|time|weekend)\b[^,]{0,30},"
)
"""``Hours later,`` ``Shortly after the vote,`` ``This spring,``: a time phrase before the
subject."""
PARTICIPLE_OPENER = re.compile(
    r"^(?:(?!(?:Every|Any|Some|No)thing\b)[A-Z][a-z]+ing|Having\s+(?:\w+ly\s+)?[a-z]+(?:ed|en))\s"
)
"""``Promising that …, Bolton said``, ``Having announced …, the judge …``: a participle
clause opening the sentence; its subject is the main clause's, after the comma."""
AS_REPORTED_LEAD = re.compile(r"\s*[(—-]?\s*[Aa]s(?:\s+(?:first|previously|originally))?\s*")
"""Before ``reported by X,`` opening a sentence: the source of what follows its comma."""
HAVING_BEFORE = re.compile(r"^(?:After\s+)?[Hh]aving(?:\s+\w+ly)?$")
"""Right before a past-participle cue: ``Having announced …,`` reads as a participle clause."""
FRONTED_CLAUSE = re.compile(
    r"^(?:(?:a|an|the|just|only|shortly|soon|long|even|right|few|several|two|three|four|five"
    r"|days?|weeks?|months?|years?|hours?|minutes?|moments?|decades?|night|morning)\s+){1,3}"
    r"(?:after|before|until|once|when|since)\s",
    re.I,
)
"""``Years after X said …,`` ``The day after the vote,``: a time phrase that opens a clause
or phrase of its own; the sentence's subject comes after its comma."""
TIME_BEFORE = re.compile(
    r"\b(?:days?|weeks?|months?|years?|hours?|minutes?|moments?|decades?|night|morning"
    r"|shortly|soon|right|long|just|only|even)\s*$",
    re.I,
)
"""A time word right before ``after``/``before`` (``three days after``, ``shortly before``):
the phrase dates the clause that follows, it describes no noun."""
PREPOSITION_REST = re.compile(
    r"(?:on|in|at|during|outside|inside|near|aboard|amid|following)\s+"
    r"(?:a|an|the|his|her|their|its|[A-Z]|[a-z]+ing\b|\d{4}\b)"
)
"""A phrase of place, time or occasion after a cue (``said during a visit``, ``said in
posing the question``)."""
GAP_CONTENT = re.compile(
    r"(?:was|were|is|are|would|will|had|has|have|could|can|may|might|should|must)\s+[a-z]"
)
"""What was said opens with a finite verb: its subject stands before the speaker."""
GAP_SPEAKERS = (
    re.compile(r"\w\s+(?P<np>he|she|they|we|i)$", re.I),
    re.compile(r"\b(?:that|which|whom)\s+(?P<np>[^,;]+)$"),
    # not "Ann Cole, a lawyer": an apposition after a comma is part of the subject
    re.compile(r"\w\s+(?P<np>(?:the|a|an)\s+(?:(?!\b(?:the|a|an|that|which)\b)[^,;])+)$"),
)
SUBJECT_OPENERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "several", "many", "some", "other"}
    | {"most", "both", "all", "these", "those"}
)
"""Lower-case words that open a noun phrase subject (``several advisers to the board``)."""
SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this"})
"""After these a past form is an adjective (``the retired judge``), not the verb."""
DOCUMENT_PARTICIPLE = re.compile(
    r"\b(?:statement|letter|report|e-?mail|memo|note|post|video|ad|advertisement|tweet|op-ed"
    r"|release|message|notice|filing)s?(?:\s+(?!that\b|which\b|who\b)[\w’'.-]+){0,3}$",
    re.I,
)
"""A document noun (and a few words of time or place) right before a participle cue."""
ASIDE_BEFORE_CUE = re.compile(
    r"[^,;:.\ue000]{0,60},\s*(?:has\s+|had\s+|also\s+)?(?:said|says|told|wrote|writes|added)\b"
)
"""After a participle: its phrase closes with a comma and the real cue follows."""
GERUND_OPENER = re.compile(
    r"(?:\bby|,\s*(?:also|then|[a-z]+ly)|\b(?:while|before|after)|\w\s+(?:—|–|--|-))$", re.I
)
"""Before a participle cue: ``by saying``, ``, also saying``, ``, while insisting``."""
TAIL_CLAUSE = re.compile(r"(?:^|,)\s*[a-z]+ing\b|\bthat\b")
"""Between a cue and a later quotation: a participle clause or a that-clause of its own."""
PROGRESSIVE_AUX = re.compile(
    r"(?:\s+|(?<=\w)(?=[’']))(?:is|are|was|were|[’']s|[’']re)(?:\s+(?:now|also|already|still))?\s+$"
)
"""The auxiliary of a progressive cue (``is telling``, ``’s saying``), right before it."""
ASKED_QUESTION = re.compile(
    r"(?:^|\b(?:[Ww]hen|[Ii]f|[Aa]fter|[Oo]nce|[Ww]hile|[Uu]ntil|[Bb]efore)\s+)(?:being\s+)?$"
)
"""Before a bare ``asked``: it opens a clause with no subject (``Asked whether …,``, ``when
asked about …``), so the question's asker is unnamed or comes after ``by``."""
QUESTION_CONTENT = re.compile(
    r"\s+(?:by\s+(?P<asker>(?:the\s+|a\s+|an\s+)?[^,;:\ue000]{1,60}?)\s+)?"
    r"(?:(?:on|at|during|in)\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?\s+)?"
    r"(?P<content>(?:about|if|whether|why|what|how|who|which|where|when|for)\b[^,;:\ue000]+)"
)
"""The question after an agentless ``asked`` (up to the first comma), and its asker when
``by`` names one (``asked by a reporter if …``)."""
DASH_THEN_NAME = re.compile(r"\s(?:-|--|—|–)\s+((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]*)$")
"""A capitalised run of up to five words after a spaced dash, ending a subject span."""
COGNITION_LEMMAS = frozenset({"believe", "think", "expect", "hope", "fear", "feel", "doubt"})
"""Cues of a belief rather than a statement: not read as verbs in a parenthesis."""
OCCASION_BEFORE_CUE = (
    r"(?:in|at|during|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:interview|statement|speech|hearing|letter|call|appearance|post|tweet|e-?mail"
    r"|meeting|conference|event|rally|session|briefing|address|debate|filing|memo)s?,?"
)
CONTINUING_VERB = re.compile(
    r"(?:\b(?:and|but)|,\s*then)(?:\s+(?:has|have|had|"
    + _ADVERBIAL
    + r"|"
    + OCCASION_BEFORE_CUE
    + r"))*$"
)
"""Before a cue: ``… and said``, ``… but has said``, ``…, then says`` — the sentence's subject
speaks again."""
PARTICIPLE_PHRASE = re.compile(r"^[A-Z][a-z]+ing\s+[a-z]")
"""``Rattling off promises …``: a participle phrase opening the sentence is no subject."""
PERIPHRASIS = re.compile(
    r"(?:^|\s+)(?:(?:went|goes|go|going|gone)\s+on|(?:is|was|were|are)\s+quick"
    r"|continue[sd]?|(?:(?:is|are|was|were)\s+)?continuing|(?:has|have|had)\s+begun|began"
    r"|begins)\s+to\s+$"
    r"|(?:^|\s+)(?:is|was|were|are|been)\s+quoted\s+as\s+$"
    r"|(?:^|\s+)(?:is|was|were|are)\s+(?:(?:far|much|slightly|generally|also|even|twice|"
    r"considerably|significantly)\s+)*(?:more|less)\s+likely\s+(?:than\s+\w+\s+)?to\s+$",
    re.I,
)
"""Verbs around a cue that keep its subject (``went on to say``, ``was quick to note``, ``is
quoted as saying``, ``were more likely to say``): the subject ends before them, and their
``to`` is no modal."""
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it", "himself", "herself", "themselves"})
NOT_A_VERDICT = frozenset(
    {"to", "on", "in", "at", "back", "up", "out", "about", "for", "from", "and", "after"}
    | {"before", "yesterday", "last", "this", "again", "by", "with", "into", "off", "over"}
)
"""Words after ``calling him`` that make it a phone call or a summons, not a verdict."""
NOT_NAMING_NEXT = frozenset(
    {"to", "off", "up", "out", "in", "into", "back", "upon", "attention", "me", "us", "for"}
)
"""After ``called``: a phrasal verb or an infinitive, not a verdict on an object."""
PREPOSITIONS = frozenset({"at", "for", "of", "in", "with", "from", "on", "to", "by"})
NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "ter", "del", "du", "al", "bin", "la", "le", "da", "di"}
    | {"el"}
)
ABBREVIATION_DOT = (
    r"(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bMrs)\.|(?<=\bDr)\."
    r"|(?<=\bGov)\.|(?<=\bSen)\.|(?<=\bRep)\.|(?<=\bGen)\.|(?<=\bSt)\.|(?<=\bJr)\."
    r"|(?<=\bLt)\.|(?<=\bCol)\.|(?<=\bProf)\.|(?<=\bSgt)\.|(?<=\bCapt)\.|(?<=\bSr)\."
    r"|\.(?=\))"
)
"""A full stop that ends a title or an initial (Mr., Sen., J.), not a sentence, or a state's
abbreviation in a party label (``Rep. Earl Blumenauer (D-Ore.)``)."""
ACCORDING_SOURCE = re.compile(r"\s*((?:[^,.;:“\"]|" + ABBREVIATION_DOT + r")+)")
LEADING_NAME = re.compile(
    r"((?:(?:[A-Z][\w’'-]*|" + ABBREVIATION_DOT + r")\.?\s+){0,4}[A-Z][\w’'-]*)\s+(?=[a-z])"
)
"""A run of capitalised words (titles with their full stops) at a sentence's start, then a
lower-case word."""
SUBORDINATE_END = re.compile(
    r"(?:^|\s|,)(?:while|although|though|if|when|as|because|since|whereas|even though|after"
    r"|before|until|once)$",
    re.I,
)
"""A subordinator right before the speaker: the attribution is a subordinate clause."""
CONTENT_STOP = re.compile(
    r"(?:,|(?<=[”\"’]),?)\s*(?:adding|saying|noting|warning|arguing|insisting|claiming"
    r"|according to|telling|explaining|suggesting|acknowledging|calling|citing|pointing)\b"
    r"|,?\s+(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?:said|says|added|adds|denied|denies"
    r"|accused|accuses|blamed|blames|warned|warns|argued|argues|told|tells|urged|urges"
    r"|insisted|insists|claimed|claims|called|calls|announced|confirmed|suggested|suggests"
    r"|noted|notes|stressed|explained|acknowledged|promised|promises|vowed|vows|predicted"
    r"|conceded|asked|asks|wrote|writes|pledged|threatened|did not|didn’t|didn't)\b"
    r"|\s+and\s+(?:[\w’'-]+\s+){1,5}?(?:said|says|say|told|added)\b"
    r"|\s+(?:—|--)\s+(?=[a-z])"
    r"|,\s+but\s+"
    r"|,\s+and\s+(?:has|had|have)\s+(?:also\s+|since\s+|long\s+)?[a-z]+(?:ed|en)\b"
    r"|,\s+(?:however|even though|although|whereas)\b"
    r"|,\s+compared (?:with|to)\b"
    r"|\s+(?:before|after|while)\s+(?:saying|insisting|adding|noting|arguing|claiming|telling"
    r"|calling|warning|suggesting|declaring|stating|explaining|acknowledging|accusing|promising"
    r"|vowing|asking|urging|denying|joking)\b"
    r"|,\s+while\s+(?:[\w’'-]+\s+){1,5}?(?:said|say|says)\b"
    r"|,\s+and\s+(?:he|she)\s+(?:also\s+|then\s+|later\s+)?[a-z]+ed\b"
    r"|,?\s+as\s+(?:he|she|they)\s+(?:[a-z]+(?:s|ed)|faced?|made|began|spoke|went)\s+(?!to\b)"
)
"""Where reported content ends (learned from PolNeAR train misses): a participle clause of
the speaker's, a second reporting verb, a second speaker's attribution (``and one in four
said``) or an aside after a dash."""
TRAILING_RELATIVE = re.compile(r",\s+(?:which|who|whose|whom|where)\s[^,;:\ue000]*$")
"""A non-restrictive relative clause that runs to the content's end (``…, which includes
…``): it describes a noun of the content, told by the writer, not by the speaker."""
AND_PREDICATE = re.compile(
    r",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+ed|was|were|went|took|made)"
    r"\s+(?:to|the|a|an|his|her|their|its|about|that|on|in|for|with|by|up|out|him|them|it)\b"
)
"""``mentioned the plan twice and seemed to fault …``: a second predicate of the speaker's
after a content with no verb of its own (an object, an infinitive), not a second verb of a
reported clause (``she was tired and wanted …``)."""
FINITE_IN_CONTENT = re.compile(
    r"\b(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|can|could|should|shall|may|might"
    r"|must|does|do|did|[a-z]+’[a-z]+|[a-z]+'[a-z]+)\b|\b(?:he|she|it|they|we|I|you)\s+[a-z]+s\b"
)
AND_PARTICIPLE = re.compile(r",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?P<cue>[a-z]+ing)\b")
"""``… and asking``: where a content ends when a second participle cue follows."""
CLAUSE_AFTER_QUOTE = re.compile(r"\s*,?\s*(?:and|but)\s+\S+\s+[^,]*,\s*\S")
"""``“Title,” and on Monday, X said``: a conjunction and an introductory phrase open a new
clause with its own subject, so the quotation before them is not what X said."""
QUOTE_GAP = re.compile(r"\s*,?\s*(?:[^.;:!?“”\"]|" + ABBREVIATION_DOT + r")*")
"""What may stand between a quotation and its cue: ``,” Mr. Prince said``."""
SPEAKER_AFTER = re.compile(r"\s*((?:[^.;:!?“\"]|" + ABBREVIATION_DOT + r")+)")
"""The speaker after an inverted cue (``said Mr. Ekovich, a broker``): up to the sentence's
end, a title's or an initial's full stop excepted."""
TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?P<speaker>(?:[A-Za-z][\w.’'&-]*\s+){0,5}?[A-Za-z][\w.’'&-]*)\s+"
    r"(?:has\s+|had\s+|also\s+|later\s+)?"
    r"(?:said|says|reported|reports|wrote|writes|added|adds|recalled|noted|notes|stated)"
    r"(?:\s+(?:on|in|late|early|last|this)\b(?:\s+[\w’'-]+){0,3})?\s*$"
)
"""``X said CONTENT, the Post reported``: an attribution of the whole sentence after the
content of an inner one; the inner content ends at its comma and the outer cue is read on its
own (PolNeAR annotates the outer source, with the inner attribution inside its content)."""
DISMISSED_AS = re.compile(
    r"\s+[^,.;:]{1,60}?\s+as\s+(?:an?\s+)?\w"
    r"|\s+(?:the\s+|any\s+|all\s+)?(?:claims?|allegations?|accusations?|reports?|suggestions?"
    r"|charges?|criticism)\b"
)
"""What a rejection judges: ``dismissed X as Y``, ``rejected claims that …``."""
NESTED_CUE = re.compile(
    r"(?:that\s+)?(?P<subject>(?:[A-Za-z][\w.'’-]*\s+){0,5}?[A-Za-z][\w.'’-]*)\s+"
    r"(?:had\s+|have\s+|has\s+)?(?P<cue>said|say|says|told|reported|stated)"
    r"(?=\s)(?:\s+that\b)?\s*"
)
"""A content that opens with its own attribution: ``[that] officials said [that] …``."""
RELATIVE_OR_CLAUSE = re.compile(
    r",?\s+(?:who|which|whose|whom)\b.*$"
    r"|\s+(?:after|before|during|following|amid|despite|since|when|while|whereas|because)\s.*$"
    r"|,?\s+(?:on|late on|early on) " + WEEKDAY + r"\b.*$",
    re.IGNORECASE,
)
"""Where a speaker noun phrase ends: a relative clause or a time/reason clause after it."""
DOCUMENT = re.compile(
    r"^(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<doc>statement|report|letter|memo|filing|release|press release|transcript|document|"
    r"study|survey|poll|analysis|email|post|tweet|note)\s+"
    r"(?:from|by|issued by|released by|published by|of)\s+(?P<who>.+)$"
)
"""``a statement from the ministry``: the ministry speaks through the statement."""
SOURCE_HEADS = frozenset(
    [
        "data",
        "figures",
        "estimates",
        "estimate",
        "survey",
        "poll",
        "study",
        "documents",
        "document",
        "people",
        "sources",
        "records",
        "statistics",
        "calculations",
        "filings",
        "filing",
        "tally",
        "count",
        "census",
    ]
)


class EnglishParser:
    def __init__(self, lexicon: EnglishLexicon | None = None) -> None:
        self.lex = lexicon or english_lexicon()

    def parse(self, sentence: Sentence, entities: Sequence[Entity]) -> list[Draft]:
        return _SentenceParser(self.lex, sentence, entities).run()

    def subject_person(self, sentence: Sentence, entities: Sequence[Entity]) -> Entity | None:
        """The person a sentence is about: named in its subject (``Ann Cole agrees.``,
        ``The mayor's deputy, Ann Cole, left early.``)."""
        return _SentenceParser(self.lex, sentence, entities).subject_person()


class _SentenceParser:
    def __init__(self, lex: EnglishLexicon, sentence: Sentence, entities: Sequence[Entity]):
        self.lex = lex
        self.sentence = sentence
        self.entities = entities
        self.text = sentence.text
        self.start = sentence.start
        self.end = sentence.end
        # Quote contents masked so no pattern matches inside a quotation; offsets unchanged.
        chars = list(self.text[self.start : self.end])
        for q in sentence.quotes:
            for i in range(max(q.inner_start, self.start), min(q.inner_end, self.end)):
                chars[i - self.start] = MASK
        self.masked = "".join(chars)
        self.outer_drafts: list[Draft] = []
        """Claims whose content opens with an attribution of its own, kept with the inner one."""
        self.nested_commas: set[int] = set()
        """Commas where an inner content was cut before an outer attribution."""

    # offsets: absolute in self.text; self.masked is indexed relative to self.start
    def m(self, a: int, b: int) -> str:
        return self.masked[a - self.start : b - self.start]

    def run(self) -> list[Draft]:
        drafts: list[Draft] = []
        words = [t for t in self.sentence.tokens if t.is_word]
        consumed_until = self.start
        for n, tok in enumerate(words):
            if tok.in_quote or tok.start < consumed_until:
                continue
            low = tok.text.casefold()
            preposition = self._source_preposition(words, n)
            if preposition is not None:
                draft = self._according_to(tok, preposition, drafts)
                if draft is not None:
                    drafts.append(draft)
                continue
            if low == "asked" and ASKED_QUESTION.search(self.m(self.start, tok.start)):
                # no subject before it: the normal cue path would take a clause as speaker
                question = self._asked_question(tok)
                if question is not None:
                    drafts.append(question)
                    consumed_until = question.content.end
                continue
            cue = self.lex.cues.get(low)
            if cue is None or not self._is_reporting_use(words, n, cue):
                continue
            if cue.quote_only and self._quote_just_before(tok.start) is None:
                continue
            draft = self._cue(tok, cue, drafts)
            if draft is None:
                continue
            drafts.extend(self.outer_drafts)  # the teller first: "she" resolves before it
            self.outer_drafts.clear()
            drafts.append(draft)
            if draft.content.start > tok.start:
                self._cut_trailing_attribution(draft)
                consumed_until = draft.content.end
            self._join_quote_tail(draft, tok)
        return drafts

    def _cut_trailing_attribution(self, draft: Draft) -> None:
        """``The campaign said X will attend, CNN reported``: the inner content ends before
        the outer attribution, whose cue is then read as ``CONTENT, SPEAKER said``."""
        found = TRAILING_ATTRIBUTION.search(self.m(draft.content.start, draft.content.end))
        if found is None or not _plausible_subject(found.group("speaker")):
            return
        base = draft.content.start
        comma = base + found.start()
        self.nested_commas.add(comma)
        draft.content = _trim(self.text, Span(base, comma))
        if draft.source is None:
            # the inner claim reached us through the outer source, as "told X that Y said"
            draft.source = Span(base + found.start("speaker"), base + found.end("speaker"))

    def _source_preposition(self, words: list[Token], n: int) -> Token | None:
        """The ``to`` of ``according to X`` or the ``by`` of a sentence-opening ``As reported
        by X,`` at word ``n``: a source phrase, read by ``_according_to``."""
        if n + 1 >= len(words):
            return None
        low, after = words[n].text.casefold(), words[n + 1].text
        if low == "according" and after == "to":
            return words[n + 1]
        if (
            low in ("reported", "noted", "stated")
            and after == "by"
            and AS_REPORTED_LEAD.fullmatch(self.m(self.start, words[n].start))
        ):
            return words[n + 1]  # "As reported by the Post, X …": the rest is the Post's
        return None

    def _asked_question(self, tok: Token) -> Draft | None:
        """``Asked whether the plan would work, the mayor said …`` / ``when asked by a
        reporter about …``: the question is a statement of its asker — the one after
        ``by``, else unnamed (PolNeAR annotates these questions without a source)."""
        found = QUESTION_CONTENT.match(self.m(tok.end, self.end))
        if found is None:
            return None
        content = _trim(
            self.text, Span(tok.end + found.start("content"), tok.end + found.end("content"))
        )
        if len(self.text[content.start : content.end].split()) < 2:
            return None
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=ClaimKind.INDIRECT,
            stance=Stance.QUESTION,
            speaker_from=SpeakerFrom.UNNAMED,
            confidence=0.6,
        )
        if found.group("asker"):
            asker = Span(tok.end + found.start("asker"), tok.end + found.end("asker"))
            self._assign_speaker(draft, _trim(self.text, asker))
        return draft

    def _is_reporting_use(self, words: list[Token], n: int, cue: EnglishCue) -> bool:
        if self._progressive_start(words[n]) is not None and not words[n - 1].in_quote:
            return True  # "Kasich is telling voters that …" (a modal before "is" is not seen)
        prev = words[n - 1].text.casefold() if n else ""
        if self._relative_who(words[n]) is not None:
            # "voters who said they …"; not "who vowed revenge", "who asked not to be named"
            following = self.m(words[n].end, self.end).split()[:2]
            anonymity = bool(following) and following[0] in ("not", "to", "for", "anonymity")
            return cue.lemma not in self.lex.infinitive_content and not anonymity
        if n and (words[n - 1].in_quote or self.text[words[n - 1].end : words[n].start].strip()):
            prev = ""  # “… what we can do,” said X: the quotation's last word is not a modal
        if prev in self.lex.modal_blockers:
            return False
        if prev == "all" and words[n].text.casefold() == "told":
            return False  # "All told, …": an idiom for "in total", nobody told anything
        nxt = words[n + 1].text.casefold() if n + 1 < len(words) else ""
        if (
            nxt == "by"
            and not self.text[words[n].end : words[n + 1].start].strip()
            and not BY_MEDIUM.match(self.m(words[n + 1].end, self.end))
        ):
            # passive: "was denied by" (not "…, Harlow said, by the budget", "said by phone")
            return False
        low = words[n].text.casefold()
        if low.endswith("ing"):
            # Participles report only as a clause of their own: ", adding that …".
            before = self.text[self.sentence.start : words[n].start].rstrip()
            clause = before.endswith(",") or before.endswith((",”", ',"'))
            # "responded by saying …", ", also saying …": the subject's manner of speaking
            clause = clause or bool(GERUND_OPENER.search(before))
            # "Conceding that …, he warned": a participle clause opening the sentence
            clause = clause or (not before and self._complement_follows(words[n]))
            clause = clause or self._participle_subject(words[n]) is not None
            # ", pointing to his record and saying …": a second participle of the same clause
            clause = clause or bool(AND_AFTER_PARTICIPLE.search(before))
            # "released a statement on Friday saying …": the statement's words, its issuer's
            clause = clause or bool(DOCUMENT_PARTICIPLE.search(before))
            if ASIDE_BEFORE_CUE.match(self.m(words[n].end, self.end)):
                return False  # "X, writing for the court, said …": an aside before the cue
            if clause and low == "calling" and nxt not in ("for", "on"):
                return self._naming(words, n)
            return clause
        if self.text[max(words[n].start - 1, 0)] == "-":
            return False  # missile-warning
        if low in ("called", "calls", "calling") and nxt not in ("for", "on"):
            return self._naming(words, n)
        if low in self.lex.noun_ambiguous and (prev in self.lex.cues or prev.endswith("ed")):
            return False  # "rejected claims that …": the object of a verb is a noun
        if low in self.lex.noun_ambiguous and low not in ("called", "calls", "calling"):
            after = self.text[words[n].end : words[n].end + 3].lstrip()
            infinitive = nxt == "to" and cue.lemma in self.lex.infinitive_content
            # "dismissed the target as unrealistic" judges; "rejected the offer" only acts.
            judged = cue.stance is Stance.DENY and bool(
                DISMISSED_AS.match(self.m(words[n].end, self.end))
            )
            # "“…,” the narrator of the spot states" / "A presidency, she vowed, would …": a
            # quotation before the subject, or a pronoun subject in a parenthesis, makes a verb
            quote_first = self._quote_just_before(words[n].start) is not None
            parenthesis = (
                prev in self.lex.pronouns
                and after.startswith(",")
                and cue.lemma not in COGNITION_LEMMAS  # ", they believe," is no statement
            )
            if (
                nxt != "that"
                and not infinitive
                and not judged
                and not after.startswith((":", "“", '"'))
                and not quote_first
                and not parenthesis
                and not self._past_after_subject(words, n, cue)
            ):
                return False
        return not (low in ("expected", "expects", "expect") and nxt not in ("that",))

    def _past_after_subject(self, words: list[Token], n: int, cue: EnglishCue) -> bool:
        """``Clinton suggested the United States should …``, ``she recalled her first …``: a
        past form right after its subject (a pronoun or a name) is a verb, not the noun or
        participle that the gate is for (``the suggested changes``, ``rejected claims``)."""
        low = words[n].text.casefold()
        if not low.endswith(("ed", "s")) or cue.stance in (Stance.DENY, Stance.ESTIMATE) or n == 0:
            return False
        if cue.lemma in self.lex.infinitive_content:
            return False  # "vowed revenge" is an intent; "vowed to …" passes the gate already
        prev = words[n - 1]
        if self.text[prev.end : words[n].start].strip():
            return False  # punctuation between: not a subject right before its verb
        word = prev.text
        if word.casefold() in self.lex.pronouns:
            return True
        named = any(e.start <= prev.start and prev.end <= e.end for e in self.entities)
        if low.endswith("s") and not low.endswith("ss") and not named:
            return False  # "Western states", "Soviet claims": a plural noun after an adjective
        return word[:1].isupper() and word.casefold() not in self.lex.modal_blockers

    def _naming(self, words: list[Token], n: int) -> bool:
        """``Graham called both candidates “crazy”``: a verdict in the speaker's words (a
        quotation after the object), not a phone call, a call for something or a name
        (``a class called Perception``)."""
        low = words[n].text.casefold()
        if n + 1 >= len(words):
            return False
        nxt = words[n + 1].text.casefold()
        if nxt in NOT_NAMING_NEXT:
            return False
        if low == "calling":
            # ", calling them rapists": a participle clause with an object and its verdict
            before = self.text[self.sentence.start : words[n].start].rstrip()
            after_object = [w.text.casefold() for w in words[n + 2 : n + 4]]
            return (
                (before.endswith(",") or self._with_subject(words[n]) is not None)
                and nxt not in NOT_A_VERDICT
                and len(after_object) == 2
                and not (nxt in OBJECT_PRONOUNS and after_object[0] in NOT_A_VERDICT)
            )
        prev = words[n - 1].text if n else ""
        if prev[:1].islower() and n >= 2 and words[n - 2].text.casefold() in ("a", "an"):
            return False  # a group called …
        rest = self.m(words[n].end, self.end)
        quoted = MASK in rest[:80] or "“" in rest[:80] or '"' in rest[:80]
        if quoted:
            return len(rest.split()) <= 25
        # "They called him a political opportunist", "Others call it the nerd prom": a
        # verdict on an object pronoun after the subject, no quotation needed
        after_object = [w.text.casefold() for w in words[n + 2 : n + 3]]
        subject = n > 0 and (
            prev.casefold() in self.lex.pronouns or self._entity_across(words[n - 1].start)
        )
        return (
            subject
            and nxt in OBJECT_PRONOUNS | {"this", "that"}
            and bool(after_object)
            and after_object[0] not in NOT_A_VERDICT
            and not self.text[words[n].end : words[n + 1].start].strip()
        )

    # ---- one cue --------------------------------------------------------------------------
    def _cue(self, tok: Token, cue: EnglishCue, drafts: list[Draft]) -> Draft | None:
        before = self.m(self.start, tok.start).rstrip()
        progressive = self._progressive_start(tok)
        subject = self._participle_subject(tok)
        if subject is not None:
            return self._absolute(tok, cue, subject)
        if progressive is None and (
            tok.text.casefold().endswith("ing")
            or CONTINUING_VERB.search(before)
            or HAVING_BEFORE.match(before)
        ):
            return self._continuing(tok, cue, drafts)
        who = self._relative_who(tok)
        if who is not None:
            return self._relative(tok, cue, who, drafts)
        quote_before = self._quote_just_before(tok.start)
        if quote_before is not None and not self._complement_follows(tok):
            return self._quote_first(tok, cue, quote_before)
        after = self._after_cue(tok, cue)
        rest_start, channel, source, cited = after
        rest = self.m(rest_start, self.end).strip(" .,;:!?")
        complementizer = re.search(r"\bthat\s*$", self.m(tok.end, rest_start)) is not None
        # "…, the union said, after talks broke down": a comma sets the clause off (not "X
        # says despite the cost, she will stay", whose content opens with the subordinate)
        subordinate = SUBORDINATE.match(rest) and (
            "," in self.m(tok.end, rest_start) or "," not in rest
        )
        comma = self._comma_before(tok.start)
        # "…, the union said during a visit to Leeds": a place or occasion, not what was
        # said, when a statement stands before the comma
        occasion = (
            PREPOSITION_REST.match(rest) is not None
            and not tok.text.casefold().startswith("call")  # "called on the council to …"
            and not any(w.casefold() in CLAUSE_WORDS for w in rest.split())
            and MASK not in rest
            and comma is not None
            and self._statement_before(comma)
        )
        if not complementizer and (subordinate or occasion or PARTICIPLE_CLAUSE.match(rest)):
            rest = ""  # "…, the union said, after talks broke down / adding that …"
        if not rest and comma is not None:
            if not self.m(comma + 1, tok.start).strip():
                # "“…,” Ann Reyes, director of …, said in an interview": no speaker after
                # the cue, so the name before its comma speaks the quotation before it.
                quoted = self._quote_then_long_speaker(tok, cue, rest_start)
                if quoted is not None:
                    return quoted
            return self._post_posed(tok, cue, comma, channel, source, cited)
        if comma is not None and not complementizer:
            aside = self._inverted_aside(comma, tok, cue, channel, source)
            if aside is not None:
                return aside
        if (
            comma is not None
            and not complementizer  # "X, a spokesman, said on Tuesday that …": a that-clause
            and self._inverted_attribution(comma, tok, cue, rest)
        ):
            # "…, said Foreign Minister Leila Haddad." — the rest is the speaker
            return self._post_posed(tok, cue, comma, channel, source, cited)
        if not rest:
            return None
        speaker_region = self._speaker_region(self.start, progressive or tok.start)
        if speaker_region is None:
            return None
        if GAP_CONTENT.match(rest):
            speaker_region = self._gap_subject(speaker_region)
        content, kind = self._content(rest_start, self.end)
        if not content:
            return None
        head = self.m(self.start, speaker_region.start).rstrip()
        if (
            head.endswith(",")
            and self.m(tok.end, rest_start).lstrip().startswith(",")
            and not SUBORDINATE.match(head.lstrip())
            and not NP_BAD_START.match(head.lstrip())
        ):
            # "The solution, he said, was simple": the statement runs on both sides.
            content, kind = _trim(self.text, Span(self.start, content.end)), ClaimKind.INDIRECT
        if kind is ClaimKind.INDIRECT and SUBORDINATE_END.search(head):
            # "While Ramos said that X, he appears …": the subordinate clause ends at its comma
            comma = self.m(content.start, content.end).find(",")
            if comma > 0:
                content = _trim(self.text, Span(content.start, content.start + comma))
        naming = cue.stance is Stance.CALL and tok.text.casefold() in ("called", "calls")
        naming = naming and self.m(tok.end, tok.end + 4).strip()[:3] not in ("for", "on")
        if naming:
            content = self._verdict(content)
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=kind,
            stance=Stance.ASSERT if naming else cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            channel=channel,
            source=source,
        )
        self._assign_speaker(draft, speaker_region)
        self._apply_citing(draft, cited)
        inner = self._nested(draft)
        if inner is None:
            return draft
        # "The Post reported that Klein said X": the Post's claim holds Klein's (PolNeAR
        # annotates the outer source with the inner attribution inside its content)
        self.outer_drafts.append(draft)
        return inner

    def _gap_subject(self, region: Span) -> Span:
        """``a contractor that inspectors said was unlicensed``, ``a scheme the regulator said
        had cost …``: when what was said opens with its verb, its subject is the noun phrase
        the relative clause is about; the speaker is the one after ``that``/``which`` or,
        without one, the last noun phrase with an article right before the cue."""
        text = self.m(region.start, region.end)
        for pattern in GAP_SPEAKERS:
            found = pattern.search(text)
            if found is not None and _plausible_subject(found.group("np")):
                return Span(region.start + found.start("np"), region.start + found.end("np"))
        return region

    def _relative_who(self, tok: Token) -> int | None:
        """Where ``who`` starts when the cue opens a relative clause (``Barkley, who said he
        votes …``, ``voters who say …``)."""
        found = RELATIVE_WHO.search(self.m(self.start, tok.start))
        return self.start + found.start("who") if found else None

    def _relative(self, tok: Token, cue: EnglishCue, who: int, drafts: list[Draft]) -> Draft | None:
        """A cue inside a relative clause: its antecedent speaks; a clause between commas
        ends at the next comma."""
        described = self._described_speaker(who, drafts)
        region = described or self._speaker_region(self.start, who)
        if region is None:
            return None
        parenthetical = self.m(self.start, who).rstrip().endswith(",")
        if not parenthetical and described is None:
            # "among the 40 percent of farmers who said": the noun right before "who"
            cuts = list(ANTECEDENT_CUT.finditer(self.m(region.start, region.end)))
            last = cuts[-1] if cuts else None
            if last is not None:
                region = _trim(self.text, Span(region.start + last.end(), region.end))
            if not region:
                return None
        rest_start, channel, source, _cited = self._after_cue(tok, cue)
        content, kind = self._content(rest_start, self.end)
        if parenthetical:
            comma = self.m(content.start, content.end).find(",")
            if comma > 0:
                content = _trim(self.text, Span(content.start, content.start + comma))
        if not content:
            return None
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            channel=channel,
            source=source,
            confidence=0.8,
        )
        self._assign_speaker(draft, region)
        return draft

    def _described_speaker(self, who: int, drafts: list[Draft]) -> Span | None:
        """``“…?” said Ann Cole, a local official and party member who has accused …``: a
        relative clause right after the speaker and role of the sentence's inverted cue
        describes that speaker (not the last noun of the role)."""
        previous = drafts[-1] if drafts else None
        if previous is None or previous.speaker is None or previous.cue is None:
            return None
        mention = (
            previous.role
            if previous.role and previous.role.end > previous.speaker.end
            else previous.speaker
        )
        inverted = previous.cue.end <= previous.speaker.start
        if not inverted or self.m(mention.end, who).strip(" ,"):
            return None
        return previous.speaker

    def _with_subject(self, tok: Token) -> Span | None:
        """The noun phrase of ``with NP VERBing`` right before a participle cue (not an
        object pronoun, not a clause: no auxiliary or past form inside)."""
        if not tok.text.casefold().endswith("ing"):
            return None
        found = WITH_SUBJECT.search(self.m(self.start, tok.start))
        if found is None:
            return None
        words = found.group("np").split()
        if not 1 <= len(words) <= 10 or words[0].casefold() in OBJECT_PRONOUNS | {"that"}:
            return None
        if any(w.casefold() in FINITE_OR_CLAUSE_WORDS for w in words):
            return None
        if any(w.endswith("ed") and w[:1].islower() for w in words[1:]):
            return None  # "with the crowd gathered outside" — a clause of its own
        return Span(self.start + found.start("np"), self.start + found.end("np"))

    def _participle_subject(self, tok: Token) -> Span | None:
        """The noun phrase right before a participle cue that speaks it: ``with NP`` or a
        poll's group."""
        return self._with_subject(tok) or self._poll_group(tok)

    def _poll_group(self, tok: Token) -> Span | None:
        """The poll group right before a participle cue (``58 percent of residents saying``)."""
        if not tok.text.casefold().endswith("ing"):
            return None
        found = POLL_GROUP.search(self.m(self.start, tok.start))
        if found is None:
            return None
        return Span(self.start + found.start("np"), self.start + found.end("np"))

    def _participle_draft(
        self, tok: Token, cue: EnglishCue, speaker_from: SpeakerFrom
    ) -> Draft | None:
        """The claim a participle cue (``calling``, ``adding that``) opens, up to the end of the
        sentence; ``calling X a Y`` names a verdict. The caller finds the speaker."""
        rest_start, channel, source, _cited = self._after_cue(tok, cue)
        if cue.takes_object and self.m(tok.end, rest_start).strip() == "":
            rest_start = tok.end
        content, kind = self._content(rest_start, self.end)
        naming = tok.text.casefold() == "calling" and self.m(tok.end, tok.end + 4).strip()[
            :3
        ] not in ("for", "on")
        if naming:
            content = self._verdict(content)
        if not content:
            return None
        return Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=kind,
            stance=Stance.ASSERT if naming else cue.stance,
            speaker_from=speaker_from,
            channel=channel,
            source=source,
            confidence=0.8,
        )

    def _absolute(self, tok: Token, cue: EnglishCue, subject: Span) -> Draft | None:
        """``…, with Senator X calling the plan “a farce.”``: the absolute clause's noun
        phrase speaks."""
        draft = self._participle_draft(tok, cue, SpeakerFrom.MENTION)
        if draft is None:
            return None
        self._assign_speaker(draft, subject)
        return draft

    def _progressive_start(self, tok: Token) -> int | None:
        """``Kasich is telling a crowd that …``, ``Trump is now saying …``: where the
        auxiliary of a progressive cue starts (the subject ends there); also where a
        periphrasis starts (``went on to say``, ``is quoted as saying``)."""
        before = self.m(self.start, tok.start)
        periphrasis = PERIPHRASIS.search(before)
        if periphrasis is not None:
            return self.start + periphrasis.start()
        if not tok.text.casefold().endswith("ing"):
            return None
        found = PROGRESSIVE_AUX.search(before)
        return self.start + found.start() if found else None

    def _verdict(self, content: Span) -> Span:
        """``called her “third-rate” and boycotted …``: a verdict ends with its quotation, or
        else at the first comma or ``and``."""
        for quote in self.sentence.quotes:
            if content.start <= quote.start < content.end:
                return _trim(self.text, Span(content.start, min(quote.end, content.end)))
        stop = re.search(r",|\s+and\s", self.m(content.start, content.end))
        if stop and stop.start() > 0:
            return _trim(self.text, Span(content.start, content.start + stop.start()))
        return content

    def _complement_follows(self, tok: Token) -> bool:
        """``On “This Week,” Carson admitted that …``: a that-clause after the cue is its
        content, so the quotation before it is a title, not what was said."""
        return (
            re.match(
                r"\s+that\s+(?!(?:night|day|morning|afternoon|evening|week|time|year)\b)\w",
                self.m(tok.end, self.end),
            )
            is not None
        )

    def _nested(self, outer: Draft) -> Draft | None:
        """``X told Reuters that officials said CONTENT``: the officials speak, X (or the
        outlet X spoke to, when X is only a pronoun) relays; the reporting clause is never the
        content."""
        if outer.kind is not ClaimKind.INDIRECT:
            return None
        region = self.m(outer.content.start, outer.content.end)
        found = NESTED_CUE.match(region)
        if found is None or not _plausible_subject(found.group("subject")):
            return None
        if not _subject_phrase(found.group("subject")):
            return None  # "Obama had too little to say", "Americans will say": no subject
        cue = self.lex.cues.get(found.group("cue").casefold())
        if cue is None or cue.takes_object or cue.stance is not Stance.ASSERT:
            return None
        base = outer.content.start
        content, kind = self._content(base + found.end(), outer.content.end)
        if not content:
            return None
        relay = outer.source
        if outer.speaker_from is SpeakerFrom.MENTION and outer.speaker:
            relay = outer.speaker
        inner = Draft(
            content=content,
            cue=Span(base + found.start("cue"), base + found.end("cue")),
            kind=kind,
            stance=outer.stance,
            speaker_from=SpeakerFrom.MENTION,
            source=relay,
            confidence=0.8,
        )
        self._assign_speaker(
            inner, Span(base + found.start("subject"), base + found.end("subject"))
        )
        if inner.speaker_from is not SpeakerFrom.MENTION:
            return None  # "X said that he said …": a pronoun is the outer speaker again
        return inner

    def _continuing(self, tok: Token, cue: EnglishCue, drafts: list[Draft]) -> Draft | None:
        """``…, adding that X`` / ``… and said X``: the subject of the sentence speaks again."""
        draft = self._participle_draft(tok, cue, SpeakerFrom.SENTENCE)
        if draft is None:
            return None
        subject = self._sentence_subject()
        if subject is not None:
            subject = self._coordinate_subject(subject.end, tok.start) or subject
        # "After X said A, Y won …, promising B": a subject after the earlier claim's content
        # opens the main clause, and the participle is its subject's
        if subject is not None and (not drafts or subject.start >= drafts[-1].content.end):
            self._assign_speaker(draft, subject)
            if draft.content.start < subject.start < draft.content.end:
                # "After saying X, the man ended up …": the fronted clause ends at its comma
                comma = self.m(draft.content.start, subject.start).rfind(",")
                if comma > 0:
                    end = draft.content.start + comma
                    draft.content = _trim(self.text, Span(draft.content.start, end))
        return draft

    def _coordinate_subject(self, after: int, cue_start: int) -> Span | None:
        """``X pivoted to trade, but Wallace brought him back …, asking``: the named subject
        of the last clause coordinated after the sentence's subject, before the cue — the
        participle or ``and said`` goes on with the nearest clause, not the first."""
        clauses = [
            found
            for found in COORDINATE_CLAUSE.finditer(self.m(after, cue_start))
            if _finite_verb(found.group("verb"))
        ]
        if not clauses:
            return None
        found = clauses[-1]
        span = Span(after + found.start("subject"), after + found.end("subject"))
        return span if self._is_name(span) else None

    def _sentence_subject(self) -> Span | None:
        """The words before the sentence's first verb-like word (… ministry called …), after
        an introductory phrase (``In a statement released Monday, X criticised …``)."""
        begin = self.start
        lead = LEADING_CONJUNCTION.match(self.m(self.start, self.end))
        if lead is not None:
            # "Yet she didn't …, also calling …": she; "But other advisers have been urging
            # …, saying": the conjunction is no introductory phrase ending at the comma
            begin += lead.end()
        masked = self.m(begin, self.end)
        comma = masked.find(",")
        opener = (
            NP_BAD_START.match(masked)
            or INTRODUCTORY_TIME.match(masked)
            or (PARTICIPLE_OPENER.match(masked) and not self._entity_starting(begin))
        )
        if (opener or FRONTED_CLAUSE.match(masked)) and comma > 0:
            begin += comma + 1
        previous = ""
        for found in re.finditer(r"\S+", self.m(begin, self.end)):
            word = found.group(0).casefold().strip(",")
            after_determiner, previous = previous in SUBJECT_DETERMINERS, word
            if (
                # a past form, but not a name (Reed, Ted) after the first word (Indeed,) nor
                # an adjective after a determiner (the retired judge, an elected official)
                (
                    word.endswith("ed")
                    and (found.group(0)[:1].islower() or not found.start())
                    and not after_determiner
                )
                or word in self.lex.cues
                or word in AUXILIARY_WORDS
                or NEGATED_AUXILIARY.fullmatch(word) is not None
                or (word in IRREGULAR_PAST and found.start() > 0)
            ):
                span = _trim(self.text, Span(begin, begin + found.start()))
                last_comma = self.m(span.start, span.end).rfind(",")
                if begin > self.start and last_comma >= 0:
                    # "At a fair in Dunmore, Ohio, on Sunday, Ms. Cole tried …"
                    span = _trim(self.text, Span(span.start + last_comma + 1, span.end))
                words = self.text[span.start : span.end].split()
                determiner = bool(words) and words[0] in SUBJECT_OPENERS
                pronoun = len(words) == 1 and words[0].casefold() in self.lex.pronouns
                noun_phrase = words and (words[0][:1].isupper() or determiner or pronoun)
                if span and 1 <= len(words) <= 6 and noun_phrase:
                    return span
                after_dash = self._name_after_dash(span)
                if after_dash is not None:
                    return after_dash
                return (
                    self._name_before_apposition(span)
                    or self._person_in_apposition(span)
                    or self._leading_name()
                    or self._subject_before_aside(span)
                )
        return None

    def subject_person(self) -> Entity | None:
        subject = self._sentence_subject() or self._leading_name()
        if subject is None:
            return None
        return self._person_in(subject)

    def _name_after_dash(self, span: Span) -> Span | None:
        """``ORLANDO (Reuters) - President X met …`` / ``In a speech -- which … -- Sanders
        claimed …``: a dateline or an aside set off by a dash, then a name as the subject."""
        found = DASH_THEN_NAME.search(self.m(span.start, span.end))
        if found is None:
            return None
        name = _trim(self.text, Span(span.start + found.start(1), span.end))
        return name if self._is_name(name) else None

    def _name_before_apposition(self, span: Span) -> Span | None:
        """``Ann Cole, the veteran activist and lawyer, endorsed …``: a long subject that
        opens with a name and its comma is that name."""
        found = re.match(r"([^,]+),", self.m(span.start, span.end))
        if found is None:
            return None
        name = _trim(self.text, Span(span.start, span.start + found.end(1)))
        words = self.text[name.start : name.end].split()
        if words and (words[0].isupper() or any(w in ("—", "–", "-", "--") for w in words)):
            return None  # "PARIS — France's party leader, Ann Cole, said": a dateline
        return name if len(words) <= 5 and self._names_one(name) else None

    def _person_in_apposition(self, span: Span) -> Span | None:
        """``One of the growers, Ann Cole, 61, had …``: a long subject whose apposition
        names a person (set off by a comma) is that person."""
        person = self._person_in(span)
        if person is None or not self.m(span.start, person.start).rstrip().endswith(","):
            return None
        return Span(person.start, person.end)

    def _subject_before_aside(self, span: Span) -> Span | None:
        """``House Democrats, looking for a way out, seized the floor and said …``: a short
        capitalised noun phrase before a comma and a participle or ``while`` aside."""
        found = re.match(r"([^,]+),\s*(\S+)", self.m(span.start, span.end))
        if found is None:
            return None
        head = _trim(self.text, Span(span.start, span.start + found.end(1)))
        words = self.text[head.start : head.end].split()
        opener = found.group(2).casefold()
        aside = (opener.endswith("ing") and opener[:1].islower()) or opener in ("while", "who")
        if not (aside and 1 <= len(words) <= 6 and words[0][:1].isupper()):
            return None
        return None if NP_BAD_START.match(words[0]) else head

    def _leading_name(self) -> Span | None:
        """``Carly Fiorina threw her support behind Cruz, saying …``: a sentence that opens
        with a name followed by its verb has that name as its subject."""
        found = LEADING_NAME.match(self.m(self.start, self.end))
        if found is None:
            return None
        span = Span(self.start + found.start(1), self.start + found.end(1))
        if found.group(1).casefold() in ("a", "an", "the"):
            return None  # "A spokeswoman for …": an article, not a name
        if NP_BAD_START.match(found.group(1)) or LEADING_CONJUNCTION.match(found.group(1)):
            return None  # "Yet she …": a conjunction, not a name
        if not self._is_name(span):
            return None
        return span

    def _quote_first(self, tok: Token, cue: EnglishCue, quote: Quote) -> Draft | None:
        content = _trim(self.text, Span(quote.inner_start, min(quote.inner_end, self.end)))
        if not content:
            return None
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=ClaimKind.DIRECT,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
        )
        between = self.m(quote.end, tok.start)
        inverted = self._speaker_after_aside(quote.end, tok, cue)
        if inverted is not None:
            # "“…,” like the swings of the markets, said Ann Cole, an economist": the piece
            # between the quotation and the cue is an aside; the name after the cue speaks
            rest_start, channel, source, cited = self._after_cue(tok, cue)
            self._assign_speaker(draft, inverted)
        elif between.strip(" ,"):
            # "“…,” X is quoted as saying": the subject ends before the auxiliary
            subject_end = max(self._progressive_start(tok) or tok.start, quote.end)
            if not self.m(quote.end, subject_end).strip(" ,"):
                subject_end = tok.start
            region = _trim(self.text, Span(quote.end, subject_end))
            self._assign_speaker(draft, region)
            rest_start, channel, source, cited = self._after_cue(tok, cue)
        else:
            rest_start, channel, source, cited = self._after_cue(tok, cue)
            after = self._speaker_after(rest_start)
            if after is None:
                return None
            self._assign_speaker(draft, after)
        draft.channel, draft.source = channel, source
        self._apply_citing(draft, cited)
        return draft

    def _speaker_after_aside(self, quote_end: int, tok: Token, cue: EnglishCue) -> Span | None:
        """The name after the cue when the words between a quotation and its cue are a
        phrase set off by commas that names nobody (``, like the swings of the markets,``)."""
        if not self.m(quote_end, tok.start).rstrip().endswith(","):
            return None
        piece = _trim(self.text, Span(quote_end, tok.start))
        if not piece or self.text[piece.start].isupper() or self._has_entity(piece):
            return None  # "“…,” Harlow, the mayor, said" / "“…,” the mayor, Ann Cole, said"
        after = self._speaker_after(self._after_cue(tok, cue)[0])
        if after is None:
            return None
        name = _first_piece(self.text, after)
        if DATE_ONLY.fullmatch(self.m(name.start, name.end)) or not self._is_name(name):
            return None
        return after

    def _post_posed(
        self,
        tok: Token,
        cue: EnglishCue,
        comma: int,
        channel: Span | None,
        source: Span | None,
        cited: Span | None,
    ) -> Draft | None:
        """``CONTENT, the bank said.`` or ``CONTENT, said Anna Berg, an economist.``"""
        content = _trim(self.text, Span(self.start, comma))
        if not content or (comma not in self.nested_commas and self._has_open_cue(content)):
            return None
        kind = ClaimKind.INDIRECT
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            channel=channel,
            source=source,
            confidence=0.8,
        )
        between = self.m(comma + 1, tok.start).strip()
        if between:
            region = _trim(self.text, Span(comma + 1, tok.start))
        else:
            found = self._speaker_after(tok.end)
            if found is None:
                return None
            region = found
        shortened = self._shorten_speaker(region)
        if shortened is None:
            return None
        self._assign_speaker(draft, shortened)
        self._apply_citing(draft, cited)
        return draft

    def _quote_then_long_speaker(
        self, tok: Token, cue: EnglishCue, rest_start: int
    ) -> Draft | None:
        """``“QUOTE,” NAME, ROLE …, said [in an interview].``: a speaker phrase too long for
        ``_quote_just_before``, with nothing after the cue but its modifiers."""
        if self.m(rest_start, self.end).strip(" .,;:!?"):
            return None
        quote = next((q for q in reversed(self.sentence.quotes) if q.end <= tok.start), None)
        if quote is None:
            return None
        gap = self.m(quote.end, tok.start)
        inner_tail = self.text[quote.start : quote.inner_end].rstrip(" '’")[-1:]
        if MASK in gap or len(gap.split()) > MAX_SOURCE_WORDS:
            return None
        if not gap.lstrip().startswith(",") and inner_tail not in (",", "?", "!"):
            return None
        region = self._speaker_region(quote.end, tok.start)
        if region is None or not self._is_name(_first_piece(self.text, region)):
            return None
        content = _trim(self.text, Span(quote.inner_start, min(quote.inner_end, self.end)))
        if not content:
            return None
        rest_start, channel, source, cited = self._after_cue(tok, cue)
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=ClaimKind.DIRECT,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            channel=channel,
            source=source,
        )
        self._assign_speaker(draft, region)
        self._apply_citing(draft, cited)
        return draft

    def _bare_cue_after(self, comma: int, tok: Token, cue: EnglishCue) -> bool:
        """An inverted cue's own conditions: right after the comma, and a verb that takes no
        object (not urged, told, accused) and no noun content."""
        if self.m(comma + 1, tok.start).strip() or cue.takes_object:
            return False
        return cue.stance not in (Stance.CALL, Stance.ACCUSE) and not cue.noun_content

    def _inverted_attribution(self, comma: int, tok: Token, cue: EnglishCue, rest: str) -> bool:
        """``CONTENT, said SPEAKER.``: a cue with no object of its own (not urged, told,
        accused) right after the comma, then a short noun phrase and nothing else."""
        if not self._bare_cue_after(comma, tok, cue):
            return False
        head = self.m(self.start, comma)
        previous = _trim(self.text, Span(self.start + head.rfind(",") + 1, comma))
        if previous and self._short_name(previous):
            # "A spokeswoman for the union, Marieke van den Broek, said …" (not a statement
            # that only mentions a person: "The nature of Cole's bid has helped, said X")
            return False
        if MASK in rest:
            return False  # "X, writing for the court, said the period “is generous.”"
        # "…, said Paul Dorn, an analyst, who notes that …": the relative clause describes
        # the speaker and has its own cue.
        rest = re.sub(r",?\s+(?:who|whose)\b.*$", "", rest)
        words = rest.split()
        if words and re.fullmatch(r"[a-z]+ly", words[0]):
            return False  # "X, a retired worker, said pleasantly into the phone"
        after_cue = self.m(tok.end, self.end).split()[:1]
        if after_cue and after_cue[0] in PREPOSITIONS | {"against", "about", "over", "of"}:
            return False  # "X, who backs Y, warned against the forces of fear": no speaker
        if cue.lemma == "ask" and re.search(r"\bto\s+(?!the\b|a\b|an\b)[a-z]+\b", rest):
            return False  # "X, leading a group of states, asked a judge to halt …": the hearer
        return (
            (1 <= len(words) <= MAX_SPEAKER_WORDS or self._name_with_long_role(tok))
            and re.sub(r"[’'].*$", "", words[0].casefold())
            not in ("that", "it", "he", "she", "they", "we", "i", "you", "there")
            and not re.search(r"\b(?:that|was|were|is|are|would|will|had|has)\b", rest)
        )

    def _inverted_aside(
        self,
        comma: int,
        tok: Token,
        cue: EnglishCue,
        channel: Span | None,
        source: Span | None,
    ) -> Draft | None:
        """``The contrast with X, said Y and others, would be clear``: an inverted cue set off
        inside the statement, whose subject (a short noun phrase) stands before it and whose
        verb follows the speaker; the statement runs on both sides, as with ``The solution,
        he said, was simple``."""
        if not self._bare_cue_after(comma, tok, cue):
            return None
        head = self.m(self.start, comma)
        if "," in head or not _plausible_subject(head):
            return None  # a statement or a list before the comma: "CONTENT, said Y"
        found = INVERTED_ASIDE.match(self.m(tok.end, self.end))
        if found is None:
            return None
        speaker = _trim(
            self.text, Span(tok.end + found.start("speaker"), tok.end + found.end("speaker"))
        )
        first = _first_piece(self.text, speaker)
        if len(self.text[first.start : first.end].split()) > 5 or not _plausible_subject(
            self.text[first.start : first.end]
        ):
            return None
        content = _trim(self.text, Span(self.start, self.end))
        draft = Draft(
            content=content,
            cue=Span(tok.start, tok.end),
            kind=ClaimKind.INDIRECT,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            channel=channel,
            source=source,
        )
        self._assign_speaker(draft, speaker)
        return draft

    def _name_with_long_role(self, tok: Token) -> bool:
        """``CONTENT, said Ann Reyes, director of the … Project at the University of …``: a
        name, then one apposition too long for a speaker phrase (the role is cut off later);
        without this the content before the comma was read as the speaker of the name."""
        found = re.match(r"\s*([^,]+),\s*([^,]+?)\s*[.!?]?\s*$", self.m(tok.end, self.end))
        if found is None:
            return False
        name = _trim(self.text, Span(tok.end + found.start(1), tok.end + found.end(1)))
        role = _trim(self.text, Span(tok.end + found.start(2), tok.end + found.end(2)))
        return (
            self._is_name(name)
            and self._role_like(role)
            and len(self.text[role.start : role.end].split()) <= MAX_SOURCE_WORDS
        )

    def _has_open_cue(self, span: Span) -> bool:
        """A content clause that itself holds an attribution is not one claim."""
        return bool(re.search(r"\b(?:said|says|told)\b", self.m(span.start, span.end)))

    def _join_quote_tail(self, draft: Draft, tok: Token) -> None:
        """``“A,” she said, “B.”``: one statement interrupted by its attribution, so one claim
        running over both parts (PolNeAR annotates it as one relation with both parts as
        content; two claims would each hold only half of it)."""
        if draft.kind is not ClaimKind.DIRECT or draft.content.start > tok.start:
            return
        for quote in self.sentence.quotes:
            if quote.start <= tok.end:
                continue
            between = self.m(tok.end, quote.start)
            if len(between.split()) > MAX_TAIL_GAP_WORDS or MASK in between:
                return
            if TAIL_CLAUSE.search(between):
                return  # “A,” X said, adding that Y is “B.”: B belongs to the new clause
            inner = _trim(self.text, Span(quote.inner_start, min(quote.inner_end, self.end)))
            if inner:
                draft.content = Span(draft.content.start, inner.end)
            return

    # ---- pieces ---------------------------------------------------------------------------
    def _quote_just_before(self, pos: int) -> Quote | None:
        """A quotation followed only by ', ' and at most a short speaker phrase before ``pos``."""
        for quote in reversed(self.sentence.quotes):
            if quote.end > pos:
                continue
            gap = self.m(quote.end, pos)
            if MASK in gap or not QUOTE_GAP.fullmatch(gap):
                return None
            if CLAUSE_AFTER_QUOTE.match(gap):
                return None  # "its show “Harbor,” and on Monday, the council said": a new clause
            if len(gap.split()) > MAX_SPEAKER_WORDS:
                return None
            # “… to the center,’ ” she said: a nested quotation closes just before the mark
            inner = self.text[quote.start : quote.inner_end].rstrip(" '’")
            inner_tail = inner[-1:]
            if not gap.strip(" ") and inner_tail not in (",", "?", "!", ".", "…"):
                return None
            if gap.strip() and not gap.lstrip().startswith(",") and inner_tail not in ",?!":
                return None
            return quote
        return None

    def _statement_before(self, comma: int) -> bool:
        """Whether the words before ``comma`` can be a statement: three words or more, not
        a name with its apposition (``Tom Harlow, the mayor, said …``), no quotation."""
        words = self.m(self.start, comma).split()
        if len(words) < 3 or MASK in self.m(self.start, comma):
            return False
        return not self._short_name(_first_piece(self.text, Span(self.start, comma)))

    def _comma_before(self, pos: int) -> int | None:
        """The comma that ends the content of ``CONTENT, SPEAKER said``."""
        head = self.m(self.start, pos)
        idx = head.rfind(",")
        while idx != -1:
            between = head[idx + 1 :]
            fits = "," not in between or _apposition_ok(between)
            if fits and len(between.split()) <= MAX_SPEAKER_WORDS:
                return self.start + idx
            idx = head.rfind(",", 0, idx)
        return None

    def _after_cue(
        self, tok: Token, cue: EnglishCue
    ) -> tuple[int, Span | None, Span | None, Span | None]:
        """Skip time and channel phrases, the hearer of 'told', and ', citing X,'.
        Returns (content start, channel, source, cited speaker)."""
        pos = tok.end
        channel: Span | None = None
        source: Span | None = None
        cited: Span | None = None
        if cue.lemma == "tell":
            obj = HEARER.match(self.m(pos, self.end))
            if obj:
                span = Span(pos + obj.start(1), pos + obj.end(1))
                if self.text[span.start].isupper() or self._has_entity(span):
                    source = span
                pos = span.end
        while True:
            chunk = self.m(pos, self.end)
            found = MODIFIER.match(chunk)
            if found and found.end() > 0 and found.group(0).strip(" ,"):
                if found.group("channel"):
                    channel = Span(pos + found.start("channel"), pos + found.end("channel"))
                    if found.group("channel_to"):
                        to_span = Span(
                            pos + found.start("channel_to"), pos + found.end("channel_to")
                        )
                        if self.text[to_span.start].isupper() or self._has_entity(to_span):
                            source = to_span
                    if source is None and re.search(
                        r"statement|note|letter|memo|filing", found.group("channel")
                    ):
                        words = found.group("channel").split()
                        source = Span(
                            pos + found.start("channel") + len(words[0]) + 1,
                            pos + found.end("channel"),
                        )
                if found.group("audience") and found.group("audience")[:1].isupper():
                    source = Span(pos + found.start("audience"), pos + found.end("audience"))
                pos += found.end()
                continue
            citing = re.match(
                r"\s*,?\s*(?:citing|quoting) ([^,.;:“\"]+?)(?=\s*(?:,|\.|;|:|“|\"|that\b|$))", chunk
            )
            if citing:
                cited = Span(pos + citing.start(1), pos + citing.end(1))
                pos += citing.end()
                continue
            occasion = OCCASION_BEFORE_THAT.match(chunk)
            if occasion:
                pos += occasion.end()
                continue
            break
        if not re.match(r"\s*that\s*(?:[,.;]|$)", self.m(pos, self.end)):
            # "denied that, saying …": there "that" is the content, not a complementizer.
            lead = re.match(r"\s*(?:,\s*)?(?:that\b|:|,)?\s*", self.m(pos, self.end))
            if lead:
                pos += lead.end()
        if cue.lemma in ("warn", "urge", "ask") or cue.stance is Stance.CALL:
            prep = re.match(r"(?:of|about|against|for|on|whether)\s+", self.m(pos, self.end))
            if (prep and cue.lemma != "urge") or (prep and self.m(pos, pos + 3) == "for"):
                pos += prep.end()
        return pos, channel, source, cited

    def _content(self, start: int, end: int) -> tuple[Span, ClaimKind]:
        span = _trim(self.text, Span(start, end))
        stop = CONTENT_STOP.search(self.m(span.start, span.end))
        if stop:
            span = _trim(self.text, Span(span.start, span.start + stop.start()))
        relative = TRAILING_RELATIVE.search(self.m(span.start, span.end))
        if relative is not None and relative.start() > 0:
            span = _trim(self.text, Span(span.start, span.start + relative.start()))
        span = self._before_second_predicate(span)
        for found in AND_PARTICIPLE.finditer(self.m(span.start, span.end)):
            if found.group("cue").casefold() in self.lex.cues:
                # "… tweeting that it was a disaster and asking, …": a second participle cue
                span = _trim(self.text, Span(span.start, span.start + found.start()))
                break
        for quote in self.sentence.quotes:
            if quote.start == span.start and quote.end >= span.end - 1:
                inner = _trim(self.text, Span(quote.inner_start, min(quote.inner_end, self.end)))
                return inner, ClaimKind.DIRECT
        return span, ClaimKind.INDIRECT

    def _before_second_predicate(self, span: Span) -> Span:
        """A content with no verb of its own (``the levy twice``, ``to coalesce``) ends where
        the speaker's second predicate begins (``and seemed to …``)."""
        second = AND_PREDICATE.search(self.m(span.start, span.end))
        if second is None:
            return span
        words = self.m(span.start, span.start + second.start()).split()
        if (
            not words
            or len(words) > 10
            or FINITE_IN_CONTENT.search(" ".join(words))
            or words[0].casefold() in self.lex.pronouns
        ):
            return span
        return _trim(self.text, Span(span.start, span.start + second.start()))

    def _speaker_region(self, start: int, cue_start: int) -> Span | None:
        """The noun phrase before the cue, after any introductory phrase or subordinator
        (``…, and the grid operator warned``; ``… as grid operator warns``)."""
        region = self.m(start, cue_start)
        region_end = cue_start  # where the cue starts, before any adverb is set aside
        subordinate = SUBORDINATE_PRONOUN.search(region)
        if subordinate is not None:
            # "…, where he says he can win": the pronoun after a subordinator is the subject
            return Span(start + subordinate.start("pronoun"), start + subordinate.end("pronoun"))
        adverbial = DETACHED_ADVERBIAL.search(region)
        if adverbial is not None and region[: adverbial.start()].strip(" ,"):
            # "X, who backed Y, last week said" / "X, in fact, even insist": a time phrase or
            # adverb before the cue is no subject; the comma before it stays for the aside
            cue_start = start + adverbial.start() + (1 if adverbial.group(0)[:1] == "," else 0)
            region = self.m(start, cue_start)
        detached = DETACHED_AUXILIARY.search(region)
        if detached is not None:
            # "The agency, in a move that angered unions, has said": the auxiliary after the
            # aside is no subject; the comma before it stays so the aside is seen as one.
            cue_start = start + detached.start() + 1
            region = self.m(start, cue_start)
        dashed = DASH_ASIDE_BEFORE_CUE.match(region)
        if dashed is not None and _subject_phrase(dashed.group("subject").split(",")[-1].strip()):
            # "Harlow — who is a lawyer but no longer takes cases — told": the aside between
            # the dashes describes the subject before it
            cue_start = start + dashed.end("subject")
            region = self.m(start, cue_start)
        if MASK in region:
            cut = region.rfind(MASK)
            close = region.find(" ", cut)
            start += close if close != -1 else len(region)
            region = self.m(start, cue_start)
        if ":" in region:  # "Ukraine: Kyiv says …" — a headline's rubric is not the subject
            start += region.rfind(":") + 1
            region = self.m(start, cue_start)
            stamp = HEADLINE_TIME.match(region)
            if stamp is not None:
                start += stamp.end()
                region = self.m(start, cue_start)
        # "in Dayton, Ohio," is one place: its comma splits no segment
        region = STATE_AFTER_COMMA.sub(lambda found: " " + found.group(0)[1:], region)
        segments = [m for m in re.finditer(r"[^,;]+", region)]
        kept: list[Span] = []
        subject_end = cue_start  # before an aside, when one is skipped
        relative = self._relative_aside(region, segments)
        if relative is not None:
            # "X, whose home town, Dunmore, is …, argues": the relative clause runs to the
            # cue's comma, over its own commas; the subject is before it
            subject_end = start + segments[relative - 1].end()
            segments = segments[:relative]
        for n, seg in enumerate(reversed(segments)):
            text = seg.group(0).strip()
            if not text:
                continue
            # "But Mr. Quinn, a Democrat, said": a conjunction opening the sentence before the
            # name of an apposition is no phrase of its own (it is stripped from the speaker)
            conjoined_name = (
                bool(kept)
                and n == len(segments) - 1  # the sentence's first piece, not "…, and X, Y"
                and CONJUNCTION_BEFORE_NAME.match(text) is not None
            )
            if (
                NP_BAD_START.match(text)
                and not re.match(r"^(?:who|which)\b", text, re.I)
                and not conjoined_name
            ):
                if not kept and self._aside(region, seg, len(segments) - 1 - n, segments):
                    # "Humphrey, for example, said" / "Trump, in Kentucky, said": an aside
                    # between commas; the subject is before it.
                    subject_end = start + region.rfind(",", 0, seg.start())
                    continue
                if not kept:
                    # "though the operator said": the clause's own subject still speaks.
                    opener = CLAUSE_OPENER.match(text)
                    offset = seg.start() + len(seg.group(0)) - len(seg.group(0).lstrip())
                    subject = TRAILING_AUXILIARIES.sub("", text[opener.end() :]) if opener else ""
                    if opener and _subject_phrase(subject):
                        kept.append(Span(start + offset + opener.end(), start + seg.end()))
                break
            named = RELATIVE_NAME_SUBJECT.search(text) if not kept else None
            if named is not None:
                named_span = Span(start + seg.start() + named.start("name"), start + seg.end())
                if self._is_name(_trim(self.text, named_span)):
                    # "Bloomberg put it at $2 billion, which Mr. Quinn called …": the name
                    # after the relative pronoun is the subject of the cue
                    kept = [named_span]
                    break
            if re.match(r"^(?:who|which|whose)\b", text, re.I):
                continue  # a relative clause inside the subject
            if not kept and QUANTIFIED_APPOSITION.match(text):
                # "His critics, many of them teachers, argue": the piece describes the subject
                subject_end = start + region.rfind(",", 0, seg.start())
                continue
            index = len(segments) - 1 - n
            if (
                not kept
                and index > 0
                and PARTICIPLE_ASIDE.match(seg.group(0))
                and region[seg.end() :].strip() == ","
            ):
                # "…, as Ann Cole, contradicting Harlow, said": a participle phrase set off
                # before the cue describes the subject before it (whose piece may open with
                # its clause's conjunction)
                subject_end = start + region.rfind(",", 0, seg.start())
                continue
            kept.insert(0, Span(start + seg.start(), start + seg.end()))
            if len(kept) == 2:
                break
        if not kept:
            return None
        if (
            len(kept) == 2
            and PARTICIPLE_ASIDE.match(self.m(kept[1].start, kept[1].end))
            and _subject_phrase(self.m(kept[0].start, kept[0].end).strip())
            and not NP_BAD_START.match(self.m(kept[0].start, kept[0].end).strip())
        ):
            # "the state of Ohio, leading a group of nine states, asked" / "A forecast by X,
            # prepared for Y, predicted": a participle aside describes the subject before it
            subject_end = kept[0].end
            kept = kept[:1]
        if len(kept) == 2 and not self._apposition_pair(kept[0], kept[1]):
            kept = kept[1:]  # "Additionally, Clinton said" / "On March 2, 2015, the Times said"
        kept = self._named_head(segments, start, kept)
        if len(kept) == 2 and self.m(kept[1].start, kept[1].end).strip().casefold() in (
            self.lex.pronouns
        ):
            kept = kept[1:]  # "The solution, he said, was simple": the pronoun speaks
        elif (
            len(kept) == 2
            and re.match(r"[A-Za-z]+\s*,\s*[a-z]", self.m(cue_start, self.end))
            and len(self.text[kept[1].start : kept[1].end].split()) <= 5
            and self._names_one(_trim(self.text, kept[1]))
        ):
            kept = kept[1:]  # "The good news for Ann, Harlow said, is that …": Harlow speaks
        region_start = kept[0].start
        lead = LEADING_CONJUNCTION.match(self.m(region_start, subject_end).lstrip())
        span = _trim(self.text, Span(region_start, subject_end))
        if lead and lead.end():
            span = _trim(self.text, Span(span.start + lead.end(), span.end))
        phrase_before_cue = self.m(span.start, span.end)
        inner = [
            found
            for found in INNER_SUBORDINATOR.finditer(phrase_before_cue)
            # "a Democrat who described himself as a devout Methodist": "as" completes the
            # verb before it (a role), it opens no clause with a subject of its own
            if not AS_COMPLEMENT.search(phrase_before_cue[: found.end()])
        ]
        if inner and _plausible_subject(self.m(span.start + inner[-1].end(), span.end)):
            subject_start = span.start + inner[-1].end()
            # "after/before" are prepositions too: "…, appearing right after the speech,
            # said" — a phrase set off by its one comma or dash is no clause of its own
            preposition = inner[-1].group(0).strip().casefold() in CLAUSE_OR_PREPOSITION
            phrase = self.m(subject_start, subject_end).rstrip()
            marks = SET_OFF.findall(phrase)
            set_off = len(marks) == 1 and phrase.endswith(marks[0].strip())
            # "The mayor of the town after the vote said": a noun phrase (not one of time,
            # "A few weeks after X said") before it is the subject the phrase describes
            described_noun = self.m(span.start, span.start + inner[-1].start())
            described = (
                _plausible_subject(described_noun)
                and not TIME_BEFORE.search(described_noun)
                # ", forcefully denouncing the plan after X said": a participle is no noun
                and not re.match(r"\s*(?:[a-z]+ly\s+)?[a-z]+ing\b", described_noun)
            )
            # "… was in crisis after a partner threatened to walk out": a threat or promise
            # of an act, not a statement (our corpus guideline); the clause stays no speaker
            intent = re.match(r"\S+\s+to\s", self.m(region_end, self.end)) is not None
            if not (preposition and (set_off or described or intent)):
                span = _trim(self.text, Span(subject_start, span.end))
        tail = TRAILING_AUXILIARIES.search(self.m(span.start, span.end))
        if tail and tail.start() > 0:
            span = _trim(self.text, Span(span.start, span.start + tail.start()))
        after_dash = self._name_after_dash(span)
        if after_dash is not None:
            dash = re.search(r"\s(?:-|--|—|–)\s", self.m(span.start, span.end))
            before = _trim(self.text, Span(span.start, span.start + (dash.start() if dash else 0)))
            if not self._is_name(before):
                # "Inside the hall - which resembles a barn - Ann Cole said": the name after
                # the dashes is the subject, not the phrase before them
                return after_dash
        words = self.text[span.start : span.end].split()
        if not words or PARTICIPLE_PHRASE.match(self.text[span.start : span.end]):
            return None
        if len(words) <= MAX_SPEAKER_WORDS:
            return span
        last = _trim(self.text, Span(kept[-1].start, subject_end))
        # not "X, facing a challenge from Y, said" / "X, a supporter of Y, said": a phrase
        # that only mentions Y after the name it describes, or a participle phrase
        participle = re.match(r"[a-z]+(?:ing|ed)\b", self.text[last.start : last.end])
        describes = self._is_name(_trim(self.text, kept[0])) and not self._names_one(last)
        if len(kept) == 2 and self._is_name(last) and not participle and not describes:
            return last  # "… the Star of David, Speaker Paul Ryan (R-WI) said": not a pair
        # Too long for a subject: only a name with appositions (``Mike Shields, president
        # of …, said``) is cut to its head; a clause before the cue is no speaker.
        head = re.match(r"[^,]+", self.m(span.start, span.end))
        if head is None or not self._is_name(
            _trim(self.text, Span(span.start, span.start + head.end()))
        ):
            return self._noun_phrase_head(span)
        return self._shorten_speaker(span)

    def _relative_aside(self, region: str, segments: list[re.Match[str]]) -> int | None:
        """The index of the comma piece opening a relative clause that runs, over its own
        commas, to a comma right before the cue (``X, whose town, Dunmore, is …, said``);
        None when there is none or no subject piece before it."""
        if not region.rstrip().endswith(",") or len(segments) < 3:
            return None
        for index, seg in enumerate(segments[1:], start=1):
            if not RELATIVE_OPENER.match(seg.group(0).strip()):
                continue
            if index + 1 >= len(segments) or not segments[index - 1].group(0).strip():
                return None  # one comma piece only: the loop below already skips it
            subject = segments[index - 1].group(0).strip()
            return index if _subject_phrase(subject) else None
        return None

    def _noun_phrase_head(self, span: Span) -> Span | None:
        """``Large majorities of farmers in four counties voting on Tuesday said``: a
        long subject with no comma, cut before its participle or relative clause when what
        is left is a noun phrase (a clause before the cue stays no speaker)."""
        region = self.m(span.start, span.end)
        if "," in region:
            return None
        for found in re.finditer(r"\S+", region):
            word = found.group(0)
            participle = word.endswith("ing") and word[:1].islower()
            if participle and any(
                w.casefold() in AUXILIARY_WORDS for w in region[found.end() :].split()
            ):
                return None  # "The governing coalition was in crisis after …": a clause
            if found.start() and (
                participle or word.casefold() in ("who", "which", "that", "whose")
            ):
                head = _trim(self.text, Span(span.start, span.start + found.start()))
                text = self.text[head.start : head.end]
                return head if head and _subject_phrase(text) else None
        return None

    def _aside(
        self, region: str, seg: re.Match[str], index: int, segments: list[re.Match[str]]
    ) -> bool:
        """An adverbial phrase between the subject's comma and a comma right before the cue
        (``, in a statement on Thursday,`` ``, however,`` ``, after the rally,``), with a
        plausible subject in the comma piece before it."""
        if region[seg.end() :].strip() not in (",", ""):
            return False
        if not region[seg.end() :].strip():
            return False
        earlier = [s for s in segments[:index] if s.group(0).strip()]
        if not earlier or region[earlier[-1].end() : seg.start()].strip() != ",":
            return False
        # "X, who was to visit Dayton, Ohio, on Friday, said": past a relative clause
        while len(earlier) > 1 and RELATIVE_OPENER.match(earlier[-1].group(0).strip()):
            earlier.pop()
        subject = earlier[-1].group(0).strip()
        return bool(_subject_phrase(subject)) and not NP_BAD_START.match(subject)

    def _named_head(
        self, segments: list[re.Match[str]], start: int, kept: list[Span]
    ) -> list[Span]:
        """``Mike Shields, president of X, a group allied with Y, said``: the subject is the
        name the appositions describe, further left than the last two comma pieces."""
        if self._is_name(_trim(self.text, kept[0])):
            return kept
        first = next(
            (i for i, seg in enumerate(segments) if start + seg.start() == kept[0].start), None
        )
        if first is None:
            return kept
        for i in range(first - 1, max(first - 4, -1), -1):
            text = segments[i].group(0).strip()
            if not text or (NP_BAD_START.match(text) and not text.casefold().startswith("who")):
                break
            span = _trim(self.text, Span(start + segments[i].start(), start + segments[i].end()))
            if self._is_name(span) and len(text.split()) <= 5:
                return [span, *kept]
        return kept

    def _speaker_after(self, pos: int) -> Span | None:
        """``said Anna Berg, an economist at ING[, on Tuesday].``"""
        chunk = self.m(pos, self.end)
        found = SPEAKER_AFTER.match(chunk)
        if not found:
            return None
        span = Span(pos + found.start(1), pos + found.end(1))
        # Trailing time or channel phrases are not part of the speaker.
        tail = re.search(
            r",?\s+(?:on " + WEEKDAY + r"|in (?:a|an) (?:" + CHANNELS + r")|citing\b|adding\b).*$",
            self.text[span.start : span.end],
        )
        if tail:
            span = Span(span.start, span.start + tail.start())
        span = _trim(self.text, span)
        if not span:
            return None
        return self._shorten_speaker(span)

    def _shorten_speaker(self, span: Span) -> Span | None:
        """A long speaker phrase (``Ann Reyes, a former chief of staff to … who runs …``) cut to
        its head: before a relative clause, then before its second or first comma — the name
        and role that the appositions describe."""
        if len(self.text[span.start : span.end].split()) <= MAX_SPEAKER_WORDS:
            return span
        clause = RELATIVE_OR_CLAUSE.search(self.m(span.start, span.end))
        if clause is not None and clause.start() > 0:
            span = _trim(self.text, Span(span.start, span.start + clause.start()))
        for _ in range(2):
            if len(self.text[span.start : span.end].split()) <= MAX_SPEAKER_WORDS:
                return span
            comma = self.m(span.start, span.end).rfind(",")
            if comma <= 0:
                break
            span = _trim(self.text, Span(span.start, span.start + comma))
        if not span or len(self.text[span.start : span.end].split()) > MAX_SPEAKER_WORDS:
            return None
        return span

    def _assign_speaker(self, draft: Draft, region: Span) -> None:
        clause = RELATIVE_OR_CLAUSE.search(self.m(region.start, region.end))
        if clause is not None and clause.start() > 0:
            region = _trim(self.text, Span(region.start, region.start + clause.start()))
        text = self.text[region.start : region.end]
        low = text.strip().casefold()
        pronoun = PRONOUN_SUBJECT.match(low)
        if pronoun is not None:
            low = pronoun.group("pronoun")
        if low in self.lex.pronouns:
            draft.speaker_from = SpeakerFrom.CONTEXT
            draft.gender = {"m": "m", "f": "f"}.get(self.lex.pronouns[low])
            draft.confidence = min(draft.confidence, 0.8)
            return
        draft.speaker_from = SpeakerFrom.MENTION
        parts = [m for m in re.finditer(r"[^,]+", text) if m.group(0).strip()]
        spans = [
            _trim(self.text, Span(region.start + p.start(), region.start + p.end())) for p in parts
        ]
        if len(spans) >= 2:
            first_name, second_name = self._names_one(spans[0]), self._names_one(spans[1])
            if first_name and not second_name:
                draft.speaker, draft.role = spans[0], spans[1]
                return
            if second_name and not first_name:
                draft.role, draft.speaker = spans[0], spans[1]
                return
        self._split_title(draft, spans[0] if spans else region)

    def _apposition_pair(self, first: Span, second: Span) -> bool:
        """``Ruud Smit, its chairman,`` / ``Its chairman, Ruud Smit,``: a name and a role
        describe one speaker; anything else before the subject's comma is an introductory
        phrase (``Additionally,`` ``Around that time,`` ``Reacting to criticism,``)."""
        a, b = _trim(self.text, first), _trim(self.text, second)
        return (self._short_name(a) and self._role_like(b)) or (
            self._role_like(a) and self._short_name(b)
        )

    def _short_name(self, span: Span) -> bool:
        """A name piece of an apposition: not a long phrase that only mentions a person
        (``Almost a month after Ann Cole visited the towns,`` is an introductory phrase)."""
        words = self.text[span.start : span.end].split()
        clause = any(
            w.casefold() in CLAUSE_WORDS
            or w.casefold() in INNER_CLAUSE_OPENERS
            or w.casefold() in IRREGULAR_PAST
            or (w.endswith("ed") and w[:1].islower())
            for w in words
        )
        if len(words) > MAX_NAME_PIECE_WORDS or (len(words) > 8 and clause):
            return False
        return self._is_name(span)

    def _names_one(self, span: Span) -> bool:
        """A comma piece that is a name (``Sen. Ann Cole``), not a phrase that only mentions
        one (``clad in a cape with Cole's name``, ``many of them Catholics``): it opens with a
        capital letter."""
        lead = LEADING_CONJUNCTION.match(self.text[span.start : span.end])
        first = span.start + (lead.end() if lead else 0)
        return self.text[first : first + 1].isupper() and self._is_name(span)

    def _role_like(self, span: Span) -> bool:
        words = self.text[span.start : span.end].split()
        if not words or any(w.casefold() in AUXILIARY_WORDS for w in words):
            return False  # "The plan would be helped, Harlow said, …": a clause, no role
        head = words[0].casefold().strip(".")
        return (
            words[0][:1].islower()
            or words[0][:1].isdigit()
            or head in ("a", "an", "the", "its", "his", "her", "their", "our", "my")
            or head in self.lex.title_words
            or head in self.lex.role_nouns
        )

    def _is_name(self, span: Span) -> bool:
        if self._person_in(span) is not None:
            return True
        words = self.text[span.start : span.end].split()
        if not 1 <= len(words) <= 5:
            return False
        if any(w.casefold() in NOT_NAME_WORDS or w.endswith(("ly", "ing")) for w in words):
            return False  # "Additionally", "Around that time", "Reacting …"
        if DATE_ONLY.fullmatch(self.text[span.start : span.end]):
            return False  # "Friday, the state, leading …, asked": a date is nobody's name
        caps = [w for w in words if w.casefold() not in NAME_PARTICLES]
        return (
            all(w[:1].isupper() for w in caps)
            and not any(w.casefold().strip(".") in self.lex.title_words for w in caps[:1])
            and not any(w.casefold() in self.lex.role_nouns for w in caps)
        )

    def _split_title(self, draft: Draft, span: Span) -> None:
        """``NATO Secretary General Jens Stoltenberg``, ``ING economist Maria Jansen`` → role +
        name: the name is the trailing run of capitalised words that are not titles."""
        person = self._person_in(span)
        if person is not None and person.start > span.start:
            draft.role = _trim(self.text, Span(span.start, person.start))
            draft.speaker = Span(person.start, span.end)
            return
        words = list(re.finditer(r"\S+", self.text[span.start : span.end]))
        k = len(words)
        while k > 0:
            word = words[k - 1].group(0)
            low = word.casefold().strip(".,")
            if not (word[:1].isupper() or low in NAME_PARTICLES):
                break
            if low in self.lex.title_words or low in self.lex.role_nouns:
                break
            k -= 1
        if 0 < k < len(words) and self._entity_across(span.start + words[k].start()):
            k = 0  # "General Motors said": an organisation's name, not a title and a name
        if 0 < k < len(words) and len(words) - k <= 4:
            role_words = [w.group(0) for w in words[:k]]
            last = role_words[-1].casefold()
            only_articles = all(w.casefold() in ("the", "a", "an") for w in role_words)
            joined = last in PREPOSITIONS or last in NAME_PARTICLES or last in ("and", "or", "&")
            if not joined and not only_articles:
                draft.role = _trim(self.text, Span(span.start, span.start + words[k].start()))
                draft.speaker = Span(span.start + words[k].start(), span.end)
                return
        draft.speaker = span

    def _apply_citing(self, draft: Draft, cited: Span | None) -> None:
        """``Reuters reported, citing three officials`` — the officials speak, via Reuters
        (``citing weak demand`` gives a reason, not a source)."""
        if cited is None or not self._plausible_source(cited):
            return
        draft.source = draft.speaker
        draft.speaker, draft.role = cited, None
        draft.speaker_from = SpeakerFrom.MENTION

    # ---- according to -----------------------------------------------------------------------
    def _according_to(self, tok: Token, to: Token, drafts: list[Draft]) -> Draft | None:
        after = self.m(to.end, self.end)
        found = ACCORDING_SOURCE.match(after)
        if not found:
            return None
        source = _trim(self.text, Span(to.end + found.start(1), to.end + found.end(1)))
        # "according to media trackers / state law / the results": PolNeAR train counts
        # every noun phrase after "according to" as a source; a long one ("first counts of a
        # survey carried out for … by …") speaks through its head.
        if not source or len(self.text[source.start : source.end].split()) > MAX_SOURCE_WORDS:
            return None
        for draft in drafts:
            if draft.content.end <= tok.start and not self.m(draft.content.end, tok.start).strip(
                " ,"
            ):
                if draft.source is None:
                    draft.source = source
                return None
        before = self.m(self.start, tok.start).strip(" ,(")
        if (
            not before
            or LEADING_CONJUNCTION.fullmatch(before)
            or AS_REPORTED_LEAD.fullmatch(before)
        ):
            rest = source.end
            comma = re.match(r"\s*,\s*", self.m(rest, self.end))
            if not comma:
                return None
            content, kind = self._content(rest + comma.end(), self.end)
        else:
            content = _trim(self.text, Span(self.start, tok.start))
            kind = ClaimKind.INDIRECT
            if self._content_resumes(tok, source):
                # "At the heart of it, according to X, was a decision …": one statement
                # interrupted by its attribution, so the claim runs over it.
                content = _trim(self.text, Span(self.start, self.end))
            for quote in self.sentence.quotes:
                if quote.start == content.start and quote.end >= content.end - 1:
                    content = _trim(self.text, Span(quote.inner_start, quote.inner_end))
                    kind = ClaimKind.DIRECT
        if not content:
            return None
        speaker, document = source, None
        if len(self.text[source.start : source.end].split()) > MAX_SPEAKER_WORDS:
            speaker = self._noun_phrase_head(source) or source
        found = DOCUMENT.match(self.m(source.start, source.end))
        if found is not None:
            # "according to a statement from the ministry": the ministry speaks, the
            # statement is how it reached us.
            speaker = _trim(self.text, Span(source.start + found.start("who"), source.end))
            document = Span(source.start, source.start + found.end("doc"))
        return Draft(
            content=content,
            cue=Span(tok.start, to.end),
            kind=ClaimKind.ACCORDING_TO if kind is ClaimKind.INDIRECT else kind,
            stance=Stance.ASSERT,
            speaker_from=SpeakerFrom.MENTION,
            speaker=speaker,
            source=document,
            confidence=0.8,
        )

    def _content_resumes(self, tok: Token, source: Span) -> bool:
        """Whether ``, according to SOURCE,`` stands inside the statement: a comma on both
        sides and at least two more words after it."""
        if not self.m(self.start, tok.start).rstrip().endswith(","):
            return False
        tail = re.match(r"\s*,\s*", self.m(source.end, self.end))
        return tail is not None and len(self.m(source.end + tail.end(), self.end).split()) >= 2

    def _plausible_source(self, span: Span) -> bool:
        if self._has_entity(span):
            return True
        words = self.text[span.start : span.end].split()
        if any(w[:1].isupper() for w in words):
            return True
        heads = {w.casefold().strip("'s") for w in words}
        return bool(
            heads
            & (self.lex.role_nouns | self.lex.outlet_nouns | self.lex.channel_nouns | SOURCE_HEADS)
        )

    # ---- entities ---------------------------------------------------------------------------
    def _has_entity(self, span: Span) -> bool:
        return any(e.start >= span.start and e.end <= span.end for e in self.entities)

    def _person_in(self, span: Span) -> Entity | None:
        """The last person named inside ``span`` (a bare title is nobody's name)."""
        persons = [
            e
            for e in self.entities
            if e.label == Label.PERSON
            and e.start >= span.start
            and e.end <= span.end
            and not all(w.casefold() in self.lex.title_words for w in e.text.split())
        ]
        return persons[-1] if persons else None

    def _entity_across(self, pos: int) -> bool:
        """Whether a non-person mention runs across ``pos`` (``General Motors``)."""
        return any(e.label != Label.PERSON and e.start < pos < e.end for e in self.entities)

    def _entity_starting(self, pos: int) -> bool:
        return any(e.start == pos and e.label != Label.PERSON for e in self.entities)


def _plausible_subject(text: str) -> bool:
    """Words that can be the subject right before a cue: a short noun phrase, no verb forms
    or clause words of its own."""
    words = text.split()
    if not 1 <= len(words) <= 6 or MASK in text:
        return False
    return not any(
        w.casefold() in ("is", "are", "was", "were", "be", "been", "that", "if", "it")
        or (w.casefold().endswith("ed") and w[:1].islower())
        for w in words
    )


IRREGULAR_PAST = frozenset(
    {"met", "made", "took", "gave", "went", "came", "left", "spoke", "sent", "held", "kept"}
    | {"brought", "thought", "got", "saw", "ran", "won", "lost", "led", "stood", "sat", "paid"}
    | {"sought", "struck", "spent", "drew", "broke", "threw", "began", "became", "chose"}
    | {"fought", "knew", "felt", "heard", "found", "rose", "fell", "flew", "grew", "shook"}
    | {"stuck", "swore", "bought", "caught", "taught", "sold", "built", "dealt", "meant"}
)
"""Past forms without -ed: where a sentence's subject ends (``The governor met …``)."""
AUXILIARY_WORDS = frozenset(
    {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can"}
    | {"could", "should", "may", "might", "must", "did", "does", "do"}
)
NEGATED_AUXILIARY = re.compile(r"[a-z]+n[’']t")
"""``didn't``, ``won't``, ``isn't``: a finite verb, so the sentence's subject ends before it."""
CLAUSE_WORDS = AUXILIARY_WORDS | frozenset({"that", "if", "whether", "because", "when", "where"})
"""Words of a clause with its own verb: a phrase with none of them is no statement."""
FINITE_OR_CLAUSE_WORDS = AUXILIARY_WORDS | frozenset(
    {"that", "if", "it", "there", "because", "when", "while", "where", "what", "whether", "to"}
)


def _finite_verb(word: str) -> bool:
    """A lower-case past or present form (``fired``, ``brought``, ``insists``)."""
    return (
        word.endswith("ed")
        or word in IRREGULAR_PAST
        or (word.endswith("s") and not word.endswith(("ss", "us", "is")))
    )


def _subject_phrase(text: str) -> bool:
    """A noun phrase of up to ``MAX_SPEAKER_WORDS`` words that can be a clause's subject
    (``a source familiar with the investigation``, ``16 percent of registered voters``): no
    quotation, no auxiliary, complementizer or infinitive, and not a pronoun object."""
    words = text.split()
    if not 1 <= len(words) <= MAX_SPEAKER_WORDS or MASK in text:
        return False
    if words[0].casefold() in ("him", "her", "them", "me", "us"):
        return False
    return not any(w.casefold().strip(",.") in FINITE_OR_CLAUSE_WORDS for w in words)


def _apposition_ok(between: str) -> bool:
    """'Anna Berg, an economist at ING,' — one apposition inside a speaker phrase."""
    return between.count(",") <= 2 and len(between.split()) <= MAX_SPEAKER_WORDS


def _first_piece(text: str, span: Span) -> Span:
    """The span up to its first comma (a name before its appositions)."""
    comma = text.find(",", span.start, span.end)
    return _trim(text, Span(span.start, comma)) if comma != -1 else span


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    return Span(start, end)
