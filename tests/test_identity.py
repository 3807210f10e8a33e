"""Identity from the ID token's claims: issuer + subject; the e-mail names a person only when it is verified."""

from __future__ import annotations

import pytest

from workbench.identity import MAX_USERNAME, identity_from_claims

ISS = "https://accounts.example.com"


@pytest.mark.parametrize(
    ("claims", "username"),
    [
        ({"iss": ISS, "sub": "1", "email": "anna@studio.it", "email_verified": True}, "anna@studio.it"),
        ({"iss": ISS, "sub": "1", "email": "anna@studio.it", "email_verified": "true"}, "anna@studio.it"),
        ({"iss": ISS, "sub": "1", "email": "anna@studio.it", "email_verified": False}, f"{ISS}#1"),
        ({"iss": ISS, "sub": "1", "email": "anna@studio.it"}, f"{ISS}#1"),  # not said verified: not used
        ({"iss": ISS, "sub": "1", "email": "anna@studio.it", "email_verified": "yes"}, f"{ISS}#1"),
        ({"iss": ISS, "sub": "anna@studio.it"}, f"{ISS}#anna@studio.it"),
        ({"iss": ISS, "sub": "anna"}, f"{ISS}#anna"),
    ],
)
def test_the_name_is_the_verified_email_else_issuer_and_subject(claims: dict[str, object], username: str) -> None:
    identity = identity_from_claims(claims)
    assert identity is not None and identity.username == username
    assert (identity.issuer, identity.subject) == (ISS, claims["sub"])


@pytest.mark.parametrize(
    "claims",
    [
        {},
        {"sub": "anna@studio.it"},  # no issuer
        {"iss": ISS},  # no subject
        {"iss": ISS, "sub": "   "},
        {"iss": ISS, "sub": 42},
        {"email": "anna@studio.it", "email_verified": True},  # an e-mail alone is nobody
    ],
)
def test_a_token_that_does_not_say_who_is_nobody(claims: dict[str, object]) -> None:
    assert identity_from_claims(claims) is None


def test_a_subject_equal_to_someones_email_opens_nothing() -> None:
    """The attack of issue 19: sub = anna's address, no e-mail claim. The name carries the issuer: never hers."""
    identity = identity_from_claims({"iss": ISS, "sub": "anna@studio.it"})
    assert identity is not None and identity.username != "anna@studio.it"


def test_the_same_subject_at_two_issuers_is_two_people() -> None:
    one = identity_from_claims({"iss": "https://a.example", "sub": "7"})
    two = identity_from_claims({"iss": "https://b.example", "sub": "7"})
    assert one is not None and two is not None and one.username != two.username


def test_a_long_issuer_and_subject_fit_the_store() -> None:
    identity = identity_from_claims({"iss": ISS, "sub": "x" * 500})
    other = identity_from_claims({"iss": ISS, "sub": "x" * 499})
    assert identity is not None and other is not None
    assert len(identity.username) <= MAX_USERNAME and identity.username != other.username
