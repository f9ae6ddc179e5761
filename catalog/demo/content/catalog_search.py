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
    "catalog-search",
    "Catalog & Search",
    "What we sell and how shoppers find it: products, categories, prices, media, search.",
    "CC-1400 Catalog",
)

APIS = [
    ApiPlan(
        slug="products",
        name="Products API",
        team="catalog-search",
        summary="Products, their variants and the category tree they are sold in.",
        intro="The Products API is the master record of everything we sell: products with "
        "their variants, and the category tree the shop navigates by.",
        audience=Audience.PUBLIC,
        tags=("catalog", "products", "categories"),
        tier="gold",
        handles_pii=False,
        resources=(
            Resource(
                "Product",
                "products",
                "sku!:string title!:string description:text brand:string "
                "category_id!:uuid status:enum(draft|active|discontinued) "
                "gtin:string@4.1 images:list(url)",
                "Products as the shop shows them.",
                actions=("publish", "discontinue"),
            ),
            Resource(
                "Variant",
                "variants",
                "product_id!:uuid sku!:string attributes!:map weight_grams:count",
                "Sizes and colours of a product, each with its own SKU.",
            ),
            Resource(
                "Category",
                "categories",
                "name!:string slug!:string parent_id?:uuid parent?~:ref(Category) "
                "children~:list(Category) position:count",
                "The category tree: every category knows its parent and children.",
            ),
        ),
        versions=(
            retired("3.0.0", released=1000, deprecated=600, sunset_ago=420),
            deprecated("3.9.1", released=600, deprecated=240, sunset_in=45),
            released("4.0.0", days_ago=240),
            released("4.1.0", days_ago=30),
            draft("4.2.0", notes="Bundles of products sold together."),
        ),
    ),
    ApiPlan(
        slug="search-tuning",
        name="Search Tuning API",
        team="catalog-search",
        summary="Synonyms, boosts and redirects that shape shop search results.",
        intro="Merchandisers tune what shoppers find: synonyms so 'sofa' finds couches, "
        "boosts for campaigns, and redirects for exact queries.",
        audience=Audience.INTERNAL,
        tags=("search", "merchandising"),
        tier="silver",
        handles_pii=False,
        openapi="3.1",
        resources=(
            Resource(
                "Synonym",
                "synonyms",
                "terms!:list(string) locale!:string one_way:bool",
                "Words search treats as the same.",
            ),
            Resource(
                "BoostRule",
                "boost-rules",
                "query!:string product_ids!:list(uuid) weight!:number starts_at?:datetime "
                "ends_at?:datetime",
                "Products lifted to the top for a query, for a while.",
                actions=("pause", "resume"),
            ),
            Resource(
                "Redirect",
                "redirects",
                "query!:string target_url!:url",
                "Queries that go straight to a page.",
                since="2.3",
            ),
        ),
        versions=(
            released("2.2.0", days_ago=280),
            released("2.3.0", days_ago=50),
        ),
        lapses=(Lapse("terse-actions"),),  # the boost rules' actions were never described
    ),
    ApiPlan(
        slug="pricing",
        name="Pricing API",
        team="catalog-search",
        summary="Price lists per channel and country, scheduled price changes and promotions.",
        intro="Every price shown comes from the Pricing API: list prices per channel and "
        "country, and the changes scheduled for campaigns.",
        audience=Audience.INTERNAL,
        tags=("pricing", "promotions"),
        tier="gold",
        handles_pii=False,
        syntax="json",
        resources=(
            Resource(
                "PriceList",
                "price-lists",
                "name!:string channel!:enum(web|app|store|marketplace) country!:country "
                "currency!:currency",
                "Sets of prices for one channel and country.",
            ),
            Resource(
                "Price",
                "prices",
                "price_list_id!:uuid sku!:string amount!:money valid_from!:date "
                "valid_to?:date compare_at?:money@1.6",
                "A SKU's price in a price list, for a period.",
            ),
        ),
        versions=(
            deprecated("1.5.0", released=420, deprecated=60, sunset_in=150),
            released("1.6.0", days_ago=60),
        ),
    ),
    ApiPlan(
        slug="reviews",
        name="Product Reviews API",
        team="catalog-search",
        summary="Customer ratings and reviews, with moderation.",
        intro="Shoppers rate what they bought. Reviews are moderated before they show, and "
        "anyone can report one.",
        audience=Audience.PUBLIC,
        tags=("reviews", "ugc", "moderation"),
        tier="bronze",
        handles_pii=True,
        resources=(
            Resource(
                "Review",
                "reviews",
                "product_id!:uuid rating!:count title:string body!:text "
                "status~:enum(pending|published|rejected) verified_purchase~:bool@1.2",
                "Reviews and their moderation state.",
                actions=("approve", "reject"),
            ),
            Resource(
                "ReviewReport",
                "review-reports",
                "review_id!:uuid reason!:enum(spam|offensive|off_topic) note:text",
                "Shoppers' reports of reviews that break the rules.",
            ),
        ),
        versions=(
            released("1.1.0", days_ago=420),
            released("1.2.0", days_ago=140),
        ),
    ),
    ApiPlan(
        slug="media-assets",
        name="Media Assets API",
        team="catalog-search",
        summary="Product images and videos, with renditions resized for every screen.",
        intro="Product photos are uploaded once and served in every size. The Media Assets "
        "API stores originals and makes renditions for the shop and the apps.",
        audience=Audience.INTERNAL,
        tags=("media", "images", "cdn"),
        tier="bronze",
        handles_pii=False,
        resources=(
            Resource(
                "Asset",
                "assets",
                "filename!:string content_type!:string bytes~:count alt_text:string "
                "focal_point:string@2.1",
                "Uploaded originals.",
            ),
            Resource(
                "Rendition",
                "renditions",
                "asset_id!:uuid width!:count height!:count format!:enum(webp|avif|jpeg) url~:url",
                "Resized copies served from the CDN.",
                read_only=True,
            ),
        ),
        versions=(
            retired("1.4.0", released=900, deprecated=500, sunset_ago=200),
            released("2.0.0", days_ago=500),
            in_review("2.1.0"),
        ),
    ),
    ApiPlan(
        slug="recommendations",
        name="Recommendations API",
        team="catalog-search",
        summary="Personalised product recommendations for placements on partner sites.",
        intro="Partners show 'you may also like' rows on their sites. Each placement asks "
        "this API for products, given a product or a basket.",
        audience=Audience.PARTNER,
        tags=("recommendations", "personalisation", "partners"),
        tier="silver",
        handles_pii=False,
        openapi="3.1",
        syntax="json",
        resources=(
            Resource(
                "Placement",
                "placements",
                "name!:string strategy!:enum(similar|bought_together|trending) max_items!:count",
                "Where recommendations show and how they are chosen.",
            ),
            Resource(
                "RecommendationSet",
                "recommendation-sets",
                "placement_id!:uuid context_sku?:string product_ids~:list(uuid) "
                "explanation~:string@0.4",
                "The products chosen for one request.",
            ),
        ),
        versions=(
            released("0.3.0", days_ago=100),
            draft("0.4.0"),
        ),
    ),
]
