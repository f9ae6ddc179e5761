from catalog.demo.plans import (
    ApiPlan,
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
    "identity",
    "Identity",
    "Who is who: customer and staff accounts, sign-in, sessions, consents and OAuth clients.",
    "CC-1200 Identity",
)

APIS = [
    ApiPlan(
        slug="users",
        name="Users API",
        team="identity",
        summary="Customer and staff accounts, their profiles and group memberships.",
        intro="The Users API is the directory behind every sign-in. Services look people "
        "up here and manage the groups that decide what they may do.",
        audience=Audience.INTERNAL,
        tags=("identity", "users", "directory"),
        tier="gold",
        handles_pii=True,
        syntax="json",
        resources=(
            Resource(
                "User",
                "users",
                "email!:email display_name!:string locale:string "
                "status~:enum(invited|active|locked|deleted) last_sign_in_at?~:datetime "
                "phone?:string@2.1",
                "Accounts of customers and staff.",
                actions=("lock", "unlock"),
            ),
            Resource(
                "Group",
                "groups",
                "name!:string description:text member_count~:count",
                "Named sets of users that permissions are granted to.",
            ),
            Resource(
                "Profile",
                "profiles",
                "user_id!:uuid first_name:string last_name:string birth_date?:date",
                "The old split-out profile, folded into users in 2.0.",
                deprecated="1.5",
                removed="2.0",
            ),
        ),
        versions=(
            retired("1.0.0", released=1400, deprecated=900, sunset_ago=600, swagger=True),
            deprecated(
                "1.5.0",
                released=800,
                deprecated=300,
                sunset_in=-6,
                swagger=True,
                notes="The sunset has passed but three services still call it.",
            ),
            released("2.0.0", days_ago=300),
            released("2.1.0", days_ago=60),
        ),
    ),
    ApiPlan(
        slug="oauth-clients",
        name="OAuth Clients API",
        team="identity",
        summary="Register OAuth 2.0 clients for partner integrations and rotate their secrets.",
        intro="Partners that call our APIs do so as OAuth clients. This API registers them, "
        "lists their redirect URIs and scopes, and rotates their secrets.",
        audience=Audience.PARTNER,
        tags=("oauth", "security", "partners"),
        tier="gold",
        handles_pii=False,
        openapi="3.1",
        resources=(
            Resource(
                "Client",
                "clients",
                "name!:string redirect_uris!:list(url) scopes!:list(string) "
                "grant_types!:list(string) logo_url?:url contacts:list(email)@1.2",
                "Registered OAuth clients.",
                actions=("rotate", "disable"),
            ),
            Resource(
                "Secret",
                "secrets",
                "client_id!:uuid last_four~:string expires_at?:datetime",
                "Client secrets; the value is shown only when one is created.",
            ),
        ),
        versions=(
            deprecated("1.1.0", released=400, deprecated=120, sunset_in=80),
            released("1.2.0", days_ago=120),
        ),
    ),
    ApiPlan(
        slug="sessions",
        name="Sessions API",
        team="identity",
        summary="Look up and revoke sign-in sessions across web and mobile.",
        intro="Every sign-in opens a session. Support staff and the security team list a "
        "person's sessions here and end them when a device is lost.",
        audience=Audience.INTERNAL,
        tags=("sessions", "security"),
        tier="silver",
        handles_pii=True,
        resources=(
            Resource(
                "Session",
                "sessions",
                "user_id!:uuid client!:enum(web|ios|android) ip_address~:string "
                "user_agent~:string expires_at~:datetime country~:country@1.3",
                "Open sessions; deleting one signs the device out.",
                actions=("refresh",),
            ),
        ),
        versions=(
            released("1.2.0", days_ago=450),
            released("1.3.0", days_ago=20),
        ),
    ),
    ApiPlan(
        slug="consents",
        name="Consent API",
        team="identity",
        summary="Record and query customers' marketing and data-processing consents (GDPR).",
        intro="Before we mail a customer or share their data, we check their consent here. "
        "Every grant and withdrawal is kept, with where it was given.",
        audience=Audience.PUBLIC,
        tags=("gdpr", "privacy", "consent"),
        tier="gold",
        handles_pii=True,
        resources=(
            Resource(
                "Purpose",
                "purposes",
                "key!:string title!:string legal_basis!:enum(consent|contract|legitimate_interest)",
                "What data is processed for, in words a customer understands.",
            ),
            Resource(
                "Consent",
                "consents",
                "user_id!:uuid purpose_id!:uuid granted!:bool source!:enum(web|app|store|phone) "
                "proof_url?:url@1.1",
                "One customer's answer for one purpose.",
                actions=("withdraw",),
            ),
        ),
        versions=(
            released("1.0.0", days_ago=380),
            in_review("1.1.0", notes="Keeps a link to the signed form, for the auditors."),
        ),
    ),
    ApiPlan(
        slug="mfa",
        name="Multi-factor API",
        team="identity",
        summary="Enrol authenticator apps and passkeys and run second-factor challenges.",
        intro="Staff sign-ins and risky customer actions need a second factor. The "
        "Multi-factor API enrols factors and issues and checks challenges.",
        audience=Audience.INTERNAL,
        tags=("mfa", "security", "passkeys"),
        tier="gold",
        handles_pii=False,
        openapi="3.1",
        syntax="json",
        resources=(
            Resource(
                "Factor",
                "factors",
                "user_id!:uuid kind!:enum(totp|sms|passkey) label:string verified~:bool",
                "Enrolled second factors.",
                actions=("verify",),
            ),
            Resource(
                "Challenge",
                "challenges",
                "factor_id!:uuid status~:enum(pending|passed|failed|expired) expires_at~:datetime",
                "One request to prove a factor.",
                actions=("answer",),
            ),
        ),
        versions=(draft("0.1.0"),),
    ),
]
