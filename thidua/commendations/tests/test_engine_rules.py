"""Table-driven rules per title (DOMAIN.md §3-§5), run through the CLI and checked against the contract."""

from __future__ import annotations

import pytest

from thidua.commendations.tests.fixtures.engine import check, conditions, failed, members, request

CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"


def rec(year: int, **fields):
    return {"year": year, **fields}


# -- Lao động tiên tiến (Điều 24) ------------------------------------------------------------------
LDTT_CASES = [
    ("htxs", [rec(2025, rating="htxs")], {}, True, set()),
    ("httnv", [rec(2025, rating="httnv")], {}, True, set()),
    ("ht", [rec(2025, rating="ht")], {}, False, {"rating_at_least_httnv"}),
    ("kht", [rec(2025, rating="kht")], {}, False, {"rating_at_least_httnv"}),
    ("no rating cbccvc", [rec(2025)], {}, False, {"rating_at_least_httnv"}),
    ("no record at all", [], {}, False, {"rating_at_least_httnv"}),
    ("worker without rating", [rec(2025)], {"group": "worker"}, True, set()),
    ("resident without rating", [rec(2025)], {"group": "resident"}, True, set()),
    ("worker rated ht", [rec(2025, rating="ht")], {"group": "worker"}, False, {"rating_at_least_httnv"}),
    (
        "khien trach in year",
        [rec(2025, rating="httnv", discipline="khien_trach")],
        {},
        False,
        {"no_discipline_in_year"},
    ),
    (
        "discipline the year before",
        [rec(2024, discipline="canh_cao"), rec(2025, rating="httnv")],
        {},
        True,
        set(),
    ),
    ("hired 01/07: 6 months", [rec(2025, rating="httnv")], {"employment_start": "2025-07-01"}, True, set()),
    (
        "hired 02/07: under 6 months",
        [rec(2025, rating="httnv")],
        {"employment_start": "2025-07-02"},
        False,
        {"employment_at_least_6_months"},
    ),
    ("hired years ago", [rec(2025, rating="httnv")], {"employment_start": "2019-03-15"}, True, set()),
    (
        "hired after the year",
        [rec(2025, rating="httnv")],
        {"employment_start": "2026-02-01"},
        False,
        {"employment_at_least_6_months"},
    ),
    (
        "worker hired late: rule is for cbccvc",
        [rec(2025)],
        {"group": "worker", "employment_start": "2025-11-01"},
        True,
        set(),
    ),
]


@pytest.mark.parametrize(
    ("label", "records", "subject", "eligible", "fails"), LDTT_CASES, ids=[c[0] for c in LDTT_CASES]
)
def test_lao_dong_tien_tien(label, records, subject, eligible, fails):
    result = check(request(LDTT, records, **subject))
    assert result["eligible"] is eligible
    assert failed(result) == fails
    assert result["granted_by"] == "chu_tich_ubnd_xa"
    assert result["held"] is False


def test_ldtt_message_cites_the_article():
    result = check(request(LDTT, [rec(2025, rating="ht")]))
    message = next(c["message"] for c in result["conditions"] if c["code"] == "rating_at_least_httnv")
    assert message == (
        "Năm 2025 xếp loại Hoàn thành nhiệm vụ, chưa đạt mức Hoàn thành tốt nhiệm vụ trở lên "
        "(Điều 24 khoản 1 Luật TĐKT 2022)"
    )
    basis = next(c["basis"] for c in result["conditions"] if c["code"] == "rating_at_least_httnv")
    assert basis == "Điều 24 khoản 1 Luật Thi đua, khen thưởng 2022"


def test_ldtt_for_a_household_is_not_eligible_and_has_no_amount():
    result = check(request(LDTT, [rec(2025)], kind="household"))
    assert result["eligible"] is False
    assert failed(result) == {"subject_kind"}
    assert result["amount_vnd"] is None


