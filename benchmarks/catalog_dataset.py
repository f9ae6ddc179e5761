"""A deterministic, realistic catalog as plain Python data: teams, APIs, versions and
OpenAPI documents. Nothing here touches the database (see catalog_seed for that)."""

import datetime
import random
from dataclasses import dataclass, field

from benchmarks.catalog_openapi import openapi_document, words
from benchmarks.catalog_vocabulary import (
    DESCRIPTION_SENTENCES,
    DOMAINS,
    QUALIFIERS,
    REGIONS,
    SUMMARY_VERBS,
    TEAMS,
    TECH_TAGS,
)

SMALL_TEAM_SIZE = 7  # the last team is this small, so a filter on it returns a short page
AUDIENCES = (("internal", 60), ("partner", 25), ("public", 15))
# Lifecycles of the four versions, newest first, with how often each history occurs.
HISTORIES = (
    (("released", "deprecated", "retired", "retired"), 30),
    (("draft", "released", "deprecated", "retired"), 20),
    (("in_review", "released", "released", "deprecated"), 15),
    (("released", "released", "deprecated", "deprecated"), 15),
    (("draft", "draft", "in_review", "released"), 10),
    (("deprecated", "deprecated", "retired", "retired"), 10),
)
SPEC_SHARE = 0.85  # APIs whose newest non-draft and newest released versions have a document
LARGE_SPEC_DOMAINS = 14  # the first API's document covers this many domains: ~250 operations


@dataclass
class VersionPlan:
    version: str
    major: int
    minor: int
    patch: int
    prerelease: str
    lifecycle: str
    released_on: datetime.date | None = None
    deprecated_on: datetime.date | None = None
    sunset_on: datetime.date | None = None
    notes: str = ""
    document: bytes | None = None  # the OpenAPI document uploaded for this version


@dataclass
class ApiPlan:
    team: int  # index into the team list
    slug: str
    name: str
    summary: str
    description: str
    audience: str
    tags: list[str]
    domain: str
    metadata: dict
    versions: list[VersionPlan] = field(default_factory=list)  # newest first


def team_names(count: int) -> list[str]:
    """`count` distinct names; the last is the small sandbox team."""
    base = TEAMS[:-1]
    names = [base[n] if n < len(base) else f"{base[n % len(base)]} {n}" for n in range(count - 1)]
    return [*names, TEAMS[-1]]


def team_sizes(apis: int, teams: int) -> list[int]:
    """Zipf-like sizes (a few big teams, a long tail) and one team of SMALL_TEAM_SIZE."""
    weights = [1 / (rank + 1) ** 0.8 for rank in range(teams - 1)]
    rest = apis - SMALL_TEAM_SIZE
    sizes = [max(1, int(rest * weight / sum(weights))) for weight in weights]
    sizes[0] += rest - sum(sizes)
    return [*sizes, SMALL_TEAM_SIZE]


def plan_apis(*, apis: int, teams: int, today: datetime.date, seed: int = 30_000):
    """Yields ApiPlan for `apis` APIs spread over `teams` teams, always the same for a seed."""
    rng = random.Random(seed)
    owners = [n for n, size in enumerate(team_sizes(apis, teams)) for _ in range(size)]
    rng.shuffle(owners)
    names = team_names(teams)
    slugs: dict[str, int] = {}
    tag_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(TECH_TAGS))]
    for number, team in enumerate(owners):
        domains = [DOMAINS[team % len(DOMAINS)], DOMAINS[(team * 7 + 3) % len(DOMAINS)]]
        domain, resources, phrase = domains[0] if rng.random() < 0.7 else domains[1]
        region = rng.choice(REGIONS)
        name = " ".join(
            part for part in (domain.title(), rng.choice(QUALIFIERS), region, "API") if part
        )
        base = name.lower().replace(" ", "-")
        slugs[base] = slugs.get(base, 0) + 1
        slug = base if slugs[base] == 1 else f"{base}-{slugs[base]}"
        extra = rng.choices(TECH_TAGS, weights=tag_weights, k=rng.randint(1, 5))
        if rng.random() < 0.15:  # an API that also serves a neighbouring domain
            extra.append(rng.choice(DOMAINS)[0])
        plan = ApiPlan(
            team=team,
            slug=slug,
            name=name,
            summary=f"{rng.choice(SUMMARY_VERBS)} {phrase} for {names[team]}.",
            description=_description(rng, name, names[team], domain, resources, phrase),
            audience=rng.choices(*zip(*AUDIENCES, strict=True))[0],
            tags=sorted({domain, *extra}),
            domain=domain,
            metadata={"tier": rng.choice(["tier-1", "tier-2", "tier-3"])},
        )
        plan.versions = _versions(rng, today)
        if number == 0:  # one API as big as the big public ones, for the heaviest API page
            resources = [name for _, names, _ in DOMAINS[:LARGE_SPEC_DOMAINS] for name in names]
        if number == 0 or rng.random() < SPEC_SHARE:
            for version in _documented(plan.versions):
                version.document = openapi_document(
                    rng, plan, version.version, resources, complete=number == 0
                )
        yield plan


