"""Model inputs: identity is redacted before features, and every signal cites its source."""

from __future__ import annotations

import re

from screening.features import REDACTED, SIGNAL_NAMES, featurize
from screening.parsing.pipeline import parse_pdf, parse_text
from screening.parsing.resources import ParseResources
from tests import pdf_builders as pdfs


def _resume(name: str, pronoun: str, email: str) -> list[str]:
    return [
        name,
        f"{email} | +65 8123 4410 | Singapore",
        "Summary",
        f"{pronoun} moved from a retail bank to a crypto exchange, working in Singapore and Hong Kong.",
        "Experience",
        "Compliance Manager, Binance, Hong Kong, Jan 2021 - Present",
        f"• {name.split(maxsplit=1)[0]} grew the KYC team from 4 to 19 analysts and cut backlog by 60%.",
        "Senior AML Analyst, Binance, Singapore, Mar 2019 - Dec 2020",
        "• Launched the Travel Rule programme in 2019.",
        "AML Analyst, DBS Bank, Singapore, 2016 - 2019",
        "• Reviewed 300 alerts a month.",
        "Certifications",
        "CAMS, 2018",
    ]


def test_name_pronoun_and_contact_swaps_leave_model_inputs_unchanged(resources: ParseResources) -> None:
    a = parse_pdf(pdfs.one_column(_resume("Wei Ling Tan", "She", "wl.tan@example.com")), resources)
    b = parse_pdf(pdfs.one_column(_resume("Oluwaseun Adeyemi", "He", "seun.a@mail.example.org")), resources)
    fa, fb = featurize(a, resources.gazetteer), featurize(b, resources.gazetteer)
    assert fa.text.text == fb.text.text
    assert fa.signal_vector() == fb.signal_vector()
    assert "Tan" not in fa.text.text
    assert "She" not in fa.text.text
    assert "Adeyemi" not in fb.text.text


def test_model_text_has_no_digits_so_no_years_or_tenure(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.one_column(_resume("Wei Ling Tan", "She", "wl.tan@example.com")), resources)
    text = featurize(parsed, resources.gazetteer).text.text
    assert not re.search(r"[1-9]", text)
    assert "0000" in text  # years became zeros of the same length: offsets still map


def test_redacted_offsets_map_back_to_the_parsed_text_and_never_into_pii(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.one_column(_resume("Wei Ling Tan", "She", "wl.tan@example.com")), resources)
    red = featurize(parsed, resources.gazetteer).text
    i = red.text.index("Compliance Manager")
    start = parsed.text.index("Compliance Manager")
    assert red.to_original(i, i + 18) == (start, start + 18)
    j = red.text.index(REDACTED)
    assert red.to_original(j, j + len(REDACTED)) is None


def test_signals_count_facts_and_quote_their_spans(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.one_column(_resume("Wei Ling Tan", "She", "wl.tan@example.com")), resources)
    signals = {s.name: s for s in featurize(parsed, resources.gazetteer).signals}
    assert tuple(signals) == SIGNAL_NAMES
    assert signals["countries_worked"].value == 2  # Hong Kong, Singapore
    assert (
        signals["promotions_same_employer"].value == 1
    )  # Senior AML Analyst -> Compliance Manager at Binance
    assert signals["quantified_outcomes"].value >= 1
    assert signals["employers_web3"].value == 1
    for signal in signals.values():
        for span in signal.spans:
            assert parsed.text[span.start : span.end].strip()


def test_signal_phrases_match_the_same_on_lowered_text() -> None:
    """Signals run their phrase rules case-sensitively on lower-cased text (twice as fast):
    every rule is written in lower case, so the matches are those of the case-blind rule."""
    import re

    from screening import features
    from screening.phrase_search import PhraseText

    text = (
        "Co-Founder and CEO. LAUNCHED a Global product; Promoted to VP, ranked #1 out of 40. "
        "Grew revenue FROM $2M to $9M (US$ 3 million, HK$ 50k). Merger Integration across EMEA. "
        "Cross-Functional liaison, Bilingual. Pursuing CFA Level II Candidate. Dean's List, Cum Laude."
    )
    rules = [v for v in vars(features).values() if isinstance(v, re.Pattern) and v.flags & re.IGNORECASE]
    assert len(rules) >= 10
    for rule in rules:
        expected = [m.span() for m in rule.finditer(text)]
        searched = features._case_sensitive(rule).finditer(PhraseText(text.lower()))
        lowered = [m.span() for m in searched]
        assert lowered == expected, rule.pattern


_ANONYMISED = """Won Silver
won.silver@example.com | 555-123-4567 | Houston, TX
Summary
Bilingual in English and Spanish. Supported the company's offices in Mexico.
Experience
Accounting Manager, Company Name, Houston, TX, Jan 2015 - Present
• Supervised a team of 6 accountants and a $2M annual budget.
• Implemented a new ERP system and reduced closing time by 40%.
• Organized the annual volunteer food drive with the Atlanta, Georgia office.
Senior Accountant, Company Name, Houston, TX, Jan 2012 - Dec 2014
• Earned the CPA licence while working full time.
Staff Accountant, Company Name, Houston, TX, Jan 2010 - Dec 2011
• Moved from retail sales into accounting.
Sales Associate, Target, Houston, TX, Jan 2008 - Dec 2009
• Served customers at the register.
Education
Bachelor of Commerce, University of Toronto, Canada
"""


