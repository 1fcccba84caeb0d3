"""The CRM connection form: the one validation of `crm_connect` and the admin.

`ConnectionForm` is what **People → CRM connections** shows and what the
`crm_connect` command fills from its options, so both refuse the same values
with the same messages:

- the secret variable must be a CRM credential of the connection's own agency
  (crm_sync.credentials);
- the URL must be one a sync may reach (crm_sync.outbound: https, no internal
  address unless the operator allows its network) and carry no user name or
  password.

A refused value that looks like a secret (not a variable name; a URL with
credentials) is never stored and never shown back in the re-displayed form.
"""

from urllib.parse import urlsplit, urlunsplit

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.agencies import AGENCY_SLUGS

from .checks import missing_settings
from .credentials import check_secret_env, check_variable_name, looks_like_a_variable_name
from .models import Connection
from .outbound import DestinationRefused, OutboundPolicy


class ConnectionForm(forms.ModelForm):
    """Create or update one agency's CRM connection."""

    agency = forms.ChoiceField(
        label=gettext_lazy("agency"),
        choices=[(slug, slug) for slug in AGENCY_SLUGS],
        help_text=gettext_lazy("The agency's slug, e.g. wbmusiques."),
    )

    class Meta:
        model = Connection
        fields = [
            "agency",
            "kind",
            "url",
            "database",
            "user",
            "token_url",
            "client_id",
            "secret_env",
            "rate_limit",
            "write_attendance",
            "enabled",
        ]
        help_texts = {
            "secret_env": gettext_lazy(
                "Name of the environment variable that holds the password or token, "
                "PASSERELLES_CRM_<AGENCY>_<NAME> (e.g. PASSERELLES_CRM_WBMUSIQUES_PASSWORD); "
                "set it where the sync runs. Never the secret itself."
            ),
        }

    def clean_url(self) -> str:
        return self._reachable(self.cleaned_data["url"].rstrip("/"))

    def clean_token_url(self) -> str:
        url = self.cleaned_data.get("token_url") or ""
        return self._reachable(url) if url else ""

    def clean_rate_limit(self) -> float | None:
        value = self.cleaned_data.get("rate_limit")
        if value is not None and value <= 0:
            raise forms.ValidationError(
                _("A positive number of requests per second, or empty."), code="rate"
            )
        return value

    def _reachable(self, url: str) -> str:
        """A URL a sync may reach (the outbound policy), without credentials in it."""
        parts = urlsplit(url)
        if parts.username or parts.password:
            raise forms.ValidationError(
                _(
                    "The CRM's address must not carry a user name or password: give the user "
                    "in its own field and the secret through its environment variable."
                ),
                code="credentials",
            )
        try:
            OutboundPolicy.from_settings().check_url(url)
        except DestinationRefused as error:
            raise forms.ValidationError(str(error), code="destination") from None
        return url

    def clean(self) -> dict:
        cleaned = super().clean()
        # What a kind needs besides the URL and the secret (token URL, client id…).
        for name in missing_settings(cleaned.get("kind", ""), cleaned):
            if name not in self.errors:
                self.add_error(name, _("This kind of CRM needs this setting."))
        agency, secret_env = cleaned.get("agency"), cleaned.get("secret_env")
        if secret_env:
            try:
                if agency:
                    check_secret_env(secret_env, agency)
                else:  # the agency's own error is shown; still refuse a secret
                    check_variable_name(secret_env)
            except forms.ValidationError as error:
                self.add_error("secret_env", error)
        self._forget_secrets()
        return cleaned

    def _forget_secrets(self) -> None:
        """Never display back what looks like a secret: blank it, or drop the credentials."""
        url_key, secret_key = self.add_prefix("url"), self.add_prefix("secret_env")
        data = self.data.copy()
        raw_url = str(data.get(url_key) or "")
        raw_secret = str(data.get(secret_key) or "")
        if "@" in raw_url:
            data[url_key] = _without_credentials(raw_url)
        token_key = self.add_prefix("token_url")
        if "@" in str(data.get(token_key) or ""):
            data[token_key] = _without_credentials(str(data[token_key]))
        if raw_secret and not looks_like_a_variable_name(raw_secret):
            data[secret_key] = ""
        self.data = data


def _without_credentials(url: str) -> str:
    """The URL without anything before an '@' in its network location."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return ""


def form_errors_as_lines(form: forms.Form, names: dict[str, str]) -> list[str]:
    """The form's errors as 'option: message' lines, options named by `names`."""
    lines = []
    for field, errors in form.errors.items():
        label = names.get(field, field)
        lines.extend(f"{label}: {message}" for message in errors)
    return lines