def _documented(versions: list[VersionPlan]) -> list[VersionPlan]:
    """The newest version past draft, and the newest released one (often the same)."""
    first = next((v for v in versions if v.lifecycle != "draft"), versions[0])
    released = next((v for v in versions if v.lifecycle == "released"), None)
    return [first] if released is None or released is first else [first, released]


def _description(rng, name, team, domain, resources, phrase) -> str:
    sentences = rng.sample(DESCRIPTION_SENTENCES[2:], k=rng.randint(3, 6))
    values = {"name": name, "team": team, "domain": domain, "phrase": phrase}
    values["resource"] = resources[0]
    intro = " ".join(text.format(**values) for text in DESCRIPTION_SENTENCES[:2])
    body = " ".join(text.format(**values) for text in sentences)
    bullets = "\n".join(f"- `{resource}`: {words(resource)} records" for resource in resources)
    return f"{intro}\n\n{body}\n\n## Resources\n\n{bullets}\n"


def _versions(rng: random.Random, today: datetime.date) -> list[VersionPlan]:
    history = rng.choices(*zip(*HISTORIES, strict=True))[0]
    numbers, (major, minor, patch) = [], (1, 0, 0)
    for _ in history:  # oldest first, each a major, minor or patch step after the last
        numbers.insert(0, (major, minor, patch))
        step = rng.choices(("major", "minor", "patch"), weights=(4, 4, 2))[0]
        major, minor, patch = {
            "major": (major + 1, 0, 0),
            "minor": (major, minor + 1, 0),
            "patch": (major, minor, patch + 1),
        }[step]
    age = rng.randint(60, 1500)  # days since the oldest release
    versions = []
    for index, ((major, minor, patch), lifecycle) in enumerate(zip(numbers, history, strict=True)):
        unreleased = lifecycle in ("draft", "in_review")
        prerelease = rng.choice(["", "beta.1", "rc.1"]) if unreleased else ""
        text = f"{major}.{minor}.{patch}" + (f"-{prerelease}" if prerelease else "")
        version = VersionPlan(text, major, minor, patch, prerelease, lifecycle)
        version.notes = f"## {text}\n\n- {rng.choice(['Adds', 'Fixes', 'Deprecates'])} fields."
        _dates(rng, version, today, released_days_ago=max(1, age * (index + 1) // 5))
        versions.append(version)
    return versions


def _dates(rng, version: VersionPlan, today, *, released_days_ago: int) -> None:
    """Dates as the services stamp them: released, then deprecated, then sunset."""
    if version.lifecycle in ("draft", "in_review"):
        return
    version.released_on = today - datetime.timedelta(days=released_days_ago)
    if version.lifecycle == "released":
        return
    deprecated_ago = rng.randint(0, released_days_ago)
    version.deprecated_on = today - datetime.timedelta(days=deprecated_ago)
    if version.lifecycle == "retired":
        version.sunset_on = version.deprecated_on + datetime.timedelta(
            days=rng.randint(0, deprecated_ago)
        )
    elif rng.random() < 0.7:  # a deprecated version has a sunset date most of the time
        version.sunset_on = today + datetime.timedelta(days=rng.randint(-20, 400))
        version.sunset_on = max(version.sunset_on, version.deprecated_on)
