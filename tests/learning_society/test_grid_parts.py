"""Issue 13: the grid and assessment views are thin; what they did inline is now in the forms
(reading the grid's POST, the assessment's initial values) and the selectors (the grid's cells and
versions, the decision's issuer, whether posted ids belong to the area)."""

import json

import pytest
from django.http import QueryDict

from learning_society import selectors
from learning_society.forms import grid_entries, grid_versions

pytestmark = pytest.mark.django_db


def _post(**fields) -> QueryDict:
    post = QueryDict(mutable=True)
    for key, value in fields.items():
        post[key] = value
    return post


def test_the_grid_post_reads_packed_cells_and_ignores_garbage():
    post = _post(cells=json.dumps({"cells": {"p-7-3": "4,5", "m-7-4": "on", "p-x-3": "1"}, "rows": ["7", "8"]}))
    points, met = grid_entries(post)
    assert points == {7: {3: "4,5"}, 8: {}}
    assert met == {7: {4}, 8: set()}
    assert grid_entries(_post(cells="[" * 100_000)) == ({}, {})


def test_garbled_grid_versions_mean_unknown():
    assert grid_versions(_post(versions='{"7": 2}')) == {7: 2}
    assert grid_versions(_post(versions="not json")) == {}


def test_the_issuer_is_the_commune_or_the_office_above_the_hamlet(world):
    assert selectors.issuer_for(world.hamlet, "commune") == world.commune
    assert selectors.issuer_for(world.hamlet, "office") == world.office


def test_ids_of_another_office_are_not_in_the_area(world):
    assert selectors.all_in_area(set(), world.hamlet)
    assert not selectors.all_in_area({10**9}, world.hamlet)
