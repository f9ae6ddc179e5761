"""The rule functions' batch forms give the findings their calls one by one give.

The engine hands a function that has one (``fn.many``) all of a rule's targets at once, and
makes contexts only for the targets with results (see engine.py); each batch form is also
compared with its function on chosen values in the functions' own tests. Here whole documents
are linted with the batch forms and without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from speclib.lint import builtin_ruleset, lint
from speclib.lint.functions import FUNCTIONS


def _report(path: Path) -> list:
    report = lint(path.read_bytes(), builtin_ruleset("spectral:oas"), source=path.name)
    assert report.failures == []
    return report.to_spectral()


@pytest.mark.parametrize(
    "name",
    [
        "apisguru/amazonaws.com_ec2.json",  # 14,500 $ref members, siblings among them
        "twilio/twilio_api_v2010.yaml",
        "go-swagger/eve-online-esi.json",
        "oai/v2.0_petstore-separate/spec/swagger.yaml",
        "sendgrid/oai.json",  # $ref siblings
        "apisguru/zoom.us.json",  # enum values of other types
        "apisguru/bitbucket.org.json",
        "oai/v3.1-dev_mega.yaml",  # arrays without items
    ],
)
def test_the_batch_forms_give_the_findings_of_calls_one_by_one(corpus: Path, name, monkeypatch):
    path = corpus / "specs" / name
    batched = _report(path)
    with_batches = [function for function in FUNCTIONS.values() if hasattr(function, "many")]
    assert len(with_batches) >= 8
    for function in with_batches:
        monkeypatch.delattr(function, "many")
    assert batched == _report(path)
    assert batched
