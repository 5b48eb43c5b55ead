"""Identity of a generated résumé: name, gender, name origin, nationality and contact details.

Drawn from its own random stream, independently of the career and of every label, and
recorded as ``demographics`` in the corpus index so that fairness can be measured.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import NamedTuple

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
#: The genders of the corpus, in the order they are drawn.
GENDERS = ("female", "male")
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


class IdentityGroup(NamedTuple):
    """A demographic group of the corpus: a gender and a naming tradition."""

    gender: str
    name_origin: str


#: Every group an English résumé of the corpus can belong to (2 genders × 15 name origins).
IDENTITY_GROUPS: tuple[IdentityGroup, ...] = tuple(
    IdentityGroup(gender, origin) for gender in GENDERS for origin in NAME_ORIGINS
)


def _ascii_slug(text: str) -> str:
    table = str.maketrans("áàäâãçéèëêíïîñóòöôõøúùüûÿšžœÖÇØ", "aaaaaceeeeiiinoooooouuuuyszoOCO")
    cleaned = text.translate(table).lower().replace("'", "").replace(" ", "-")
    return re.sub(r"[^a-z0-9-]", "", cleaned)


def _digits(rng: random.Random, fmt: str) -> str:
    return re.sub(
        r"\{(\d+)\}", lambda m: "".join(str(rng.randint(0, 9)) for _ in range(int(m.group(1)))), fmt
    )


def sample_identity(rng: random.Random, lang: str, group: IdentityGroup | None = None) -> Identity:
    """Draw a name, gender, naming tradition, nationality and contact details.

    Args:
        rng: the identity stream, used for nothing else.
        lang: ``"en"`` or ``"zh"``; a Chinese résumé carries a name written in Chinese.
        group: draw an identity of this gender and name origin instead (English résumés only;
            see :func:`group_identity`).

    Returns:
        An :class:`Identity`.

    Raises:
        ValueError: ``group`` is given for a Chinese résumé, or is not one of :data:`IDENTITY_GROUPS`.
    """
    if group is not None:
        return group_identity(rng, lang, group)
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
    return Identity(
        name=name,
        gender=gender,
        name_origin=origin,
        nationality=nationality,
        email=email,
        phone=phone,
        links=_links(rng, slug),
        show_nationality=rng.random() < 0.1,
    )


def group_identity(rng: random.Random, lang: str, group: IdentityGroup) -> Identity:
    """Draw an identity of ``group`` for an English résumé, in the format of :func:`sample_identity`.

    The first name, surname and nationality are drawn from a sub-stream seeded from ``rng``;
    every other draw (the e-mail pattern and domain, the phone number, which links are listed,
    whether the nationality is shown) is taken from ``rng`` in an order that does not depend on
    the group. The same stream therefore gives, in every group, the same phone number, e-mail
    pattern and domain, links and nationality line, written with that group's name and
    nationality. This is not the identity :func:`sample_identity` draws from the same stream
    without a group, even for the résumé's own group.

    Raises:
        ValueError: ``lang`` is not ``"en"`` (a Chinese résumé always carries a Chinese name), or
            ``group`` is not one of :data:`IDENTITY_GROUPS`.
    """
    if lang != "en":
        raise ValueError(f"an identity group can be forced on English résumés only, not {lang!r}")
    if group not in IDENTITY_GROUPS:
        raise ValueError(f"unknown identity group: {tuple(group)!r}")
    names = random.Random(rng.getrandbits(64))
    female, male, surnames = pools.NAME_POOLS[NAME_ORIGINS.index(group.name_origin)]
    first = names.choice(female if group.gender == "female" else male)
    last = names.choice(surnames)
    nationality = names.choice(_NATIONALITIES[group.name_origin])
    f, la = _ascii_slug(first).replace("-", ""), _ascii_slug(last).replace("-", "")
    users = (f"{f}.{la}", f"{f}{la}", f"{f[0]}{la}", f"{f}_{la}{rng.randint(1, 99)}", f"{la}.{f}")
    user = users[rng.randrange(len(users))]
    email = f"{user}@{rng.choice(pools.EMAIL_DOMAINS)}"
    phone = _digits(rng, rng.choice(pools.PHONE_FORMATS))
    return Identity(
        name=f"{first} {last}",
        gender=group.gender,
        name_origin=group.name_origin,
        nationality=nationality,
        email=email,
        phone=phone,
        links=_links(rng, _ascii_slug(f"{first}-{last}")),
        show_nationality=rng.random() < 0.1,
    )


def _links(rng: random.Random, slug: str) -> tuple[str, ...]:
    links: list[str] = []
    if rng.random() < 0.5:
        links.append(f"linkedin.com/in/{slug}")
    if rng.random() < 0.15:
        links.append(f"github.com/{slug.replace('-', '')}")
    return tuple(links)


def nationality_text(identity: Identity, lang: str) -> str:
    """How the nationality is printed beside the home location, when the résumé shows it."""
    if lang == "zh":
        return f"国籍：{_NATIONALITIES_ZH.get(identity.nationality, identity.nationality)}"
    return f"Nationality: {identity.nationality}"
