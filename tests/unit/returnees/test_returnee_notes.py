"""思想动态 notes: deleting one leaves a tombstone (USB sync carries the delete), the card stops
showing it, and deleting what is already gone is refused without writing anything."""
import pytest

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import History, OutlookNote, Person
from rural_cadre_desktop.core.returnees import registry


def test_delete_note_tombstones_it_and_the_card_forgets_it(reg):
    r = reg["returnees"]["张三"]
    person = Person.get_by_id(r.person_id)
    keep = registry.add_note(person, "2024-03-01", "想回村办合作社")
    gone = registry.add_note(person, "2024-04-01", "记错了人")
    registry.delete_note(gone.id)
    assert [n[0] for n in registry.card(r)["notes"]] == [keep.id]
    assert OutlookNote.get_by_id(gone.id).deleted is True          # a tombstone, not a removed row
    assert History.select().where(History.row_id == gone.id).count() >= 1


@pytest.mark.parametrize("which", ["deleted", "unknown"])
def test_delete_note_refused_when_gone(reg, which):
    person = Person.get_by_id(reg["returnees"]["李四"].person_id)
    note = registry.add_note(person, "2024-03-01", "关心子女入学")
    if which == "deleted":
        registry.delete_note(note.id)
    before = [tuple(n.__data__.items()) for n in OutlookNote.select().order_by(OutlookNote.id)]
    with pytest.raises(UserError, match="已不存在"):
        registry.delete_note(note.id if which == "deleted" else "no-such-id")
    assert [tuple(n.__data__.items()) for n in OutlookNote.select().order_by(OutlookNote.id)] == before
