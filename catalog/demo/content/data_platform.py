from catalog.demo.plans import (
    ApiPlan,
    Lapse,
    Resource,
    TeamPlan,
    deprecated,
    draft,
    in_review,
    released,
    retired,
)
from catalog.models import Audience

TEAM = TeamPlan(
    "data-platform",
    "Data Platform",
    "Moves and keeps data: event ingestion, the dataset catalog, metrics, experiments, exports.",
    "CC-1600 Data",
)

APIS = [
    ApiPlan(
        slug="event-ingestion",
        name="Event Ingestion API",
        team="data-platform",
        summary="Register event types with their schemas and manage the streams they flow in.",
        intro="Every service publishes domain events. Event types and their JSON schemas are "
        "registered here first, so consumers can rely on their shape.",
        audience=Audience.INTERNAL,
        tags=("events", "streaming", "schemas"),
        tier="gold",
        handles_pii=False,
        resources=(
            Resource(
                "EventType",
                "event-types",
                "name!:string owner_team!:string schema_url!:url "
                "compatibility!:enum(backward|forward|full|none) retention_days:count@2.2",
                "Registered event types and the schema each must follow.",
                actions=("deprecate",),
            ),
            Resource(
                "Stream",
                "streams",
                "name!:string event_type_id!:uuid partitions!:count",
                "Streams that carry events of one type.",
            ),
        ),
        versions=(
            deprecated("2.1.0", released=450, deprecated=110, sunset_in=60),
            released("2.2.0", days_ago=110),
            draft("2.3.0"),
        ),
        # A new team member's draft went back to plain JSON errors.
        lapses=(Lapse("json-errors", since="2.3"),),
    ),
    ApiPlan(
        slug="datasets",
        name="Datasets API",
        team="data-platform",
        summary="The dataset catalog: owners, schemas, freshness and access requests.",
        intro="Analysts find data here: every dataset in the lake with its owner, its "
        "columns and how fresh it is, and a way to ask for access.",
        audience=Audience.INTERNAL,
        tags=("data-catalog", "governance", "lake"),
        tier="silver",
        handles_pii=True,
        openapi="3.1",
        syntax="json",
        schemas={"Column": "name!:string type!:string description:text pii:bool"},
        resources=(
            Resource(
                "Dataset",
                "datasets",
                "name!:string owner_team!:string columns!:list(Column) "
                "classification!:enum(public|internal|confidential|restricted) "
                "refreshed_at~:datetime export_key_id?:awskey@1.4",
                "Datasets in the lake, described.",
            ),
            Resource(
                "AccessRequest",
                "access-requests",
                "dataset_id!:uuid purpose!:text status~:enum(pending|granted|denied) "
                "expires_on?:date@1.4",
                "Requests for access, approved by the dataset's owner.",
                actions=("grant", "deny"),
            ),
        ),
        versions=(
            released("1.3.0", days_ago=260),
            in_review("1.4.0"),
        ),
    ),
    ApiPlan(
        slug="metrics",
        name="Metrics API",
        team="data-platform",
        summary="Certified business metrics with one definition each, and their values.",
        intro="Revenue means one thing everywhere. The Metrics API holds each metric's "
        "certified definition and serves its values to dashboards.",
        audience=Audience.INTERNAL,
        tags=("metrics", "analytics", "bi"),
        tier="silver",
        handles_pii=False,
        resources=(
            Resource(
                "Metric",
                "metrics",
                "key!:string title!:string definition!:text unit!:string "
                "certified:bool owner_team:string@1.2",
                "Metric definitions.",
            ),
            Resource(
                "Dashboard",
                "dashboards",
                "title!:string metric_keys!:list(string) url~:url",
                "Dashboards built on certified metrics.",
            ),
        ),
        versions=(
            retired("0.9.0", released=700, deprecated=400, sunset_ago=300),
            released("1.1.0", days_ago=380),
            released("1.2.0", days_ago=10),
        ),
    ),
    ApiPlan(
        slug="experiments",
        name="Experiments API",
        team="data-platform",
        summary="A/B tests: define experiments and variants and read their results.",
        intro="Product teams test changes on a share of traffic. The Experiments API defines "
        "experiments, assigns variants and reports results with confidence intervals.",
        audience=Audience.INTERNAL,
        tags=("experimentation", "ab-testing", "analytics"),
        tier="bronze",
        handles_pii=False,
        syntax="json",
        resources=(
            Resource(
                "Experiment",
                "experiments",
                "key!:string hypothesis!:text traffic_share!:percent "
                "status~:enum(draft|running|stopped) primary_metric!:string",
                "Experiments and their state.",
                actions=("start", "stop"),
            ),
            Resource(
                "Variant",
                "variants",
                "experiment_id!:uuid key!:string weight!:percent",
                "The arms of an experiment.",
            ),
        ),
        versions=(released("3.0.0", days_ago=180),),
    ),
    ApiPlan(
        slug="data-exports",
        name="Data Exports API",
        team="data-platform",
        summary="Scheduled exports of sales and stock data to partners' storage.",
        intro="Suppliers get daily sell-through and stock files. The Data Exports API "
        "schedules exports and keeps a record of every file delivered.",
        audience=Audience.PARTNER,
        tags=("exports", "partners", "sftp"),
        tier="bronze",
        handles_pii=False,
        resources=(
            Resource(
                "Export",
                "exports",
                "dataset!:enum(sales|stock|returns) destination_url!:url "
                "format!:enum(csv|parquet) schedule!:string compression:enum(none|gzip)@1.1",
                "Export definitions and their schedules.",
                actions=("run",),
            ),
            Resource(
                "Delivery",
                "deliveries",
                "export_id!:uuid rows~:count bytes~:count delivered_at~:datetime",
                "Files delivered to partners.",
                read_only=True,
            ),
        ),
        versions=(
            deprecated("1.0.0", released=400, deprecated=20, sunset_in=20),
            released("1.1.0", days_ago=20),
        ),
    ),
    ApiPlan(
        slug="feature-store",
        name="Feature Store API",
        team="data-platform",
        summary="Machine-learning features, computed once and served online and offline.",
        intro="Models for search ranking and fraud read the same features. The Feature "
        "Store API registers feature views and serves their latest values.",
        audience=Audience.INTERNAL,
        tags=("ml", "features"),
        tier="silver",
        handles_pii=False,
        openapi="3.1",
        resources=(
            Resource(
                "FeatureView",
                "feature-views",
                "name!:string entity!:enum(customer|product|order) features!:list(string) "
                "ttl_seconds!:count",
                "Named groups of features for one kind of entity.",
            ),
        ),
        versions=(draft("0.1.0"),),
    ),
]