def test_signals_read_an_anonymised_us_resume_as_annotators_do(resources: ParseResources) -> None:
    """Steps up in seniority and moves between functions job to job, team size and budget,
    languages and countries named in the text, whatever the employer placeholder says."""
    parsed = parse_text(_ANONYMISED, resources)
    signals = {s.name: s for s in featurize(parsed, resources.gazetteer).signals}

    def quoted(name: str) -> list[str]:
        return [parsed.text[s.start : s.end] for s in signals[name].spans]

    assert tuple(signals) == SIGNAL_NAMES
    assert signals["title_progression"].value == 2  # Staff -> Senior Accountant -> Accounting Manager
    assert quoted("title_progression")[:2] == ["Staff Accountant", "Senior Accountant"]
    assert signals["function_moves"].value == 1  # sales -> accounting
    # "Company Name" is a placeholder: it does not make the jobs one employer's promotions.
    assert signals["promotions_same_employer"].value == 0
    assert quoted("team_scope") == ["team of 6", "$2M annual budget"]
    assert signals["languages"].value == 2
    assert "Mexico" in quoted("countries_worked")
    assert "Canada" not in quoted("countries_worked")  # named in the education section only
    assert "Georgia" not in quoted("countries_worked")  # the US state
    assert quoted("credentials") == ["CPA"]
    assert quoted("career_moves") == ["Moved from"]
    assert {"Implemented", "reduced"} <= set(quoted("improvements"))
    assert "Organized the annual volunteer food drive" in quoted("initiatives")


def _quotes(text: str, resources: ParseResources) -> dict[str, list[str]]:
    """Each signal's source spans, as text, in the résumé parsed from ``text``."""
    parsed = parse_text(text, resources)
    return {
        s.name: [parsed.text[x.start : x.end] for x in s.spans]
        for s in featurize(parsed, resources.gazetteer).signals
    }


_ROLE_TITLES = """Lee Chan
Experience
Owner, Chan Bakery, Houston, TX, Jan 2017 - Present
• Opened a bakery with 4 staff.
HR Business Partner, Company Name, Houston, TX, Jan 2015 - Dec 2016
• Advised managers on hiring.
HR Manager, Company Name, Houston, TX, Jan 2013 - Dec 2014
• Ran payroll.
Product Owner, Company Name, Houston, TX, Jan 2011 - Dec 2012
• Wrote user stories.
Assistant to the Owner, Company Name, Houston, TX, Jan 2009 - Dec 2010
• Kept the books.
"""


def test_an_owner_or_partner_by_role_is_neither_an_executive_nor_a_founder(resources: ParseResources) -> None:
    """A product owner or an HR business partner holds a manager-level role, an assistant to
    the owner an assistant's: no step up to an executive, no venture founded. The owner of a
    bakery is both."""
    quoted = _quotes(_ROLE_TITLES, resources)
    # Assistant -> Product Owner is a step; Product Owner -> HR Manager -> HR Business Partner
    # are not; HR Business Partner -> Owner is.
    assert quoted["title_progression"] == [
        "Assistant to the Owner",
        "Product Owner",
        "HR Business Partner",
        "Owner",
    ]
    assert quoted["founded_ventures"] == ["Owner"]


_MEDALS = """Sam Park
Experience
Sales Associate, Company Name, Denver, CO, Jan 2015 - Present
• Sold memberships using established Gold's Gym sales systems.
• Taught Zumba Gold classes for senior members.
• Reached Gold Level in the hotel rewards programme.
• Won a gold medal at the state culinary competition.
• Earned the Bronze Sales Award for new accounts.
"""


def test_a_medal_colour_is_an_award_only_when_it_names_a_distinction(resources: ParseResources) -> None:
    """ "Gold" in a gym's name, a fitness class or a loyalty tier is no award; a gold medal
    won and a bronze sales award are."""
    assert _quotes(_MEDALS, resources)["awards"] == ["Won", "gold medal", "Bronze Sales Award"]


_MARKETING_AND_PAPERWORK = """Dana Ruiz
Experience
Recruiting Coordinator, Company Name, Austin, TX, Jan 2016 - Present
• Informed customers about sales and promotions.
• Processed new hires, transfers and promotions in the HR system.
• Maintained the candidate tracking system and met anticipated staffing needs.
• Managed work in progress and expected revenue reports.
• Earned two promotions in three years.
Education
MBA, University of Texas, Expected 2026
CPA Candidate
"""


def test_promotions_and_studies_under_way_count_only_in_their_career_sense(resources: ParseResources) -> None:
    """Sales promotions, HR paperwork, a recruiter's candidates, work in progress and
    expected revenue are not a career's promotions or a qualification under way; two
    promotions earned, an MBA expected in 2026 and a CPA candidate are."""
    quoted = _quotes(_MARKETING_AND_PAPERWORK, resources)
    assert quoted["promotion_statements"] == ["two promotions"]
    assert quoted["pursuing_qualifications"] == ["Expected 2026", "Candidate"]