# -- Chiến sĩ thi đua cơ sở (Điều 23) -----------------------------------------------------------------
CSTDCS_CASES = [
    ("htxs", [rec(2025, rating="htxs")], True, set()),
    ("httnv + base initiative", [rec(2025, rating="httnv", initiatives=[{"scope": "co_so"}])], True, set()),
    (
        "httnv + province initiative",
        [rec(2025, rating="httnv", initiatives=[{"scope": "tinh"}])],
        True,
        set(),
    ),
    ("httnv, no initiative", [rec(2025, rating="httnv")], False, {"htxs_or_initiative"}),
    (
        "initiative already used for a Giấy khen",
        [rec(2025, rating="httnv", initiatives=[{"scope": "co_so", "used_for": "giay_khen_chu_tich_xa"}])],
        False,
        {"htxs_or_initiative"},
    ),
    (
        "initiative recorded as used for this very title",
        [rec(2025, rating="httnv", initiatives=[{"scope": "co_so", "used_for": CSTDCS}])],
        True,
        set(),
    ),
    (
        "ht + initiative: LĐTT criteria fail",
        [rec(2025, rating="ht", initiatives=[{"scope": "co_so"}])],
        False,
        {"rating_at_least_httnv"},
    ),
    (
        "htxs but disciplined",
        [rec(2025, rating="htxs", discipline="khien_trach")],
        False,
        {"no_discipline_in_year"},
    ),
    (
        "initiative in an earlier year only",
        [rec(2024, initiatives=[{"scope": "co_so"}]), rec(2025, rating="httnv")],
        False,
        {"htxs_or_initiative"},
    ),
]


@pytest.mark.parametrize(
    ("label", "records", "eligible", "fails"), CSTDCS_CASES, ids=[c[0] for c in CSTDCS_CASES]
)
def test_chien_si_thi_dua_co_so(label, records, eligible, fails):
    result = check(request(CSTDCS, records))
    assert result["eligible"] is eligible
    assert failed(result) == fails
    assert result["granted_by"] == "chu_tich_ubnd_xa"


def test_cstdcs_lists_the_ldtt_criteria_itself():
    result = check(request(CSTDCS, [rec(2025, rating="htxs")]))
    assert {"rating_at_least_httnv", "no_discipline_in_year", "employment_at_least_6_months"} <= set(
        conditions(result)
    )


# -- Chiến sĩ thi đua cấp tỉnh (Điều 22) --------------------------------------------------------------
def cstd_records(years, *, last=None, initiative_year=2025, scope="tinh", used_for=None):
    records = [rec(year, titles=[CSTDCS]) for year in years]
    records.append(last if last is not None else rec(2025, rating="htxs"))
    for item in records:
        if item["year"] == initiative_year:
            item["initiatives"] = [{"scope": scope, "used_for": used_for}]
    return records


CSTD_CASES = [
    ("3 in a row ending 2025", cstd_records([2023, 2024]), True, set()),
    ("gap in 2024", cstd_records([2022, 2023]), False, {"cstdcs_3_consecutive_times"}),
    ("only 2", cstd_records([2024]), False, {"cstdcs_3_consecutive_times"}),
    (
        "base-level initiative only",
        cstd_records([2023, 2024], scope="co_so"),
        False,
        {"initiative_province_level"},
    ),
    ("national initiative", cstd_records([2023, 2024], scope="toan_quoc"), True, set()),
    ("initiative in 2023, inside the streak", cstd_records([2023, 2024], initiative_year=2023), True, set()),
    (
        "province initiative already used",
        cstd_records([2023, 2024], used_for="bang_khen_chu_tich_tinh"),
        False,
        {"initiative_province_level"},
    ),
    (
        "2025 meets CSTĐCS through its initiative",
        cstd_records([2023, 2024], last=rec(2025, rating="httnv", initiatives=[{"scope": "tinh"}])),
        True,
        set(),
    ),
    (
        "2025 rated ht",
        cstd_records([2023, 2024], last=rec(2025, rating="ht", initiatives=[{"scope": "tinh"}])),
        False,
        {"cstdcs_3_consecutive_times"},
    ),
]


