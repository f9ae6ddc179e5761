"""The set-based statements of the catalog seed: what the services do one row at a time,
done for every row at once."""

# Deprecated and retired versions point at the next newer version of their API.
SUCCESSORS_SQL = """
UPDATE catalog_version AS v SET successor_id = s.newer
FROM (SELECT id, lag(id) OVER (PARTITION BY api_id
      ORDER BY major DESC, minor DESC, patch DESC, prerelease) AS newer
      FROM catalog_version) AS s
WHERE v.id = s.id AND v.lifecycle IN ('deprecated', 'retired') AND s.newer IS NOT NULL
"""

# What api_refresh_rollups computes, for every API at once. Versions are read in their
# model ordering (newest semver first); lifecycles sort as Python's sorted() does (bytes);
# operations are numbered 0..n-1 by _spec_save_extraction, so "the first 2000" is
# position < 2000.
ROLLUPS_SQL = """
WITH per_api AS (
  SELECT v.api_id,
    array_agg(DISTINCT v.lifecycle COLLATE "C" ORDER BY v.lifecycle COLLATE "C") AS lifecycles,
    min(v.sunset_on) FILTER (WHERE v.lifecycle <> 'retired') AS next_sunset_on,
    (array_agg(v.version ORDER BY v.lifecycle = 'draft', v.major DESC, v.minor DESC,
                                  v.patch DESC, v.prerelease))[1] AS latest_version,
    (array_agg(v.spec_id ORDER BY v.major DESC, v.minor DESC, v.patch DESC, v.prerelease)
       FILTER (WHERE v.spec_id IS NOT NULL))[1] AS spec_id
  FROM catalog_version v GROUP BY v.api_id
), words AS (
  SELECT o.spec_id, array_agg(u.part ORDER BY o.position, u.k) AS parts
  FROM catalog_operation o
  CROSS JOIN LATERAL unnest(ARRAY[o.summary, o.operation_id]) WITH ORDINALITY AS u(part, k)
  WHERE u.part <> '' AND o.position < 2000
  GROUP BY o.spec_id
)
UPDATE catalog_api AS a SET
  lifecycles = p.lifecycles,
  next_sunset_on = p.next_sunset_on,
  latest_version = COALESCE(p.latest_version, ''),
  search_extra = left(array_to_string(a.tags || COALESCE(w.parts, '{}'), ' '), 100000)
FROM per_api p LEFT JOIN words w ON w.spec_id = p.spec_id
WHERE p.api_id = a.id
"""

# The services stamp "now"; a real catalog has years of history, which the "updated"
# sort and the audit trail's order depend on. Spread deterministically by id.
TIMESTAMPS_SQL = [
    """UPDATE catalog_api SET
         created_at = now() - make_interval(days => (id * 7919 % 1500)::int),
         updated_at = now() - make_interval(days => (id * 7919 % 1500 * (id * 31 % 100) / 100)::int)
    """,
    """UPDATE catalog_version SET
         created_at = COALESCE(released_on, current_date - 3) - make_interval(days => 14),
         updated_at = LEAST(now(), GREATEST(COALESCE(sunset_on, released_on, current_date - 3),
                                            COALESCE(deprecated_on, released_on, current_date - 3)))
    """,
    """UPDATE catalog_auditevent e SET created_at = a.created_at
       FROM catalog_api a WHERE e.api_id = a.id AND e.action = 'api.create'""",
    """UPDATE catalog_auditevent e SET created_at = v.created_at
       FROM catalog_version v WHERE e.action = 'version.create' AND e.target_id = v.id::text""",
    """UPDATE catalog_auditevent e SET created_at = v.updated_at
       FROM catalog_version v WHERE e.action = 'version.spec' AND e.target_id = v.id::text""",
]
