from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("sunsets/", views.sunset_list, name="sunset-list"),
    path("sunsets/<slug:slug>/<str:version>/", views.sunset_detail, name="sunset-detail"),
    path("sunsets/<slug:slug>/<str:version>/retire/", views.sunset_retire, name="sunset-retire"),
    path(
        "apis/<slug:slug>/versions/<str:version>/deprecate/",
        views.deprecate_page,
        name="version-deprecate",
    ),
    path(
        "apis/<slug:slug>/versions/<str:version>/migration/",
        views.migration_note,
        name="migration-note",
    ),
    path("policy/", views.policy_page, name="policy"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/<int:recipient_id>/channels/", views.channel_add, name="channel-add"),
    path("channels/<int:channel_id>/toggle/", views.channel_toggle, name="channel-toggle"),
    path(
        "channels/<int:channel_id>/deliveries/",
        views.channel_deliveries,
        name="channel-deliveries",
    ),
    path("deliveries/<int:delivery_id>/retry/", views.delivery_retry, name="delivery-retry"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("acknowledge/<str:token>/", views.acknowledge, name="acknowledge"),
]
