"""OAuth 2.0 client credentials (Salesforce, Microsoft Entra ID for Dynamics 365).

The client secret comes from the connection's environment variable; the
access token lives in memory for one run and is never stored or logged. A
token that expires mid-run (401) is fetched again once.
"""

import time
from typing import Any

from django.utils.translation import gettext as _

from .http import RetryingClient, SourceError

# Fetch a new token this long before the vendor says the current one expires.
EXPIRY_MARGIN = 60.0


class ClientCredentials:
    """Fetch and cache an access token with the client-credentials grant."""

    def __init__(
        self,
        client: RetryingClient,
        token_url: str,
        client_id: str,
        client_secret: str,
        scope: str = "",
    ) -> None:
        self.client = client
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.scope = scope
        self._token = ""
        self._expires_at = 0.0
        self.fetched = 0  # how many tokens were fetched, for tests and reports

    def token(self) -> str:
        """A valid access token, fetched when missing or about to expire."""
        if not self._token or time.monotonic() >= self._expires_at:
            self._fetch()
        return self._token

    def invalidate(self) -> None:
        """Forget the token (the API answered 401: expired or revoked)."""
        self._token = ""

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def _fetch(self) -> None:
        if not self.token_url or not self.client_id:
            raise SourceError(_("The connection needs an OAuth token URL and a client id."))
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        if self.scope:
            form["scope"] = self.scope
        try:
            answer = self.client.request_json(
                "POST", self.token_url, data=form, rate_bucket="token"
            )
        except SourceError as error:
            if error.status in (400, 401, 403):
                raise SourceError(
                    _(
                        "The token endpoint refused the client credentials (HTTP %(status)s): "
                        "check the client id and the secret's variable."
                    )
                    % {"status": error.status},
                    status=error.status,
                ) from None
            raise
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise SourceError(_("The token endpoint answered without an access token."))
        self._token = token
        lifetime = _number(answer.get("expires_in")) or 3600.0  # Salesforce sends none
        self._expires_at = time.monotonic() + max(0.0, lifetime - EXPIRY_MARGIN)
        self.fetched += 1


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
