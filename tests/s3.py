"""A real S3 API server for the tests: moto's, from PyPI, run on this machine as a process of
its own on a free port (no container, no network). The media tests that take the
`media_backend` fixture run once on the files on disk and once against it (marker `s3`)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

ACCESS_KEY = "kachinko-test"
SECRET_KEY = "kachinko-test-secret"  # moto's server accepts any key
REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_s3_server(*, timeout: float = 60):
    """Start moto's server and yield its endpoint URL once it answers; stop it after."""
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"moto's S3 server stopped at once (exit {server.returncode})")
            try:
                with urllib.request.urlopen(f"{endpoint}/", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"moto's S3 server did not answer at {endpoint}") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The variables a deployment would set to keep its media in this bucket."""
    return {
        "KACHINKO_MEDIA_S3_BUCKET": bucket,
        "KACHINKO_MEDIA_S3_ENDPOINT_URL": endpoint,
        "KACHINKO_MEDIA_S3_ACCESS_KEY": ACCESS_KEY,
        "KACHINKO_MEDIA_S3_SECRET_KEY": SECRET_KEY,
        "KACHINKO_MEDIA_S3_REGION": REGION,
        "KACHINKO_MEDIA_S3_ADDRESSING_STYLE": "path",
    }


def new_bucket(endpoint: str):
    """A private bucket of its own, as a deployment creates one; returns (name, client)."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    name = f"kachinko-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    return name, client
