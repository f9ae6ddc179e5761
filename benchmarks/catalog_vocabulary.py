"""Words the catalog benchmark builds its APIs from: business domains with their
resources, team names, qualifiers and a tag vocabulary of about two hundred."""


def _words(text: str) -> list[str]:
    return text.split()


def _lines(text: str) -> list[str]:
    return text.strip().splitlines()


# A domain, the resources its APIs expose (singular, the first is the main one), and a phrase
# for summaries. Search benchmarks rely on "payments" and the "pay" prefix being common.
DOMAINS: list[tuple[str, list[str], str]] = [
    ("payments", ["payment", "refund", "payout", "dispute"], "card and bank payments"),
    ("payroll", ["payslip", "employee", "deduction"], "salaries and payslips"),
    ("billing", ["invoice", "subscription", "credit-note", "plan"], "invoices and plans"),
    ("checkout", ["cart", "checkout-session", "coupon"], "the checkout funnel"),
    ("orders", ["order", "order-line", "return"], "customer orders"),
    ("inventory", ["stock-item", "warehouse", "reservation"], "stock levels"),
    ("shipping", ["shipment", "parcel", "carrier", "label"], "parcels and carriers"),
    ("customers", ["customer", "address", "consent"], "customer records"),
    ("identity", ["user", "session", "credential", "role"], "sign-in and roles"),
    ("catalog", ["product", "category", "price", "variant"], "products and prices"),
    ("search", ["query", "synonym", "index"], "product search"),
    ("recommendations", ["recommendation", "model", "feedback"], "personalised picks"),
    ("notifications", ["notification", "template", "channel"], "email, SMS and push"),
    ("messaging", ["conversation", "message", "attachment"], "customer conversations"),
    ("loyalty", ["member", "reward", "points-transaction"], "points and rewards"),
    ("pricing", ["price-rule", "quote", "discount"], "dynamic pricing"),
    ("tax", ["tax-rate", "tax-calculation", "exemption"], "sales tax and VAT"),
    ("fraud", ["assessment", "rule", "case"], "fraud screening"),
    ("risk", ["score", "limit", "review"], "credit risk"),
    ("ledger", ["account", "journal-entry", "balance"], "double-entry accounting"),
    ("treasury", ["transfer", "bank-account", "fx-rate"], "cash and FX"),
    ("lending", ["loan", "application", "repayment"], "consumer loans"),
    ("insurance", ["policy", "claim", "premium"], "policies and claims"),
    ("booking", ["booking", "slot", "resource"], "appointments"),
    ("travel", ["itinerary", "flight", "hotel-stay"], "trips"),
    ("media", ["asset", "rendition", "upload"], "images and video"),
    ("documents", ["document", "signature", "folder"], "contracts and e-signatures"),
    ("analytics", ["event", "report", "dashboard"], "product analytics"),
    ("experiments", ["experiment", "variant-assignment", "metric"], "A/B tests"),
    ("content", ["article", "page", "locale"], "the web shop's content"),
    ("reviews", ["review", "rating", "moderation"], "product reviews"),
    ("support", ["ticket", "agent", "macro"], "the help desk"),
    ("logistics", ["route", "vehicle", "depot"], "fleet routing"),
    ("marketplace", ["seller", "listing", "settlement"], "third-party sellers"),
    ("partners", ["partner", "contract", "webhook"], "partner integrations"),
    ("compliance", ["screening", "audit-trail", "retention-policy"], "KYC and audits"),
    ("devices", ["device", "firmware", "telemetry"], "connected devices"),
    ("geo", ["place", "geocode", "zone"], "addresses and maps"),
    ("scheduling", ["shift", "roster", "availability"], "staff rosters"),
    ("wallet", ["wallet", "top-up", "card-token"], "stored balances"),
]

