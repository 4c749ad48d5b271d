"""The baselines the API is measured against, served by the same Django configuration.

- `hello`: a Django "hello world" view, the framework's floor (URL routing, middleware).
- `sql_floor`: for each read workload, the same JSON the API returns, built by one raw SQL
  query (`json_build_object`/`json_agg`) over psycopg and sent as it comes from Postgres:
  the floor a hand-written endpoint could reach. bench/inprocess.py checks that each floor returns
  exactly the API's records before it times anything.

Every SQL here takes `base` (the API root URL, "http://host/api/v1/") to build links.
"""

import json
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"Hello, world", content_type="text/plain")


def ts(column: str) -> str:
    """A timestamptz as DRF writes it: ISO 8601 in UTC with Z, microseconds only when set."""
    return (
        f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        f"CASE WHEN mod(extract(microseconds FROM {column})::int, 1000000) = 0 THEN '' "
        f"ELSE to_char({column} AT TIME ZONE 'UTC', '.US') END || 'Z'"
    )


def link(resource: str, id_column: str) -> str:
    return f"%(base)s || '{resource}/' || {id_column} || '/'"


def number(column: str) -> str:
    """A decimal as the API writes it: normalized, as a string (null stays null)."""
    return f"trim_scale({column})::text"


def passage(alias: str) -> str:
    return (
        f"json_build_object('article', {link('articles', f'{alias}.article_id')}, 'start', {alias}.start, "
        f"'end', {alias}.\"end\", 'exact', {alias}.exact, 'prefix', {alias}.prefix, 'suffix', {alias}.suffix)"
    )


def speaker(alias: str, person: str, organization: str) -> str:
    return (
        f"CASE WHEN {alias}.speaker_person_id IS NOT NULL THEN json_build_object('type', 'person', 'id', {person}.id, "
        f"'url', {link('people', f'{person}.id')}, 'name', {person}.name) "
        f"WHEN {alias}.speaker_organization_id IS NOT NULL THEN json_build_object('type', 'organization', "
        f"'id', {organization}.id, 'url', {link('organizations', f'{organization}.id')}, 'name', {organization}.name) "
        f"WHEN {alias}.speaker_group IS NOT NULL THEN json_build_object('type', 'group', 'id', NULL, 'url', NULL, "
        f"'name', {alias}.speaker_group) END"
    )


def article_summary(article: str) -> str:
    return (
        f"json_build_object('id', {article}.id, 'url', {link('articles', f'{article}.id')}, 'title', {article}.title, "
        f"'publisher', {article}.publisher, 'published_on', {article}.published_on, 'source_url', {article}.url)"
    )


# How a fact was carried between versions of its article: the bench's data has no versions, so
# the floors write null where the API joins the carried-fact rows in (which counts against the API).
NOT_CARRIED = "'anchoring', NULL, 'carried_onward', NULL"


def claim_json(c: str = "c", a: str = "a", p: str = "p", o: str = "o") -> str:
    return (
        f"json_build_object('id', {c}.id, 'url', {link('claims', f'{c}.id')}, 'kind', {c}.kind, "
        f"'passage', {passage(c)}, "
        f"'attribution', CASE WHEN {c}.attribution_exact IS NULL THEN NULL ELSE json_build_object("
        f"'start', {c}.attribution_start, 'end', {c}.attribution_end, 'exact', {c}.attribution_exact) END, "
        f"'speaker', {speaker(c, p, o)}, 'article', {article_summary(a)}, 'review_status', {c}.review_status, "
        f"{NOT_CARRIED}, 'summary', {c}.summary, "
        f"'created_at', {ts(f'{c}.created_at')}, 'updated_at', {ts(f'{c}.updated_at')})"
    )


CLAIM_JOINS = (
    "JOIN facts_article a ON a.id = c.article_id LEFT JOIN facts_person p ON p.id = c.speaker_person_id "
    "LEFT JOIN facts_organization o ON o.id = c.speaker_organization_id"
)


