from django.db import models


class ArticleStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    DONE = "done", "Ingested"
    FAILED = "failed", "Failed"


class Attribution(models.TextChoices):
    """Who is speaking in a piece of evidence."""

    NAMED = "named", "Named speaker, on the record"
    OFFICIAL = "official", "Official statement"
    ANONYMOUS = "anonymous", "Anonymous sources"
    PUBLICATION = "publication", "The publication itself"
    EDITOR = "editor", "Editor's knowledge"
