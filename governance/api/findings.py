"""Findings across the catalog over REST, as on its page: for a platform team's report or
dashboard of which rules the APIs break, and where."""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from catalog.models import Team
from governance import selectors
from portal.api.views import PortalApiMixin


class FindingsQuerySerializer(serializers.Serializer):
    team = serializers.SlugField(required=False, help_text="Only this team's APIs (its slug).")


class RuleApiSerializer(serializers.Serializer):
    api = serializers.CharField(help_text="The API's slug.")
    name = serializers.CharField()
    team = serializers.CharField(help_text="The owner team's slug.")
    version = serializers.CharField(help_text="The version the result is of.")
    findings = serializers.IntegerField(help_text="This rule's findings in it.")
    web_url = serializers.CharField(help_text="The version's findings of this rule, on the web.")


class RuleFindingsSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.IntegerField(help_text="0 error to 3 hint, the worst given to it.")
    findings = serializers.IntegerField()
    apis = RuleApiSerializer(many=True, help_text="Most findings first.")


class CatalogFindingsSerializer(serializers.Serializer):
    linted = serializers.IntegerField(help_text="APIs with a finished lint of their newest spec.")
    with_findings = serializers.IntegerField()
    rules = RuleFindingsSerializer(many=True, help_text="Worst first, then by APIs breaking it.")


@extend_schema(parameters=[FindingsQuerySerializer], responses={200: CatalogFindingsSerializer})
class CatalogFindingsView(PortalApiMixin, generics.GenericAPIView):
    """The rules the APIs break today, by rule: each API judged by the latest finished lint
    of its newest version with a spec, under the ruleset that governs it."""

    serializer_class = CatalogFindingsSerializer

    def get(self, request):
        query = FindingsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        team = None
        if slug := query.validated_data.get("team"):
            team = Team.objects.filter(slug=slug).first()
            if team is None:
                raise exceptions.ValidationError({"team": [f"There is no team {slug!r}."]})
        report = selectors.catalog_findings_by_rule(team)
        rules = [
            rule | {"apis": [self._api(rule["code"], item) for item in rule["apis"]]}
            for rule in report["rules"]
        ]
        return Response(self.get_serializer({**report, "rules": rules}).data)

    def _api(self, code: str, item: dict) -> dict:
        version = item["version"]
        path = reverse("governance:version-lint", args=[version.api.slug, version.version])
        return {
            "api": version.api.slug,
            "name": version.api.name,
            "team": version.api.team.slug,
            "version": version.version,
            "findings": item["count"],
            "web_url": self.request.build_absolute_uri(f"{path}?{urlencode({'code': code})}"),
        }
