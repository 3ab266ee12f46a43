"""Keep the status each offer, channel and indictment had before its first status change.

Until now a date before a record's first change showed the field's default ("Proposed"),
a status no source may have given. For a record with changes that count (occurred, not
rejected), its status before them is the one its history holds just before the first
change was entered, else the one it was created with; with no history it stays empty,
and dates before the change show no status.
"""

from django.db import migrations

LINKS = {"Offer": "offer", "TalksChannel": "channel", "Indictment": "indictment"}


def fill(apps, schema_editor):
    Event = apps.get_model("negotiations", "Event")
    for model_name, link in LINKS.items():
        model = apps.get_model("negotiations", model_name)
        history = apps.get_model("negotiations", f"Historical{model_name}")
        changes = (
            Event.objects.filter(status="occurred", **{f"{link}__isnull": False})
            .exclude(status_to="")
            .exclude(review_state="rejected")
            .order_by("created_at", "id")
        )
        first_entered = {}
        for subject_id, created_at in changes.values_list(f"{link}_id", "created_at"):
            first_entered.setdefault(subject_id, created_at)
        for subject_id, entered in first_entered.items():
            rows = history.objects.filter(id=subject_id).order_by("history_date", "history_id")
            before = rows.filter(history_date__lt=entered).exclude(history_type="-").last()
            row = before or rows.first()
            if row is not None:
                model.objects.filter(pk=subject_id).update(initial_status=row.status)


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0008_initial_status")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
