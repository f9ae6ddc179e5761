"""Who may see and change catalog pages: readers per settings, editors per team."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django_htmx.http import HttpResponseClientRedirect

from accounts.access import can_read_catalog, principal_of
from catalog import selectors
from catalog.models import Api


def to_login(request: HttpRequest) -> HttpResponse:
    """A redirect to sign in that brings the reader back to the page they were on."""
    if request.htmx:
        # An htmx request is a fragment of a page: send the whole page to sign in.
        page = request.htmx.current_url_abs_path or request.get_full_path()
        return HttpResponseClientRedirect(redirect_to_login(page).url)
    return redirect_to_login(request.get_full_path())


def catalog_reader(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Lets a request in when it may read the catalog (signed in, or anonymous reading on)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_read_catalog(request.user):
            return to_login(request)
        return view(request, *args, **kwargs)

    return wrapper


def api_editor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Loads the API of the URL's `slug` and passes it on when the request may edit it.

    Anonymous requests are sent to sign in; signed-in people outside the owning
    team (and tokens without the write scope) get 403.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return to_login(request)
        api = selectors.api_page(slug)
        if api is None:
            raise Http404("There is no such API.")
        if not principal_of(request).can_edit_team_apis(api.team_id):
            raise PermissionDenied("Only the owning team can change this API.")
        return view(request, api, *args, **kwargs)

    return wrapper


def can_edit(request: HttpRequest, api: Api) -> bool:
    return principal_of(request).can_edit_team_apis(api.team_id)