TEAMS = _lines(
    """
Payments Platform
Billing Engine
Checkout Experience
Order Management
Inventory Systems
Fulfilment
Customer Data
Identity and Access
Product Catalog
Search Relevance
Personalisation
Messaging Platform
Loyalty
Pricing Science
Tax Engine
Fraud Prevention
Credit Risk
Core Ledger
Treasury
Lending
Insurance Partners
Bookings
Travel Connect
Media Services
Document Services
Data Platform
Experimentation
Content Platform
Community
Customer Support Tools
Fleet Logistics
Marketplace
Partner Integrations
Compliance Engineering
Connected Devices
Geo Services
Workforce
Digital Wallet
Payroll Services
Finance Systems
Mobile Backend
Web Platform
Developer Experience
SRE Tooling
Security Engineering
Merchant Services
Subscriptions
Returns
Notifications
API Sandbox
"""
)

QUALIFIERS = _words(
    """
Core Gateway Events Reporting Admin Partner Public Sync Batch Webhooks Query Command Edge
Backoffice Mobile Self-service Ledger Lookup Export Import Reconciliation Notifications Audit
Search Insights Orchestrator Connector Adapter Registry Scheduler
"""
)

REGIONS: list[str] = ["", "", "", "EU", "US", "APAC", "UK", "LATAM", "Nordics", "DACH"]

TECH_TAGS = _words(
    """
rest grpc-gateway graphql-bridge webhooks async event-driven batch streaming idempotent
paginated rate-limited cached read-only write-heavy low-latency high-volume bulk file-upload
long-polling sse oauth2 mtls api-key jwt hmac-signed scim openid pci pci-dss gdpr pii hipaa sox
psd2 soc2 iso27001 data-residency-eu data-residency-us tier-1 tier-2 tier-3 business-critical
experimental beta ga legacy strangler monolith microservice serverless kubernetes lambda edge
mobile web partner-facing b2b b2c internal-tools backoffice self-service sandbox multi-tenant
single-tenant versioned-by-url versioned-by-header json xml csv protobuf avro openapi-3-1
openapi-3-0 swagger-2 sdk-java sdk-python sdk-typescript sdk-go sdk-kotlin sdk-swift postman
terraform ci-gated linted contract-tested load-tested chaos-tested on-call follow-the-sun
sla-99-9 sla-99-95 sla-99-99 cost-center-a cost-center-b cost-center-c eu-west us-east
ap-southeast multi-region active-active failover deprecated-soon migration-target replacement
shadow canary feature-flagged ab-tested ml-backed rules-engine search-backed cache-first cqrs
event-sourced saga outbox cdc etl reporting audit-logged encrypted tokenized anonymized
retention-30d retention-1y retention-7y public-docs partner-docs internal-docs team-owned
platform shared core-banking acquiring issuing open-banking instant-payments sepa ach swift
cards wallets bnpl crypto fx kyc aml sanctions grpc soap-bridge websocket http2 retries timeouts
circuit-breaker blue-green zero-downtime golden-path paved-road bff
"""
)

# 40 domain tags and 160 technical ones: a vocabulary of two hundred.
TAGS: list[str] = [domain for domain, _, _ in DOMAINS] + TECH_TAGS

SUMMARY_VERBS = ["Manages", "Exposes", "Serves", "Records", "Orchestrates", "Looks up"]

DESCRIPTION_SENTENCES = [
    "The {name} is the system of record for {phrase} at the company.",
    "It is owned by {team}, who answer its on-call pages around the clock.",
    "Clients authenticate with OAuth 2.0 client credentials; scopes are listed per operation.",
    "Every write accepts an `Idempotency-Key` header so that retries are safe.",
    "Lists are paginated with opaque cursors; pages hold at most 100 items.",
    "Errors follow RFC 9457 problem details with a stable `type` for each failure.",
    "Events about {resource} changes are published to the `{domain}.{resource}` topic.",
    "Timestamps are RFC 3339 in UTC and amounts are integers in minor units.",
    "The sandbox mirrors production behaviour with synthetic {phrase} data.",
    "Rate limits are returned in `RateLimit-*` headers; exceeding them yields 429.",
    "Breaking changes ship in a new major version with at least six months of overlap.",
    "See the runbook for dashboards, alerts and the escalation path.",
]
