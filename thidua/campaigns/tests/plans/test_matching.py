"""Named bodies are matched to org units accent-insensitively."""

import itertools
from types import SimpleNamespace

import pytest

from thidua.campaigns import matching

UNITS = [
    SimpleNamespace(pk=1, name="Phòng Kinh tế", short_name=""),
    SimpleNamespace(pk=2, name="Phòng Văn hóa - Xã hội", short_name="Phòng VH-XH"),
    SimpleNamespace(pk=3, name="Văn phòng HĐND và UBND", short_name="Văn phòng"),
    SimpleNamespace(pk=4, name="Trung tâm Văn hóa - Thể thao và Truyền thông", short_name=""),
    SimpleNamespace(pk=5, name="Ủy ban MTTQ Việt Nam xã", short_name="UBMTTQ"),
    SimpleNamespace(pk=6, name="Thôn Văn Thai", short_name=""),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Phòng Văn hóa - Xã hội xã", 2),
        ("phong van hoa xa hoi", 2),
        ("PHÒNG VĂN HOÁ – XÃ HỘI", 2),
        ("Phòng VH-XH", 2),
        ("Phòng Kinh tế xã", 1),
        ("Văn phòng HĐND & UBND xã", 3),
        ("Trung tâm Văn hóa - Thể thao và Truyền thông xã", 4),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội", 5),
    ],
)
def test_best_match(name, expected):
    assert matching.best_match(name, UNITS).unit_id == expected


def test_no_match_below_threshold_but_alternatives_offered():
    name = "Các cơ quan, đơn vị, trường học, trạm y tế đóng trên địa bàn xã"
    assert matching.best_match(name, UNITS) is None
    assert matching.best_match("Công an xã", UNITS) is None


def test_ranking_puts_the_right_unit_first_and_keeps_alternatives():
    ranked = matching.rank("phong van hoa xa hoi", UNITS)
    assert ranked[0].unit_id == 2 and ranked[0].score == 1.0
    assert len(ranked) >= 2
    assert all(a.score >= b.score for a, b in itertools.pairwise(ranked))
