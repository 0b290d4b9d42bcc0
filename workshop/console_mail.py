"""E-mail in development: printed to the console as its reader would see it.

Django's console backend prints a message as it would travel, so a body with long lines or
any non-ASCII character comes out quoted-printable or base64, and a password-reset link
breaks across lines with `=` at their ends. This backend prints the same headers and each
text part decoded, so that a link can be copied from the terminal and followed.
"""

from django.core.mail.backends import console

# The body below is decoded: saying how it was encoded for the wire would mislead.
WIRE_HEADERS = {"content-transfer-encoding", "mime-version"}


class EmailBackend(console.EmailBackend):
    def write_message(self, message):
        email = message.message()
        lines = [
            f"{name}: {value}" for name, value in email.items() if name.lower() not in WIRE_HEADERS
        ]
        for part in email.walk():
            if part.is_attachment():
                lines += ["", f"[attachment: {part.get_filename()}, {part.get_content_type()}]"]
            elif part.get_content_maintype() == "text":
                if part is not email:
                    lines += ["", f"[{part.get_content_type()}]"]
                lines += ["", part.get_content().rstrip("\n")]
        self.stream.write("\n".join(lines) + "\n\n" + "-" * 79 + "\n")
