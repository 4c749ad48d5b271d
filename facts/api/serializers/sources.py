"""A request to import an article from a URL, as the API shows it while its job runs and after."""

from rest_framework import serializers

from facts.models import ArticleRequest


class ArticleRequestSerializer(serializers.HyperlinkedModelSerializer):
    """A page to import, fetched by a background job: `queued`, `running`, then `done` with its
    article or `failed` with why."""

    url = serializers.HyperlinkedIdentityField(view_name="article-request-detail")
    requested_url = serializers.URLField(source="url", read_only=True, help_text="The page to fetch.")
    article: serializers.HyperlinkedRelatedField = serializers.HyperlinkedRelatedField(
        view_name="article-detail", read_only=True, allow_null=True, help_text="The article, once done."
    )

    class Meta:
        model = ArticleRequest
        fields = [
            "id",
            "url",
            "requested_url",
            "source_url",
            "status",
            "error",
            "article",
            "created",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
