"""The role profiles in data/roles/: every one loads, its skills are taxonomy entries the
parser can find, and a broken role file is refused with a message naming the file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from screening.lexicons import load_taxonomy
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.ranking import COMPONENTS, RoleError, fit_role, load_roles, read_role
from screening.settings import Settings


def test_at_least_six_roles_load_with_ids_matching_their_files(settings: Settings) -> None:
    roles = load_roles(settings.data_dir)
    files = sorted(p.stem for p in (settings.data_dir / "roles").glob("*.yaml"))
    assert len(roles) >= 6
    assert sorted(roles) == files
    for role in roles.values():
        assert role.title
        assert role.description
        assert sum(role.weights.as_tuple()) == pytest.approx(1.0, abs=1e-9)
        assert sum(role.weights.as_tuple()) <= 1.0
        assert role.must_have, role.id


def test_every_role_skill_is_a_canonical_taxonomy_name(settings: Settings) -> None:
    names = {e.name for e in load_taxonomy(settings.data_dir).entries}
    for role in load_roles(settings.data_dir).values():
        skills = role.must_have + role.nice_to_have
        assert set(skills) <= names, (role.id, set(skills) - names)
        assert len(set(skills)) == len(skills), role.id


def test_every_role_skill_is_found_by_the_parser(settings: Settings, resources: ParseResources) -> None:
    """A résumé listing a role's skills meets all of them: no role asks for the unfindable."""
    taxonomy = load_taxonomy(settings.data_dir)
    certain = dict.fromkeys(("tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious"), 1.0)
    for role in load_roles(settings.data_dir).values():
        skills = role.must_have + role.nice_to_have
        text = "Summary\nSpecialist.\nSkills\n" + "".join(f"- {s}\n" for s in skills)
        fit = fit_role(role, certain, parse_text(text, resources), taxonomy)
        assert fit.must_have.missing == [], role.id
        assert fit.nice_to_have is None or fit.nice_to_have.missing == [], role.id
        assert fit.score == pytest.approx(1.0)


def test_the_readme_lists_every_role_and_component(settings: Settings) -> None:
    readme = (settings.data_dir / "roles" / "README.md").read_text(encoding="utf-8")
    for role_id in load_roles(settings.data_dir):
        assert f"`{role_id}`" in readme, role_id
    for component in COMPONENTS:
        assert f"`{component}`" in readme, component


def test_roles_are_read_once_per_data_directory(settings: Settings) -> None:
    first, second = load_roles(settings.data_dir), load_roles(settings.data_dir)
    assert first is not second  # a caller may change its dict ...
    assert all(first[k] is second[k] for k in first)  # ... the profiles are shared and frozen


# --- broken role files -----------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, settings: Settings) -> Path:
    """A data folder with the real taxonomy and one valid role."""
    shutil.copytree(settings.data_dir / "taxonomy", tmp_path / "taxonomy")
    (tmp_path / "roles").mkdir()
    shutil.copy(settings.data_dir / "roles" / "compliance-officer.yaml", tmp_path / "roles")
    return tmp_path


def _write_role(data_dir: Path, name: str, **changes: object) -> Path:
    raw = yaml.safe_load((data_dir / "roles" / "compliance-officer.yaml").read_text(encoding="utf-8"))
    raw.update({"id": name, **changes})
    path = data_dir / "roles" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_a_copied_role_folder_loads(data_dir: Path) -> None:
    assert list(load_roles(data_dir)) == ["compliance-officer"]


def test_an_unknown_skill_is_refused_naming_the_file_and_the_skill(data_dir: Path) -> None:
    path = _write_role(data_dir, "bad-skill", nice_to_have=["KYC", "Blockchain Yoga"])
    with pytest.raises(RoleError) as info:
        load_roles(data_dir)
    message = str(info.value)
    assert str(path) in message
    assert "unknown skill 'Blockchain Yoga' in nice_to_have" in message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weights": {"background": 0.5, "aha": 0.5, "must_have": 0.5, "nice_to_have": 0.5}}, "sum to 1"),
        (
            {"aha": {"adaptable": -0.1, "ambitious": 1.0}},
            "aha.adaptable: Input should be greater than or equal",
        ),
        ({"must_have": ["AML", "Anti-Money Laundering"]}, "listed twice"),
        ({"team": "compliance"}, "team: Extra inputs are not permitted"),
        ({"id": "someone-else"}, "differs from the file name"),
    ],
)
def test_an_invalid_role_file_is_refused_naming_the_file(
    data_dir: Path, changes: dict[str, object], message: str
) -> None:
    path = _write_role(data_dir, "broken-role", **changes)
    with pytest.raises(RoleError, match=message) as info:
        read_role(path, load_taxonomy(data_dir))
    assert str(info.value).startswith(f"{path}: ")


@pytest.mark.parametrize("content", ["id: [unclosed\n", "- just\n- a list\n", ""])
def test_a_file_that_is_not_a_yaml_mapping_is_refused(data_dir: Path, content: str) -> None:
    path = data_dir / "roles" / "garbled.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RoleError, match=f"^{re.escape(str(path))}: "):
        load_roles(data_dir)


def test_a_data_folder_without_roles_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RoleError, match="no role files"):
        load_roles(tmp_path)
