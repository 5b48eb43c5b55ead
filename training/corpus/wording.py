"""Word a career as a résumé: pick names, places and paraphrases, and add distractors.

:func:`word_career` turns the abstract facts of a :class:`~training.corpus.career.Career`
into a :class:`~training.corpus.resume.Resume` and records, for each printed fact
(:class:`~training.corpus.labels.FactRef`), the exact strings that state it: these become the
labels' evidence. Every random choice here comes from the *surface* stream, so the wording can
change without changing any label.

Label-bearing sentences of a job are placed among its first three bullets, which the renderer
keeps even when it must shorten a long résumé.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from training.corpus import phrases, pools
from training.corpus.career import NOW_MONTH, Career, Job
from training.corpus.catalogue import COUNTRIES, EMPLOYER_KINDS, FUNCTIONS, Country
from training.corpus.identity import Identity, nationality_text
from training.corpus.labels import FactRef, qualifying_moves
from training.corpus.resume import Education, Lang, Position, Resume

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
ANONYMOUS_EMPLOYER = "Company Name"
ANONYMOUS_PLACE = "City, State"


def _money(rng: random.Random) -> str:
    unit = rng.choice(("M", "M", "k"))
    amount = rng.randint(2, 90)
    return f"{rng.choice(('$', '$', 'US$', '£', '€', 'S$'))}{amount}{unit}"


_NUMBERS: dict[str, Callable[[random.Random], str]] = {
    "n": lambda r: str(r.randint(10, 23)),
    "n1": lambda r: str(r.randint(2, 9)),
    "n2": lambda r: str(r.randint(10, 60)),
    "n3": lambda r: str(r.randint(60, 900)),
    "big": lambda r: f"{r.randint(4, 40) * 250:,}",
    "pct": lambda r: str(r.randint(8, 65)),
    "pct_high": lambda r: str(r.randint(115, 180)),
    "small": lambda r: str(r.randint(1, 4)),
    "ratio": lambda r: f"{r.uniform(1.2, 3.9):.1f}",
    "uptime": lambda r: r.choice(("99.9", "99.95", "99.5")),
    "year": lambda r: str(r.randint(2012, 2024)),
    "old_year": lambda r: str(r.randint(1950, 1995)),
    "next_year": lambda r: str(r.randint(2026, 2027)),
    "money": _money,
    "money_zh": lambda r: r.choice((f"{r.randint(100, 9000)} 万元", f"{r.randint(2, 90)} 亿元")),
    "system": lambda r: r.choice(phrases.SYSTEMS),
    "tool": lambda r: r.choice(phrases.TOOLS),
    "topic": lambda r: r.choice(phrases.TOPICS),
    "topic_zh": lambda r: r.choice(phrases.TOPICS_ZH),
    "region": lambda r: r.choice(phrases.REGIONS),
    "oss": lambda r: r.choice(phrases.OSS),
}


def fill(rng: random.Random, template: str, **values: str) -> str:
    """Fill ``{placeholders}`` with the given values or with random, plausible numbers and names.

    Args:
        rng: the surface stream.
        template: a phrase template.
        **values: values for named placeholders (``title``, ``desc``, ``year``...).

    Returns:
        The filled sentence.

    Raises:
        KeyError: for a placeholder that is neither given nor known.
    """
    local = dict(values)
    if "desc" in local:
        local.setdefault("a_desc", ("an " if local["desc"][:1] in "aeiouAEIOU" else "a ") + local["desc"])
    if "{m_from}" in template:
        low = rng.randint(2, 30) / 10
        local.setdefault("m_from", f"${low:.1f}M")
        local.setdefault("m_to", f"${low * rng.randint(2, 5):.1f}M")
    if "{a}" in template:
        a = rng.randint(10, 90)
        local.setdefault("a", str(a))
        local.setdefault("b", str(a * 2))

    def value(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in local:
            return local[key]
        return _NUMBERS[key](rng)

    return _PLACEHOLDER.sub(value, template)


@dataclass(frozen=True, slots=True)
class Worded:
    """A worded résumé and, for each printed fact, the strings that state it verbatim."""

    resume: Resume
    sentences: dict[FactRef, tuple[str, ...]]
    anonymised: bool


def _month(months: int, year_only: bool) -> str:
    year, month = divmod(months, 12)
    return f"{year}" if year_only else f"{year}-{month + 1:02d}"


def _countries(rng: random.Random, n: int, zh: bool) -> list[Country]:
    pool = list(COUNTRIES)
    weights = [c.weight * (6 if zh and c.key in ("China", "Hong Kong", "Singapore") else 1) for c in pool]
    chosen: list[Country] = []
    while len(chosen) < n:
        pick = rng.choices(pool, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _title(job: Job, rng: random.Random, zh: bool, previous: str | None) -> str:
    fn = job.spec
    if job.founded:
        return rng.choice(phrases.FOUNDER_TITLES_ZH if zh else phrases.FOUNDER_TITLES)
    if job.internship:
        return f"{fn.area_zh}实习生" if zh else f"{fn.area[0].upper()}{fn.area[1:]} Intern"
    options = [t for t in (fn.titles_zh if zh else fn.titles)[job.level] if t != previous]
    title = rng.choice(options or list((fn.titles_zh if zh else fn.titles)[job.level]))
    if job.part_time:
        title += "（兼职）" if zh else " (Part-time)"
    return title


def _venture(rng: random.Random, zh: bool) -> str:
    if zh:
        return rng.choice(phrases.VENTURE_NAMES_ZH) + rng.choice(phrases.VENTURE_SUFFIXES_ZH)
    return f"{rng.choice(phrases.VENTURE_NAMES)} {rng.choice(phrases.VENTURE_SUFFIXES)}"


def _job_year(rng: random.Random, job: Job) -> str:
    end = NOW_MONTH if job.end is None else job.end
    return str(rng.randint(job.start // 12, end // 12))


def _area(job: Job, other: Job, zh: bool) -> str:
    """A short name for the field a job is in, naming the industry when the functions are alike."""
    fn = job.spec
    if FUNCTIONS[other.function].group != fn.group:
        return fn.area_zh if zh else fn.area
    kind = EMPLOYER_KINDS[job.employer_kind]
    if zh:
        return kind.descriptions_zh[0] + fn.area_zh
    return f"{kind.descriptions[0]} {fn.area}"


def word_career(career: Career, identity: Identity, lang: Lang, rng: random.Random) -> Worded:
    """Word a career as a résumé.

    Args:
        career: the facts.
        identity: name and contact details (printed as they are).
        lang: ``"en"`` or ``"zh"``.
        rng: the surface stream; every wording choice is drawn from it.

    Returns:
        A :class:`Worded` résumé with the strings stating each fact.
    """
    zh = lang == "zh"
    sentences: dict[FactRef, tuple[str, ...]] = {}
    countries = _countries(rng, career.countries, zh)
    stated_promotions = all(j.promotion_stated for j in career.jobs if j.promoted)
    anonymised = (
        not zh
        and career.countries == 1
        and countries[0].key == "United States"
        and stated_promotions
        and rng.random() < 0.35
    )
    year_only = rng.random() < 0.1 and not any(j.internship for j in career.jobs)
    verbose = rng.random() < 0.3
    cities = {slot: rng.choice(c.cities_zh if zh else c.cities) for slot, c in enumerate(countries)}

    positions: list[Position] = []
    titles: list[str] = []
    employers: list[str] = []
    n_jobs = len(career.jobs)
    for i, job in enumerate(career.jobs):
        kind = EMPLOYER_KINDS[job.employer_kind]
        previous_title = titles[-1] if titles else None
        title = _title(job, rng, zh, previous_title if job.promoted else None)
        if job.founded:
            employer = _venture(rng, zh)
        elif job.same_employer and employers:
            employer = employers[-1]
        elif anonymised:
            employer = ANONYMOUS_EMPLOYER
        else:
            names = [n for n in (kind.names_zh if zh else kind.names) if not employers or n != employers[-1]]
            employer = rng.choice(names)
        titles.append(title)
        employers.append(employer)
        location = ANONYMOUS_PLACE if anonymised else cities[job.country]
        printed_employer = () if anonymised and not job.founded else (employer,)
        sentences[FactRef("title", i)] = (title, *printed_employer)
        sentences[FactRef("location", i)] = (location,)
        evidence: list[str] = []
        extras: list[str] = []
        desc = rng.choice(kind.descriptions_zh if zh else kind.descriptions)
        year = _job_year(rng, job)
        if job.founded:
            text = fill(rng, rng.choice(phrases.FOUNDED_ZH if zh else phrases.FOUNDED), desc=desc, year=year)
            evidence.append(text)
            sentences[FactRef("context", i)] = (text,)
            if job.failed:
                failed = rng.choice(phrases.FAILED_ZH if zh else phrases.FAILED)
                extras.append(fill(rng, failed, year=year, n1=str(max(1, job.months // 12))))
        elif job.context:
            text = fill(rng, rng.choice(phrases.CONTEXT_ZH if zh else phrases.CONTEXT), desc=desc)
            evidence.append(text)
            sentences[FactRef("context", i)] = (text,)
        if job.promoted and job.promotion_stated and previous_title is not None:
            months = str(max(6, career.jobs[i - 1].months))
            template = rng.choice(phrases.PROMOTION_ZH if zh else phrases.PROMOTION)
            text = fill(rng, template, title=title, prev=previous_title, n=months, year=str(job.start // 12))
            evidence.append(text)
            sentences[FactRef("promotion", i)] = (text,)
        for j, event in enumerate(job.events):
            template = rng.choice((phrases.EVENTS_ZH if zh else phrases.EVENTS)[event])
            city = rng.choice(phrases.CITIES_ZH if zh else phrases.CITIES)
            text = fill(rng, template, year=year, city=city)
            evidence.append(text)
            sentences[FactRef("event", i, j)] = (text,)
        own = list(job.spec.duties_zh if zh else job.spec.duties)
        duties = [fill(rng, d) for d in rng.sample(own, k=len(own))]
        age = n_jobs - 1 - i
        if verbose:  # long, duty-heavy résumés of two or three pages, as résumé builders produce
            n_duties = rng.randint(6, 10) if age < 3 else rng.randint(3, 5)
            generic = phrases.GENERIC_DUTIES_ZH if zh else phrases.GENERIC_DUTIES
            duties += rng.sample(generic, k=3)
            duties = [
                d + ("" if zh else " ") + rng.choice(generic) if rng.random() < 0.6 else d for d in duties
            ]
        else:
            n_duties = rng.randint(4, 8) if age == 0 else rng.randint(3, 6) if age < 3 else rng.randint(1, 3)
        duties = duties[:n_duties]
        if rng.random() < 0.12:
            extras.append(fill(rng, rng.choice(phrases.NEAR_MISSES_ZH if zh else phrases.NEAR_MISSES)))
        head = evidence + duties[: max(0, 3 - len(evidence))]
        rng.shuffle(head)
        bullets = (head + duties[max(0, 3 - len(evidence)) :] + extras)[: 12 if verbose else 9]
        start = _month(job.start, year_only)
        end = "present" if job.end is None else _month(job.end, year_only)
        positions.append(Position(title, employer, location, start, end, tuple(bullets)))

    summary = _summary(career, titles, lang, rng, sentences)
    education = _education(career, lang, rng, sentences, year_only)
    certifications = _certifications(career, lang, rng, sentences)
    awards = tuple(fill(rng, rng.choice(_award_pool(a.kind, zh)), year=str(a.year)) for a in career.awards)
    for i, text in enumerate(awards):
        sentences[FactRef("award", i)] = (text,)
    projects = _projects(career, zh, rng, sentences)
    languages: list[tuple[str, str]] = []
    for i, language in enumerate(career.languages):
        name = phrases.LANGUAGES_ZH[language.name] if zh else language.name
        level = rng.choice((phrases.LANGUAGE_LEVELS_ZH if zh else phrases.LANGUAGE_LEVELS)[language.level])
        languages.append((name, level))
        sentences[FactRef("language", i)] = (name,)
    home = positions[-1].location or (ANONYMOUS_PLACE if anonymised else cities[0])
    if identity.show_nationality:
        home = f"{home} | {nationality_text(identity, lang)}"
    headline = titles[-1].upper() if anonymised else titles[-1]
    skills = _skills(career, zh, rng)
    if not anonymised and rng.random() < 0.4:
        headline += (" · " if zh else " | ") + " · ".join(skills[:2])
    resume = Resume(
        lang=lang,
        name=identity.name,
        headline=headline,
        email=identity.email,
        phone=identity.phone,
        location=home,
        links=identity.links,
        summary=summary,
        positions=tuple(reversed(positions)),
        education=education,
        skills=skills,
        certifications=certifications,
        languages=tuple(languages),
        awards=awards,
        projects=projects,
        publications=(),
    )
    return Worded(resume, sentences, anonymised)


def _award_pool(kind: str, zh: bool) -> tuple[str, ...]:
    if kind == "competitive":
        return phrases.COMPETITIVE_ZH if zh else phrases.COMPETITIVE
    return phrases.DISTINCTIONS_ZH if zh else phrases.DISTINCTIONS


def _summary(
    career: Career,
    titles: list[str],
    lang: Lang,
    rng: random.Random,
    sentences: dict[FactRef, tuple[str, ...]],
) -> str:
    zh = lang == "zh"
    latest = career.jobs[-1]
    years = max(1, (NOW_MONTH - career.jobs[0].start) // 12)
    area = latest.spec.area_zh if zh else latest.spec.area
    opener = fill(
        rng,
        rng.choice(phrases.OPENERS_ZH if zh else phrases.OPENERS),
        title=titles[-1],
        years=str(years),
        area=area,
        area_cap=area[0].upper() + area[1:],
    )
    parts = [opener]
    moves = qualifying_moves(career)
    if career.move_stated and moves:
        i = moves[-1]
        src, dst = (
            _area(career.jobs[i - 1], career.jobs[i], zh),
            _area(career.jobs[i], career.jobs[i - 1], zh),
        )
        text = fill(
            rng,
            rng.choice(phrases.MOVE_ZH if zh else phrases.MOVE),
            src=src,
            dst=dst,
            year=str(career.jobs[i].start // 12),
        )
        parts.append(text)
        sentences[FactRef("move", i)] = (text,)
    optional: list[str] = []
    if rng.random() < 0.35:
        optional.append(rng.choice(phrases.ADJECTIVES_ZH if zh else phrases.ADJECTIVES))
    gaps = [j for j in career.jobs if j.gap_before >= 6]
    if gaps and rng.random() < 0.4:
        year = str((gaps[-1].start - gaps[-1].gap_before) // 12)
        optional.append(fill(rng, rng.choice(phrases.GAP_ZH if zh else phrases.GAP), year=year))
    if rng.random() < 0.08:
        optional.append(rng.choice(phrases.CRYPTO_INTEREST_ZH if zh else phrases.CRYPTO_INTEREST))
    if rng.random() < 0.12:
        optional.append(rng.choice(phrases.SEEKING_ZH if zh else phrases.SEEKING))
    rng.shuffle(optional)
    return ("" if zh else " ").join(parts + optional)


_DEGREES_EN = {
    "diploma": ("High School Diploma", "Diploma", "Certificate"),
    "associate": ("Associate of Applied Science", "Associate of Arts", "Associate Degree"),
    "bachelor": pools.DEGREES_BACHELOR,
    "master": pools.DEGREES_MASTER,
    "phd": ("PhD", "Doctor of Philosophy"),
}
_DEGREES_ZH = {
    "diploma": ("中专",),
    "associate": ("大专",),
    "bachelor": ("学士", "本科"),
    "master": ("硕士",),
    "phd": ("博士",),
}


def _education(
    career: Career, lang: Lang, rng: random.Random, sentences: dict[FactRef, tuple[str, ...]], year_only: bool
) -> tuple[Education, ...]:
    zh = lang == "zh"
    out: list[Education] = []
    for i, degree in enumerate(career.degrees):
        fn = FUNCTIONS[degree.function]
        name = rng.choice((_DEGREES_ZH if zh else _DEGREES_EN)[degree.level])
        field_name: str | None = rng.choice(fn.fields_zh if zh else fn.fields)
        if degree.level == "diploma" and not zh:
            field_name = None
        institution, place = rng.choice(pools.UNIVERSITIES_ZH if zh else pools.UNIVERSITIES)
        notes: list[str] = []
        if degree.honours:
            text = fill(rng, rng.choice((phrases.HONOURS_ZH if zh else phrases.HONOURS)[degree.honours]))
            notes.append(text)
            sentences[FactRef("degree", i)] = (text,)
        if degree.while_working and degree.end_year is not None:
            text = rng.choice(phrases.WHILE_WORKING_ZH if zh else phrases.WHILE_WORKING)
            notes.append(text)
            sentences[FactRef("degree", i)] = (text,)
        if degree.end_year is None:
            text = fill(rng, rng.choice(phrases.IN_PROGRESS_ZH if zh else phrases.IN_PROGRESS))
            notes.append(text)
            sentences[FactRef("degree", i)] = (text,)
        if rng.random() < 0.08 and not zh:
            notes.append(
                "Relevant coursework: "
                + rng.choice(("Blockchain Fundamentals", "Corporate Finance", "Web Design"))
            )
        start: str | None = f"{degree.start_year}" if year_only else f"{degree.start_year}-09"
        end = (
            None
            if degree.end_year is None
            else (f"{degree.end_year}" if year_only else f"{degree.end_year}-06")
        )
        if degree.end_year is not None and rng.random() < 0.3:
            start = None
        out.append(
            Education(
                name, field_name, institution, place if rng.random() < 0.5 else None, start, end, tuple(notes)
            )
        )
    return tuple(out)


def _certifications(
    career: Career, lang: Lang, rng: random.Random, sentences: dict[FactRef, tuple[str, ...]]
) -> tuple[str, ...]:
    zh = lang == "zh"
    out: list[str] = []
    for i, cert in enumerate(career.certifications):
        pool = FUNCTIONS[cert.function].certs_zh if zh else FUNCTIONS[cert.function].certs
        name = pool[cert.index % len(pool)]
        if cert.in_progress:
            text = fill(rng, rng.choice(phrases.CERT_PURSUING_ZH if zh else phrases.CERT_PURSUING), cert=name)
        elif cert.year is not None:
            text = fill(
                rng,
                rng.choice(phrases.CERT_DATED_ZH if zh else phrases.CERT_DATED),
                cert=name,
                year=str(cert.year),
            )
        else:
            text = name
        if text in out:
            continue
        out.append(text)
        sentences[FactRef("cert", i)] = (text,)
    if rng.random() < 0.1:
        out.append(rng.choice(phrases.COURSES_ZH if zh else phrases.COURSES))
    return tuple(out)


def _projects(
    career: Career, zh: bool, rng: random.Random, sentences: dict[FactRef, tuple[str, ...]]
) -> tuple[str, ...]:
    out: list[str] = []
    for i, project in enumerate(career.projects):
        text = fill(rng, rng.choice((phrases.PROJECTS_ZH if zh else phrases.PROJECTS)[project.kind]))
        out.append(text)
        sentences[FactRef("project", i)] = (text,)
    if rng.random() < 0.04:
        out.append(rng.choice(phrases.CRYPTO_INTEREST_ZH if zh else phrases.CRYPTO_INTEREST))
    return tuple(out)


def _skills(career: Career, zh: bool, rng: random.Random) -> tuple[str, ...]:
    pool: list[str] = []
    for job in reversed(career.jobs):
        pool.extend(job.spec.skills_zh if zh else job.spec.skills)
    pool = list(dict.fromkeys(pool))
    if rng.random() < 0.3:  # many real résumés list soft skills and office tools more than trade terms
        soft = pools.SOFT_SKILLS_ZH if zh else pools.SOFT_SKILLS
        pool = pool[: rng.randint(0, 3)] + rng.sample(soft, rng.randint(4, min(8, len(soft))))
    n = min(len(pool), rng.randint(5, 12))
    chosen = pool[: max(3, n // 2)] + rng.sample(
        pool[max(3, n // 2) :], max(0, min(n - n // 2, len(pool) - max(3, n // 2)))
    )
    if len(chosen) < 5:
        generic = [g for g in (pools.GENERIC_SKILLS_ZH if zh else pools.GENERIC_SKILLS) if g not in chosen]
        chosen += rng.sample(generic, 5 - len(chosen))
    if not zh and rng.random() < 0.04:
        chosen.append("Blockchain fundamentals")
    return tuple(chosen[:15])
