from django.db import migrations

# The colours of projects.models.DEFAULT_STAGE_COLOURS when this migration was written.
COLOURS = {
    "script": "#f59f00",
    "storyboard": "#37b24d",
    "acting": "#f03e3e",
    "shooting": "#1c7ed6",
    "editing": "#7950f2",
    "sound": "#1098ad",
    "screening": "#e64980",
}


def colour_default_stages(apps, schema_editor):
    Stage = apps.get_model("projects", "Stage")
    for key, colour in COLOURS.items():
        Stage.objects.filter(key=key).update(colour=colour)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_stage_colour"),
    ]

    operations = [
        migrations.RunPython(colour_default_stages, migrations.RunPython.noop),
    ]
