"""A mail server that refuses everything: the edge a failed send comes from."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class UnreachableBackend(BaseEmailBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        raise AssertionError("never opened")