@pytest.mark.parametrize(
    ("label", "records", "eligible", "fails"), CSTD_CASES, ids=[c[0] for c in CSTD_CASES]
)
def test_chien_si_thi_dua_tinh(label, records, eligible, fails):
    result = check(request("chien_si_thi_dua_tinh", records))
    assert result["eligible"] is eligible
    assert failed(result) == fails
    assert result["granted_by"] == "chu_tich_ubnd_tinh"


def test_cstd_tinh_dot_xuat_cstdcs_does_not_count():
    records = cstd_records([2023])
    records.insert(1, rec(2024, awards=[{"code": CSTDCS, "type": "dot_xuat"}]))
    result = check(request("chien_si_thi_dua_tinh", records))
    assert failed(result) == {"cstdcs_3_consecutive_times"}
    assert "đột xuất" in next(
        c["message"] for c in result["conditions"] if c["code"] == "cstdcs_3_consecutive_times"
    )


def test_cstd_tinh_achievements_count_only_after_discipline():
    records = cstd_records([2023, 2024])
    records[0]["discipline"] = "khien_trach"  # 2023 was under a disciplinary measure
    result = check(request("chien_si_thi_dua_tinh", records))
    assert failed(result) == {"cstdcs_3_consecutive_times"}
    message = next(c["message"] for c in result["conditions"] if c["code"] == "cstdcs_3_consecutive_times")
    assert "từ năm 2024" in message


def test_cstd_tinh_streak_is_not_reused_after_the_title_was_received():
    records = [rec(year, titles=[CSTDCS]) for year in (2021, 2022, 2023)]
    records[-1]["titles"].append("chien_si_thi_dua_tinh")
    records += [rec(2024, titles=[CSTDCS]), rec(2025, rating="htxs", initiatives=[{"scope": "tinh"}])]
    result = check(request("chien_si_thi_dua_tinh", records))
    assert failed(result) == {"cstdcs_3_consecutive_times"}


# -- Tập thể lao động tiên tiến -----------------------------------------------------------------------
def collective(target, member_list, unit_rating="httnv", records=None):
    return request(target, records or [], kind="collective", unit_rating=unit_rating, members=member_list)


TTLDTT_CASES = [
    ("exactly 70% (7/10)", members(7, 10), "httnv", True, set()),
    ("69.9% (699/1000)", members(699, 1000), "httnv", False, {"members_ldtt_at_least_70_percent"}),
    ("70% of 1000", members(700, 1000), "httnv", True, set()),
    ("6/10", members(6, 10), "httnv", False, {"members_ldtt_at_least_70_percent"}),
    ("unit rated ht", members(10, 10), "ht", False, {"unit_rating_at_least_httnv"}),
    ("unit rated htxs", members(10, 10), "htxs", True, set()),
    ("no members listed", [], "httnv", False, {"members_ldtt_at_least_70_percent"}),
    (
        "member with khiển trách: allowed, but not LĐTT",
        [*members(8, 10), {"year": 2025, "rating": "httnv", "discipline": "khien_trach"}],
        "httnv",
        True,
        set(),
    ),
    (
        "member with cảnh cáo",
        [*members(9, 10), {"year": 2025, "rating": "ht", "discipline": "canh_cao"}],
        "httnv",
        False,
        {"no_member_disciplined_canh_cao_or_above"},
    ),
    (
        "member with cách chức",
        [*members(9, 10), {"year": 2025, "rating": "kht", "discipline": "cach_chuc"}],
        "httnv",
        False,
        {"no_member_disciplined_canh_cao_or_above"},
    ),
]


@pytest.mark.parametrize(
    ("label", "member_list", "unit", "eligible", "fails"), TTLDTT_CASES, ids=[c[0] for c in TTLDTT_CASES]
)
def test_tap_the_lao_dong_tien_tien(label, member_list, unit, eligible, fails):
    result = check(collective("tap_the_lao_dong_tien_tien", member_list, unit))
    assert result["eligible"] is eligible
    assert failed(result) == fails
    assert result["granted_by"] == "chu_tich_ubnd_xa"


