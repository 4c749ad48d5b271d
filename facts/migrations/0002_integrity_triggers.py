"""Integrity the database enforces itself, so raw SQL cannot break it either.

- An article's body never changes once stored (its SHA-256 is already tied to it by a
  check constraint).
- Every passage's `exact` equals its article's body between `start` and `end`
  (Postgres `substr` counts characters, like Python's `str` indices). The same check
  covers a claim's attribution passage.
"""

from django.db import migrations

ANCHORED_TABLES = ["facts_claim", "facts_figure", "facts_mention", "facts_role"]

FORWARD = (
    r"""
CREATE FUNCTION facts_refuse_body_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body THEN
        RAISE EXCEPTION 'the body of article % never changes once stored; store the corrected text as a new article', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER facts_article_body_immutable
    BEFORE UPDATE OF body ON facts_article
    FOR EACH ROW EXECUTE FUNCTION facts_refuse_body_change();

-- TG_ARGV[0] is the column prefix of the passage to check: '' or 'attribution_'.
CREATE FUNCTION facts_check_passage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_data jsonb := to_jsonb(NEW);
    span_start integer := (row_data ->> (TG_ARGV[0] || 'start'))::integer;
    span_end integer := (row_data ->> (TG_ARGV[0] || 'end'))::integer;
    span_exact text := row_data ->> (TG_ARGV[0] || 'exact');
    article_body text;
BEGIN
    IF span_exact IS NULL OR span_start IS NULL OR span_end IS NULL OR span_start < 0 OR span_end <= span_start THEN
        -- An optional passage that is not recorded, or a malformed span: the table's
        -- check constraints refuse the latter with their own names.
        RETURN NEW;
    END IF;
    SELECT body INTO article_body FROM facts_article WHERE id = NEW.article_id;
    IF span_end > char_length(article_body)
       OR substr(article_body, span_start + 1, span_end - span_start) IS DISTINCT FROM span_exact THEN
        RAISE EXCEPTION '%passage %-% of % does not match article %', TG_ARGV[0], span_start, span_end, TG_TABLE_NAME, NEW.article_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
"""
    + "".join(
        f"""
CREATE TRIGGER {table}_passage_matches_article
    BEFORE INSERT OR UPDATE OF article_id, start, "end", exact ON {table}
    FOR EACH ROW EXECUTE FUNCTION facts_check_passage('');
"""
        for table in ANCHORED_TABLES
    )
    + """
CREATE TRIGGER facts_claim_attribution_matches_article
    BEFORE INSERT OR UPDATE OF article_id, attribution_start, attribution_end, attribution_exact ON facts_claim
    FOR EACH ROW EXECUTE FUNCTION facts_check_passage('attribution_');
"""
)

BACKWARD = (
    "DROP TRIGGER facts_claim_attribution_matches_article ON facts_claim;"
    + "".join(f"DROP TRIGGER {table}_passage_matches_article ON {table};" for table in ANCHORED_TABLES)
    + """
DROP FUNCTION facts_check_passage();
DROP TRIGGER facts_article_body_immutable ON facts_article;
DROP FUNCTION facts_refuse_body_change();
"""
)


class Migration(migrations.Migration):
    dependencies = [("facts", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