def figure_json(f: str = "f", a: str = "a", m: str = "m", p: str = "p", o: str = "o") -> str:
    return (
        f"json_build_object('id', {f}.id, 'url', {link('figures', f'{f}.id')}, 'passage', {passage(f)}, "
        f"'qualifier', {f}.qualifier, 'value', {number(f'{f}.value')}, 'low', {number(f'{f}.low')}, "
        f"'high', {number(f'{f}.high')}, 'unit', {f}.unit, "
        f"'measure', CASE WHEN {m}.id IS NULL THEN NULL ELSE json_build_object('id', {m}.id, "
        f"'url', {link('measures', f'{m}.id')}, 'name', {m}.name, 'unit', {m}.unit) END, "
        f"'place', {f}.place, 'period', {f}.period, 'speaker', {speaker(f, p, o)}, "
        f"'claim', CASE WHEN {f}.claim_id IS NULL THEN NULL ELSE {link('claims', f'{f}.claim_id')} END, "
        f"'article', {article_summary(a)}, {NOT_CARRIED}, "
        f"'created_at', {ts(f'{f}.created_at')}, 'updated_at', {ts(f'{f}.updated_at')})"
    )


FIGURE_JOINS = (
    "JOIN facts_article a ON a.id = f.article_id LEFT JOIN facts_measure m ON m.id = f.measure_id "
    "LEFT JOIN facts_person p ON p.id = f.speaker_person_id "
    "LEFT JOIN facts_organization o ON o.id = f.speaker_organization_id"
)


def holder(alias: str) -> str:
    return (
        f"CASE WHEN {alias}.person_id IS NOT NULL THEN json_build_object('type', 'person', 'id', {alias}.person_id, "
        f"'url', {link('people', f'{alias}.person_id')}, 'name', hp.name) ELSE json_build_object('type', "
        f"'organization', 'id', {alias}.organization_id, 'url', {link('organizations', f'{alias}.organization_id')}, "
        f"'name', ho.name) END"
    )


HOLDERS = (
    "LEFT JOIN facts_person hp ON hp.id = x.person_id LEFT JOIN facts_organization ho ON ho.id = x.organization_id"
)


def role_json() -> str:
    """A role (alias x, its holder hp/ho and affiliation af joined)."""
    return (
        f"json_build_object('id', x.id, 'url', {link('roles', 'x.id')}, 'passage', {passage('x')}, "
        f"'holder', {holder('x')}, 'title', x.title, 'affiliation', CASE WHEN x.affiliation_id IS NULL THEN NULL "
        f"ELSE json_build_object('id', af.id, 'url', {link('organizations', 'af.id')}, 'name', af.name) END, "
        f"{NOT_CARRIED}, 'created_at', {ts('x.created_at')}, 'updated_at', {ts('x.updated_at')})"
    )


def person_json(x: str = "x") -> str:
    return (
        f"json_build_object('id', {x}.id, 'url', {link('people', f'{x}.id')}, 'name', {x}.name, "
        f"'aliases', {x}.aliases, 'wikidata_id', {x}.wikidata_id, "
        f"'created_at', {ts(f'{x}.created_at')}, 'updated_at', {ts(f'{x}.updated_at')})"
    )


def claim_detail_json() -> str:
    """A claim (alias c) with the links to its figures and its reviews (what an anonymous reader sees)."""
    review = f"json_build_object('status', r.status, 'note', r.note, 'reviewed_at', {ts('r.reviewed_at')})"
    return (
        f"({claim_json()}::jsonb || jsonb_build_object("
        f"'figures', (SELECT coalesce(json_agg({link('figures', 'cf.id')} ORDER BY cf.id), '[]') "
        "FROM facts_figure cf WHERE cf.claim_id = c.id), "
        f"'reviews', (SELECT coalesce(json_agg({review} ORDER BY r.reviewed_at DESC, r.id DESC), '[]') "
        "FROM facts_review r WHERE r.claim_id = c.id)))"
    )


def person_detail_json() -> str:
    """A person (alias pd) with the roles they hold and the links to their records."""
    return (
        f"({person_json('pd')}::jsonb || jsonb_build_object("
        f"'roles', (SELECT coalesce(json_agg({role_json()} ORDER BY x.id), '[]') FROM facts_role x {HOLDERS} "
        "LEFT JOIN facts_organization af ON af.id = x.affiliation_id WHERE x.person_id = pd.id), "
        f"'claims', {link('people', 'pd.id')} || 'claims/', 'figures', {link('people', 'pd.id')} || 'figures/', "
        f"'mentions', {link('people', 'pd.id')} || 'mentions/'))"
    )