def test_ttldtt_members_counted_by_title_or_criteria():
    member_list = [{"year": 2025, "titles": [LDTT]}] * 4 + [{"year": 2025, "titles": [CSTDCS]}] * 3
    member_list += [{"year": 2025}] * 3
    result = check(collective("tap_the_lao_dong_tien_tien", member_list))
    assert result["eligible"] is True


def test_ttldtt_ratio_message():
    result = check(collective("tap_the_lao_dong_tien_tien", members(699, 1000)))
    message = next(
        c["message"] for c in result["conditions"] if c["code"] == "members_ldtt_at_least_70_percent"
    )
    assert message.startswith(
        "Có 699/1000 thành viên (69,9%) đạt Lao động tiên tiến, chưa đạt tỷ lệ tối thiểu 70%"
    )


def test_ttldtt_unit_rating_from_records():
    result = check(
        request(
            "tap_the_lao_dong_tien_tien",
            [rec(2025, rating="httnv")],
            kind="collective",
            members=members(7, 10),
        )
    )
    assert result["eligible"] is True


# -- Tập thể lao động xuất sắc ------------------------------------------------------------------------
def with_cstdcs(member_list):
    return [{"year": 2025, "rating": "htxs"}, *member_list[1:]]


TTLDXS_CASES = [
    ("all good", with_cstdcs(members(7, 10)), "htxs", True, set()),
    ("unit only httnv", with_cstdcs(members(7, 10)), "httnv", False, {"unit_rating_htxs"}),
    ("no CSTĐCS member", members(10, 10), "htxs", False, {"at_least_one_member_cstdcs"}),
    (
        "member initiative makes a CSTĐCS",
        [{"year": 2025, "rating": "httnv", "initiatives": [{"scope": "co_so"}]}, *members(9, 9)],
        "htxs",
        True,
        set(),
    ),
    (
        "one member not completing duties",
        [*with_cstdcs(members(8, 10))[:-1], {"year": 2025, "rating": "ht", "task_completed": False}],
        "htxs",
        False,
        {"all_members_completed_duties"},
    ),
    (
        "one member kht",
        [*with_cstdcs(members(8, 10))[:-1], {"year": 2025, "rating": "kht"}],
        "htxs",
        False,
        {"all_members_completed_duties"},
    ),
    ("69.9% LĐTT", with_cstdcs(members(699, 1000)), "htxs", False, {"members_ldtt_at_least_70_percent"}),
    (
        "member with cảnh cáo",
        [*with_cstdcs(members(9, 10)), {"year": 2025, "rating": "ht", "discipline": "canh_cao"}],
        "htxs",
        False,
        {"no_member_disciplined_canh_cao_or_above"},
    ),
]


@pytest.mark.parametrize(
    ("label", "member_list", "unit", "eligible", "fails"), TTLDXS_CASES, ids=[c[0] for c in TTLDXS_CASES]
)
def test_tap_the_lao_dong_xuat_sac(label, member_list, unit, eligible, fails):
    result = check(collective(TTLDXS, member_list, unit))
    assert result["eligible"] is eligible
    assert failed(result) == fails
    assert result["granted_by"] == "chu_tich_ubnd_tinh"


# -- Giấy khen, Bằng khen ---------------------------------------------------------------------------
GIAY_KHEN_CASES = [
    ("individual httnv", request("giay_khen_chu_tich_xa", [rec(2025, rating="httnv")]), True, set()),
    (
        "individual ht",
        request("giay_khen_chu_tich_xa", [rec(2025, rating="ht")]),
        False,
        {"rating_at_least_httnv"},
    ),
    ("resident", request("giay_khen_chu_tich_xa", [rec(2025)], group="resident"), True, set()),
    (
        "disciplined",
        request("giay_khen_chu_tich_xa", [rec(2025, rating="htxs", discipline="khien_trach")]),
        False,
        {"no_discipline_in_year"},
    ),
    (
        "collective httnv",
        request("giay_khen_chu_tich_xa", [], kind="collective", unit_rating="httnv"),
        True,
        set(),
    ),
    (
        "collective ht",
        request("giay_khen_chu_tich_xa", [], kind="collective", unit_rating="ht"),
        False,
        {"unit_rating_at_least_httnv"},
    ),
    ("household", request("giay_khen_chu_tich_xa", [rec(2025)], kind="household"), True, set()),
]


