"""Releases over REST: submit a version, poll its status (a CI deployment gate), and the
reviewers' approve, reject and request-changes; the owners' withdraw; comments."""

from functools import cached_property

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.access import principal_of
from accounts.permissions import require_team_edit
from catalog.api.specs import VERSION
from catalog.api.views import API_SLUG
from catalog.models import Version
from governance import selectors_releases as selectors
from governance import services
from governance.filtersets_releases import ReleaseFilterSet
from governance.models import Release
from portal.api.problems import PROBLEM_CONTENT_TYPE, PROBLEM_TYPE, TITLES
from portal.api.views import PortalApiMixin


class ReleaseSerializer(serializers.ModelSerializer):
    """A release and its checks: what CI polls and reviewers read."""

    url = serializers.HyperlinkedIdentityField(view_name="v1:release-detail")
    api = serializers.CharField(source="version.api.slug", read_only=True)
    version = serializers.CharField(source="version.version", read_only=True)
    base_version = serializers.CharField(source="base.version", read_only=True, default=None)
    approvals = serializers.IntegerField(read_only=True)
    decided = serializers.SerializerMethodField()
    semver = serializers.SerializerMethodField()
    breaking_changes = serializers.SerializerMethodField()
    failed_checks = serializers.SerializerMethodField()
    impact = serializers.SerializerMethodField(
        help_text="Known consumers that called, on the base version in the last 30 days, an "
        "operation a breaking change touches, each with those changes; null when nothing breaks."
    )
    allowed_actions = serializers.SerializerMethodField()
    changelog = serializers.CharField(read_only=True)

    class Meta:
        model = Release
        fields = [
            "url",
            "id",
            "api",
            "version",
            "state",
            "decided",
            "sha256",
            "audience",
            "base_version",
            "route",
            "required_approvals",
            "approvals",
            "breaking_count",
            "lint_errors",
            "breaking_changes",
            "semver",
            "failed_checks",
            "impact",
            "allowed_actions",
            "submitted_by_label",
            "submitted_at",
            "checked_at",
            "review_started_at",
            "decided_at",
            "changelog",
        ]
        read_only_fields = fields

    def get_decided(self, release: Release) -> bool:
        """True once the release is released, rejected, sent back or withdrawn: stop polling."""
        return release.state not in ("submitted", "checking", "in_review")

    def get_semver(self, release: Release) -> list[dict]:
        return (release.checks or {}).get("semver", [])

    def get_breaking_changes(self, release: Release) -> list[dict]:
        changes = (release.checks or {}).get("diff", {}).get("changes", [])
        return [change for change in changes if change["blocking"]]

    def get_failed_checks(self, release: Release) -> list[str]:
        return (release.checks or {}).get("failed", [])

    def get_impact(self, release: Release) -> dict | None:
        return (release.checks or {}).get("impact")

    def get_allowed_actions(self, release: Release) -> list[str]:
        return list(services.allowed_actions(release))


class DecisionSerializer(serializers.Serializer):
    sha256 = serializers.RegexField(
        r"^[0-9a-f]{64}$",
        required=False,
        default="",
        help_text="The spec you reviewed; the approval is refused if the release moved on.",
    )
    comment = serializers.CharField(required=False, default="", allow_blank=True, max_length=20000)


class CommentSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20000)


def conflict_response(exc: services.ReleaseConflict):
    """409 as a problem, with the release's state and the actions it allows."""
    body = {
        "type": f"{PROBLEM_TYPE}invalid-transition",
        "title": TITLES[409],
        "status": 409,
        "detail": exc.message,
        "state": exc.state,
        "allowed": exc.allowed,
    }
    return JsonResponse(body, status=409, content_type=PROBLEM_CONTENT_TYPE)


def _act(request, release: Release, call):
    """Runs a service call, answering its refusals as problems (403, 409)."""
    try:
        call(principal_of(request).actor)
    except services.ReleaseConflict as exc:
        return conflict_response(exc)
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc)) from None
    release = selectors.releases().get(pk=release.pk)
    return Response(ReleaseSerializer(release, context={"request": request}).data)


CONFLICT = OpenApiResponse(description="Not allowed in the release's state (see `allowed`).")


