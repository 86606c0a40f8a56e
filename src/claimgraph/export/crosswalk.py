"""PLOVER 2.0 type → CAMEO root code and QuadClass, for tools that still speak CAMEO.

QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
Where PLOVER merges several CAMEO roots, the mode picks one (ACCUSE/investigate → 09).
"""

from __future__ import annotations

CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}
MODE_ROOT: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("ASSAULT", "aerial"): "19",
    ("ASSAULT", "artillery"): "19",
    ("ASSAULT", "drone"): "19",
    ("ASSAULT", "mass"): "20",
}


def cameo_root(event_type: str, mode: str | None = None) -> str | None:
    if mode and (event_type, mode) in MODE_ROOT:
        return MODE_ROOT[(event_type, mode)]
    return CAMEO_ROOT.get(event_type)


def quad_class(root: str | None) -> int | None:
    if root is None:
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4
