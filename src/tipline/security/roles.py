"""Staff roles and what each may do, as scopes. Pure: no I/O.

Scopes are the one vocabulary for people (through their role) and machines (through the scopes
given to their API token): ``reports:read`` (a report's details, decrypted), ``reports:write``
(status, notes, taking a case), ``cases:assign`` (giving a case to someone else),
``networks:read`` (related reports and networks), ``stats:read``
(the staff dashboard), ``referrals:write`` (refer a case to an agency), ``admin`` (accounts,
tokens, keys). A police liaison reads only the reports referred to their agency; that filter is
applied where reports are read, from ``Principal.agency``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    analyst = "analyst"
    supervisor = "supervisor"
    liaison = "liaison"  # police liaison: sees only cases referred to their agency
    admin = "admin"


SCOPES = frozenset({
    "reports:read", "reports:write", "networks:read", "stats:read", "referrals:write", "cases:assign", "admin",
})

ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.analyst: frozenset({"reports:read", "reports:write", "networks:read", "stats:read", "referrals:write"}),
    Role.supervisor: frozenset({"reports:read", "reports:write", "networks:read", "stats:read",
                                "referrals:write", "cases:assign"}),
    Role.liaison: frozenset({"reports:read", "reports:write"}),
    Role.admin: SCOPES,
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a staff member (``user:<id>``) or a machine token (``token:<id>``)."""

    id: str
    role: Role | None  # None for machine tokens, which hold explicit scopes
    scopes: frozenset[str] = field(default_factory=frozenset)
    agency: str | None = None  # a liaison's agency
    name: str = ""

    @classmethod
    def for_role(cls, id: str, role: Role, agency: str | None = None, name: str = "") -> Principal:
        return cls(id=id, role=role, scopes=ROLE_SCOPES[role], agency=agency, name=name)

    def can(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def restricted_to_agency(self) -> bool:
        """True when only reports referred to ``agency`` may be read."""
        return self.role is Role.liaison
