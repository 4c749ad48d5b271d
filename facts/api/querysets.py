"""The querysets several resources list from, with what each row needs joined in.

Kept in one place so they can later become QuerySet methods (`Claim.objects.for_listing()`)
without hunting through the views. Article bodies stay in the database except where the
article itself is shown; generated search vectors are never fetched. The facts of a withdrawn
article are left out, as the article is (`CURRENT_ARTICLE`): a condition in the same query.
"""

from facts.models import CURRENT_ARTICLE, Claim, Figure, Mention, Proposal, Role

# The deferred columns of a record's article, which lists show only as a summary.
ARTICLE_SUMMARY = ("article__body", "article__search_vector")

CLAIMS = (
    Claim.objects.filter(CURRENT_ARTICLE)
    .select_related("article", "speaker_person", "speaker_organization")
    .defer("search_vector", *ARTICLE_SUMMARY)
)
FIGURES = (
    Figure.objects.filter(CURRENT_ARTICLE)
    .select_related("article", "measure", "speaker_person", "speaker_organization")
    .defer(*ARTICLE_SUMMARY)
)
MENTIONS = Mention.objects.filter(CURRENT_ARTICLE).select_related("person", "organization")
ROLES = Role.objects.filter(CURRENT_ARTICLE).select_related("person", "organization", "affiliation")
PROPOSALS = Proposal.objects.filter(CURRENT_ARTICLE).select_related("article", "reviewed_by").defer(*ARTICLE_SUMMARY)
