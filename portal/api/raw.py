"""Request and response bodies passed through as bytes, for documents stored as sent."""

from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer


class RawBodyParser(BaseParser):
    """The body as bytes. Size is checked from Content-Length before this runs."""

    media_type = "application/octet-stream"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        return stream.read() if stream is not None else b""


def raw_body_parsers(*media_types: str) -> list[type[RawBodyParser]]:
    """One RawBodyParser per media type (DRF matches a parser by its one media type)."""
    return [
        type(f"RawBodyParser_{index}", (RawBodyParser,), {"media_type": media_type})
        for index, media_type in enumerate(media_types)
    ]


class PassthroughRenderer(BaseRenderer):
    """Accepts any Accept header, for views that answer with a ready HttpResponse."""

    media_type = "*/*"
    format = "raw"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
