"""Identity of a generated résumé: name, gender, name origin, nationality and contact details.

Drawn from its own random stream, independently of the career and of every label, and
recorded as ``demographics`` in the corpus index so that fairness can be measured.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from training.corpus import pools

#: Naming traditions, in the order of :data:`training.corpus.pools.NAME_POOLS`.
NAME_ORIGINS = (
    "anglo",
    "chinese",
    "south_asian",
    "malay",
    "arab",
    "west_african",
    "hispanic",
    "japanese",
    "korean",
    "vietnamese",
    "turkish",
    "european",
    "filipino",
    "african_american",
    "slavic",
)
_NATIONALITIES: dict[str, tuple[str, ...]] = {
    "anglo": ("American", "British", "Australian", "Canadian", "Irish"),
    "chinese": ("Chinese", "Singaporean", "Malaysian", "American", "Canadian"),
    "south_asian": ("Indian", "British", "American", "Singaporean", "Emirati"),
    "malay": ("Malaysian", "Singaporean", "Indonesian"),
    "arab": ("Emirati", "Lebanese", "Egyptian", "Jordanian", "American"),
    "west_african": ("Nigerian", "Ghanaian", "British", "American"),
    "hispanic": ("Mexican", "Spanish", "Colombian", "American", "Argentinian"),
    "japanese": ("Japanese", "American"),
    "korean": ("South Korean", "American", "Canadian"),
    "vietnamese": ("Vietnamese", "American", "Australian"),
    "turkish": ("Turkish", "German"),
    "european": ("German", "French", "Polish", "Danish", "Italian", "Swiss"),
    "filipino": ("Filipino", "American", "Canadian"),
    "african_american": ("American",),
    "slavic": ("Russian", "Ukrainian", "Polish"),
}
_NATIONALITIES_ZH = {"Chinese": "中国", "Singaporean": "新加坡", "Malaysian": "马来西亚", "American": "美国"}


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the résumé belongs to; none of it is used to label or word the career."""

    name: str
    gender: str
    name_origin: str
    nationality: str
    email: str
    phone: str
    links: tuple[str, ...]
    show_nationality: bool

    def demographics(self) -> dict[str, str]:
        """The fields written to the index for fairness measurement."""
        return {"gender": self.gender, "name_origin": self.name_origin, "nationality": self.nationality}


def _ascii_slug(text: str) -> str:
    table = str.maketrans("áàäâãçéèëêíïîñóòöôõøúùüûÿšžœÖÇØ", "aaaaaceeeeiiinoooooouuuuyszoOCO")
    cleaned = text.translate(table).lower().replace("'", "").replace(" ", "-")
    return re.sub(r"[^a-z0-9-]", "", cleaned)


def _digits(rng: random.Random, fmt: str) -> str:
    return re.sub(
        r"\{(\d+)\}", lambda m: "".join(str(rng.randint(0, 9)) for _ in range(int(m.group(1)))), fmt
    )


def sample_identity(rng: random.Random, lang: str) -> Identity:
    """Draw a name, gender, naming tradition, nationality and contact details.

    Args:
        rng: the identity stream, used for nothing else.
        lang: ``"en"`` or ``"zh"``; a Chinese résumé carries a name written in Chinese.

    Returns:
        An :class:`Identity`.
    """
    gender = "female" if rng.random() < 0.5 else "male"
    if lang == "zh":
        origin = "chinese"
        name = rng.choice(pools.ZH_SURNAMES) + rng.choice(
            pools.ZH_GIVEN_F if gender == "female" else pools.ZH_GIVEN_M
        )
        handle = rng.choice(("zhang", "wang", "li", "chen", "liu", "huang", "zhou")) + str(
            rng.randint(1, 999)
        )
        email = f"{handle}@{rng.choice(('example.com', 'example.cn', 'mail.example.net'))}"
        phone = _digits(rng, rng.choice(pools.PHONE_FORMATS_ZH))
        slug = handle
    else:
        index = rng.randrange(len(pools.NAME_POOLS))
        origin = NAME_ORIGINS[index]
        female, male, surnames = pools.NAME_POOLS[index]
        first = rng.choice(female if gender == "female" else male)
        last = rng.choice(surnames)
        name = f"{first} {last}"
        f, la = _ascii_slug(first).replace("-", ""), _ascii_slug(last).replace("-", "")
        user = rng.choice(
            (f"{f}.{la}", f"{f}{la}", f"{f[0]}{la}", f"{f}_{la}{rng.randint(1, 99)}", f"{la}.{f}")
        )
        email = f"{user}@{rng.choice(pools.EMAIL_DOMAINS)}"
        phone = _digits(rng, rng.choice(pools.PHONE_FORMATS))
        slug = _ascii_slug(f"{first}-{last}")
    nationality = rng.choice(_NATIONALITIES[origin])
    links: list[str] = []
    if rng.random() < 0.5:
        links.append(f"linkedin.com/in/{slug}")
    if rng.random() < 0.15:
        links.append(f"github.com/{slug.replace('-', '')}")
    return Identity(
        name=name,
        gender=gender,
        name_origin=origin,
        nationality=nationality,
        email=email,
        phone=phone,
        links=tuple(links),
        show_nationality=rng.random() < 0.1,
    )


def nationality_text(identity: Identity, lang: str) -> str:
    """How the nationality is printed beside the home location, when the résumé shows it."""
    if lang == "zh":
        return f"国籍：{_NATIONALITIES_ZH.get(identity.nationality, identity.nationality)}"
    return f"Nationality: {identity.nationality}"
