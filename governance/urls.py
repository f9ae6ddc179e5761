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
]
