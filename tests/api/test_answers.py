"""Answers serialised without validating every row again still have exactly the shape of
their response models: the same keys, in the same order, with the same values."""

from __future__ import annotations

import json

import pytest

from eventcoder.api.schemas import AggregateOut, EventPage, EventRow


@pytest.mark.parametrize(("path", "params", "model"), [
    ("/events", {"page_size": 30}, EventPage),
    ("/events", {"q": "said", "sort": "goldstein", "order": "desc"}, EventPage),
    ("/events", {"page": 999}, EventPage),
    ("/aggregate", {}, AggregateOut),
    ("/aggregate", {"interval": "year", "group": ["cameo_root", "quad_class"]}, AggregateOut),
])
def test_an_answer_is_its_model_serialised(client, path, params, model) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    validated = model.model_validate_json(response.content).model_dump_json()
    assert response.content.decode() == validated  # byte for byte, keys in the model's order


def test_event_rows_keep_the_order_of_their_model(client) -> None:
    items = json.loads(client.get("/events", params={"page_size": 5}).content)["items"]
    assert items and all(list(item) == list(EventRow.model_fields) for item in items)
