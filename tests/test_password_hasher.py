"""Production's argon2id parameters, tested once: every other test signs in with cheap ones
(tests/conftest.py `_cheap_password_hashes`), so these are the only production-cost hashes in process."""

import importlib.util

from fxdash import access
from fxdash.store import accounts


def _production_hasher():
    """The hasher exactly as fxdash/store/accounts.py builds it (tests patch the module's own one)."""
    spec = importlib.util.spec_from_file_location("fxdash_accounts_as_shipped", accounts.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._HASHER


def test_production_parameters_hash_and_sign_in(ops_store, monkeypatch):
    hasher = _production_hasher()
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (2, 19_456, 1)  # OWASP's minimum
    monkeypatch.setattr(accounts, "_HASHER", hasher)
    monkeypatch.setattr(accounts, "_DUMMY", [])
    accounts.add(ops_store, "liwei", access.DISTRICT, [], False, "a long password 2026", {})
    stored = accounts.get(ops_store, "liwei").password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert accounts.sign_in(ops_store, "liwei", "a long password 2026", demo_allowed=False).outcome == "ok"
    assert accounts.sign_in(ops_store, "liwei", "a wrong password", demo_allowed=False).outcome == "failed"
    assert accounts.sign_in(ops_store, "nobody", "a long password 2026", demo_allowed=False).outcome == "failed"


def test_a_cheaper_hash_is_replaced_by_a_production_one_at_sign_in(ops_store, monkeypatch):
    """What an app server started by the tests does with the cheap hashes of a test store."""
    accounts.add(ops_store, "zhaomin", access.DISTRICT, [], False, "a long password 2026", {})  # cheap
    assert "m=19456" not in accounts.get(ops_store, "zhaomin").password_hash
    monkeypatch.setattr(accounts, "_HASHER", _production_hasher())
    assert accounts.sign_in(ops_store, "zhaomin", "a long password 2026", demo_allowed=False).outcome == "ok"
    assert accounts.get(ops_store, "zhaomin").password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
