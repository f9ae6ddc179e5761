"""The demo catalog: six teams and their APIs, in the compact form of catalog.demo.plans."""

from catalog.demo.content import (
    catalog_search,
    customer_care,
    data_platform,
    identity,
    logistics,
    payments,
)
from catalog.demo.plans import ApiPlan, TeamPlan

_MODULES = (payments, identity, logistics, catalog_search, customer_care, data_platform)

TEAMS: list[TeamPlan] = [module.TEAM for module in _MODULES]
APIS: list[ApiPlan] = [api for module in _MODULES for api in module.APIS]
