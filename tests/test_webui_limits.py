"""Oversized parameters are refused with a 400 that says which and why; they are never silently cut."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("route", ["/", "/api/search", "/export.csv", "/feed.atom"])
@pytest.mark.parametrize("name, size", [("speaker", 201), ("topic", 5_000), ("since", 300), ("q", 10_001),
                                        ("sort", 21), ("page", 40), ("tag", 10_000), ("date", 201)])
def test_oversized_parameters_are_a_400(client, route, name, size):
    response = client.get(route, query_string={name: "x" * size})
    assert response.status_code == 400
    assert f"{name} is too long" in response.get_data(as_text=True)


def test_the_longest_accepted_query_is_searched_with_a_note(client):
    response = client.get("/api/search", query_string={"q": "treaty " * 1428})
    assert response.status_code == 200
    assert "cut" in response.get_json()["message"]
