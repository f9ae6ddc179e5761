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
    "logistics",
    "Logistics",
    "Gets parcels to people: warehouses and stock, carriers, shipments, delivery slots, returns.",
    "CC-1300 Logistics",
)

ADDRESS = {
    "Address": "name!:string line1!:string line2:string postal_code!:string city!:string "
    "country!:country"
}

APIS = [
    ApiPlan(
        slug="shipments",
        name="Shipments API",
        team="logistics",
        summary="Create shipments, buy labels and follow parcels until they are delivered.",
        intro="Once an order is packed it becomes a shipment. Carriers and marketplace "
        "sellers create shipments here, print labels and push tracking events.",
        audience=Audience.PARTNER,
        tags=("shipping", "tracking", "carriers"),
        tier="gold",
        handles_pii=True,
        schemas=ADDRESS,
        resources=(
            Resource(
                "Shipment",
                "shipments",
                "order_id!:string ship_to!:ref(Address) service!:enum(standard|express|same_day) "
                "status~:enum(created|labelled|in_transit|delivered|returned) "
                "weight_grams!:count carrier_id?:uuid@2.1",
                "Shipments, from label to doorstep.",
                actions=("label", "cancel"),
            ),
            Resource(
                "TrackingEvent",
                "tracking-events",
                "shipment_id!:uuid code!:enum(picked_up|in_transit|out_for_delivery|delivered) "
                "happened_at!:datetime location:string",
                "What carriers report about a parcel on its way.",
            ),
            Resource(
                "Manifest",
                "manifests",
                "carrier!:string shipment_ids!:list(uuid) closed_at?:datetime",
                "End-of-day lists of parcels handed to a carrier, now sent automatically.",
                deprecated="1.8",
                removed="2.0",
            ),
        ),
        versions=(
            retired("1.2.0", released=1300, deprecated=800, sunset_ago=500, swagger=True),
            deprecated("1.8.3", released=700, deprecated=160, sunset_in=12, swagger=True),
            released("2.0.0", days_ago=160),
            released("2.1.0", days_ago=75),
            draft(
                "2.2.0-beta.1", spec=False, notes="Carrier choice at checkout; the spec follows."
            ),
        ),
    ),
    ApiPlan(
        slug="inventory",
        name="Warehouse Inventory API",
        team="logistics",
        summary="Stock on hand per warehouse and bin, reservations and stock counts.",
        intro="The Warehouse Inventory API knows what is on the shelves. Checkout reserves "
        "stock here and the warehouses report counts and movements.",
        audience=Audience.INTERNAL,
        tags=("inventory", "warehouse", "stock"),
        tier="gold",
        handles_pii=False,
        openapi="3.1",
        schemas=ADDRESS,
        resources=(
            Resource(
                "Warehouse",
                "warehouses",
                "code!:string name!:string address!:ref(Address) open:bool",
                "Our warehouses and partner fulfilment centres.",
            ),
            Resource(
                "StockLevel",
                "stock-levels",
                "warehouse_id!:uuid sku!:string on_hand~:count reserved~:count "
                "reorder_point:count@3.2",
                "How many of a product are in a warehouse.",
                read_only=True,
            ),
            Resource(
                "Reservation",
                "reservations",
                "sku!:string quantity!:count order_id!:string expires_at~:datetime",
                "Stock held for an order until it is picked.",
                actions=("release",),
            ),
        ),
        versions=(
            deprecated("3.1.0", released=400, deprecated=100, sunset_in=None),
            released("3.2.0", days_ago=100),
            in_review("3.3.0", notes="Reservations can be extended once."),
        ),
    ),
    ApiPlan(
        slug="carrier-rates",
        name="Carrier Rates API",
        team="logistics",
        summary="Compare carriers' prices and delivery promises for a parcel.",
        intro="Before a label is bought, the Carrier Rates API asks every contracted carrier "
        "what a parcel costs and when it would arrive.",
        audience=Audience.PARTNER,
        tags=("shipping", "carriers", "pricing"),
        tier="silver",
        handles_pii=False,
        syntax="json",
        resources=(
            Resource(
                "Carrier",
                "carriers",
                "name!:string countries!:list(country) services!:list(string)",
                "Carriers we have contracts with.",
            ),
            Resource(
                "RateQuote",
                "rate-quotes",
                "from_country!:country to_country!:country weight_grams!:count "
                "price~:money currency~:currency delivery_days~:count co2_grams~:count@1.1",
                "Prices and delivery promises for one parcel.",
            ),
        ),
        versions=(
            released("1.0.0", days_ago=330),
            released("1.1.0", days_ago=25),
        ),
    ),
    ApiPlan(
        slug="returns",
        name="Returns API",
        team="logistics",
        summary="Let customers return items: return requests, labels and drop-off points.",
        intro="Customers start a return in the app or at a store. The Returns API makes the "
        "return, issues a label and tells the warehouse what is on its way.",
        audience=Audience.PUBLIC,
        tags=("returns", "customers", "shipping"),
        tier="silver",
        handles_pii=True,
        resources=(
            Resource(
                "Return",
                "returns",
                "order_id!:string items!:list(string) reason!:enum(damaged|wrong_item|not_needed) "
                "status~:enum(requested|in_transit|received|refunded) drop_off_point_id?:uuid@1.3",
                "Returns customers have started.",
                actions=("approve", "reject"),
            ),
            Resource(
                "DropOffPoint",
                "drop-off-points",
                "name!:string postal_code!:string country!:country opening_hours:text",
                "Shops and lockers that accept returned parcels.",
                read_only=True,
                since="1.3",
            ),
        ),
        versions=(
            deprecated("1.2.0", released=500, deprecated=90, sunset_in=120),
            released("1.3.0", days_ago=90),
        ),
    ),
    ApiPlan(
        slug="delivery-slots",
        name="Delivery Slots API",
        team="logistics",
        summary="Offer and reserve home-delivery time slots at checkout.",
        intro="Groceries arrive in a slot the customer picks. This API offers the slots "
        "with room left and holds one while the customer pays.",
        audience=Audience.PUBLIC,
        tags=("delivery", "checkout", "scheduling"),
        tier="bronze",
        handles_pii=False,
        openapi="3.1",
        resources=(
            Resource(
                "Slot",
                "slots",
                "starts_at!:datetime ends_at!:datetime postal_code!:string capacity~:count "
                "price?:money",
                "Delivery windows with room left.",
                read_only=True,
            ),
            Resource(
                "SlotReservation",
                "slot-reservations",
                "slot_id!:uuid basket_id!:string expires_at~:datetime",
                "A slot held for a basket while the customer pays.",
                actions=("confirm",),
            ),
        ),
        versions=(
            draft("1.0.0-rc.1"),
            in_review("1.0.0"),
        ),
    ),
]
