"""Who may change a consumer: members of its owning team (in person, or with a team token
carrying write:specs), and admins. Anyone who may read the catalog may read consumers."""

from accounts.access import Principal
from usage.models import Consumer


def can_edit_consumer(principal: Principal, consumer: Consumer) -> bool:
    return principal.can_edit_team_apis(consumer.team_id)


def can_register_consumer(principal: Principal) -> bool:
    """Registering needs a team to own the consumer: any member of one may."""
    return bool(principal.team_ids) and principal.person is not None
