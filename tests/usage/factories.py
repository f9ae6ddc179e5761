"""factory_boy factories for usage; each makes a valid, saved object."""

import factory

from catalog.models import Operation
from tests.factories import TeamFactory
from tests.governance.factories import SpecDocumentFactory
from usage.models import Consumer, ConsumerCredential, DeclaredUse


class ConsumerFactory(factory.django.DjangoModelFactory[Consumer]):
    class Meta:
        model = Consumer

    slug = factory.Sequence(lambda n: f"consumer-{n}")
    name = factory.Sequence(lambda n: f"Consumer {n}")
    team = factory.SubFactory(TeamFactory)
    contact_email = factory.LazyAttribute(lambda consumer: f"{consumer.slug}@example.com")


class CredentialFactory(factory.django.DjangoModelFactory[ConsumerCredential]):
    class Meta:
        model = ConsumerCredential

    consumer = factory.SubFactory(ConsumerFactory)
    value = factory.Sequence(lambda n: f"client-{n}")


class DeclaredUseFactory(factory.django.DjangoModelFactory[DeclaredUse]):
    class Meta:
        model = DeclaredUse

    consumer = factory.SubFactory(ConsumerFactory)


def spec_with(servers: list[str], operations: list[tuple[str, str, str]]):
    """A parsed spec document with these server URLs and (method, path, operationId)."""
    spec = SpecDocumentFactory(servers=[{"url": url} for url in servers])
    Operation.objects.bulk_create(
        Operation(spec=spec, position=n, method=method, path=path, operation_id=op_id)
        for n, (method, path, op_id) in enumerate(operations)
    )
    return spec
