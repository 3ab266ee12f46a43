"""An index of bounty developments by indictment and date (issue 13).

An indictment's reward as of a date reads its latest bounty development; without this
index PostgreSQL read every event of every indictment to find the few with a bounty,
twice (amount and currency), on each dashboard and state request.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0017_development_period_summary")]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("bounty_amount__isnull", False)),
                fields=["indictment", "-occurred_on"],
                name="event_bounty_date_idx",
            ),
        ),
    ]
