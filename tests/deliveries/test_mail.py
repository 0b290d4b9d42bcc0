"""The deliveries' e-mail: built with a header registry that makes each header's class once."""

import email
import email.policy

from django.core.mail import EmailMultiAlternatives
from hypothesis import given
from hypothesis import strategies as st

from deliveries.mail import DeliveryMessage


def mime(message: DeliveryMessage, *, policy=None) -> email.message.Message:
    """The message as a mail server receives it, parsed back."""
    built = message.message() if policy is None else message.message(policy=policy)
    return email.message_from_bytes(built.as_bytes(), policy=email.policy.default)


def comparable(parsed: email.message.Message) -> list:
    """Headers and bodies, without what differs on every build (the date, the boundary)."""
    headers = [
        (name, str(value).split("boundary=")[0])
        for name, value in parsed.items()
        if name.lower() != "date"
    ]
    bodies = [part.get_content() for part in parsed.walk() if not part.is_multipart()]
    return [headers, bodies]


texts = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=80)


@given(subject=texts, body=texts, name=texts)
def test_a_delivery_is_the_same_message_as_the_standard_policy_builds(subject, body, name):
    message = DeliveryMessage(
        subject,
        body,
        from_email="Kachinko <hello@kachinko.test>",
        to=["parent@kachinko.test"],
        headers={"Message-ID": "<kachinko.delivery.1@example.test>"},
    )
    message.attach_alternative(f"<p>{name}</p>", "text/html")
    assert comparable(mime(message)) == comparable(mime(message, policy=email.policy.default))


def test_a_japanese_subject_and_body_survive_the_trip():
    message = DeliveryMessage(
        "明日は3日目です", "陽菜さんの持ち物：弁当", to=["parent@kachinko.test"]
    )
    parsed = mime(message)
    assert parsed["Subject"] == "明日は3日目です"
    assert parsed.get_content().strip() == "陽菜さんの持ち物：弁当"


def test_the_smtp_backends_policy_keeps_its_line_endings_and_makes_each_header_class_once():
    from deliveries.mail import _HEADER_CLASSES, with_header_classes

    fast = with_header_classes(email.policy.SMTP)
    assert fast.linesep == "\r\n" and fast.header_factory is _HEADER_CLASSES
    assert with_header_classes(email.policy.default).header_factory is _HEADER_CLASSES
    assert _HEADER_CLASSES["Subject"] is _HEADER_CLASSES["subject"]
    same = {"to": ["parent@kachinko.test"], "headers": {"Message-ID": "<kachinko.delivery.7@x>"}}
    message = DeliveryMessage("Tomorrow", "Day 3", **same)
    built = message.message(policy=email.policy.SMTP)
    assert built.policy is fast
    assert b"\r\nSubject: Tomorrow\r\n" in built.as_bytes()
    assert comparable(mime(message, policy=email.policy.SMTP)) == comparable(
        email.message_from_bytes(
            EmailMultiAlternatives("Tomorrow", "Day 3", **same)
            .message(policy=email.policy.SMTP)
            .as_bytes(),
            policy=email.policy.default,
        )
    )


def test_another_policy_is_used_as_it_is():
    from deliveries.mail import with_header_classes

    strict = email.policy.default.clone(raise_on_defect=True)
    assert with_header_classes(strict) is strict