@pytest.mark.parametrize(
    ("label", "payload", "eligible", "fails"), GIAY_KHEN_CASES, ids=[c[0] for c in GIAY_KHEN_CASES]
)
def test_giay_khen(label, payload, eligible, fails):
    result = check(payload)
    assert result["eligible"] is eligible
    assert failed(result) == fails
    assert result["granted_by"] == "chu_tich_ubnd_xa"


BK = "bang_khen_chu_tich_tinh"
BANG_KHEN_CASES = [
    ("2 consecutive CSTĐCS", [rec(2024, titles=[CSTDCS]), rec(2025, titles=[CSTDCS])], True),
    ("CSTĐCS 2024 + 2025 meets it", [rec(2024, titles=[CSTDCS]), rec(2025, rating="htxs")], True),
    (
        "gapped CSTĐCS",
        [rec(2023, titles=[CSTDCS]), rec(2024, rating="httnv"), rec(2025, titles=[CSTDCS])],
        False,
    ),
    (
        "đột xuất CSTĐCS 2024",
        [rec(2024, awards=[{"code": CSTDCS, "type": "dot_xuat"}]), rec(2025, titles=[CSTDCS])],
        False,
    ),
    (
        "chuyên đề CSTĐCS 2024",
        [rec(2024, awards=[{"code": CSTDCS, "type": "chuyen_de"}]), rec(2025, titles=[CSTDCS])],
        False,
    ),
    (
        "công trạng award CSTĐCS 2024",
        [rec(2024, awards=[{"code": CSTDCS, "type": "cong_trang"}]), rec(2025, titles=[CSTDCS])],
        True,
    ),
    (
        "2 HTXS years + 2 initiatives",
        [
            rec(2024, rating="htxs", initiatives=[{"scope": "co_so"}]),
            rec(2025, rating="htxs", initiatives=[{"scope": "co_so"}]),
        ],
        True,
    ),
    (
        "2 HTXS years + 1 initiative",
        [rec(2024, rating="htxs"), rec(2025, rating="htxs", initiatives=[{"scope": "co_so"}])],
        False,
    ),
    ("2 HTXS, no initiative, no titles", [rec(2024, rating="httnv"), rec(2025, rating="httnv")], False),
    (
        "HTXS gapped + 2 initiatives",
        [
            rec(2023, rating="htxs", initiatives=[{"scope": "co_so"}]),
            rec(2024, rating="httnv"),
            rec(2025, rating="httnv", initiatives=[{"scope": "co_so", "used_for": "giay_khen_chu_tich_xa"}]),
        ],
        False,
    ),
    (
        "initiatives already used",
        [
            rec(2024, rating="htxs", initiatives=[{"scope": "co_so", "used_for": CSTDCS}]),
            rec(2025, rating="htxs", initiatives=[{"scope": "co_so", "used_for": "giay_khen_chu_tich_xa"}]),
        ],
        False,
    ),
]


@pytest.mark.parametrize(
    ("label", "records", "eligible"), BANG_KHEN_CASES, ids=[c[0] for c in BANG_KHEN_CASES]
)
def test_bang_khen_individual(label, records, eligible):
    result = check(request(BK, records))
    assert result["eligible"] is eligible
    assert result["granted_by"] == "chu_tich_ubnd_tinh"


def test_bang_khen_htxs_path_needs_two_initiatives_when_no_cstdcs():
    # HTXS in 2024 and 2025 makes both CSTĐCS-worthy, but 2024 CSTĐCS was never conferred:
    # only 2025 qualifies by its criteria, so the HTXS path (2 initiatives) must carry it.
    records = [
        rec(2024, rating="htxs"),
        rec(2025, rating="httnv", initiatives=[{"scope": "co_so", "used_for": BK}]),
    ]
    result = check(request(BK, records))
    assert result["eligible"] is False
    records[0]["initiatives"] = [{"scope": "co_so"}]
    records[1]["rating"] = "htxs"
    assert check(request(BK, records))["eligible"] is True


