"""Where the children's photos, clips and sound are kept: never at a public address."""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    """Files on disk with no URL of their own: each is served by a view that first checks
    who asks (`projects.media_views.media_file`)."""

    def url(self, name):
        raise ValueError("Private media has no public URL; serve it through media_file.")


class MediaStorage(LazyObject):
    """The `media` storage of settings.STORAGES, looked up when first used (as Django's
    `default_storage` is), so that a change of settings reaches the models' file fields."""

    def _setup(self):
        self._wrapped = storages["media"]


_media_storage = MediaStorage()


def media_storage():
    """The media file fields' storage (a callable, so that migrations name it)."""
    return _media_storage


@receiver(setting_changed)
def forget_media_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _media_storage._wrapped = empty
