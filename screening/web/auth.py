"""Sign-in for the web UI: the API key in an HttpOnly, SameSite=Strict cookie, and CSRF tokens.

* The session cookie holds the API key itself (the same keys as the API; nothing else to
  revoke): HttpOnly so page scripts cannot read it, SameSite=Strict so other sites' pages
  cannot send it, Secure when the UI is served over HTTPS.
* Forms of a signed-in user carry a synchronizer token derived from the key
  (:func:`csrf_token`): a page of another origin can neither read the cookie nor compute it,
  and every server process derives the same one (no server-side session store).
* The sign-in form, used before there is a key, carries a double-submit token: a random value
  in a cookie and in the form, which must match (login CSRF).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Form, Request

from screening.api.deps import SessionDep
from screening.store.repo import authenticate
from screening.store.tables import ApiKey, Role

SESSION_COOKIE = "aha_session"
LOGIN_CSRF_COOKIE = "aha_login_csrf"
#: How long a sign-in lasts in the browser (the key itself may be revoked at any time).
SESSION_MAX_AGE_S = 12 * 3600


class SignInRequiredError(Exception):
    """No valid key: the page answers with a redirect to the sign-in form."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageError(Exception):
    """A page-level error answered as an HTML page with a status and a stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def csrf_token(secret: str) -> str:
    """The CSRF token of forms for the key ``secret``."""
    return hmac.new(secret.encode(), b"aha-screening-ui-csrf", hashlib.sha256).hexdigest()


def new_login_csrf() -> str:
    """A fresh random token for the sign-in form's double-submit cookie."""
    return secrets.token_urlsafe(32)


def safe_next(path: str | None) -> str:
    """A local path to go to after sign-in (never another site: ``//evil`` and URLs refused)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/screenings"
    return path


def sign_in_url(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/sign-in?next={quote(target, safe='')}"


def current_user(request: Request, session: SessionDep) -> ApiKey:
    """The key of the session cookie. Raises :class:`SignInRequired` when missing or invalid."""
    secret = request.cookies.get(SESSION_COOKIE)
    key = authenticate(session, secret) if secret else None
    session.commit()  # end the lookup's transaction (SQLite: it would hold the write lock)
    if key is None:
        raise SignInRequiredError(sign_in_url(request))
    request.state.csrf = csrf_token(secret or "")
    return key


User = Annotated[ApiKey, Depends(current_user)]


def check_csrf(request: Request, csrf_token_: Annotated[str, Form(alias="csrf_token")] = "") -> None:
    """Refuse a form post whose token does not match the signed-in key's (403 ``csrf_failed``)."""
    secret = request.cookies.get(SESSION_COOKIE) or ""
    if not secret or not hmac.compare_digest(csrf_token_, csrf_token(secret)):
        raise PageError(
            403, "csrf_failed", "The form expired or came from another site. Reload and try again."
        )


CsrfChecked = Depends(check_csrf)


def require_role(key: ApiKey, *roles: Role) -> None:
    """Raise a 403 page unless ``key`` has one of ``roles``."""
    if key.role not in roles:
        raise PageError(403, "forbidden", f"This page needs the role {' or '.join(sorted(roles))}.")
