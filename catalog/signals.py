"""What the catalog announces to other apps, so it never has to import them."""

from django.dispatch import Signal

# Sent with `spec` (a SpecDocument) inside the transaction that made the document
# ready, or that attached an already-ready document to a version. Receivers that
# write should use a savepoint and enqueue their tasks with transaction.on_commit.
spec_ready = Signal()
