"""ParsedResume -> model inputs: redacted text and named, interpretable signals.

Shared by training and serving, so the two cannot drift. Two rules hold everywhere:

* Identity and protected attributes never reach a model: every PII span found by the
  parser (name, contact details, home location, birth date, age, gender words, marital
  status, nationality) is replaced by a neutral placeholder *before* any feature is
  computed, and each placeholder is the same whatever it replaced.
* No feature encodes age, graduation year, career-gap length or total years of
  experience: signals count facts (countries, moves, promotions, ventures, outcomes,
  certifications, skills by family), never durations or dates.

Every signal keeps the character spans (into the parsed text) it was computed from, so
that an explanation can quote them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from screening.lexicons import FAMILIES, Gazetteer
from screening.parsing.model import ParsedResume, Position, Span
from screening.parsing.pii import spans_of
from screening.phrase_search import AnchoredPattern, PhraseText

#: The placeholder every redacted span becomes (one token, same for every kind).
REDACTED = " ▯ "
#: Kinds of personal data that are redacted. URLs go too (profile links carry names).
REDACTED_KINDS = frozenset(
    {
        "name",
        "email",
        "phone",
        "address",
        "date_of_birth",
        "age",
        "gender",
        "marital_status",
        "nationality",
        "url",
    }
)

# The phrase rules behind the named signals follow the labelling guide's items
# (``labelling-guide.md``), in the idioms of English and Chinese résumés. Each counts matches.
#: What a venture, a programme or a new line of business is called (what "created" starts).
_VENTURE = (
    r"(?:program|programme|business|company|department|division|initiative|product|service|brand|"
    r"website|app|platform|curriculum|course|event|fund|partnership|venture|start-?up|team|office|"
    r"branch|line of business|practice|club|podcast|newsletter|workshop|conference)s?\b"
)
#: What "organised" is evidence of an initiative for: events, programmes and communities.
_EVENT = (
    r"(?:events?|conferences?|fund-?raisers?|fund-?raising|workshops?|seminars?|campaigns?|drives?|"
    r"competitions?|tournaments?|meetups?|clubs?|programs?|programmes?|trips?|volunteers?|community|"
    r"charit(?:y|ies)|galas?|summits?|hackathons?|symposi(?:um|a)|festivals?|outreach|initiatives?|"
    r"fairs?|forums?|panels?|walks?|runs?|parties|rallies|rally|classes|courses?)\b"
)
_NUMBER = re.compile(
    r"(?:[$€£¥]|us\$|hk\$|s\$|aed\s?)\s?\d|\d+(?:[.,]\d+)?\s?(?:%|x\b|k\b|m\b|bn\b|million|billion)"
    r"|\bfrom\s+(?:[$€£¥]\s?)?\d[\d,.]*\s*\w*\s+(?:\w+\s+)?to\s+(?:over\s+|more than\s+)?(?:[$€£¥]\s?)?\d"
    r"|\b(?:by|of)\s+\d+(?:[.,]\d+)?\s?(?:percent|per cent)\b"
    # Chinese: "由 25 万元增长至 590 万元" (from … to …), and sums or head counts in 万/亿.
    r"|由\s?\d[\d.,]*\s?(?:万|萬|亿|億)?\s?\w{0,2}\s?(?:增长|增長|增加|提升|提高|扩大|擴大|降低|减少|減少|下降|缩短|縮短)?"
    r"(?:到|至)\s?[\d.,]+"
    r"|\d[\d.,]*\s?(?:万|萬|亿|億)\s?(?:元|美元|港元|人|用户|用戶)",
    re.IGNORECASE,
)
_FOUNDER = re.compile(
    r"\b(?:co-?founder|founder|founding|owner|sole proprietor(?:ship)?|self-employed)\b"
    r"|创始人|联合创始人|创业",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_LEAD = re.compile(
    r"\b(?:led|lead|leading|managed|mentored|mentoring|mentor|coached|supervised|headed|directed|"
    r"oversaw|trained \w+ (?:new )?(?:staff|employees|hires|members))\b|带领|管理|负责|帶領|負責|主導|主导",
    re.IGNORECASE,
)
_LAUNCH = re.compile(
    r"\b(?:launched|launch of|founded|started|built from scratch|established|initiated|"
    r"pioneered|spearheaded|introduced|first-ever|from the ground up|from scratch|"
    # "Created", "opened" and "proposed" start something only with what they start: not
    # "created reports", "opened new accounts" or "opened and closed the store".
    r"created (?:\w+ ){0,3}?(?:new|first|" + _VENTURE + r")|"
    r"opened (?:a |an |the |our |its |\d+ )?(?:new |first |second |\w+ )?(?:branch|office|store|location|"
    r"restaurant|market|clinic|facility|practice|studio|franchise|division|department|business)(?:es|s)?|"
    r"proposed (?:and |, )?(?:\w+ )?(?:new|implemented|launched|introduced|created|built|developed)|"
    r"expanded into|rolled out|co-?founded|founding member|first (?:ever )?\w+ (?:program|programme|office|"
    r"branch|store|team|department|product|system|process)|new (?:program|programme|initiative|product|"
    r"business|branch|office|department|division|service|practice))\b|创办|推出|上线|开拓|首创|創辦|創立|上線|"
    r"開拓|首創|创建|創建|发起|發起",
    re.IGNORECASE,
)
_AWARD = re.compile(
    r"\b(?:awards?|awarded|winner|won|1st|first place|finalist|scholarships?|fellowship|honou?rs?|"
    r"honou?r society|cum laude|magna|summa|dean'?s list|medal|distinction|recogni[sz]ed (?:as|for|by)|"
    r"recognition|acknowledged (?:as|by|for)|top[- ]performing|best in class|of the qtr|"
    r"of the (?:month|year|quarter)|president'?s club|top \d+%?|honou?r graduate|honou?r roll|"
    r"with (?:high(?:est)? )?honou?rs|phi beta kappa|phi theta kappa|golden key|salutatorian|valedictorian|"
    r"recipient|laureate|top (?:performer|producer|seller|achiever)|rising star|excellence award|"
    r"achievement award|commendation|fulbright|first class|"
    # A medal colour counts as a distinction, not as a gym, a mine, a programme or a loyalty tier.
    r"(?:gold|silver|bronze)(?:\s+\w+){0,2}?\s+(?:medal(?:lion)?s?|awards?|stars?|winners?|prizes?|"
    r"troph(?:y|ies)|club|key|ribbon|certificat(?:e|ion)|scores?)|"
    r"(?:gold|silver|bronze)\s+(?:of|in|among)\s+\d+)\b"
    r"|获奖|一等奖|奖学金|荣誉|优秀员工|獲獎|獎學金|榮譽|優秀員工|最佳|冠军|冠軍|一等獎|金奖|金獎",
    re.IGNORECASE,
)
_PROMOTION = re.compile(
    # "Promotions" alone is mostly marketing ("sales and promotions") or HR paperwork on
    # real résumés: a count of them is a career's.
    r"\b(?:promoted|promotion to|(?:two|three|four|five|six|several|multiple|rapid|successive|consecutive|"
    r"\d+) promotions|advanced to|elevated to|selected (?:for|to|as|from|among)|"
    r"one of \d+ (?:selected|chosen|graduates)|"
    r"fast[- ]tracked|graduate programme|graduate program|leadership (?:program|programme)|"
    r"management trainee|earned (?:a |his |her |my )?promotion|promotion (?:within|after|in|from)|"
    r"meritorious promotion|rose (?:to|through)|moved up|through the ranks|advanced (?:through|from)|"
    r"appointed (?:as|to)|"
    r"named (?:as )?(?:a |the )?(?:team lead|lead|manager|director|head|supervisor|chair)|"
    r"chosen (?:to|for|as)|nominated (?:to|for|as)|invited to (?:join|become)|recruited (?:into|to|by))\b"
    r"|晋升|升任|提拔|管培生|晉升|擢升|獲提拔",
    re.IGNORECASE,
)
_OUTPERFORM = re.compile(
    r"\b(?:ranked|ranking|top \d+|#\s?\d\b|number one|no\. ?\d\b|out of \d+|exceeded|surpassed|"
    r"outperformed|beat (?:the )?(?:target|quota|goal))|排名第|名列前|前\s?\d+\s?(?:%|名)|超额完成|超額完成",
    re.IGNORECASE,
)
_INTERNATIONAL = re.compile(
    r"\b(?:international|internationally|global|globally|multinational|cross-cultural|overseas|abroad|"
    r"worldwide|offshore|expatriate|relocated|emea|apac|latam|asia[- ]pacific|multi-country|"
    r"\d+ countries|distributed teams?|remote teams?|foreign|embass(?:y|ies)|expats?|deployed|"
    r"cross-border|time zones|onshore|coalition)\b|海外|跨国|国际|全球|跨國|國際",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:merger|mergers|acquisition|acquisitions|reorgani[sz]ation|restructuring|migration|migrated|"
    r"transition|transitioned|turnaround|integration|conversion|consolidation|new market|"
    r"change management|transformation|crisis|pivot(?:ed)?|conversions?|converted|upgrade[sd]?|"
    r"implementation of (?:a |the )?new|new (?:system|platform|software|erp)|takeover|take-over|downsizing|"
    r"layoffs|roll-?out|go-live|overhaul(?:ed)?|integrated|consolidated)\b|并购|重组|迁移|转型|併購|重組|遷移|"
    r"轉型|過渡|合并|合併",
    re.IGNORECASE,
)
_CROSS_FUNCTIONAL = re.compile(
    r"\b(?:cross[- ]functional|interdepartmental|cross[- ]department(?:al)?|multi-disciplinary|"
    r"multidisciplinary|liaison|liaised|stakeholders?|bilingual|trilingual|multilingual|diverse industr\w+|"
    r"various industr\w+|multiple industr\w+|translat(?:ed|ing|or|ion)|interpret(?:er|ing)|"
    r"collaborat\w+ with|partnered with|worked closely with)\b|跨部门|协调|跨部門|協調",
    re.IGNORECASE,
)
_PURSUING = re.compile(
    # "Expected", "anticipated", "candidate" and "in progress" name a qualification under way
    # only with a date, a degree or a credential: not "expected revenue", "work in progress"
    # or a recruiter's "candidate tracking".
    r"\b(?:pursuing|working towards?|currently enrolled|(?<!work )(?<!deals )in progress|"
    r"(?:expected|anticipated)(?: graduation| completion)?(?: in)?:? "
    r"(?:\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d+)|"
    r"(?:expected|anticipated) (?:graduation|completion)|graduation expected|"
    r"expected(?=\))|candidate(?!'s| (?:tracking|selection|recruit\w*|experience|sourcing|screening|pool|"
    r"relationships?|records?|testing|hire|search|pipeline|interviews?|management|database|care))|"
    r"level [i123]+ (?:candidate|passed)|part-time (?:mba|master)|evening (?:mba|program)|"
    r"currently (?:attending|completing|studying))\b|在读|备考|在讀|備考",
    re.IGNORECASE,
)

_COUNT = (
    r"(?:\d[\d,]*\+?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"a dozen|dozens of)"
)
_PEOPLE = (
    r"(?:staff|employees|people|members|reps|representatives|associates|engineers|analysts|technicians|"
    r"professionals|consultants|direct reports|agents|managers|nurses|teachers|volunteers|workers|"
    r"contractors|developers|designers|accountants|tellers|officers|personnel|individuals|interns|"
    r"specialists|supervisors|auditors|bankers|advisers|advisors|coordinators|clerks|employees)"
)
#: The later phrase signals: (name, English rule written without its leading word boundary,
#: Chinese rule). All are matched in one pass over the text (:data:`_LATER`), which checks the
#: word boundary once; a phrase counts once, for the first rule that takes it.
_LATER_PHRASES: tuple[tuple[str, str, str], ...] = (
    (
        "team_scope",
        r"(?:team|staff|group|department|division|unit|crew|squad|workforce) of (?:up to |over |more than |"
        r"approximately |about |nearly |some )?" + _COUNT + r"(?= )"
        r"|team (?:grew|growing|expanded) from|(?:grew|built|expanded|scaled|doubled) (?:the |my |a |our )?"
        r"(?:[\w-]+ ){0,3}team(?: from| to)"
        r"|" + _COUNT + r" (?:[\w-]+ ){0,2}" + _PEOPLE + r"\b"
        r"|budgets? (?:of|exceeding|over|totall?ing|in excess of) (?:over |more than )?[$€£¥]?\s?\d",
        r"(?:管理|带领|帶領|领导|領導|牵头|牽頭)\s?\d+\s?(?:人|名)|团队\s?\d+\s?人|團隊\s?\d+\s?人"
        r"|(?:团队|團隊)(?:规模|規模)?(?:扩展|擴展|扩大|擴大|增长|增長|壮大|壯大|发展|發展)(?:到|至)\s?\d+\s?(?:人|名)"
        r"|(?:预算|預算)\s?(?:由\s?)?\d[\d.,]*\s?(?:万|萬|亿|億)?\s?(?:元|美元|港元)",
    ),
    (
        "career_moves",
        r"(?:moved (?:from|into|to)|mov(?:e|ed|ing) (?:over )?into|switch(?:ed)? (?:from|into|to)|"
        r"transitioned (?:from|into|to)|career change|retrain(?:ed|ing)|taught (?:myself|himself|herself)|"
        r"self-taught|picked up|learned (?:\w+ )?(?:in|within) (?:my|the|a|\d)|came from|background in|"
        r"before (?:moving|retraining|joining|switching)|then (?:moved|joined|switched)|spent \w+ years|"
        r"experience (?:in|across|spans) (?:\w+ )?(?:industries|sectors|environments)|diverse (?:industry|"
        r"industries|environments|backgrounds?)|embedded with|(?:daily|weekly|every day) with)\b",
        r"转型|轉型|跨界|转行|轉行",
    ),
    (
        "initiatives",
        r"(?:initiative|volunteer(?:ed|ing)?|chair(?:ed|man|woman|person)?|co-chair\w*|committee|"
        r"board member|task force|pilot (?:program|programme|project)|on my own|beyond (?:my|the) role|"
        r"without being asked|side project|open[- ]source|hackathon|competition|contest|"
        # Organising counts for an event or a programme, not for files or a stockroom.
        r"organi[sz](?:ed|e|ing) (?:\w+ ){0,4}" + _EVENT + r"|organi[sz]er|"
        r"meetups?|grants?|sponsored|single[- ]handedly|proactive(?:ly)?|"
        r"co-?founded|co-?founder|founded|from (?:the )?ground up|developed (?:a |an |the )?(?:new )?[\w-]+ "
        r"(?:program|programme|plan|workshops?|curriculum|partnerships?|service|product))\b",
        r"主动|主動|志愿|志願|组织|組織",
    ),
    (
        "credentials",
        r"(?:certified|certification|certificate|licensed|licensure|accredited|chartered|cpa|cfa|frm|pmp|"
        r"cma|cisa|cissp|ccna|mcse|comptia|acca|cams|series \d+)\b",
        r"证书|證書|资格|資格|执照|執照",
    ),
    (
        "improvements",
        r"(?:implemented|streamlined|automated|redesigned|revamped|improved|reduced|decreased|lowered|"
        r"increased|boosted|grew|doubled|tripled|saved|optimi[sz]ed|standardi[sz]ed|accelerated|"
        r"cut (?:costs|cost|time|the))\b",
        r"提升|提高|降低|优化|優化|节省|節省",
    ),
)
_LATER = re.compile(
    # A budget in money ("$2M budget") starts at its currency sign, where no word boundary is.
    r"(?=[$€£¥])(?P<team_scope_money>[$€£¥]\s?[\d.,]+\s?(?:k|m|mm|million|billion|bn)?\s+(?:\w+ )?budget)"
    + r"|\b(?:"
    + "|".join(f"(?P<{name}>{english})" for name, english, _ in _LATER_PHRASES)
    + r")|(?=[\u3400-\u9fff])(?:"
    + "|".join(f"(?P<{name}_zh>{chinese})" for name, _, chinese in _LATER_PHRASES)
    + ")",
    re.IGNORECASE,
)
_LATER_NAMES = {
    **{name: name for name, _, _ in _LATER_PHRASES},
    **{f"{name}_zh": name for name, _, _ in _LATER_PHRASES},
    "team_scope_money": "team_scope",
}
#: Seniority of a job title, from its words (highest rank found): the steps a career climbs.
_RANKS: tuple[tuple[float, re.Pattern[str]], ...] = tuple(
    (rank, re.compile(pattern))
    for rank, pattern in (
        (
            5.0,
            r"\b(?:chief|c[efiot]o|president|svp|evp|avp|vp|vice president|partner|owner|founder|"
            r"co-?founder|general manager)\b|总裁|總裁|副总|副總|合伙人|合夥人|创始人|創辦人",
        ),
        (4.0, r"\b(?:director|head|controller|principal|superintendent)\b|总监|總監|负责人|負責人"),
        (
            3.0,
            r"\b(?:manager|mgr|chair\w*|captain)\b|经理|經理|主管",
        ),
        (
            2.5,
            r"\b(?:supervisor|team lead(?:er)?|lead|sergeant|foreman|charge)\b|组长|組長",
        ),
        (
            0.0,
            r"\b(?:intern|internship|trainee|apprentice|student|cashier|clerk|aide|helper|junior|jr|"
            r"entry[- ]level)\b|实习|實習|助理|见习|見習",
        ),
    )
)
#: Titles whose "owner" or "partner" names a role, not a stake in the firm, read as what they
#: are before ranking: a product owner or an HR business partner is a manager-level role, a
#: partner account manager a manager, an assistant to the owner an assistant.
_ROLE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\b(?:to|for) (?:the )?owners?\b", ""),
        (
            r"\b(product|process|risk|control|data|service|system|content|feature|asset|budget) owner\b",
            r"\1 manager",
        ),
        (r"\b(?:(?:hr|people|talent|finance|business) )+partner\b", "business manager"),
        (
            r"\b(?:channel|strategic|alliance|technology|integration|ecosystem|student|community) "
            r"partner(?:ship)?s?\b",
            "",
        ),
        (
            r"\bpartner(?:ship)?s?(?= (?:account|manager|management|success|marketing|development|relations|"
            r"lead|specialist|executive|coordinator|engineer|program))",
            "",
        ),
    )
)
_SENIOR = re.compile(r"\b(?:senior|sr|lead|principal)\b|高级|高級|资深|資深")
_BELOW = re.compile(r"\b(?:assistant|associate|deputy|asst|interim|acting)\b|助理|副")
#: Function of a job title, from its words (first group found): moves between them are the
#: labelling guide's moves between functions.
_FUNCTION_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (group, re.compile(pattern))
    for group, pattern in (
        ("legal", r"\b(?:attorney|lawyer|paralegal|legal|counsel|solicitor)\b|律师|律師|法务|法務"),
        (
            "health",
            r"\b(?:nurse|nursing|medical|clinical|pharmacy|pharmacist|therapist|physician|patient|"
            r"health\w*|caregiver|dental|cna|lpn|rn)\b|护士|護士|医生|醫生",
        ),
        (
            "education",
            r"\b(?:teacher|teaching|instructor|professor|tutor|educator|faculty|lecturer|school|"
            r"curriculum|academic)\b|教师|教師|讲师|講師",
        ),
        (
            "military",
            r"\b(?:army|navy|naval|air force|marines?|sergeant|soldier|military|usaf|usmc|"
            r"infantry|airman|squadron)\b",
        ),
        (
            "hr",
            r"\b(?:human resources?|hr|recruiter|recruiting|recruitment|talent|benefits|payroll)\b|人力|招聘",
        ),
        (
            "finance",
            r"\b(?:accountant|accounting|accounts|auditor|audit|bookkeeper|bookkeeping|controller|"
            r"treasury|treasurer|tax|finance|financial|teller|banker|banking|bank|loan|lending|credit|"
            r"underwriter|underwriting|actuary|billing|collections?|compliance|aml|kyc|risk|"
            r"investment|wealth|portfolio|trader|trading|cfo|mortgage|insurance|claims)\b"
            r"|会计|會計|审计|審計|财务|財務|银行|銀行|合规|合規|风控|風控|金融|投资|投資",
        ),
        (
            "tech",
            r"\b(?:developer|engineer|engineering|programmer|software|it|information technology|network|"
            r"systems?|help ?desk|technical|web|data|database|devops|cloud|computer|cyber\w*|"
            r"blockchain|smart contract|solidity|product manager|ux|ui)\b|工程师|工程師|开发|開發|"
            r"软件|軟件|数据|數據|产品经理|產品經理",
        ),
        (
            "marketing",
            r"\b(?:marketing|brand|communications|public relations|pr|social media|content|"
            r"copywriter|seo|advertising|media|digital|growth)\b|市场|市場|营销|營銷|运营|運營",
        ),
        (
            "sales",
            r"\b(?:sales|account executive|account manager|business development|retail|merchandis\w*|"
            r"store|customer service|call center|client service)\b|销售|銷售|客户|客戶",
        ),
        (
            "design",
            r"\b(?:designer|design|artist|art director|creative|photographer|producer|editor|writer|"
            r"illustrator|animator)\b|设计|設計",
        ),
        (
            "hospitality",
            r"\b(?:chef|cook|restaurant|server|bartender|hotel|hospitality|food|kitchen|"
            r"catering)\b|厨师|廚師|餐饮|餐飲",
        ),
        (
            "trades",
            r"\b(?:mechanic|electrician|construction|welder|drafter|carpenter|plumber|technician|"
            r"manufacturing|production|maintenance|aviation|pilot|driver|warehouse|logistics|"
            r"supply chain|procurement|purchasing|agricultur\w*|farm\w*)\b",
        ),
        (
            "admin",
            r"\b(?:administrative|administrator|receptionist|secretary|office|operations|coordinator|"
            r"clerk|(?:executive|personal|office|administrative) assistant)\b|行政|文员|文員",
        ),
    )
)
#: Employers printed as a placeholder (anonymised résumés): they tell no two jobs apart.
_PLACEHOLDER_EMPLOYERS = frozenset({"company name", "company", "confidential", "employer", "name"})

#: Named signals, in a fixed order (the model's feature names are ``sig:<name>``).
SIGNAL_NAMES: tuple[str, ...] = (
    "countries_worked",
    "cross_family_moves",
    "promotions_same_employer",
    "founded_ventures",
    "quantified_outcomes",
    "leadership_statements",
    "launches",
    "awards",
    "promotion_statements",
    "outperformance",
    "international_scope",
    "change_delivery",
    "cross_functional",
    "pursuing_qualifications",
    "languages",
    *(f"certifications_{f}" for f in FAMILIES),
    *(f"skills_{f}" for f in FAMILIES),
    *(f"employers_{f}" for f in FAMILIES),
    *(f"titles_{f}" for f in FAMILIES),
    # Added later: models trained before them read the signals they know by name
    # (``ExplainableTextClassifier``), so new ones only ever go at the end.
    "title_progression",
    "function_moves",
    "team_scope",
    "improvements",
    "initiatives",
    "credentials",
    "career_moves",
    # Skills of each family named inside a job (not in a summary, skills list or interests):
    # the labelling guide's families come from work, not from enthusiasm.
    *(f"work_skills_{f}" for f in FAMILIES),
)


@dataclass(frozen=True, slots=True)
class Signal:
    """One named signal: its value and the spans of the parsed text it was computed from."""

    name: str
    value: float
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class RedactedText:
    """The text a model sees, and how to map its offsets back to the parsed text.

    Personal data is replaced by the placeholder and every digit by ``0`` (same length, so
    offsets still map): years, dates and tenures ("24 years", "2016") reach no model, while
    "grew sales 40%" still reads as a quantified outcome.
    """

    text: str
    #: ``(redacted_start, original_start, length)`` of each kept stretch, in order.
    pieces: tuple[tuple[int, int, int], ...]
    #: ``redacted_start`` of each piece (derived from ``pieces``), for the lookups.
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p[0] for p in self.pieces))

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Map ``[start, end)`` of the redacted text to the parsed text, or None if it
        touches a placeholder (evidence is never taken from redacted spans)."""
        i = bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        r0, o0, n = self.pieces[i]
        if end > r0 + n:
            return None
        return o0 + (start - r0), o0 + (end - r0)


