"""The server's database engine: what reaches a log when a statement fails."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from sync_server.db import init_db, make_engine
from tests.sync_server.conftest import ON_BOTH_DATABASES

SECRET = "Privatnotiz über Familie Beispiel"


@ON_BOTH_DATABASES
def test_a_failed_statement_names_no_value_a_person_typed(database_url: str) -> None:
    """An error's text goes to the server log (and a 500's traceback): the row's values
    (notes, reports, names) must not."""
    engine = make_engine(database_url)
    init_db(engine)
    with pytest.raises(DBAPIError) as failed, engine.begin() as connection:
        connection.execute(
            text("INSERT INTO account (id, name, role) VALUES (:id, :name, :role)"),
            {"id": None, "name": SECRET, "role": None},
        )
    engine.dispose()
    assert SECRET not in str(failed.value) and SECRET not in str(failed.value.orig)
    assert "hidden due to hide_parameters" in str(failed.value)
