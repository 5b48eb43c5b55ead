"""Random but realistic résumé content for the synthetic corpus.

Identity (name, contact details, home location, links) is drawn from its own random
stream, seeded from the caller's generator before any career content, so that no
identity field depends on the career and a name can be swapped without changing the rest.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple

from training.corpus import pools
from training.corpus.resume import Education, Lang, Position, Resume

# A fixed "today" keeps the output independent of the day it is generated.
_NOW_YEAR, _NOW_MONTH = 2025, 6
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sample_resume(rng: random.Random, lang: str = "en") -> Resume:
    """Draw one random résumé.

    Args:
        rng: the random generator; the result is a pure function of its state.
        lang: ``"en"`` or ``"zh"`` (simplified Chinese, with Latin technical terms).

    Returns:
        A :class:`Resume` with 1-6 positions in reverse-chronological order.

    Raises:
        ValueError: if ``lang`` is not supported.
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"unsupported language: {lang!r}")
    zh = lang == "zh"
    identity_rng = random.Random(rng.getrandbits(64))
    career_rng = random.Random(rng.getrandbits(64))
    identity = _identity(identity_rng, zh)
    return _career(career_rng, "zh" if zh else "en", identity)


class _Identity(NamedTuple):
    name: str
    email: str
    phone: str
    location: str
    links: tuple[str, ...]


def _identity(rng: random.Random, zh: bool) -> _Identity:
    female, male, surnames = rng.choice(pools.NAME_POOLS)
    first = rng.choice(female if rng.random() < 0.5 else male)
    last = rng.choice(surnames)
    latin_name = f"{first} {last}"
    if zh:
        surname = rng.choice(pools.ZH_SURNAMES)
        given = rng.choice(pools.ZH_GIVEN_F if rng.random() < 0.5 else pools.ZH_GIVEN_M)
        name = surname + given
        handle: str = rng.choice(("zhang", "wang", "li", "chen", "liu", "huang", "zhou")) + str(
            rng.randint(1, 999)
        )
        email = f"{handle}@{rng.choice(('example.com', 'example.cn', 'mail.example.net'))}"
        phone = _fill_phone(rng, rng.choice(pools.PHONE_FORMATS_ZH))
        location = rng.choice(pools.HOME_LOCATIONS_ZH)
    else:
        handle = ""
        name = latin_name
        email = _email(rng, first, last)
        phone = _fill_phone(rng, rng.choice(pools.PHONE_FORMATS))
        location = rng.choice(pools.HOME_LOCATIONS)
    slug = (
        handle
        if zh
        else _ascii_slug(f"{first}-{last}") + (str(rng.randint(1, 99)) if rng.random() < 0.3 else "")
    )
    links: list[str] = []
    if rng.random() < 0.6:
        links.append(f"linkedin.com/in/{slug}")
    if rng.random() < 0.3:
        links.append(f"github.com/{slug.replace('-', '')}")
    if rng.random() < 0.1:
        links.append(f"{slug.replace('-', '')}.dev")
    return _Identity(name, email, phone, location, tuple(links))


def _ascii_slug(text: str) -> str:
    table = str.maketrans("áàäâãçéèëêíïîñóòöôõøúùüûÿšžœÖÇØ", "aaaaaceeeeiiinoooooouuuuyszoOCO")
    cleaned = text.translate(table).lower().replace("'", "").replace(" ", "-")
    return re.sub(r"[^a-z0-9-]", "", cleaned)


def _email(rng: random.Random, first: str, last: str) -> str:
    f, la = _ascii_slug(first).replace("-", ""), _ascii_slug(last).replace("-", "")
    user = rng.choice((f"{f}.{la}", f"{f}{la}", f"{f[0]}{la}", f"{f}_{la}{rng.randint(1, 99)}", f"{la}.{f}"))
    return f"{user}@{rng.choice(pools.EMAIL_DOMAINS)}"


def _fill_phone(rng: random.Random, fmt: str) -> str:
    def digits(m: re.Match[str]) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(int(m.group(1))))

    return re.sub(r"\{(\d+)\}", digits, fmt)


