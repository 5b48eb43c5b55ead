"""Fields read from the text: PII, skills, languages, education, certifications, links."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import ParseResources
from tests import pdf_builders as pdfs

RESUME = [
    "Maria Gonzalez",
    "maria.gonzalez@example.com | +44 20 7946 0958 | London, UK | linkedin.com/in/maria-gonzalez",
    "Date of Birth: 14 March 1990 | Nationality: Spanish | Marital status: Married",
    "Summary",
    "She moved from a retail bank to a crypto exchange and leads the AML and KYC team.",
    "Experience",
    "Head of Compliance, Binance, Jan 2021 - Present",
    "• Built the Travel Rule programme across 3 countries; Maria trained 40 analysts.",
    "Education",
    "MSc Finance, London School of Economics, 2012 - 2013",
    "Certifications",
    "CAMS, ACAMS, 2019",
    "Languages",
    "English (fluent), Spanish (native)",
]


def _spans(parsed: ParsedResume, kind: str) -> list[str]:
    return [parsed.text[p.start : p.end] for p in parsed.pii if p.kind == kind]


def test_personal_data_is_located_for_redaction(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.one_column(RESUME), resources)
    assert "Maria Gonzalez" in _spans(parsed, "name")
    assert "Maria" in _spans(parsed, "name")  # the name again, inside a bullet
    assert _spans(parsed, "email") == ["maria.gonzalez@example.com"]
    assert _spans(parsed, "phone") == ["+44 20 7946 0958"]
    assert "London, UK" in _spans(parsed, "address")
    assert _spans(parsed, "date_of_birth") == ["14 March 1990"]
    assert _spans(parsed, "nationality") == ["Spanish"]
    assert _spans(parsed, "marital_status") == ["Married"]
    assert _spans(parsed, "gender") == ["She"]
    assert "linkedin.com/in/maria-gonzalez" in _spans(parsed, "url")


def test_skills_are_normalised_against_the_taxonomy_with_spans(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.one_column(RESUME), resources)
    by_name = {s.name: s for s in parsed.skills}
    assert by_name["Binance"].family == "web3"
    assert by_name["Binance"].kind == "employer"
    assert any(s.family == "tradfi" for s in parsed.skills)
    for skill in parsed.skills:
        assert parsed.text[skill.start : skill.end].strip()


def test_languages_education_certifications_and_links(resources: ParseResources) -> None:
    parsed = parse_pdf(pdfs.one_column(RESUME), resources)
    assert [(lang.name, lang.level) for lang in parsed.languages] == [
        ("English", "fluent"),
        ("Spanish", "native"),
    ]
    (edu,) = parsed.education
    assert (edu.degree, edu.institution, edu.end_date) == ("MSc", "London School of Economics", "2013")
    assert any(c.name.startswith("CAMS") or "Anti-Money" in c.name for c in parsed.certifications)
    assert {link.kind for link in parsed.links} >= {"email", "linkedin"}


def test_a_portrait_photo_on_page_one_is_reported(resources: ParseResources) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(
        ImageReader(Image.new("RGB", (90, 120), color=(180, 150, 130))), 460, 700, width=90, height=120
    )
    c.setFont("Helvetica", 10)
    for i, line in enumerate(RESUME):
        c.drawString(50, 800 - 14 * i, line)
    c.showPage()
    c.save()
    parsed = parse_pdf(buf.getvalue(), resources)
    assert [p.kind for p in parsed.pii if p.kind == "photo"] == ["photo"]


def test_chinese_resume_fields(resources: ParseResources) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [
        "陈昊",
        "工作经历",
        "2020年11月 – 至今 高级合规经理, 币安",
        "• 负责反洗钱与 KYC 流程",
        "教育背景",
        "金融学 学士, 上海交通大学",
    ]
    parsed = parse_pdf(
        pdfs.pdf_from_pages([[(50, 800 - 16 * i, t) for i, t in enumerate(lines)]], font="STSong-Light"),
        resources,
    )
    assert parsed.lang == "zh"
    assert [s.name for s in parsed.sections] == ["experience", "education"]
    (job,) = parsed.positions
    assert (job.title, job.employer, job.start_date, job.end_date) == (
        "高级合规经理",
        "币安",
        "2020-11",
        "present",
    )
    assert "陈昊" in _spans(parsed, "name")
    assert parsed.education[0].institution == "上海交通大学"
