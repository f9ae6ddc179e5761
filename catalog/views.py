from django.http import HttpResponse


def api_list(request):
    return HttpResponse("catalog")


def api_detail(request, slug):
    return HttpResponse(slug)


def version_detail(request, slug, version):
    return HttpResponse(version)


def team_detail(request, slug):
    return HttpResponse(slug)
