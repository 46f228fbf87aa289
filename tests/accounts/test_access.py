"""Who sees which athlete: own data for athletes, granted athletes for clinicians, all for
admins; anything else is `NotFound`, exactly like a missing athlete."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.accounts import (
    AccountError,
    NotFound,
    can_see,
    clinicians_of,
    create_user,
    grant_access,
    require_access,
    revoke_access,
    visible_athlete_ids,
    visible_athletes,
)
from backstride.storage.db import Database
from backstride.storage.models import ClinicianGrant, User
from backstride.storage.personal_data import delete_athlete
from tests.accounts.conftest import PASSWORD


@dataclass
class Clinic:
    ana: int  # user ids
    ben: int
    cora: int
    doc: int
    other_doc: int
    admin: int
    ana_athlete: int  # athlete ids
    ben_athlete: int
    cora_athlete: int


@pytest.fixture
def clinic(db: Database) -> Clinic:
    """Ana and Ben share with Doc; Cora shares with nobody; Other Doc has nobody."""
    with db.transaction() as session:
        ana = create_user(session, "ana@example.org", PASSWORD, "athlete", athlete_name="Ana")
        ben = create_user(session, "ben@example.org", PASSWORD, "athlete", athlete_name="Ben")
        cora = create_user(session, "cora@example.org", PASSWORD, "athlete", athlete_name="Cora")
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        other = create_user(session, "other@example.org", PASSWORD, "clinician")
        admin = create_user(session, "admin@example.org", PASSWORD, "admin")
        assert ana.athlete_id and ben.athlete_id and cora.athlete_id
        grant_access(session, ana.athlete_id, doc)
        grant_access(session, ben.athlete_id, doc)
        return Clinic(
            ana.id, ben.id, cora.id, doc.id, other.id, admin.id,
            ana.athlete_id, ben.athlete_id, cora.athlete_id,
        )  # fmt: skip


def user(session: Session, user_id: int) -> User:
    found = session.get(User, user_id)
    assert found is not None
    return found


def test_an_athlete_sees_only_their_own_athlete(db: Database, clinic: Clinic) -> None:
    with db.transaction() as session:
        ana = user(session, clinic.ana)
        assert visible_athlete_ids(session, ana) == {clinic.ana_athlete}
        assert require_access(session, ana, clinic.ana_athlete).name == "Ana"
        for hidden in (clinic.ben_athlete, clinic.cora_athlete):
            with pytest.raises(NotFound, match=r"^athlete not found$"):
                require_access(session, ana, hidden)


def test_a_clinician_sees_only_the_athletes_who_granted_access(
    db: Database, clinic: Clinic
) -> None:
    with db.transaction() as session:
        doc = user(session, clinic.doc)
        assert visible_athlete_ids(session, doc) == {clinic.ana_athlete, clinic.ben_athlete}
        assert [a.name for a in visible_athletes(session, doc)] == ["Ana", "Ben"]
        with pytest.raises(NotFound):
            require_access(session, doc, clinic.cora_athlete)
        other = user(session, clinic.other_doc)
        assert visible_athlete_ids(session, other) == set()
        with pytest.raises(NotFound):
            require_access(session, other, clinic.ana_athlete)


def test_an_admin_sees_every_athlete(db: Database, clinic: Clinic) -> None:
    with db.transaction() as session:
        admin = user(session, clinic.admin)
        assert visible_athlete_ids(session, admin) == {
            clinic.ana_athlete,
            clinic.ben_athlete,
            clinic.cora_athlete,
        }
        assert require_access(session, admin, clinic.cora_athlete).name == "Cora"


def test_a_missing_athlete_looks_exactly_like_a_hidden_one(db: Database, clinic: Clinic) -> None:
    with db.transaction() as session:
        messages = set()
        for who in (clinic.ana, clinic.doc, clinic.admin):
            with pytest.raises(NotFound) as caught:
                require_access(session, user(session, who), 987654)
            messages.add(str(caught.value))
        with pytest.raises(NotFound) as hidden:
            require_access(session, user(session, clinic.ana), clinic.ben_athlete)
        assert messages == {str(hidden.value)}
        assert not can_see(session, user(session, clinic.doc), 987654)


def test_revoking_a_grant_hides_the_athlete_at_once(db: Database, clinic: Clinic) -> None:
    with db.transaction() as session:
        doc = user(session, clinic.doc)
        assert revoke_access(session, clinic.ana_athlete, doc)
        assert not revoke_access(session, clinic.ana_athlete, doc)
    with db.transaction() as session:
        doc = user(session, clinic.doc)
        assert visible_athlete_ids(session, doc) == {clinic.ben_athlete}
        with pytest.raises(NotFound):
            require_access(session, doc, clinic.ana_athlete)


def test_granting_twice_is_harmless_and_only_clinicians_get_grants(
    db: Database, clinic: Clinic
) -> None:
    with db.transaction() as session:
        doc = user(session, clinic.doc)
        first = grant_access(session, clinic.ana_athlete, doc)
        assert grant_access(session, clinic.ana_athlete, doc).id == first.id
        assert [c.email for c in clinicians_of(session, clinic.ana_athlete)] == [doc.email]
        with pytest.raises(AccountError, match="not a clinician"):
            grant_access(session, clinic.cora_athlete, user(session, clinic.ana))
        with pytest.raises(AccountError, match="not a clinician"):
            grant_access(session, clinic.cora_athlete, user(session, clinic.admin))
        with pytest.raises(NotFound):
            grant_access(session, 987654, doc)


def test_an_athlete_account_without_data_sees_nothing(db: Database, clinic: Clinic) -> None:
    with db.transaction() as session:
        ana = user(session, clinic.ana)
        assert ana.athlete is not None
        delete_athlete(session, ana.athlete)
    with db.transaction() as session:
        ana = user(session, clinic.ana)
        assert ana.athlete_id is None  # the account stays, the link is cut
        assert visible_athlete_ids(session, ana) == set()
        with pytest.raises(NotFound):
            require_access(session, ana, clinic.ana_athlete)
        # The grant went with the athlete.
        doc = user(session, clinic.doc)
        assert visible_athlete_ids(session, doc) == {clinic.ben_athlete}
        assert len(session.scalars(select(ClinicianGrant)).all()) == 1
