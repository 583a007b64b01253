from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_FAILURES = 5
LOCKOUT_SECONDS = 300


class LoginForm(AuthenticationForm):
    """Username/password login, throttled per username and address after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Try again in a few minutes."),
    }

    def _throttle_key(self) -> str:
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        return f"login-failures:{(self.data.get('username') or '').lower()}:{address}"

    def clean(self):
        key = self._throttle_key()
        if cache.get(key, 0) >= MAX_FAILURES:
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            return super().clean()
        except ValidationError:
            cache.set(key, cache.get(key, 0) + 1, LOCKOUT_SECONDS)
            raise