def _fill(rng: random.Random, template: str) -> str:
    def value(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == "n1":
            return str(rng.randint(2, 9))
        if key == "n2":
            return str(rng.randint(10, 60))
        if key == "n3":
            return str(rng.randint(60, 900))
        if key == "big":
            return f"{rng.randint(1, 40) * 250:,}"
        if key == "pct":
            return str(rng.randint(8, 65))
        if key == "small":
            return str(rng.randint(1, 5))
        if key == "ratio":
            return f"{rng.uniform(1.2, 3.9):.1f}"
        if key == "uptime":
            return rng.choice(("99.9", "99.95", "99.5", "98"))
        if key == "year":
            return str(rng.randint(2012, 2024))
        if key == "money":
            unit = rng.choice(("M", "M", "k", "B"))
            amount = rng.randint(2, 90) if unit != "B" else rng.randint(1, 9)
            if unit == "M" and rng.random() < 0.3:
                return f"{rng.choice(('$', 'US$', 'S$', '£', '€'))}{rng.randint(10, 99) / 10:.1f}M"
            return f"{rng.choice(('$', 'US$', 'S$', 'HK$', '£', '€', 'AED '))}{amount}{unit}"
        if key == "money_zh":
            return rng.choice(
                (
                    f"{rng.randint(2, 90)} 亿元",
                    f"{rng.randint(100, 9000)} 万元",
                    f"{rng.randint(2, 50)} 亿美元",
                )
            )
        if key == "oss":
            return rng.choice(pools.OSS)
        raise KeyError(key)

    return _PLACEHOLDER.sub(value, template)


def _career(rng: random.Random, lang: Lang, identity: _Identity) -> Resume:
    zh = lang == "zh"
    n_positions = rng.choices((1, 2, 3, 4, 5, 6), weights=(8, 20, 28, 22, 14, 8))[0]
    first_track = rng.choice(pools.TRACKS)
    switch_at = rng.randint(1, n_positions - 1) if n_positions > 1 and rng.random() < 0.35 else None
    second_track = rng.choice(pools.TRACKS) if switch_at is not None else first_track
    home_places = rng.sample(pools.WORK_LOCATIONS_ZH if zh else pools.WORK_LOCATIONS, 3)
    year_only = rng.random() < 0.15

    # Build the career oldest first, then reverse.
    level = rng.choice((0, 0, 1))
    tracks = [first_track if switch_at is None or i < switch_at else second_track for i in range(n_positions)]
    employers: list[str] = []
    levels: list[int] = []
    for i, track in enumerate(tracks):
        pool = (pools.EMPLOYERS_ZH if zh else pools.EMPLOYERS)[track.employers]
        if i and tracks[i - 1] is track and rng.random() < 0.25:
            employers.append(employers[-1])  # promoted at the same employer
        else:
            choices = [e for e in pool if not employers or e != employers[-1]]
            employers.append(rng.choice(choices))
        if i:
            level = min(3, level + rng.choice((0, 1, 1)))
        levels.append(level)

    spans = _date_spans(rng, n_positions, year_only)
    used: set[str] = set()
    positions: list[Position] = []
    for i in reversed(range(n_positions)):
        track = tracks[i]
        titles = (track.titles_zh if zh else track.titles)[levels[i]]
        title = rng.choice(titles)
        start, end = spans[i]
        place = None if rng.random() < 0.15 else rng.choice(home_places[: rng.choice((1, 2, 3))])
        positions.append(Position(title, employers[i], place, start, end, _bullets(rng, track, zh, used)))

    earliest = next((p.start for p in reversed(positions) if p.start), None)
    first_year = int(earliest[:4]) if earliest else _NOW_YEAR - 3
    education = _education(rng, zh, first_track, first_year, year_only)
    years = max(1, _NOW_YEAR - first_year)
    latest = tracks[-1]
    summary = _fill(rng, (latest.summary_zh if zh else latest.summary).replace("{years}", str(years)))
    if rng.random() < 0.6:
        extra = rng.choice(first_track.bullets_zh if zh else first_track.bullets).rstrip(".。")
        if zh:
            lead_in = "此前：" if switch_at is not None else "代表业绩："
        else:
            lead_in = " Earlier: " if switch_at is not None else " Highlights: "
        summary += lead_in + _fill(rng, extra if zh else extra[0].lower() + extra[1:]) + ("。" if zh else ".")
    track_skills = [*first_track.skills, *second_track.skills]
    if zh:
        track_skills = [*first_track.skills_zh, *second_track.skills_zh]
    skill_pool = list(dict.fromkeys(track_skills))
    generic = [g for g in (pools.GENERIC_SKILLS_ZH if zh else pools.GENERIC_SKILLS) if g not in skill_pool]
    n_skills = rng.randint(5, 15)
    skills = tuple(rng.sample(skill_pool, min(n_skills, len(skill_pool))))
    if len(skills) < n_skills:  # pad thin tracks with transferable skills
        skills += tuple(rng.sample(generic, min(n_skills - len(skills), len(generic))))
    cert_pool = list(
        dict.fromkeys(
            (first_track.certs_zh if zh else first_track.certs)
            + (second_track.certs_zh if zh else second_track.certs)
        )
    )
    certifications = (
        tuple(rng.sample(cert_pool, rng.randint(1, min(3, len(cert_pool))))) if rng.random() < 0.5 else ()
    )
    headline = positions[0].title
    if rng.random() < 0.5:
        headline += (" | " if not zh else " · ") + " · ".join(
            rng.sample(latest.skills_zh if zh else latest.skills, 2)
        )
    return Resume(
        lang=lang,
        name=identity.name,
        headline=headline,
        email=identity.email,
        phone=identity.phone,
        location=identity.location,
        links=identity.links,
        summary=summary,
        positions=tuple(positions),
        education=education,
        skills=skills,
        certifications=certifications,
        languages=_languages(rng, zh),
        awards=_optional(rng, pools.AWARDS_ZH if zh else pools.AWARDS, 0.3, 3),
        projects=_optional(rng, pools.PROJECTS_ZH if zh else pools.PROJECTS, 0.25, 2),
        publications=_optional(rng, pools.PUBLICATIONS_ZH if zh else pools.PUBLICATIONS, 0.08, 2),
    )


def _date_spans(rng: random.Random, n: int, year_only: bool) -> list[tuple[str | None, str | None]]:
    """Return (start, end) per position, oldest first, ending at or before the fixed today."""
    months_now = _NOW_YEAR * 12 + _NOW_MONTH - 1
    cursor = months_now if rng.random() < 0.75 else months_now - rng.randint(1, 10)
    current = cursor == months_now
    spans: list[tuple[str | None, str | None]] = []
    for i in range(n):
        length = rng.randint(8, 60)
        end_m, start_m = cursor, cursor - length
        cursor = start_m - rng.choice((0, 0, 1, 1, 2, 3, 6))
        end: str | None = "present" if i == 0 and current else _month(end_m, year_only)
        start: str | None = _month(start_m, year_only)
        if rng.random() < 0.04:
            start, end = None, None
        spans.append((start, end))
    spans.reverse()
    return spans


def _month(months: int, year_only: bool) -> str:
    year, month = divmod(months, 12)
    return f"{year}" if year_only else f"{year}-{month + 1:02d}"


def _bullets(rng: random.Random, track: pools.Track, zh: bool, used: set[str]) -> tuple[str, ...]:
    """Pick 2-6 bullet templates, preferring ones this résumé has not used yet."""
    own = list(track.bullets_zh if zh else track.bullets)
    generic = list(pools.GENERIC_BULLETS_ZH if zh else pools.GENERIC_BULLETS)
    fresh = [b for b in own if b not in used]
    pool = fresh if len(fresh) >= 2 else own
    # Once a track's bullets are used up, later (older) jobs get two or three short ones, as real CVs do.
    k = rng.randint(2, 6) if pool is fresh else rng.randint(2, 3)
    chosen = rng.sample(pool, min(k, len(pool)))
    spare = [b for b in generic if b not in used]
    if spare and (len(chosen) < 2 or rng.random() < 0.3):
        chosen.append(rng.choice(spare))
    used.update(chosen)
    return tuple(_fill(rng, b) for b in chosen[:6])


def _education(
    rng: random.Random, zh: bool, track: pools.Track, first_job_year: int, year_only: bool
) -> tuple[Education, ...]:
    entries: list[Education] = []
    end_year = first_job_year - rng.choice((0, 0, 1))
    degrees = 2 if rng.random() < 0.35 else 1
    for d in range(degrees):
        institution, place = rng.choice(pools.UNIVERSITIES_ZH if zh else pools.UNIVERSITIES)
        master = degrees == 2 and d == 0
        if zh:
            degree = pools.DEGREES_ZH[1] if master else pools.DEGREES_ZH[0]
            field: str | None = rng.choice(track.fields_zh)
        else:
            degree = rng.choice(pools.DEGREES_MASTER if master else pools.DEGREES_BACHELOR)
            field = rng.choice(track.fields) if rng.random() < 0.9 else None
        length = 1 if master and rng.random() < 0.5 else (2 if master else rng.choice((3, 4)))
        start_year = end_year - length
        start: str | None = f"{start_year}" if year_only else f"{start_year}-{rng.choice((8, 9)):02d}"
        end = f"{end_year}" if year_only else f"{end_year}-{rng.choice((5, 6, 7)):02d}"
        if rng.random() < 0.3:
            start = None
        notes: list[str] = []
        if rng.random() < 0.3:
            notes.append(
                rng.choice(
                    ("GPA 3.8/4.0", "First Class Honours", "Dean's List", "Thesis on market microstructure")
                    if not zh
                    else ("GPA 3.7/4.0", "专业排名前 5%", "优秀毕业生")
                )
            )
        entries.append(
            Education(
                degree, field, institution, place if rng.random() < 0.6 else None, start, end, tuple(notes)
            )
        )
        end_year = start_year - rng.choice((0, 1, 2))
    return tuple(entries)


def _languages(rng: random.Random, zh: bool) -> tuple[tuple[str, str], ...]:
    if rng.random() < 0.45:
        return ()
    if zh:
        picks = rng.sample(pools.LANGUAGES_ZH, rng.randint(1, 3))
        return tuple((lang_name, rng.choice(levels)) for lang_name, levels in picks)
    return tuple(
        (lang_name, rng.choice(pools.LEVELS)) for lang_name in rng.sample(pools.LANGUAGES, rng.randint(1, 4))
    )


def _optional(rng: random.Random, pool: tuple[str, ...], p: float, most: int) -> tuple[str, ...]:
    if rng.random() >= p:
        return ()
    return tuple(_fill(rng, t) for t in rng.sample(pool, rng.randint(1, min(most, len(pool)))))
