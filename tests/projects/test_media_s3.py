"""The media in an S3-compatible bucket: configured by the KACHINKO_MEDIA_S3_* variables,
kept private there, and refused when a variable is malformed. The media tests that take
`media_backend` (test_media.py, test_media_views.py) run again on a bucket with marker `s3`."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from projects.services import process_media, upload_media
from tests.projects.media_files import hostile
from workshop.settings import media_storage_settings

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.mark.s3
@pytest.mark.django_db
def test_the_files_are_private_objects_of_the_bucket_and_served_only_by_our_view(
    client, cast, s3_media
):
    bucket, s3 = s3_media
    asset = upload_media(
        cast.group_a, file=hostile("gps.jpg"), by=cast.mentor_a, children=[cast.child_a1]
    )
    process_media(asset.pk)
    asset.refresh_from_db()

    folder = f"groups/{cast.group_a.pk}/{asset.key}/"
    listed = s3.list_objects_v2(Bucket=bucket)["Contents"]
    assert sorted(item["Key"] for item in listed) == [
        f"{folder}display.jpg",
        f"{folder}original.jpg",
        f"{folder}thumbnail.jpg",
    ]
    for item in listed:
        grants = s3.get_object_acl(Bucket=bucket, Key=item["Key"])["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
        assert ALL_USERS not in [grant["Grantee"].get("URI") for grant in grants]
    with pytest.raises(ValueError, match="Private media has no public URL"):
        asset.display.url  # noqa: B018

    client.force_login(cast.parent_a)
    display = client.get(reverse("media_file", args=[asset.pk, "display"]))
    stored = s3.get_object(Bucket=bucket, Key=f"{folder}display.jpg")["Body"].read()
    assert (display.status_code, display.content) == (200, stored)
    assert client.get(reverse("media_file", args=[asset.pk, "original"])).status_code == 404


def test_without_a_bucket_the_media_stay_on_disk_under_var():
    assert media_storage_settings({}, default_root="/srv/var/media-private") == {
        "BACKEND": "projects.storage.PrivateStorage",
        "OPTIONS": {"location": "/srv/var/media-private"},
    }


def test_a_bucket_alone_leaves_the_credentials_and_the_endpoint_to_boto3():
    options = media_storage_settings({"KACHINKO_MEDIA_S3_BUCKET": "films"}, default_root="var")
    assert options["BACKEND"] == "projects.s3.PrivateS3Storage"
    assert {
        key: options["OPTIONS"][key]
        for key in ("bucket_name", "endpoint_url", "access_key", "secret_key", "default_acl")
    } == {
        "bucket_name": "films",
        "endpoint_url": None,
        "access_key": None,
        "secret_key": None,
        "default_acl": None,
    }
    assert options["OPTIONS"]["querystring_auth"] is False


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"KACHINKO_MEDIA_S3_ENDPOINT_URL": "minio:9000"}, "must be an http(s):// URL"),
        ({"KACHINKO_MEDIA_S3_ACCESS_KEY": "key"}, "Set both KACHINKO_MEDIA_S3_ACCESS_KEY"),
        ({"KACHINKO_MEDIA_S3_SECRET_KEY": "secret"}, "Set both KACHINKO_MEDIA_S3_ACCESS_KEY"),
        ({"KACHINKO_MEDIA_S3_ADDRESSING_STYLE": "dns"}, "must be auto, path or virtual"),
    ],
)
def test_a_malformed_s3_variable_is_refused_by_name(variables, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        media_storage_settings({"KACHINKO_MEDIA_S3_BUCKET": "films", **variables}, default_root="")
    assert message in str(refused.value)