_ROUTINE_AND_NEW = """Sam Ortiz
Experience
Branch Manager, Company Name, Austin, TX, Jan 2016 - Present
• Opened new accounts and opened and closed the branch.
• Created weekly reports and proposed solutions to customers.
• Organized files and kept the stockroom organized.
• Opened a new branch in Dallas.
• Created a mentoring program for tellers.
• Proposed and launched a savings product.
• Organized a charity run with local schools.
"""


def test_launches_and_initiatives_count_only_what_was_started(resources: ParseResources) -> None:
    """Opening accounts or the branch, weekly reports, proposed solutions and organised files
    are a job's routine; a branch opened, a programme created, a product proposed and
    launched, and a charity run organised start something."""
    quoted = _quotes(_ROUTINE_AND_NEW, resources)
    started = ["Opened a new branch", "Created a mentoring program", "Proposed and launched"]
    assert quoted["launches"] == started
    assert quoted["initiatives"] == ["Organized a charity run"]


def test_personal_data_never_counts_towards_a_signal(resources: ParseResources) -> None:
    """ "Won" and "Silver" are award words, and here the candidate's name: they count for nothing."""
    parsed = parse_text(_ANONYMISED, resources)
    signals = {s.name: s for s in featurize(parsed, resources.gazetteer).signals}
    assert signals["awards"].value == 0
    assert all(s.start > parsed.text.index("Summary") for signal in signals.values() for s in signal.spans)
    swapped = parse_text(
        _ANONYMISED.replace("Won Silver", "Maria Lopez").replace("won.silver", "m.lopez"), resources
    )
    assert featurize(swapped, resources.gazetteer).signal_vector() == [s.value for s in signals.values()]


_ENTHUSIAST = """Jack Smith
jack@example.com
Summary
Financial adviser and long-time Bitcoin and Ethereum holder who runs a home staking node.
Experience
Paraplanner, Yarra Wealth Partners, Melbourne, Jul 2022 - Present
• Prepared statements of advice and modelled retirement cash flows in Excel.
Blockchain Developer, Chainworks, Melbourne, Jan 2019 - Jun 2022
• Wrote Solidity smart contracts for a staking protocol on Ethereum.
Skills
Bitcoin, Crypto Wallets, Excel
"""


def test_work_skills_count_only_what_was_named_inside_a_job(resources: ParseResources) -> None:
    """Crypto named in the summary or the skills list is interest; in a job it is work."""
    parsed = parse_text(_ENTHUSIAST, resources)
    signals = {s.name: s for s in featurize(parsed, resources.gazetteer).signals}
    work = [parsed.text[s.start : s.end] for s in signals["work_skills_web3"].spans]
    everywhere = [parsed.text[s.start : s.end] for s in signals["skills_web3"].spans]
    experience = parsed.text.index("Experience")
    skills_list = parsed.text.index("Skills")
    assert work, "the developer job names web3 skills"
    assert all(experience < s.start < skills_list for s in signals["work_skills_web3"].spans)
    assert "Bitcoin" in everywhere  # in the summary and the skills list
    assert "Bitcoin" not in work
    assert signals["work_skills_web3"].value == len(set(work)) < signals["skills_web3"].value

    before_the_developer_job = _ENTHUSIAST[: _ENTHUSIAST.index("Blockchain Developer")]
    interest_only = parse_text(before_the_developer_job + "Skills\nBitcoin\n", resources)
    quiet = {s.name: s for s in featurize(interest_only, resources.gazetteer).signals}
    assert quiet["skills_web3"].value > 0
    assert quiet["work_skills_web3"].value == 0


_CHINESE = """王小明
wang@example.com
工作经历
产品总监，某支付公司，上海，2019年3月 - 至今
• 牵头 34 人完成新一代收单系统上线，团队扩展至 19 人。
• 管理预算由 10 万元增加至 569 万元，年收入由 25 万元增长至 590 万元。
• 连续两年业绩排名前 5%，超额完成年度目标。
"""


def test_chinese_resumes_state_scope_outcomes_and_results_against_peers_in_their_own_idiom(
    resources: ParseResources,
) -> None:
    """The labelling guide's items as Chinese résumés write them: a team led or grown to N
    people and a budget in 万元 (scope), growth "由 … 增长至 …" (stretch targets with numbers),
    "前 5%" and "超额完成" (results against peers). Before these rules the generated Chinese
    résumés had no team scope at all where 63 % of the English ones had."""
    parsed = parse_text(_CHINESE, resources)
    signals = {s.name: s for s in featurize(parsed, resources.gazetteer).signals}

    def quoted(name: str) -> list[str]:
        return [parsed.text[s.start : s.end] for s in signals[name].spans]

    assert quoted("team_scope") == ["牵头 34 人", "团队扩展至 19 人", "预算由 10 万元"]
    assert {"由 10 万元增加至 569", "由 25 万元增长至 590"} <= set(quoted("quantified_outcomes"))
    assert {"前 5%", "超额完成"} <= set(quoted("outperformance"))
