"""JSON answers read item by item while they stream in (``ijson``), for lists too large to hold twice.

A project's task list grows with the project: parsed the usual way, its body, the decoded JSON and
the generated models are all in memory at once. :func:`json_items` turns the body's chunks into the
elements of one array (``"skus"``: the top-level ``skus`` array; ``"a.item.b"`` in ijson's prefix
syntax for deeper ones), so at most one chunk and one element are held. Numbers come back as
``int`` or ``float``, as ``json`` gives them. A body that is not JSON, or has no such array, raises
:class:`StreamedJSONError`.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any

__all__ = ["StreamedJSONError", "ajson_items", "json_items"]


# The parser is fed at most this much at a time: it turns all it is given into events at once, so a
# large chunk (an in-process transport hands over the whole body as one) must be cut up.
FEED = 64 * 1024


class StreamedJSONError(ValueError):
    """The streamed answer is not JSON, or has no array where the items were expected."""


class _ArrayReader:
    """The elements of the array at ``array``, from JSON text fed in chunks (ijson parser events)."""

    def __init__(self, array: str) -> None:
        import ijson  # here, not at module level: ≈ 15 ms that ``import huhu_ext`` need not pay

        self._ijson = ijson
        self.array = array
        self.prefix = array + ".item"
        self.seen = False  # the array itself was found
        self._builder: Any = None
        self._events: list[tuple[str, str, Any]] = ijson.sendable_list()
        self._parser = ijson.parse_coro(self._events, use_float=True)

    def feed(self, chunk: bytes) -> Iterator[Any]:
        for start in range(0, len(chunk), FEED):
            self._parse(chunk[start : start + FEED])
            yield from self._elements()

    def close(self) -> Iterator[Any]:
        self._parse(None)  # raises on a truncated document
        yield from self._elements()
        if not self.seen:
            raise StreamedJSONError(f"the answer has no {self.array!r} array")

    def _parse(self, piece: bytes | None) -> None:
        try:
            if piece is None:
                self._parser.close()
            else:
                self._parser.send(piece)
        except self._ijson.JSONError as problem:
            raise StreamedJSONError(f"not valid JSON: {problem}".splitlines()[0]) from None

    def _elements(self) -> Iterator[Any]:
        for path, event, value in self._events:
            if self._builder is not None:
                self._builder.event(event, value)
                if path == self.prefix and event in ("end_map", "end_array"):
                    yield self._builder.value
                    self._builder = None
            elif path == self.prefix:
                if event in ("start_map", "start_array"):
                    self._builder = self._ijson.ObjectBuilder()
                    self._builder.event(event, value)
                else:
                    yield value  # a scalar element
            elif path == self.array and event == "start_array":
                self.seen = True
        del self._events[:]


def json_items(chunks: Iterable[bytes], array: str) -> Iterator[Any]:
    """The elements of the array at ``array`` in the JSON text made of ``chunks``, one at a time."""
    reader = _ArrayReader(array)
    for chunk in chunks:
        yield from reader.feed(chunk)
    yield from reader.close()


async def ajson_items(chunks: AsyncIterable[bytes], array: str) -> AsyncIterator[Any]:
    """:func:`json_items` over an async stream of chunks."""
    reader = _ArrayReader(array)
    async for chunk in chunks:
        for item in reader.feed(chunk):
            yield item
    for item in reader.close():
        yield item
