import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


def test_login_logout_and_password_change(client, users):
    response = client.post(reverse("accounts:login"), {"username": "officer", "password": "x-secret-123"})
    assert response.status_code == 302
    assert client.get(reverse("orgs:home")).status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "x-secret-123",
            "new_password1": "Cam-Giang-2026!",
            "new_password2": "Cam-Giang-2026!",
        },
    )
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("orgs:home")).status_code == 302
    assert client.login(username="officer", password="Cam-Giang-2026!")


def test_wrong_password_message_is_vietnamese(client, users):
    response = client.post(reverse("accounts:login"), {"username": "officer", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_login_is_throttled_after_repeated_failures(client, users):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "officer", "password": "sai"})
    response = client.post(reverse("accounts:login"), {"username": "officer", "password": "x-secret-123"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
