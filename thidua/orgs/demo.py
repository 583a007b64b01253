"""The Cẩm Giang demo: Hải Phòng -> xã Cẩm Giang with the bodies of the seed plan, people and households.

Unit names come from section V of the seed plan; the names of villages, schools, the three
pre-merger communes and every person are illustrative, generated from a fixed seed.
"""

import random
from datetime import date

from thidua.orgs import services
from thidua.orgs.choices import EmploymentGroup, HouseholdRelation, Sex, SuccessionKind, UnitKind
from thidua.orgs.models import Household, OrgUnit, Person

MERGER_DATE = date(2025, 7, 1)

CITY = ("HP", "Thành phố Hải Phòng", "TP Hải Phòng", UnitKind.PROVINCE)
COMMUNE = ("HP-CG", "Xã Cẩm Giang", "Cẩm Giang", UnitKind.COMMUNE)
FORMER = [
    ("HD", "Tỉnh Hải Dương", "Hải Dương", UnitKind.PROVINCE, None),
    ("HD-CGI", "Huyện Cẩm Giàng", "Cẩm Giàng", UnitKind.DISTRICT, "HD"),
    ("HD-CGI-TT", "Thị trấn Cẩm Giang", "TT Cẩm Giang", UnitKind.COMMUNE, "HD-CGI"),
    ("HD-CGI-CD", "Xã Cẩm Đoài", "Cẩm Đoài", UnitKind.COMMUNE, "HD-CGI"),
    ("HD-CGI-CV", "Xã Cẩm Văn", "Cẩm Văn", UnitKind.COMMUNE, "HD-CGI"),
]
BODIES = [
    ("PKT", "Phòng Kinh tế", "Phòng Kinh tế", UnitKind.DEPARTMENT),
    ("VHXH", "Phòng Văn hóa - Xã hội", "Phòng VH-XH", UnitKind.DEPARTMENT),
    ("VP", "Văn phòng HĐND và UBND", "Văn phòng", UnitKind.DEPARTMENT),
    ("TTVH", "Trung tâm Văn hóa - Thể thao và Truyền thông", "TT VH-TT-TT", UnitKind.DEPARTMENT),
    ("HCC", "Trung tâm Phục vụ hành chính công", "TT PVHCC", UnitKind.DEPARTMENT),
    ("MTTQ", "Ủy ban MTTQ Việt Nam xã", "UBMTTQ", UnitKind.MASS_ORGANISATION),
    ("HPN", "Hội Liên hiệp Phụ nữ xã", "Hội Phụ nữ", UnitKind.MASS_ORGANISATION),
    ("HND", "Hội Nông dân xã", "Hội Nông dân", UnitKind.MASS_ORGANISATION),
    ("HCCB", "Hội Cựu chiến binh xã", "Hội CCB", UnitKind.MASS_ORGANISATION),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Đoàn TN", UnitKind.MASS_ORGANISATION),
    ("MNCG", "Trường Mầm non Cẩm Giang", "MN Cẩm Giang", UnitKind.SCHOOL),
    ("THCG", "Trường Tiểu học Cẩm Giang", "TH Cẩm Giang", UnitKind.SCHOOL),
    ("THCD", "Trường Tiểu học Cẩm Đoài", "TH Cẩm Đoài", UnitKind.SCHOOL),
    ("THCS", "Trường THCS Cẩm Giang", "THCS Cẩm Giang", UnitKind.SCHOOL),
    ("TYT", "Trạm Y tế xã Cẩm Giang", "Trạm Y tế", UnitKind.CLINIC),
    ("HTX", "Hợp tác xã Dịch vụ nông nghiệp Cẩm Giang", "HTX DVNN", UnitKind.ENTERPRISE),
]
VILLAGES = [
    "Hoàng Xá",
    "Quý Dương",
    "Phú Lộc",
    "Tràng Kỹ",
    "Đoài Xá",
    "Ngọc Lâm",
    "Văn Thai",
    "Lương Xá",
    "Thạch Lỗi",
    "Kim Đôi",
    "Đông Giang",
    "Tân Phú",
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
]
MIDDLE = {
    Sex.MALE: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành"],
    Sex.FEMALE: ["Thị", "Thu", "Ngọc", "Thanh", "Thị Thu"],
}
GIVEN = {
    Sex.MALE: [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Toàn",
        "Tuấn",
        "Việt",
        "Vinh",
    ],
    Sex.FEMALE: [
        "Anh",
        "Ánh",
        "Chi",
        "Dung",
        "Hà",
        "Hằng",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngân",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
    ],
}
STAFF = {  # unit code -> (count, positions, employment group)
    "PKT": (6, ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"], EmploymentGroup.CBCCVC),
    "VHXH": (6, ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"], EmploymentGroup.CBCCVC),
    "VP": (7, ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên", "Văn thư"], EmploymentGroup.CBCCVC),
    "TTVH": (4, ["Giám đốc", "Viên chức"], EmploymentGroup.CBCCVC),
    "HCC": (4, ["Giám đốc", "Viên chức"], EmploymentGroup.CBCCVC),
    "MTTQ": (3, ["Chủ tịch", "Phó Chủ tịch", "Ủy viên"], EmploymentGroup.CBCCVC),
    "HPN": (2, ["Chủ tịch", "Phó Chủ tịch"], EmploymentGroup.CBCCVC),
    "HND": (2, ["Chủ tịch", "Phó Chủ tịch"], EmploymentGroup.CBCCVC),
    "HCCB": (2, ["Chủ tịch", "Phó Chủ tịch"], EmploymentGroup.CBCCVC),
    "DTN": (2, ["Bí thư", "Phó Bí thư"], EmploymentGroup.CBCCVC),
    "MNCG": (10, ["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên"], EmploymentGroup.CBCCVC),
    "THCG": (12, ["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên"], EmploymentGroup.CBCCVC),
    "THCD": (10, ["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên"], EmploymentGroup.CBCCVC),
    "THCS": (14, ["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo viên"], EmploymentGroup.CBCCVC),
    "TYT": (6, ["Trạm trưởng", "Bác sĩ", "Y sĩ", "Điều dưỡng"], EmploymentGroup.CBCCVC),
    "HTX": (5, ["Giám đốc", "Kế toán", "Xã viên"], EmploymentGroup.WORKER),
}
VILLAGE_STAFF = ["Trưởng thôn", "Bí thư Chi bộ", "Chi hội trưởng Phụ nữ"]
HOUSEHOLDS_PER_VILLAGE = 25


def _unit(actor, code, name, short, kind, parent, valid_from=None, valid_to=None) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    if existing:
        return existing
    return services.orgunit_create(
        actor=actor,
        data={
            "code": code,
            "name": name,
            "short_name": short,
            "kind": kind,
            "parent": parent,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )


class NameMaker:
    """Deterministic, varied Vietnamese names."""

    def __init__(self, seed: int = 2025):
        self.random = random.Random(seed)

    def person(self) -> tuple[str, str]:
        sex = self.random.choice([Sex.MALE, Sex.FEMALE])
        name = (
            f"{self.random.choice(FAMILY)} {self.random.choice(MIDDLE[sex])} {self.random.choice(GIVEN[sex])}"
        )
        return name, sex

    def birth(self, low: int, high: int) -> date:
        return date(self.random.randint(low, high), self.random.randint(1, 12), self.random.randint(1, 28))


def build_tree(actor) -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, short, kind, parent in FORMER:
        units[code] = _unit(
            actor, code, name, short, kind, units.get(parent) if parent else None, valid_to=date(2025, 6, 30)
        )
    units["HP"] = _unit(actor, *CITY, None)
    units["HP-CG"] = _unit(actor, *COMMUNE, units["HP"], valid_from=MERGER_DATE)
    if not units["HP-CG"].successions_in.exists():
        services.orgunit_succeed(
            actor=actor,
            predecessors=[units["HD-CGI-TT"], units["HD-CGI-CD"], units["HD-CGI-CV"]],
            successor=units["HP-CG"],
            kind=SuccessionKind.MERGE,
            effective_date=MERGER_DATE,
            legal_basis="Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025 (dữ liệu minh họa)",
        )
        services.orgunit_succeed(
            actor=actor,
            predecessors=[units["HD"]],
            successor=units["HP"],
            kind=SuccessionKind.MERGE,
            effective_date=MERGER_DATE,
            legal_basis="Nghị quyết 202/2025/QH15",
        )
    for code, name, short, kind in BODIES:
        units[code] = _unit(actor, f"HP-CG-{code}", name, short, kind, units["HP-CG"], valid_from=MERGER_DATE)
    for index, village in enumerate(VILLAGES, start=1):
        units[f"T{index:02d}"] = _unit(
            actor,
            f"HP-CG-T{index:02d}",
            f"Thôn {village}",
            village,
            UnitKind.VILLAGE,
            units["HP-CG"],
            valid_from=MERGER_DATE,
        )
    return units


def build_people(actor, units: dict[str, OrgUnit], names: NameMaker) -> None:
    if Person.objects.filter(unit__path__startswith=units["HP-CG"].path).exists():
        return
    for code, (count, positions, group) in STAFF.items():
        for index in range(count):
            name, sex = names.person()
            position = positions[min(index, len(positions) - 1)]
            services.person_create(
                actor=actor,
                data={
                    "full_name": name,
                    "sex": sex,
                    "date_of_birth": names.birth(1968, 1999),
                    "position": position,
                    "employment_group": group,
                    "unit": units[code],
                    "phone": f"09{names.random.randint(10**7, 10**8 - 1)}",
                },
            )
    for index in range(1, len(VILLAGES) + 1):
        village = units[f"T{index:02d}"]
        for position in VILLAGE_STAFF[: 1 + index % 2]:
            name, sex = names.person()
            services.person_create(
                actor=actor,
                data={
                    "full_name": name,
                    "sex": sex,
                    "date_of_birth": names.birth(1960, 1990),
                    "position": position,
                    "employment_group": EmploymentGroup.RESIDENT,
                    "unit": village,
                },
            )


def build_households(actor, units: dict[str, OrgUnit], names: NameMaker) -> None:
    if Household.objects.filter(village__path__startswith=units["HP-CG"].path).exists():
        return
    for index in range(1, len(VILLAGES) + 1):
        village = units[f"T{index:02d}"]
        for number in range(1, HOUSEHOLDS_PER_VILLAGE + 1):
            household = services.household_create(
                actor=actor,
                data={
                    "code": f"CG-T{index:02d}-{number:03d}",
                    "village": village,
                    "address": f"Số {number}, {village.name}, xã Cẩm Giang",
                },
            )
            name, sex = names.person()
            head = services.person_create(
                actor=actor,
                data={
                    "full_name": name,
                    "sex": sex,
                    "date_of_birth": names.birth(1950, 1990),
                    "employment_group": EmploymentGroup.RESIDENT,
                    "unit": village,
                    "household": household,
                    "relation_to_head": HouseholdRelation.HEAD,
                },
            )
            services.household_update(actor=actor, household=household, data={"head": head})


def build(actor) -> dict[str, OrgUnit]:
    names = NameMaker()
    units = build_tree(actor)
    build_people(actor, units, names)
    build_households(actor, units, names)
    return units
