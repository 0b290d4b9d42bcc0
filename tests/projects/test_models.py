"""Stages (projects/models.py): their default names follow the reader's language."""

import pytest
from django.utils import translation

from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_default_stage_names_are_shown_in_the_readers_language():
    stage = WorkshopFactory().stages.get(key="storyboard")
    assert stage.name == "Storyboard"
    with translation.override("ja"):
        assert str(stage) == "絵コンテ"
    acting = stage.workshop.stages.get(key="acting")
    with translation.override("fr"):
        assert str(acting) == "Jeu d'acteur"


def test_a_renamed_stage_keeps_the_organizers_name():
    stage = WorkshopFactory().stages.get(key="storyboard")
    stage.name = "Drawing the film"
    with translation.override("ja"):
        assert str(stage) == "Drawing the film"