def test_bang_khen_collective_history():
    ok = request(BK, [rec(2024, rating="htxs"), rec(2025, rating="htxs")], kind="collective")
    assert check(ok)["eligible"] is True
    title = request(BK, [rec(2024, titles=[TTLDXS]), rec(2025, rating="htxs")], kind="collective")
    assert check(title)["eligible"] is True
    dot = request(
        BK,
        [rec(2024, awards=[{"code": TTLDXS, "type": "dot_xuat"}]), rec(2025, rating="htxs")],
        kind="collective",
    )
    assert check(dot)["eligible"] is False
    gap = request(
        BK, [rec(2023, rating="htxs"), rec(2024, rating="httnv"), rec(2025, rating="htxs")], kind="collective"
    )
    assert check(gap)["eligible"] is False


def test_bang_khen_worker_path_rests_on_the_proposal():
    result = check(request(BK, [rec(2025)], group="worker"))
    assert result["eligible"] is True


# -- Gia đình văn hóa, thôn văn hóa -------------------------------------------------------------------
def test_gia_dinh_van_hoa():
    result = check(request("gia_dinh_van_hoa", [rec(2025)], kind="household"))
    assert result["eligible"] is True
    assert result["amount_vnd"] is None
    assert all(c["met"] for c in result["conditions"])
    held = check(
        request(
            "gia_dinh_van_hoa", [rec(2025)], kind="household", members=[{"year": 2025, "under_review": True}]
        )
    )
    assert held["held"] is True and held["eligible"] is False
    assert check(request("gia_dinh_van_hoa", [rec(2025)], kind="individual"))["eligible"] is False


def test_thon_van_hoa():
    result = check(request("thon_van_hoa", [rec(2025)], kind="collective"))
    assert result["eligible"] is True
    assert result["amount_vnd"] == 3510000
    assert result["granted_by"] == "chu_tich_ubnd_xa"


# -- Holds ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("target", [LDTT, CSTDCS, "chien_si_thi_dua_tinh", "giay_khen_chu_tich_xa", BK])
def test_pending_review_holds_the_proposal(target):
    records = [
        rec(2023, titles=[CSTDCS]),
        rec(2024, titles=[CSTDCS]),
        rec(2025, rating="htxs", under_review=True, initiatives=[{"scope": "tinh"}]),
    ]
    result = check(request(target, records))
    assert result["held"] is True
    assert result["eligible"] is False
    assert failed(result) == {"not_under_review"}


def test_review_resolved_in_earlier_year_does_not_hold():
    result = check(request(LDTT, [rec(2024, under_review=True), rec(2025, rating="httnv")]))
    assert result["held"] is False
    assert result["eligible"] is True


def test_collective_hold():
    result = check(
        collective(
            "tap_the_lao_dong_tien_tien",
            members(7, 10),
            records=[rec(2025, rating="httnv", under_review=True)],
        )
    )
    assert result["held"] is True and result["eligible"] is False


def test_every_condition_has_basis_and_vietnamese_message():
    result = check(request(CSTDCS, [rec(2025, rating="htxs")]))
    for condition in result["conditions"]:
        assert condition["basis"]
        assert condition["message"].endswith(")")


def test_task_not_completed_rules_out_ldtt_and_member_counting():
    result = check(request(LDTT, [rec(2025, rating="httnv", task_completed=False)]))
    assert failed(result) == {"rating_at_least_httnv"}
    member_list = [*members(6, 9), {"year": 2025, "rating": "httnv", "task_completed": False}]
    assert check(collective("tap_the_lao_dong_tien_tien", member_list))["eligible"] is False
    member_list[-1] = {"year": 2025, "rating": "httnv"}
    assert check(collective("tap_the_lao_dong_tien_tien", member_list))["eligible"] is True
