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
    "customer-care",
    "Customer Care",
    "Helps customers after they buy: support tickets, profiles, notifications and loyalty.",
    "CC-1500 Customer Care",
)

APIS = [
    ApiPlan(
        slug="support-tickets",
        name="Support Tickets API",
        team="customer-care",
        summary="Support tickets from every channel, their conversations and their SLAs.",
        intro="Mail, chat and phone contacts all become tickets. Agents' tools and the "
        "self-service pages read and write them through this API.",
        audience=Audience.INTERNAL,
        tags=("support", "tickets", "sla"),
        tier="gold",
        handles_pii=True,
        resources=(
            Resource(
                "Ticket",
                "tickets",
                "customer_id!:uuid subject!:string channel!:enum(mail|chat|phone|social) "
                "priority:enum(low|normal|high|urgent) status~:enum(open|pending|solved|closed) "
                "assignee_id?:uuid due_at~:datetime@5.1",
                "Customers' questions and problems.",
                actions=("solve", "reopen", "escalate@5.1"),
            ),
            Resource(
                "Comment",
                "comments",
                "ticket_id!:uuid body!:text public!:bool author_id~:uuid",
                "The conversation on a ticket, public replies and internal notes.",
            ),
        ),
        versions=(
            deprecated("4.2.0", released=730, deprecated=270, sunset_in=300),
            released("5.0.0", days_ago=270),
            released("5.1.0", days_ago=15),
        ),
    ),
    ApiPlan(
        slug="customer-profiles",
        name="Customer Profile API",
        team="customer-care",
        summary="Customers' contact details, addresses and preferences in one place.",
        intro="One profile per customer, shared by care, marketing and delivery. Changes "
        "made here reach every channel within a minute.",
        audience=Audience.INTERNAL,
        tags=("customers", "crm", "gdpr"),
        tier="gold",
        handles_pii=True,
        openapi="3.1",
        schemas={
            "PostalAddress": "line1!:string line2:string postal_code!:string city!:string "
            "country!:country"
        },
        resources=(
            Resource(
                "Customer",
                "customers",
                "email!:email name!:string phone?:string language!:string "
                "addresses:list(PostalAddress) marketing_opt_in:bool@2.4",
                "Customers and how to reach them.",
                actions=("anonymise",),
            ),
            Resource(
                "Note",
                "notes",
                "customer_id!:uuid body!:text pinned:bool",
                "Agents' notes on a customer, kept for two years.",
            ),
        ),
        versions=(
            released("2.3.0", days_ago=340),
            released("2.4.0", days_ago=70),
            draft("3.0.0", notes="Households: several customers sharing one address."),
        ),
    ),
    ApiPlan(
        slug="notifications",
        name="Notifications API",
        team="customer-care",
        summary="Send mail, SMS and push messages from shared templates.",
        intro="Services never talk to mail or SMS providers themselves: they send a message "
        "with a template and data here, and it goes out in the customer's language.",
        audience=Audience.INTERNAL,
        tags=("notifications", "email", "sms", "push"),
        tier="silver",
        handles_pii=True,
        syntax="json",
        resources=(
            Resource(
                "Template",
                "templates",
                "key!:string channel!:enum(email|sms|push) subject:string body!:text "
                "locale!:string",
                "Message templates, one per language.",
                actions=("publish",),
            ),
            Resource(
                "Message",
                "messages",
                "template_key!:string recipient!:string data:map "
                "status~:enum(queued|sent|delivered|bounced) send_at?:datetime@3.2",
                "Messages sent, with their delivery state.",
                actions=("resend",),
            ),
            Resource(
                "Batch",
                "batches",
                "template_key!:string recipients!:list(string)",
                "Bulk sends; replaced by marketing's campaign tool.",
                deprecated="2.6",
                removed="3.0",
            ),
        ),
        versions=(
            retired("2.0.0", released=1100, deprecated=800, sunset_ago=700),
            deprecated("2.6.0", released=520, deprecated=200, sunset_in=85),
            released("3.1.0", days_ago=200),
            released("3.2.0", days_ago=45),
        ),
    ),
    ApiPlan(
        slug="feedback",
        name="Feedback Surveys API",
        team="customer-care",
        summary="Short surveys after a contact or a delivery, and their answers (NPS, CSAT).",
        intro="After a ticket is solved or a parcel delivered we ask how it went. This API "
        "holds the surveys and the answers customers give.",
        audience=Audience.PUBLIC,
        tags=("feedback", "nps", "surveys"),
        tier="bronze",
        handles_pii=False,
        resources=(
            Resource(
                "Survey",
                "surveys",
                "title!:string trigger!:enum(ticket_solved|delivered|purchase) "
                "questions!:list(string)",
                "Surveys and what triggers them.",
                actions=("close",),
            ),
            Resource(
                "SurveyResponse",
                "responses",
                "survey_id!:uuid score!:count comment:text submitted_at~:datetime",
                "Customers' answers.",
            ),
        ),
        versions=(released("1.0.0", days_ago=200),),
    ),
    ApiPlan(
        slug="loyalty",
        name="Loyalty API",
        team="customer-care",
        summary="Loyalty programme members, points earned and spent, and reward tiers.",
        intro="Members earn points with every purchase and at partner shops. Partners "
        "credit and debit points through this API.",
        audience=Audience.PARTNER,
        tags=("loyalty", "rewards", "partners"),
        tier="silver",
        handles_pii=True,
        openapi="3.1",
        resources=(
            Resource(
                "Member",
                "members",
                "customer_id!:uuid card_number~:string level~:enum(blue|silver|gold) points~:count",
                "Programme members and their balance.",
            ),
            Resource(
                "PointTransaction",
                "point-transactions",
                "member_id!:uuid points!:int reason!:string partner_id?:string "
                "expires_on?:date@1.1",
                "Points earned or spent; a spend is negative.",
                actions=("reverse",),
            ),
        ),
        versions=(
            deprecated("1.0.0", released=600, deprecated=30, sunset_in=175),
            released("1.1.0", days_ago=30),
            in_review("1.2.0"),
        ),
    ),
]
