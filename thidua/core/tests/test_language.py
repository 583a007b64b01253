import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_vietnamese_by_default_even_for_an_english_browser(client, users):
    client.force_login(users["commune_officer"])
    response = client.get(reverse("orgs:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Tổng quan" in response.content.decode()


def test_english_when_chosen(client, users):
    client.force_login(users["commune_officer"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("orgs:home"))
    assert response["Content-Language"] == "en"
    assert "Overview" in response.content.decode()