def article_json(a: str = "a", detail: bool = False) -> str:
    fields = (
        f"'id', {a}.id, 'url', {link('articles', f'{a}.id')}, 'title', {a}.title, 'publisher', {a}.publisher, "
        f"'source_url', {a}.url, 'language', {a}.language, 'published_on', {a}.published_on, 'sha256', {a}.sha256, "
        f"'length', char_length({a}.body), 'created_at', {ts(f'{a}.created_at')}, "
        f"'updated_at', {ts(f'{a}.updated_at')}"
    )
    if not detail:
        return f"json_build_object({fields})"
    mention = (
        f"json_build_object('id', x.id, 'url', {link('mentions', 'x.id')}, 'passage', {passage('x')}, "
        f"'names', {holder('x')}, {NOT_CARRIED}, 'created_at', {ts('x.created_at')}, "
        f"'updated_at', {ts('x.updated_at')})"
    )
    role = role_json()
    return (
        f"json_build_object({fields}, 'body', {a}.body, "
        f"'claims', (SELECT coalesce(json_agg({claim_json('c', a)} ORDER BY c.start, c.\"end\"), '[]') "
        f"FROM facts_claim c LEFT JOIN facts_person p ON p.id = c.speaker_person_id "
        f"LEFT JOIN facts_organization o ON o.id = c.speaker_organization_id WHERE c.article_id = {a}.id), "
        f"'figures', (SELECT coalesce(json_agg({figure_json('f', a)} ORDER BY f.start, f.\"end\"), '[]') "
        f"FROM facts_figure f LEFT JOIN facts_measure m ON m.id = f.measure_id "
        f"LEFT JOIN facts_person p ON p.id = f.speaker_person_id "
        f"LEFT JOIN facts_organization o ON o.id = f.speaker_organization_id WHERE f.article_id = {a}.id), "
        f"'mentions', (SELECT coalesce(json_agg({mention} ORDER BY x.start, x.\"end\"), '[]') "
        f"FROM facts_mention x {HOLDERS} WHERE x.article_id = {a}.id), "
        f"'roles', (SELECT coalesce(json_agg({role} ORDER BY x.start, x.\"end\"), '[]') "
        f"FROM facts_role x {HOLDERS} LEFT JOIN facts_organization af ON af.id = x.affiliation_id "
        f"WHERE x.article_id = {a}.id), "
        f"'annotations', {link('articles', f'{a}.id')} || 'annotations/', "
        f"'proposals', %(base)s || 'proposals/?article=' || {a}.id)"
    )


def page(row_json: str, source: str, where: str, order: str, select_extra: str = "") -> str:
    """One page: the rows' JSON aggregated in order, wrapped as the API's list response."""
    return (
        f"SELECT json_build_object('results', coalesce(json_agg(page.row ORDER BY page.n), '[]'))::text FROM ("
        f"SELECT {row_json} AS row, row_number() OVER (ORDER BY {order}) AS n {select_extra} FROM {source} "
        f"WHERE {where} ORDER BY {order} LIMIT %(limit)s) page"
    )


SEARCH = "websearch_to_tsquery('english', %(q)s)"

