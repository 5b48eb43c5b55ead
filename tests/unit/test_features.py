"""Model inputs: identity is redacted before features, and every signal cites its source."""

from __future__ import annotations

import re

from screening.features import REDACTED, SIGNAL_NAMES, featurize
from screening.parsing.pipeline import parse_pdf
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

    text = (
        "Co-Founder and CEO. LAUNCHED a Global product; Promoted to VP, ranked #1 out of 40. "
        "Grew revenue FROM $2M to $9M (US$ 3 million, HK$ 50k). Merger Integration across EMEA. "
        "Cross-Functional liaison, Bilingual. Pursuing CFA Level II Candidate. Dean's List, Cum Laude."
    )
    rules = [v for v in vars(features).values() if isinstance(v, re.Pattern) and v.flags & re.IGNORECASE]
    assert len(rules) >= 10
    for rule in rules:
        expected = [m.span() for m in rule.finditer(text)]
        lowered = [m.span() for m in features._case_sensitive(rule).finditer(text.lower())]
        assert lowered == expected, rule.pattern