@dataclass(frozen=True, slots=True)
class ResumeFeatures:
    """All a model needs from one résumé (and nothing identifying)."""

    text: RedactedText
    signals: tuple[Signal, ...] = field(default_factory=tuple)

    def signal_vector(self) -> list[float]:
        """Signal values in ``SIGNAL_NAMES`` order."""
        by_name = {s.name: s.value for s in self.signals}
        return [by_name.get(name, 0.0) for name in SIGNAL_NAMES]


def redact(parsed: ParsedResume) -> RedactedText:
    """Replace every personal-data span of ``parsed.text`` with the neutral placeholder."""
    spans: list[Span] = []
    for span in spans_of([p for p in parsed.pii if p.kind in REDACTED_KINDS]):
        # Spans separated by nothing but spaces or punctuation become one placeholder, so
        # that a three-word name and a two-word name leave the same text.
        if spans and not any(c.isalnum() for c in parsed.text[spans[-1].end : span.start]):
            spans[-1] = Span(start=spans[-1].start, end=span.end)
        else:
            spans.append(span)
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    length = 0
    for span in spans:
        if span.start > pos:
            chunk = parsed.text[pos : span.start]
            pieces.append((length, pos, len(chunk)))
            out.append(chunk)
            length += len(chunk)
        out.append(REDACTED)
        length += len(REDACTED)
        pos = max(pos, span.end)
    if pos < len(parsed.text):
        chunk = parsed.text[pos:]
        pieces.append((length, pos, len(chunk)))
        out.append(chunk)
    return RedactedText(_DIGIT.sub("0", "".join(out)), tuple(pieces))


