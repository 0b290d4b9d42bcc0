"""Where the children's photos, clips and sound are kept: never at a public address."""

from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    """Files on disk with no URL of their own: each is served by a view that first checks
    who asks (`projects.media_views.media_file`)."""

    def url(self, name):
        raise ValueError("Private media has no public URL; serve it through media_file.")


def media_storage():
    """The `media` storage of settings.STORAGES (a callable, so tests may swap it)."""
    return storages["media"]
