"""Imports gateway access logs: `manage usage_import --format nginx-json access.log`.

A file is imported here, chunk by chunk, or queued for a worker with --queue (the worker
must see the same path). `-` reads standard input, for a stream:
`tail -F access.log | manage usage_import --format envoy --chunk 1000 -`.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from usage.engine.logformats import PARSERS
from usage.models import IngestRun
from usage.services import usage_import_file, usage_import_stream
from usage.tasks import usage_import_file_task


class Command(BaseCommand):
    help = "Imports gateway access log files (or standard input) into usage."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="Log files, or - for standard input.")
        parser.add_argument("--format", required=True, choices=sorted(PARSERS))
        parser.add_argument("--host", default="", help="The host of lines that name none.")
        parser.add_argument("--chunk", type=int, default=None, help="Lines per transaction.")
        parser.add_argument("--queue", action="store_true", help="Import in a worker.")

    def handle(self, *args, files, format, host, chunk, queue, **options) -> None:
        for name in files:
            stream = name == "-"
            if stream and queue:
                raise CommandError("Standard input cannot be imported by a worker.")
            run = IngestRun.objects.create(
                kind=IngestRun.Kind.STREAM if stream else IngestRun.Kind.FILE,
                log_format=format,
                source="stdin" if stream else name,
                default_host=host,
            )
            if queue:
                transaction.on_commit(lambda run=run: usage_import_file_task.delay(run.pk))
                self.stdout.write(f"queued {name} as import {run.pk}")
                continue
            if stream:
                run = usage_import_stream(
                    run=run, stream=sys.stdin.buffer, default_host=host, chunk_lines=chunk or 1000
                )
            else:
                run = usage_import_file(run_id=run.pk, chunk_lines=chunk)
            if run.status == IngestRun.Status.FAILED:
                raise CommandError(f"{name}: {run.error}")
            self.stdout.write(
                f"{name}: {run.received} lines, {run.accepted} new calls, "
                f"{run.duplicates} already known, {run.rejected} refused {run.rejections or ''}"
            )