class ReleaseViewSet(PortalApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Releases of every API, with their checks; filter by state to see what is in review."""

    serializer_class = ReleaseSerializer
    filterset_class = ReleaseFilterSet
    lookup_value_regex = r"\d+"  # anything else is a 404, not a failed integer lookup

    def get_queryset(self) -> QuerySet[Release]:
        return selectors.releases().order_by("-submitted_at", "-pk")

    def retrieve(self, request, pk=None):
        release = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(self.get_serializer(release).data)

    def _review(self, request, pk, call):
        release = get_object_or_404(Release.objects.all(), pk=pk)
        refusal = services.review_refusal(principal_of(request).actor, release)
        if refusal:
            raise exceptions.PermissionDenied(refusal)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _act(request, release, lambda actor: call(actor, release, **data.validated_data))

    @extend_schema(request=DecisionSerializer, responses={200: ReleaseSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], filterset_class=None)
    def approve(self, request, pk=None):
        """Approves the release's spec (a governance reviewer, in person, not its submitter).
        Send the `sha256` you reviewed: a release bound to another spec answers 409."""
        return self._review(
            request,
            pk,
            lambda actor, release, sha256, comment: services.release_approve(
                actor=actor, release=release, sha256=sha256, comment=comment
            ),
        )

    @extend_schema(request=DecisionSerializer, responses={200: ReleaseSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], filterset_class=None)
    def reject(self, request, pk=None):
        """Rejects the release, with a `comment` saying why."""
        return self._review(
            request,
            pk,
            lambda actor, release, sha256, comment: services.release_reject(
                actor=actor, release=release, comment=comment
            ),
        )

    @extend_schema(request=DecisionSerializer, responses={200: ReleaseSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="request-changes", filterset_class=None)
    def request_changes(self, request, pk=None):
        """Sends the release back to its owners with a `comment` on what to change."""
        return self._review(
            request,
            pk,
            lambda actor, release, sha256, comment: services.release_request_changes(
                actor=actor, release=release, comment=comment
            ),
        )

    @extend_schema(request=DecisionSerializer, responses={200: ReleaseSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, pk=None):
        """The owning team takes an open release back; the version returns to draft."""
        release = get_object_or_404(Release.objects.select_related("version__api"), pk=pk)
        require_team_edit(request, release.version.api.team_id)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data["comment"]
        return _act(
            request,
            release,
            lambda actor: services.release_withdraw(actor=actor, release=release, comment=comment),
        )

    @extend_schema(request=CommentSerializer, responses={200: ReleaseSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], filterset_class=None)
    def comments(self, request, pk=None):
        """Adds to the discussion (reviewers and the owning team, in person)."""
        release = get_object_or_404(Release.objects.select_related("version__api"), pk=pk)
        principal = principal_of(request)
        if not (principal.is_reviewer or principal.can_edit_team_apis(release.version.api.team_id)):
            raise exceptions.PermissionDenied("Reviewers and the owning team discuss a release.")
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        body = data.validated_data["body"]
        return _act(
            request,
            release,
            lambda actor: services.release_comment(actor=actor, release=release, body=body),
        )


@extend_schema(parameters=[API_SLUG, VERSION])
class VersionReleaseView(PortalApiMixin, generics.GenericAPIView):
    """A version's release: GET its newest release's status (poll it from CI to gate a
    deployment: stop when `decided` is true, deploy when `state` is released); POST submits
    the version, with the spec it has now, for release."""

    serializer_class = ReleaseSerializer

    @cached_property
    def version(self) -> Version:
        return get_object_or_404(
            Version.objects.select_related("api", "spec"),
            api__slug=self.kwargs["api_slug"],
            version=self.kwargs["version"],
        )

    def get(self, request, api_slug: str, version: str):
        release = selectors.version_latest_release(self.version)
        if release is None:
            raise exceptions.NotFound(f"{self.version} has not been submitted for release.")
        return Response(self.get_serializer(release).data)

    @extend_schema(
        request=None,
        responses={
            202: OpenApiResponse(ReleaseSerializer, description="Submitted; checks queued."),
            409: CONFLICT,
        },
    )
    def post(self, request, api_slug: str, version: str):
        require_team_edit(request, self.version.api.team_id)
        try:
            release = services.release_submit(
                actor=principal_of(request).actor, version=self.version
            )
        except services.ReleaseConflict as exc:
            return conflict_response(exc)
        release = selectors.releases().get(pk=release.pk)
        url = reverse("v1:release-detail", args=[release.pk], request=request)
        data = self.get_serializer(release).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


class SubmitRefused(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The version cannot be submitted for release."
    default_code = "invalid_transition"


def submit_pushed_version(request, version: Version) -> str:
    """Submits a version whose spec CI just pushed with `submit=true`; returns the URL to poll.
    Call it in the push's transaction, so a refused submission stores nothing."""
    try:
        services.release_submit(actor=principal_of(request).actor, version=version)
    except services.ReleaseConflict as exc:
        raise SubmitRefused(exc.message) from None
    return reverse("v1:version-release", args=[version.api.slug, version.version], request=request)
