"""The value types the extractor builds per article write out their ``__init__``
(see ``extract/model.py``): each must still take exactly its fields, in
order, with their defaults, and set each one to what it was given."""

import dataclasses
import inspect

import pytest

from extract.dates import DateMatch
from extract.events import Draft, Reading
from extract.model import UNDATED, Event, EventDate, PlaceMention
from extract.roles import Agent
from extract.sentences import Clause, Sentence
from geodata.gazetteer import NameMatch

WRITTEN_OUT = [PlaceMention, EventDate, Event, Sentence, Clause, NameMatch, DateMatch, Agent, Reading, Draft]
FROZEN = [PlaceMention, EventDate, Event, Sentence, Clause, NameMatch, DateMatch, Agent]


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda c: c.__name__)
def test_the_written_init_takes_the_fields_in_order_with_their_defaults(cls):
    fields = [f for f in dataclasses.fields(cls) if f.init]
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in fields]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params)
    for p, f in zip(params, fields):
        assert f.default_factory is dataclasses.MISSING  # a factory's product could not be a default here
        expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert p.default == expected, f.name


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda c: c.__name__)
def test_the_written_init_sets_each_field_to_its_own_argument(cls):
    # a distinct object per field: a field left unset or set from its neighbour shows
    given = {f.name: object() for f in dataclasses.fields(cls) if f.init}
    built = cls(**given)
    assert {name: getattr(built, name) for name in given} == given


@pytest.mark.parametrize("cls", FROZEN, ids=lambda c: c.__name__)
def test_the_value_types_stay_frozen_and_hashable(cls):
    given = {f.name: i for i, f in enumerate(dataclasses.fields(cls)) if f.init}
    built, twin = cls(**given), cls(**given)
    assert built == twin and hash(built) == hash(twin)
    name = next(iter(given))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, name, -1)
    assert getattr(built, name) == given[name]


def test_an_event_without_a_date_is_undated():
    event = Event(event_id="e1", article="a.txt", role="attack", actor="unknown", actor_text="",
                  targets=(), excerpt="", excerpt_start=0)
    assert event.when == EventDate() and event.when is UNDATED
    assert event.date is None and event.time_precision is None
