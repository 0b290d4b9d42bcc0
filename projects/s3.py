"""The media in an S3-compatible bucket (django-storages), when KACHINKO_MEDIA_S3_BUCKET is
set: a module of its own, so that boto3 is imported only by a site that uses it."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """As private as the files on disk (`projects.storage.PrivateStorage`): no ACL of its own
    on any object, and no URL, signed or not; `media_file` serves every file. Its options
    come from KACHINKO_MEDIA_S3_* (`workshop.settings.media_storage_settings`)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private media has no public URL; serve it through media_file.")
