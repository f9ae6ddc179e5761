from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.api_list, name="api-list"),
    path("apis/<slug:slug>/", views.api_detail, name="api-detail"),
    path("apis/<slug:slug>/edit/", views.api_edit, name="api-edit"),
    path("apis/<slug:slug>/move/", views.api_move, name="api-move"),
    # Before the version patterns: "new" is not a semantic version, so it cannot clash.
    path("apis/<slug:slug>/versions/new/", views.version_create, name="version-create"),
    path("apis/<slug:slug>/versions/<str:version>/", views.version_detail, name="version-detail"),
    path("apis/<slug:slug>/versions/<str:version>/edit/", views.version_edit, name="version-edit"),
    path(
        "apis/<slug:slug>/versions/<str:version>/spec",
        views.version_spec_download,
        name="version-spec",
    ),
    path(
        "apis/<slug:slug>/versions/<str:version>/spec/upload/",
        views.version_spec_upload,
        name="version-spec-upload",
    ),
    path(
        "apis/<slug:slug>/versions/<str:version>/operations/<int:position>/",
        views.operation_detail,
        name="operation-detail",
    ),
    path("teams/", views.team_list, name="team-list"),
    path("teams/<slug:slug>/", views.team_detail, name="team-detail"),
    path("me/apis/", views.my_apis, name="my-apis"),
    path("activity/", views.activity, name="activity"),
    path("activity/export.csv", views.activity_export, name="activity-export"),
]
