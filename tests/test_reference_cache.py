"""reconcile_form.figures (read on every 总览 run): the published figures are read again only when the store's
reference history changed, so a saved add, edit or retirement shows at once, also one made by another process."""

import pytest

from fxdash import reconcile_form, ui
from fxdash import store as ops
from fxdash.store import references


@pytest.fixture
def counted(ops_store, monkeypatch):
    """figures() on the test's store, with the reads of every figure counted."""
    monkeypatch.setattr(ui, "ops_store", lambda: ops_store)
    reconcile_form._FIGURES.clear()
    reads = []
    real = references.current

    def current(store, include_retired=False):
        reads.append(store.url)
        return real(store, include_retired)
    monkeypatch.setattr(references, "current", current)
    yield ops_store, reads
    reconcile_form._FIGURES.clear()


def test_unchanged_figures_are_read_once_and_handed_out_as_copies(counted):
    store, reads = counted
    first = reconcile_form.figures()
    assert first.equals(references.current(store)) and len(reads) == 2
    first.loc[first.index[0], "value"] = -1.0
    again = reconcile_form.figures()
    assert len(reads) == 2 and (again["value"] >= 0).all()


def test_a_saved_edit_addition_or_retirement_shows_at_once(counted):
    store, reads = counted
    before = reconcile_form.figures()
    picked = before["figure_id"].iloc[0]
    references.edit(store, picked, {"value": 12345.0}, "测试")
    assert reconcile_form.figures().set_index("figure_id").loc[picked, "value"] == 12345.0
    new_id = references.add(store, {**before.iloc[1][list(references.FIELDS)].to_dict(), "value": 7.0}, "测试")
    assert new_id in set(reconcile_form.figures()["figure_id"])
    references.retire(store, picked, "测试")
    assert picked not in set(reconcile_form.figures()["figure_id"])
    assert len(reconcile_form.figures()) == len(before) and len(reads) == 4


def test_a_change_made_by_another_process_shows_at_once(counted, tmp_path):
    store, _ = counted
    picked = reconcile_form.figures()["figure_id"].iloc[0]
    other = ops.Store(store.url)  # another server process's engine on the same store
    try:
        references.edit(other, picked, {"value": 54321.0}, "另一进程")
    finally:
        other.close()
    assert reconcile_form.figures().set_index("figure_id").loc[picked, "value"] == 54321.0
