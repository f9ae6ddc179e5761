from rest_framework.pagination import PageNumberPagination


class PortalPagination(PageNumberPagination):
    """Page numbers with a client-chosen size up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
