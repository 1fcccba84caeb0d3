"""Sign-in throttling hooks for django-axes: the client's address and the lockout page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """The address the sign-in came from, as the trusted proxies saw it.

    With TRUSTED_PROXY_COUNT proxies appending to X-Forwarded-For, the client's
    address is that many entries from the right; entries further left were
    written by the client and are not trusted. Without proxies (or with fewer
    entries than expected), the connection's own address.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """429 with a page in the visitor's language; it never says whether the account exists."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "passerelles/lockout.html", {"minutes": minutes}, status=429)
