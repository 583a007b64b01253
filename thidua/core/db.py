"""Database helpers that differ between SQLite and PostgreSQL, kept in one place."""

import functools

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

from thidua.core.vietnamese.collation import text_sort_key

PG_COLLATION = "vi-VN-x-icu"
SQLITE_COLLATION = "vi_VN"


@functools.lru_cache(maxsize=65536)
def _key(value: str) -> tuple:
    return text_sort_key(value)


def _compare(left: str, right: str) -> int:
    a, b = _key(left or ""), _key(right or "")
    return (a > b) - (a < b)


def _on_connect(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def register_sqlite_collation() -> None:
    connection_created.connect(_on_connect, dispatch_uid="thidua-sqlite-vi-collation")


def vietnamese(field: str) -> Collate:
    """An expression ordering ``field`` the Vietnamese way on either database."""
    name = PG_COLLATION if connection.vendor == "postgresql" else SQLITE_COLLATION
    return Collate(field, name)
