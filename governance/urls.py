from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("rulesets/", views.ruleset_list, name="ruleset-list"),
    path("rulesets/new/", views.ruleset_create, name="ruleset-create"),
    path("rulesets/adopt/", views.ruleset_adopt, name="ruleset-adopt"),
    path("rulesets/<slug:slug>/", views.ruleset_detail, name="ruleset-detail"),
    path("rulesets/<slug:slug>/revise/", views.ruleset_revise, name="ruleset-revise"),
    path("assignments/", views.assignment_set, name="assignment-set"),
    # Lint results and the rules' documentation they link to; team scorecards.
    path("findings/", views.catalog_findings, name="catalog-findings"),
    path("findings/<path:code>/", views.catalog_rule_findings, name="catalog-rule-findings"),
    path("lint/", views.lint_try, name="lint-try"),
    path("lint/jobs/<uuid:pk>/", views.lint_try_job, name="lint-try-job"),
    path("rules/", views.rule_list, name="rule-list"),
    path("rules/<str:code>/", views.rule_detail, name="rule-detail"),
    path("apis/<slug:slug>/versions/<str:version>/lint/", views.version_lint, name="version-lint"),
    path(
        "apis/<slug:slug>/versions/<str:version>/lint/download/<str:fmt>/",
        views.version_lint_export,
        name="version-lint-export",
    ),
    path("teams/<slug:slug>/scorecard/", views.team_scorecard, name="team-scorecard"),
    # Release approval: the inbox, review pages and actions, history, changelogs.
    path("approvals/", views.approvals_inbox, name="approvals"),
    path("approvals/count/", views.approvals_count, name="approvals-count"),
    path("releases/<int:pk>/", views.release_detail, name="release-detail"),
    path("releases/<int:pk>/source/", views.release_source, name="release-source"),
    path("releases/<int:pk>/<str:action>/", views.release_act, name="release-act"),
    path("apis/<slug:slug>/releases/", views.release_history, name="release-history"),
    path("apis/<slug:slug>/compare/", views.version_compare, name="version-compare"),
    path("apis/<slug:slug>/releases.atom", views.release_feed, name="release-feed"),
    path(
        "apis/<slug:slug>/versions/<str:version>/submit/",
        views.version_submit,
        name="version-submit",
    ),
    path(
        "apis/<slug:slug>/versions/<str:version>/release/",
        views.version_release_section,
        name="version-release",
    ),
    path(
        "apis/<slug:slug>/versions/<str:version>/changelog.md",
        views.version_changelog,
        name="version-changelog",
    ),
]
