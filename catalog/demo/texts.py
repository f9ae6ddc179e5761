"""The Markdown the demo shows: API descriptions and release notes, written from the plans."""

from catalog.demo.fields import fields_parse
from catalog.demo.openapi import servers
from catalog.demo.plans import ApiPlan, Resource, TeamPlan, VersionPlan, minor_of
from catalog.models import Audience, Lifecycle

AUTH = {
    Audience.PUBLIC: "an OAuth 2.0 access token (client credentials)",
    Audience.PARTNER: "the API key from your partner onboarding, in `X-Api-Key`",
    Audience.INTERNAL: "a service JWT from the mesh identity provider",
}


def api_description(api: ApiPlan, team: TeamPlan) -> str:
    current = _current(api)
    resources = [r for r in api.resources if r.present_in(current.version)]
    lines = [api.intro, "", "## What you can do", ""]
    lines += [f"- **{r.path.replace('-', ' ').capitalize()}**: {r.about}" for r in resources]
    first = resources[0]
    url = servers(api, current.version)[0]["url"]
    header = (
        "X-Api-Key: $API_KEY"
        if api.audience == Audience.PARTNER
        else "Authorization: Bearer $TOKEN"
    )
    lines += [
        "",
        "## Getting started",
        "",
        f"Every call needs {AUTH[api.audience]}. To list the first {first.path.replace('-', ' ')}:",
        "",
        "```bash",
        f'curl -H "{header}" "{url}/{first.path}?limit=20"',
        "```",
        "",
        "Lists are paged with cursors; errors are RFC 9457 problem details.",
        "",
        "## Support",
        "",
        f"- Guide: [{api.name} documentation]({api.docs_url})",
        f"- On call: [runbook]({api.runbook_url})",
        f"- Chat: `{team.chat_channel}` or mail [{team.email}](mailto:{team.email})",
    ]
    return "\n".join(lines) + "\n"


def _current(api: ApiPlan) -> VersionPlan:
    """The version the description speaks of: the newest released one, else the newest."""
    chosen = [v for v in api.versions if v.lifecycle == Lifecycle.RELEASED] or list(api.versions)
    return max(chosen, key=lambda v: minor_of(v.version))


def version_notes(api: ApiPlan, plan: VersionPlan) -> str:
    """What changed since the version before, as the plan's `since`/`removed` marks say."""
    at = minor_of(plan.version)
    older = [minor_of(v.version) for v in api.versions if minor_of(v.version) < at]
    before = max(older, default=None)

    def new_in(since: str | None) -> bool:
        return (
            since is not None
            and (before is None or before < minor_of(since))
            and minor_of(since) <= at
        )

    if before is None:
        changes = ["The oldest version in the catalog."]
    else:
        changes = [change for r in api.resources for change in _changes(r, new_in)]
    if not changes and not plan.notes:
        changes = ["Corrects descriptions and examples; no change to the interface."]
    parts = ["\n".join(f"- {change}" for change in changes), plan.notes]
    return "\n\n".join(part for part in parts if part) + "\n"


def _changes(resource: Resource, new_in) -> list[str]:
    path = f"`/{resource.path}`"
    if new_in(resource.removed):
        return [f"Removes {path}, deprecated since {resource.deprecated}."]
    if resource.since != "0.0" and new_in(resource.since):
        return [f"Adds {path}: {resource.about[0].lower()}{resource.about[1:]}"]
    changes = [
        f"Adds `{field.name}` to `{resource.name}`."
        for field in fields_parse(resource.fields)
        if field.since != "0.0" and new_in(field.since)
    ]
    for action in resource.actions:
        verb, _, since = action.partition("@")
        if since and new_in(since):
            changes.append(f"Adds `POST {path[1:-1]}/{{id}}/{verb}`.")
    if new_in(resource.deprecated):
        changes.append(f"Deprecates {path}; it goes away in {resource.removed or 'a later major'}.")
    return changes
