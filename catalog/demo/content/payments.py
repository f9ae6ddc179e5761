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
    "payments",
    "Payments",
    "Takes money in and pays it out: card and bank payments, refunds, invoices and payouts.",
    "CC-1100 Payments",
)

MONEY = {"Money": "amount!:money currency!:currency"}

APIS = [
    ApiPlan(
        slug="payments",
        name="Payments API",
        team="payments",
        summary="Accept card and bank payments, capture them and refund them.",
        intro="The Payments API takes a customer's money: authorise a payment, capture it "
        "when the goods ship and refund it, in full or in part, when they come back.",
        audience=Audience.PUBLIC,
        tags=("payments", "cards", "pci", "checkout"),
        tier="gold",
        handles_pii=True,
        schemas=MONEY,
        openapi="3.1",
        resources=(
            Resource(
                "Payment",
                "payments",
                "amount!:ref(Money) status~:enum(authorised|captured|cancelled|failed) "
                "method!:enum(card|ideal|sepa_debit|paypal) order_id!:string "
                "statement_descriptor:string@1.1 customer_id?:uuid@1.2 metadata:map "
                "receipt_email:email@2.1 capture_before?:datetime@2.2",
                "Payments from a customer: authorised, then captured or cancelled.",
                actions=("capture", "cancel", "refund@1.2"),
            ),
            Resource(
                "Charge",
                "charges",
                "amount!:ref(Money) card_token!:string status~:enum(succeeded|failed)",
                "One-step card charges, from before payments could be captured later.",
                deprecated="1.3",
                removed="2.0",
            ),
            Resource(
                "Refund",
                "refunds",
                "payment_id!:uuid amount!:ref(Money) reason:enum(duplicate|fraud|requested) "
                "status~:enum(pending|succeeded|failed)",
                "Money given back to the customer for a captured payment.",
                since="1.2",
                actions=("cancel",),
            ),
        ),
        versions=(
            retired("1.0.0", released=1180, deprecated=700, sunset_ago=400),
            deprecated("1.3.2", released=620, deprecated=150, sunset_in=27),
            released(
                "2.0.0",
                days_ago=150,
                notes="The one-step `/charges` are gone: create a payment and capture it at once.",
            ),
            released("2.1.0", days_ago=40),
            in_review("2.2.0"),
        ),
    ),
    ApiPlan(
        slug="ledger",
        name="Ledger API",
        team="payments",
        summary="Double-entry ledger of every money movement, with balances per account.",
        intro="The Ledger API is the book of record: every payment, refund, fee and payout "
        "posts balanced entries here, and finance reconciles against it.",
        audience=Audience.INTERNAL,
        tags=("ledger", "finance", "accounting"),
        tier="gold",
        handles_pii=False,
        schemas=MONEY,
        resources=(
            Resource(
                "Account",
                "accounts",
                "code!:string name!:string kind!:enum(asset|liability|revenue|expense) "
                "currency!:currency balance~:ref(Money)",
                "Ledger accounts; the balance is the sum of their entries.",
                actions=("close",),
            ),
            Resource(
                "Entry",
                "entries",
                "account_id!:uuid amount!:ref(Money) direction!:enum(debit|credit) "
                "reference!:string posted_at~:datetime journal_id?:uuid@1.1",
                "Posted entries; they are never changed, only reversed.",
                actions=("reverse",),
            ),
        ),
        versions=(
            released("1.0.0", days_ago=800),
            released("1.1.0", days_ago=210),
            draft("1.2.0", spec=False, notes="Journals of several entries posted at once."),
        ),
    ),
    ApiPlan(
        slug="invoicing",
        name="Invoicing API",
        team="payments",
        summary="Issue invoices and credit notes to business customers and track their payment.",
        intro="Business customers pay on invoice. The Invoicing API issues invoices with "
        "their lines, sends reminders, and records credit notes.",
        audience=Audience.PARTNER,
        tags=("invoices", "b2b", "finance"),
        tier="silver",
        handles_pii=True,
        schemas={
            **MONEY,
            "InvoiceLine": "description!:string quantity!:count "
            "unit_price!:ref(Money) vat_rate!:percent",
        },
        syntax="json",
        resources=(
            Resource(
                "Invoice",
                "invoices",
                "customer_id!:uuid number~:string lines!:list(InvoiceLine) "
                "status~:enum(draft|issued|paid|overdue|void) due_on!:date "
                "purchase_order:string@1.4",
                "Invoices, from draft to paid.",
                actions=("issue", "void", "remind@1.4"),
            ),
            Resource(
                "CreditNote",
                "credit-notes",
                "invoice_id!:uuid lines!:list(InvoiceLine) reason!:text",
                "Corrections to issued invoices.",
            ),
        ),
        versions=(
            deprecated("1.3.0", released=700, deprecated=200, sunset_in=165),
            released("1.4.0", days_ago=200),
            released("1.4.1", days_ago=35),
        ),
    ),
    ApiPlan(
        slug="payouts",
        name="Payouts API",
        team="payments",
        summary="Pay marketplace sellers out to their bank accounts on a schedule.",
        intro="Sellers on the marketplace are paid out from their balance. The Payouts API "
        "keeps their bank accounts and the payouts made to them.",
        audience=Audience.PARTNER,
        tags=("payouts", "marketplace", "banking"),
        tier="gold",
        handles_pii=True,
        schemas=MONEY,
        resources=(
            Resource(
                "BankAccount",
                "bank-accounts",
                "seller_id!:uuid holder_name!:string iban!:string country!:country verified~:bool",
                "Sellers' bank accounts; payouts go only to verified ones.",
                actions=("verify",),
            ),
            Resource(
                "Payout",
                "payouts",
                "bank_account_id!:uuid amount!:ref(Money) status~:enum(scheduled|paid|returned) "
                "arrives_on~:date",
                "Money sent to a seller's bank account.",
                actions=("cancel",),
            ),
        ),
        versions=(
            released("1.0.0", days_ago=500),
            in_review("1.1.0", notes="Instant payouts for verified sellers."),
        ),
    ),
    ApiPlan(
        slug="fx-rates",
        name="FX Rates API",
        team="payments",
        summary="Foreign-exchange rates and quotes that hold for a few minutes.",
        intro="Prices are shown in the shopper's currency. The FX Rates API publishes the "
        "day's rates and gives quotes that are honoured until they expire.",
        audience=Audience.INTERNAL,
        tags=("fx", "currency", "pricing"),
        tier="silver",
        handles_pii=False,
        openapi="3.1",
        syntax="json",
        resources=(
            Resource(
                "Rate",
                "rates",
                "base!:currency quote!:currency rate!:number as_of!:datetime "
                "provider:enum(ecb|market)@2.1",
                "The reference rates, refreshed every minute.",
                read_only=True,
            ),
            Resource(
                "Quote",
                "quotes",
                "base!:currency quote!:currency amount!:money rate~:number expires_at~:datetime",
                "Rates guaranteed for a short time.",
            ),
        ),
        versions=(
            retired("1.0.0", released=900, deprecated=500, sunset_ago=300, spec=False),
            released("2.0.0", days_ago=500),
            released("2.1.0", days_ago=90),
        ),
    ),
    ApiPlan(
        slug="subscriptions",
        name="Subscriptions API",
        team="payments",
        summary="Recurring billing: plans, subscriptions, trials and dunning.",
        intro="Members pay monthly or yearly. The Subscriptions API holds the plans on offer "
        "and each customer's subscription, and charges them when a period starts.",
        audience=Audience.PUBLIC,
        tags=("billing", "subscriptions", "recurring"),
        tier="silver",
        handles_pii=True,
        schemas=MONEY,
        resources=(
            Resource(
                "Plan",
                "plans",
                "name!:string price!:ref(Money) interval!:enum(month|year) trial_days:count",
                "What a customer can subscribe to, and at what price.",
                actions=("archive",),
            ),
            Resource(
                "Subscription",
                "subscriptions",
                "customer_id!:uuid plan_id!:uuid status~:enum(trialing|active|past_due|cancelled) "
                "current_period_end~:datetime cancel_at?:datetime@0.9",
                "A customer's subscription to a plan.",
                actions=("cancel", "pause@0.9", "resume@0.9"),
            ),
        ),
        versions=(
            released("0.8.0", days_ago=260),
            draft("0.9.0", notes="Pausing a subscription, asked for by the retention team."),
        ),
    ),
]
