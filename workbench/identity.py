"""Who a signed-in person is, read from the claims of their OpenID Connect ID token.

The rule, and why:

- A person is their **issuer and subject** (``iss`` + ``sub``): the only pair a provider promises is unique
  and stable. A token without both is nobody (the app shows the sign-in button).
- The name engagements are owned and shared under is the **e-mail**, but only when the provider says it
  checked it (``email_verified`` true): a consultant shares with an address, and an address the provider did
  not verify could be anyone's.
- Otherwise the name is ``<issuer>#<subject>``: it names the issuer, so it never equals an e-mail or a
  WORKBENCH_USER, and a subject chosen to look like someone's e-mail opens nothing of theirs. (Share with
  that name, shown in the sidebar, when a provider sends no verified e-mail.)

Pure: claims in, identity out, so the rule is tested with plain dicts (``tests/test_identity.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

MAX_USERNAME = 200
"""The store's limit on a user name (``consultants.username``); a longer issuer#subject is shortened to a
hash of it, still unique and still naming no e-mail."""


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    username: str
    """Whom engagements are owned by and shared with: the verified e-mail, else issuer#subject."""
    display_name: str


def _text(claims: Mapping[str, object], name: str) -> str:
    value = claims.get(name)
    return value.strip() if isinstance(value, str) else ""


def email_is_verified(claims: Mapping[str, object]) -> bool:
    """``email_verified`` true (some providers send the string "true"); missing or anything else is not."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.strip().lower() == "true")


def identity_from_claims(claims: Mapping[str, object]) -> Identity | None:
    """The signed-in person, or None when the token does not say who (no issuer or no subject)."""
    issuer, subject = _text(claims, "iss"), _text(claims, "sub")
    if not issuer or not subject:
        return None
    email = _text(claims, "email")
    if email and "@" in email and email_is_verified(claims) and len(email) <= MAX_USERNAME:
        username = email
    else:
        username = f"{issuer}#{subject}"
        if len(username) > MAX_USERNAME:
            digest = hashlib.sha256(f"{issuer}\0{subject}".encode()).hexdigest()
            username = f"{issuer[: MAX_USERNAME - 66]}#{digest}"
    return Identity(issuer=issuer, subject=subject, username=username, display_name=_text(claims, "name") or username)