FLOORS: dict[str, str] = {
    "articles": page(article_json(), "facts_article a", "true", "a.id DESC"),
    "article_detail": f"SELECT {article_json(detail=True)}::text FROM facts_article a WHERE a.id = %(id)s",
    "claims_by_speaker": page(
        claim_json(), f"facts_claim c {CLAIM_JOINS}", "c.speaker_person_id = %(speaker)s", "c.id DESC"
    ),
    "claims_by_article": page(claim_json(), f"facts_claim c {CLAIM_JOINS}", "c.article_id = %(article)s", "c.id DESC"),
    "claims_after": page(claim_json(), f"facts_claim c {CLAIM_JOINS}", "c.id < %(before)s", "c.id DESC"),
    "claims_search": page(
        claim_json(),
        f"facts_claim c {CLAIM_JOINS}",
        f"c.search_vector @@ {SEARCH}",
        f"ts_rank(c.search_vector, {SEARCH})::float8 DESC, c.id DESC",
    ),
    # A common term (facts/api/search.py): only its newest candidates are ranked.
    "claims_search_bounded": page(
        claim_json(),
        f"facts_claim c {CLAIM_JOINS}",
        f"c.id IN (SELECT id FROM facts_claim WHERE search_vector @@ {SEARCH} ORDER BY id DESC LIMIT %(candidates)s)",
        f"ts_rank(c.search_vector, {SEARCH})::float8 DESC, c.id DESC",
    ),
    "figures_range": page(
        figure_json(),
        f"facts_figure f {FIGURE_JOINS}",
        "(f.value >= %(low)s OR (f.value IS NULL AND (f.high >= %(low)s OR f.high IS NULL))) "
        "AND (f.value <= %(high)s OR (f.value IS NULL AND f.low <= %(high)s))",
        "f.id DESC",
    ),
    "people_search": page(
        person_json(),
        "facts_person x",
        # The expressions the trigram indexes hold (migration 0014), as the API's filter sends them.
        "upper(x.name::text) LIKE upper(%(like)s) OR upper(facts_aliases_text(x.aliases)) LIKE upper(%(like)s)",
        "x.name, x.id",
    ),
    "claim_detail": f"SELECT {claim_detail_json()}::text FROM facts_claim c {CLAIM_JOINS} WHERE c.id = %(id)s",
    "figure_detail": f"SELECT {figure_json()}::text FROM facts_figure f {FIGURE_JOINS} WHERE f.id = %(id)s",
    "person_detail": f"SELECT {person_detail_json()}::text FROM facts_person pd WHERE pd.id = %(id)s",
    "measure_comparison": (
        "SELECT json_build_object('figure_count', (SELECT count(*) FROM facts_figure WHERE measure_id = %(measure)s), "
        "'figures', coalesce(json_agg(page.row ORDER BY page.n), '[]'))::text FROM ("
        f"SELECT {figure_json()}::jsonb || jsonb_build_object('central_estimate', "
        "trim_scale(round(coalesce(f.value, sqrt(f.low * f.high), f.low), 2))::text) AS row, "
        "row_number() OVER (ORDER BY a.published_on ASC NULLS LAST, a.created_at, f.article_id, f.start) AS n "
        f"FROM facts_figure f {FIGURE_JOINS} WHERE f.measure_id = %(measure)s "
        "ORDER BY a.published_on ASC NULLS LAST, a.created_at, f.article_id, f.start LIMIT 1000) page"
    ),
}

CLAIM_INSERT = (
    # A hand-written "create a claim by its quote": find the quote in the body, insert,
    # answer the new claim as JSON; one statement (the triggers still check the passage).
    "WITH found AS (SELECT a.*, strpos(a.body, %(exact)s) - 1 AS at FROM facts_article a WHERE a.id = %(article)s), "
    'inserted AS (INSERT INTO facts_claim (created_at, updated_at, start, "end", exact, prefix, suffix, kind, '
    "review_status, article_id, speaker_person_id) SELECT now(), now(), at, at + char_length(%(exact)s), %(exact)s, "
    "substr(body, greatest(at - 31, 1), least(at, 32)), substr(body, at + char_length(%(exact)s) + 1, 32), "
    "%(kind)s, 'unreviewed', id, %(speaker)s FROM found WHERE at >= 0 RETURNING *) "
    f"SELECT {claim_json()}::text FROM inserted c {CLAIM_JOINS.replace('JOIN facts_article', 'JOIN found', 1)}"
)


def run_floor(workload: str, params: dict[str, Any]) -> str:
    with connection.cursor() as cursor:
        if workload == "claims_search":
            workload = search_floor(cursor, params)
        cursor.execute(FLOORS[workload] if workload != "claim_create" else CLAIM_INSERT, params)
        return cursor.fetchone()[0]


def search_floor(cursor: Any, params: dict[str, Any]) -> str:
    """The API's choice for ranked search, by hand: the planner's estimate, then full or bounded ranking."""
    from facts.api import search

    cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT id FROM facts_claim WHERE search_vector @@ {SEARCH}", params)
    plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    if plan[0]["Plan"]["Plan Rows"] <= search.RANK_EVERY_MATCH_UP_TO:
        return "claims_search"
    params["candidates"] = search.RANKED_CANDIDATES
    return "claims_search_bounded"


@csrf_exempt
def sql_floor(request: HttpRequest, workload: str) -> HttpResponse:
    """The workload's JSON from one SQL statement; query parameters are the SQL's parameters."""
    params: dict[str, Any] = dict(request.GET.items())
    params["base"] = request.build_absolute_uri("/api/v1/")
    status = 200
    if request.method == "POST":
        params.update(json.loads(request.body))
        status = 201
    return HttpResponse(run_floor(workload, params), content_type="application/json", status=status)
