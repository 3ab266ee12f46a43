# Article and Evidence move to the sources app (issue 15). Their tables keep their names
# (sources' models say so in Meta.db_table), so the move is in Django's state only: no data moves.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('negotiations', '0015_stored_search_documents'),
        ('sources', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='article',
                    name='submitted_by',
                ),
                migrations.AlterField(
                    model_name='recordlink',
                    name='article',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='record_links', to='sources.article'),
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='evidence',
                    name='speaker',
                ),
                migrations.AlterField(
                    model_name='claim',
                    name='evidence',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='claims', to='sources.evidence'),
                ),
                migrations.RemoveField(
                    model_name='historicalarticle',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalarticle',
                    name='submitted_by',
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalevidence',
                    name='speaker',
                ),
                migrations.DeleteModel(
                    name='Article',
                ),
                migrations.DeleteModel(
                    name='Evidence',
                ),
                migrations.DeleteModel(
                    name='HistoricalArticle',
                ),
                migrations.DeleteModel(
                    name='HistoricalEvidence',
                )
            ],
        ),
    ]
