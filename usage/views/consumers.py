"""The consumer registry: list, register, detail with credentials, declared uses, recent
calls, and a Backstage catalog-info import."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import principal_of
from catalog.forms import add_service_errors
from catalog.views.access import catalog_reader, to_login
from catalog.views.common import form_page, wants_partial
from usage import selectors, services
from usage.access import can_edit_consumer, can_register_consumer
from usage.filtersets import ConsumerFilterSet
from usage.forms import BackstageForm, ConsumerForm, CredentialForm, DeclaredUseForm
from usage.models import Consumer, ConsumerCredential, DeclaredUse


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def consumer_list(request: HttpRequest) -> HttpResponse:
    consumers = Consumer.objects.select_related("team").annotate(
        credential_count=Count("credentials", distinct=True),
        use_count=Count("declared_uses", distinct=True),
    )
    filterset = ConsumerFilterSet(request.GET or None, queryset=consumers)
    context = {
        "filterset": filterset,
        "consumers": filterset.qs[:200],
        "can_register": can_register_consumer(principal_of(request)),
    }
    template = "usage/consumer_list.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def consumer_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    principal = principal_of(request)
    if not can_register_consumer(principal):
        raise PermissionDenied("Consumers are registered by members of the team that owns them.")
    form = ConsumerForm(request.POST or None, principal=principal)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            consumer = services.consumer_create(actor=principal.actor, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{consumer.name} is registered.")
            return redirect(consumer)
    return form_page(
        request,
        form=form,
        title="Register a consumer",
        submit="Register",
        back_url=reverse("usage:consumer-list"),
    )


def _consumer(slug: str) -> Consumer:
    return get_object_or_404(Consumer.objects.select_related("team"), slug=slug)


@require_GET
@catalog_reader
def consumer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consumer = _consumer(slug)
    editable = can_edit_consumer(principal_of(request), consumer)
    context = {
        "consumer": consumer,
        "credentials": list(consumer.credentials.all()),
        "uses": list(consumer.declared_uses.select_related("version__api")),
        "usage": selectors.consumer_usage(consumer, days=30),
        "editable": editable,
        "credential_form": CredentialForm() if editable else None,
        "use_form": DeclaredUseForm() if editable else None,
        "backstage_form": BackstageForm() if editable else None,
    }
    return render(request, "usage/consumer_detail.html", context)


def consumer_editor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Loads the URL's consumer and passes it on when the request may change it."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return to_login(request)
        consumer = _consumer(slug)
        if not can_edit_consumer(principal_of(request), consumer):
            raise PermissionDenied("Only the consumer's team changes it.")
        return view(request, consumer, *args, **kwargs)

    return wrapper


def _errors(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


@require_POST
@consumer_editor
def credential_create(request: HttpRequest, consumer: Consumer) -> HttpResponse:
    form = CredentialForm(request.POST)
    if form.is_valid():
        try:
            services.credential_add(
                actor=principal_of(request).actor, consumer=consumer, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The credential is added: its calls are now attributed.")
    else:
        messages.error(request, "The credential was not added: " + _errors(form))
    return redirect(consumer)


@require_POST
@consumer_editor
def credential_revoke(request: HttpRequest, consumer: Consumer, pk: int) -> HttpResponse:
    credential = ConsumerCredential.objects.filter(consumer=consumer, pk=pk).first()
    if credential is None:
        raise Http404("There is no such credential.")
    services.credential_revoke(actor=principal_of(request).actor, credential=credential)
    messages.success(request, f"{credential.value} is marked revoked.")
    return redirect(consumer)


@require_POST
@consumer_editor
def declared_use_create(request: HttpRequest, consumer: Consumer) -> HttpResponse:
    form = DeclaredUseForm(request.POST)
    if form.is_valid():
        services.declared_use_add(
            actor=principal_of(request).actor,
            consumer=consumer,
            version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"Use of {form.cleaned_data['version']} is declared.")
    else:
        messages.error(request, "The use was not declared: " + _errors(form))
    return redirect(consumer)


@require_POST
@consumer_editor
def declared_use_delete(request: HttpRequest, consumer: Consumer, pk: int) -> HttpResponse:
    use = DeclaredUse.objects.filter(consumer=consumer, pk=pk).select_related("version__api")
    if not use:
        raise Http404("There is no such declared use.")
    services.declared_use_remove(actor=principal_of(request).actor, use=use[0])
    messages.success(request, f"Use of {use[0].version} is no longer declared.")
    return redirect(consumer)


@require_POST
@consumer_editor
def backstage_upload(request: HttpRequest, consumer: Consumer) -> HttpResponse:
    form = BackstageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Nothing was imported: " + _errors(form))
        return redirect(consumer)
    try:
        result = services.backstage_import(
            actor=principal_of(request).actor,
            consumer=consumer,
            content=form.cleaned_data["file"].read(1024 * 1024 + 1),
        )
    except ValidationError as error:
        messages.error(request, "Nothing was imported: " + " ".join(error.messages))
        return redirect(consumer)
    text = f"{len(result.declared)} declared use(s) from Backstage."
    if result.unmatched:
        text += " Not in the catalog: " + ", ".join(result.unmatched[:20]) + "."
    messages.success(request, text)
    return redirect(consumer)
