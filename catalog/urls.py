from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.api_list, name="api-list"),
    path("apis/<slug:slug>/", views.api_detail, name="api-detail"),
    path("apis/<slug:slug>/versions/<str:version>/", views.version_detail, name="version-detail"),
    path("teams/<slug:slug>/", views.team_detail, name="team-detail"),
]
