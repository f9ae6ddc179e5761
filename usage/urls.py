from django.urls import path

from usage import views

app_name = "usage"

urlpatterns = [
    path("consumers/", views.consumer_list, name="consumer-list"),
    path("consumers/new/", views.consumer_create, name="consumer-create"),
    path("consumers/<slug:slug>/", views.consumer_detail, name="consumer-detail"),
    path(
        "consumers/<slug:slug>/credentials/",
        views.credential_create,
        name="credential-create",
    ),
    path(
        "consumers/<slug:slug>/credentials/<int:pk>/revoke/",
        views.credential_revoke,
        name="credential-revoke",
    ),
    path("consumers/<slug:slug>/uses/", views.declared_use_create, name="use-create"),
    path(
        "consumers/<slug:slug>/uses/<int:pk>/delete/",
        views.declared_use_delete,
        name="use-delete",
    ),
    path("consumers/<slug:slug>/backstage/", views.backstage_upload, name="backstage-upload"),
    path("unattributed/", views.unattributed, name="unattributed"),
]