def _position_family(parsed: ParsedResume, position: Position) -> str | None:
    """The family whose employer or title (or, failing that, skills) appear in the position."""
    counts: dict[str, float] = {}
    for skill in parsed.skills:
        if position.start <= skill.start < position.end:
            weight = 3.0 if skill.kind in ("employer", "title") else 1.0
            counts[skill.family] = counts.get(skill.family, 0.0) + weight
    if not counts:
        return None
    return max(sorted(counts), key=lambda f: counts[f])


def _country(location: str | None, gaz: Gazetteer) -> str | None:
    if not location:
        return None
    parts = [p.strip().lower() for p in re.split(r"[,，\n]", location) if p.strip()]
    for part in reversed(parts):
        if part in gaz.countries:
            return gaz.countries[part]
        if part in gaz.us_states:
            return "United States"
        if part in gaz.cities:
            return gaz.cities[part]
    return None


_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]*(?:['’.-][^\W\d_]+)*")
_NEXT_WORD = re.compile(r" ([^\W\d_]+(?:['’.-][^\W\d_]+)*)")
_ROMAN_LEVEL = re.compile(r"\b(i{1,3}|iv|[1-4])\s*$")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_COMPANY_NAME = re.compile(r"company name", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Names:
    """Place and language names of a gazetteer, for finding them in running text."""

    places: dict[str, str]  # Latin alias (lower, up to three words) -> country
    languages: dict[str, str]  # Latin alias (lower, up to three words) -> language
    states: frozenset[str]  # US state names (lower): "New Mexico" is no mention of Mexico
    longest: dict[str, int]  # first word (lower) of an alias or state -> most words it takes
    cjk_places: tuple[tuple[str, str], ...]
    cjk_languages: tuple[tuple[str, str], ...]


_NAMES: dict[str, _Names] = {}


def _names(gaz: Gazetteer) -> _Names:
    found = _NAMES.get(gaz.version)
    if found is None:
        places = {**{k: v for k, v in gaz.cities.items() if len(k) >= 5}, **gaz.countries}
        latin_places = {k: v for k, v in places.items() if not _CJK_CHAR.search(k) and len(k) >= 4}
        latin_languages = {k: v for k, v in gaz.languages.items() if not _CJK_CHAR.search(k) and len(k) >= 4}
        states = frozenset(k for k in gaz.us_states if len(k) > 2)
        longest: dict[str, int] = {}
        for key in (*latin_places, *latin_languages, *states):
            words = _WORD.findall(key)
            if words and " ".join(words) == key and len(words) <= 3:
                longest[words[0]] = max(longest.get(words[0], 0), len(words))
        found = _NAMES[gaz.version] = _Names(
            latin_places,
            latin_languages,
            states,
            longest,
            tuple(sorted((k, v) for k, v in places.items() if _CJK_CHAR.search(k))),
            tuple(sorted((k, v) for k, v in gaz.languages.items() if _CJK_CHAR.search(k))),
        )
    return found


def _touches(spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans``."""
    return any(s.start < end and start < s.end for s in spans)


def _mentions(
    text: str, lowered: str, names: _Names, blocked: Sequence[Span]
) -> tuple[list[tuple[str, Span]], list[tuple[str, Span]]]:
    """Places (as countries) and languages named in ``text``, in order, outside ``blocked``
    spans: Latin names written as proper nouns (capitalised), and Chinese ones."""
    places: list[tuple[str, Span]] = []
    languages: list[tuple[str, Span]] = []

    def free(start: int, end: int) -> bool:
        return not _touches(blocked, start, end)

    words = [m.span() for m in _CAPITALISED.finditer(text)]
    covered = -1
    for start, end in words:
        if start < covered:
            continue
        first = lowered[start:end]
        most = names.longest.get(first, 0)
        if not most:
            continue
        # The longest name starting here: the word and up to two more, one space apart.
        keys = [(first, end)]
        for _ in range(most - 1):
            nxt = _NEXT_WORD.match(lowered, keys[-1][1])
            if nxt is None:
                break
            keys.append((keys[-1][0] + " " + nxt.group(1), nxt.end()))
        for key, stop in reversed(keys):
            if key in names.states:
                covered = stop  # a US state names no country ("New Mexico", "Georgia")
                break
            place, language = names.places.get(key), names.languages.get(key)
            if place or language:
                if free(start, stop):
                    span = Span(start=start, end=stop)
                    if place:
                        places.append((place, span))
                    if language:
                        languages.append((language, span))
                covered = stop
                break
    if _CJK_CHAR.search(text):
        for found, table in ((places, names.cjk_places), (languages, names.cjk_languages)):
            for alias, name in table:
                at = lowered.find(alias)
                if at >= 0 and free(at, at + len(alias)):
                    found.append((name, Span(start=at, end=at + len(alias))))
    return places, languages


def _title_of(position: Position) -> tuple[str, Span] | None:
    """A position's title and its span. Anonymised résumés print "Title Company Name" as one
    header: the words before the placeholder are the title."""
    for text, span in ((position.title, position.title_span), (position.employer, position.employer_span)):
        if not text or span is None:
            continue
        found = _COMPANY_NAME.search(text)  # on the text itself: casefold() may change lengths
        at = found.start() if found else -1
        head = text if at < 0 else text[:at].rstrip(" ,-–|")
        if head and (at >= 0 or text is position.title):
            return head, Span(start=span.start, end=span.start + len(head))
    return None


def _as_role(title: str) -> str:
    """A title lower-cased, its role words (:data:`_ROLE_WORDS`) read as what they are."""
    t = title.lower()
    if "owner" in t or "partner" in t:  # every role word holds one: most titles skip the rules
        for pattern, replacement in _ROLE_WORDS:
            t = pattern.sub(replacement, t)
    return t


def _title_rank(title: str) -> float:
    """Seniority of a title: 0 intern or clerk, 1 staff, 2 senior, 3 manager, 4 director, 5 executive."""
    t = _as_role(title)
    rank = next((r for r, rx in _RANKS if rx.search(t)), 1.0)
    if rank >= 3.0 and _BELOW.search(t):
        rank -= 0.5  # "Assistant Branch Manager" is below "Branch Manager"
    elif _SENIOR.search(t):
        rank += 1.0 if rank == 1.0 else 0.25
    level = _ROMAN_LEVEL.search(t)  # "Accountant II" is above "Accountant I"
    if level:
        value = level.group(1)
        rank += 0.1 * (int(value) if value.isdigit() else {"i": 1, "ii": 2, "iii": 3, "iv": 4}[value])
    return rank


def _function_of(title: str) -> str | None:
    t = title.lower()
    return next((group for group, rx in _FUNCTION_GROUPS if rx.search(t)), None)


def _chronological(positions: Sequence[Position]) -> list[Position]:
    """Positions oldest first: by start date when every position has one, else the reverse of
    the printed order (résumés list the latest job first). Only the order is used, never a date."""
    if positions and all(p.start_date for p in positions):
        return sorted(positions, key=lambda p: (str(p.start_date), -p.start))
    return sorted(positions, key=lambda p: -p.start)


def _span(position: Position, attr: str) -> tuple[Span, ...]:
    value = getattr(position, attr)
    return (value,) if value is not None else ()


@cache
def _case_sensitive(regex: re.Pattern[str]) -> AnchoredPattern:
    """``regex`` without IGNORECASE, for lower-cased text (its patterns are written in lower
    case), searched from its anchors (:mod:`screening.phrase_search`): the same matches, in
    a fraction of the time."""
    return AnchoredPattern(re.compile(regex.pattern, regex.flags & ~re.IGNORECASE))


def _finditer(
    text: str, lowered: PhraseText | None, regex: re.Pattern[str], start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, start, end)``, run case-sensitively on ``lowered`` when given."""
    if lowered is None:
        return regex.finditer(text, start, len(text) if end is None else end)
    return _case_sensitive(regex).finditer(lowered, start, end)


def _count_matches(
    text: str,
    lowered: PhraseText | None,
    regex: re.Pattern[str],
    within: Sequence[Span],
    blocked: Sequence[Span] = (),
) -> Signal:
    """Matches of ``regex`` in the ``within`` stretches of ``text``; ``lowered`` holds
    ``text.lower()`` when that keeps every offset (then the faster case-sensitive pattern
    runs on it), else None. Matches touching a ``blocked`` span (personal data: a name
    such as "Won" or "Silver") do not count."""
    spans: list[Span] = []
    for area in within:
        for m in _finditer(text, lowered, regex, area.start, area.end):
            if not _touches(blocked, m.start(), m.end()):
                spans.append(Span(start=m.start(), end=m.end()))
    return Signal("", float(len(spans)), tuple(spans))


#: The signal prefix of each kind of taxonomy entry (skills and tools count together).
_ENTRY_PREFIX = {
    "certification": "certifications",
    "skill": "skills",
    "tool": "skills",
    "employer": "employers",
    "title": "titles",
}


def compute_signals(parsed: ParsedResume, gaz: Gazetteer) -> tuple[Signal, ...]:
    """The named signals of a parsed résumé, each with its source spans."""
    signals: list[Signal] = []
    # Lower-cased text keeps every offset except for a few characters ("İ"): then the
    # case-blind rules run on the text itself.
    lowered_text = parsed.text.lower()
    lowered = lowered_text if len(lowered_text) == len(parsed.text) else None
    # The phrase rules share one index of the lower-cased text's words.
    phrases = PhraseText(lowered) if lowered is not None else None
    positions = sorted(parsed.positions, key=lambda p: p.start)
    # Personal data never counts towards a signal (a name, the home address, a nationality).
    blocked = spans_of([p for p in parsed.pii if p.kind in REDACTED_KINDS])
    low = (
        lowered
        if lowered is not None
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in parsed.text)
    )
    # Countries worked in: the positions' locations, and countries or cities named in a job.
    seen: dict[str, Span] = {}
    for p in positions:
        country = _country(p.location, gaz)
        if country and country not in seen and p.location_span is not None:
            seen[country] = p.location_span
    schooling = [Span(start=x.start, end=x.end) for x in parsed.sections if x.name == "education"]
    named_places, named_languages = _mentions(parsed.text, low, _names(gaz), blocked)
    for country, span in named_places:
        if not any(x.start <= span.start < x.end for x in schooling):
            seen.setdefault(country, span)
    signals.append(Signal("countries_worked", float(len(seen)), tuple(seen.values())))
    # Moves between families, and promotions at the same employer (consecutive positions).
    families = [_position_family(parsed, p) for p in positions]
    moves: list[Span] = []
    promotions: list[Span] = []
    for (a, fa), (b, fb) in zip(
        zip(positions, families, strict=True), zip(positions[1:], families[1:], strict=True), strict=False
    ):
        if fa and fb and fa != fb:
            moves.extend([*_span(a, "title_span"), *_span(b, "title_span")])
        same_employer = (
            a.employer
            and b.employer
            and a.employer.casefold() == b.employer.casefold()
            and a.employer.casefold() not in _PLACEHOLDER_EMPLOYERS
        )
        if same_employer and a.title and b.title and a.title.casefold() != b.title.casefold():
            promotions.extend([*_span(a, "title_span"), *_span(b, "title_span")])
    signals.append(Signal("cross_family_moves", float(len(moves) // 2), tuple(moves)))
    signals.append(Signal("promotions_same_employer", float(len(promotions) // 2), tuple(promotions)))
    # A founder or owner by title; a product owner or an assistant to the owner is neither.
    founders = [
        p.title_span for p in positions if p.title and p.title_span and _FOUNDER.search(_as_role(p.title))
    ]
    signals.append(Signal("founded_ventures", float(len(founders)), tuple(s for s in founders if s)))
    bullets = [b for p in positions for b in p.bullets] or [Span(start=0, end=len(parsed.text))]
    for name, regex in (
        ("quantified_outcomes", _NUMBER),
        ("leadership_statements", _LEAD),
        ("launches", _LAUNCH),
    ):
        found = _count_matches(parsed.text, phrases, regex, bullets, blocked)
        signals.append(Signal(name, found.value, found.spans))
    whole = [Span(start=0, end=len(parsed.text))]
    for name, regex in (
        ("awards", _AWARD),
        ("promotion_statements", _PROMOTION),
        ("outperformance", _OUTPERFORM),
        ("international_scope", _INTERNATIONAL),
        ("change_delivery", _CHANGE),
        ("cross_functional", _CROSS_FUNCTIONAL),
        ("pursuing_qualifications", _PURSUING),
    ):
        found = _count_matches(parsed.text, phrases, regex, whole, blocked)
        signals.append(Signal(name, found.value, found.spans))
    later: dict[str, list[Span]] = {name: [] for name, _, _ in _LATER_PHRASES}
    for m in _finditer(parsed.text, phrases, _LATER):
        if m.lastgroup and not _touches(blocked, m.start(), m.end()):
            later[_LATER_NAMES[m.lastgroup]].append(Span(start=m.start(), end=m.end()))
    signals.extend(Signal(name, float(len(spans)), tuple(spans)) for name, spans in later.items())
    # Languages: the languages section, and languages named anywhere ("bilingual in Spanish").
    spoken = {
        gaz.languages.get(x.name.lower(), x.name): Span(start=x.start, end=x.end) for x in parsed.languages
    }
    for language, span in named_languages:
        spoken.setdefault(language, span)
    signals.append(Signal("languages", float(len(spoken)), tuple(spoken.values())))
    # Steps up in seniority and moves between functions, job to job (oldest first).
    titled = [t for t in (_title_of(p) for p in _chronological(positions)) if t is not None]
    ranked = [(span, _title_rank(title), _function_of(title)) for title, span in titled]
    steps: list[Span] = []
    function_moves: list[Span] = []
    for (sa, ra, fa), (sb, rb, fb) in pairwise(ranked):
        if rb > ra:
            steps.extend([sa, sb])
        if fa and fb and fa != fb:
            function_moves.extend([sa, sb])
    signals.append(Signal("title_progression", float(len(steps) // 2), tuple(steps)))
    signals.append(Signal("function_moves", float(len(function_moves) // 2), tuple(function_moves)))
    # The taxonomy's entries by family: distinct names (the first mention quoted) per kind, and
    # skills and tools named inside a job once more as work skills.
    jobs = [(p.start, p.end) for p in positions]
    entries: dict[str, dict[str, Span]] = {
        f"{prefix}_{family}": {}
        for prefix in (*dict.fromkeys(_ENTRY_PREFIX.values()), "work_skills")
        for family in FAMILIES
    }
    for s in parsed.skills:
        prefix = _ENTRY_PREFIX.get(s.kind)
        if prefix is None or s.family not in FAMILIES:
            continue
        span = Span(start=s.start, end=s.end)
        entries[f"{prefix}_{s.family}"].setdefault(s.name, span)
        if prefix == "skills" and any(start <= s.start < end for start, end in jobs):
            entries[f"work_skills_{s.family}"].setdefault(s.name, span)
    signals.extend(Signal(name, float(len(found)), tuple(found.values())) for name, found in entries.items())
    by_name = {s.name: s for s in signals}
    return tuple(by_name[name] for name in SIGNAL_NAMES)


def featurize(parsed: ParsedResume, gaz: Gazetteer) -> ResumeFeatures:
    """Redacted text and signals of a parsed résumé."""
    return ResumeFeatures(redact(parsed), compute_signals(parsed, gaz))
