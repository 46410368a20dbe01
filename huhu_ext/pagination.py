"""One iterator for every paginated list operation, driven by the spec's ``x-huhu-pagination``.

``x-huhu-pagination`` names the query parameter that takes the token, the response field that
carries the next one and the response field holding the items. Iteration follows the token until
the server gives none: an empty page that still carries a token does not end it, and a token the
server already gave raises :class:`~huhu_ext.errors.PaginationError` instead of looping forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from huhu_client.types import Unset

from huhu_ext.errors import PaginationError, UnexpectedResponseError
from huhu_ext.spec import Operation, Pagination, load_spec

__all__ = [
    "AsyncListPaginator",
    "AsyncPaginator",
    "ListPaginator",
    "PageCursor",
    "Paginator",
    "operation_for",
    "page_items",
    "page_token",
]

P = TypeVar("P")
I = TypeVar("I")  # noqa: E741 - the item model of a page
F = TypeVar("F")  # how a paginator fetches a page


def operation_for(endpoint_name: str) -> Operation:
    """The spec operation of a generated endpoint module (``huhu_client.api.tasks.get_tasks`` → get_tasks)."""
    return load_spec().operation(endpoint_name.rsplit(".", 1)[-1])


def _field(page: object, name: str) -> Any:
    # The generator appends "_" to JSON names that shadow builtins (D-CREDITS-ATTR).
    for attr in (name, f"{name}_"):
        if hasattr(page, attr):
            return getattr(page, attr)
    raise AttributeError(name)


def page_items(page: object, pagination: Pagination) -> list[Any]:
    """The items of one page."""
    try:
        items = _field(page, pagination.items_field)
    except AttributeError:
        raise TypeError(
            f"{type(page).__name__} has no {pagination.items_field!r}: not a page of this list"
        ) from None
    return list(items)


def page_token(page: object, pagination: Pagination) -> str | None:
    """The token of the next page, or None on the last page."""
    try:
        token = _field(page, pagination.token_field)
    except AttributeError:
        return None
    if token is None or isinstance(token, Unset) or token == "":
        return None
    return str(token)


class PageCursor:
    """Follows page tokens and refuses one that repeats. One cursor per walk through a list."""

    def __init__(self, operation: Operation, kwargs: dict[str, Any]) -> None:
        if operation.pagination is None:
            raise ValueError(f"{operation.operation_id} is not a paginated list operation")
        self.operation = operation
        self.pagination: Pagination = operation.pagination
        self.kwargs = dict(kwargs)
        start = self.kwargs.get(self.pagination.token_param)
        self._seen: set[str] = {start} if isinstance(start, str) else set()
        self.done = False

    def advance(self, page: object) -> None:
        """Record ``page``; afterwards ``kwargs`` ask for the next one, or ``done`` is True."""
        token = page_token(page, self.pagination)
        if token is None:
            self.done = True
            return
        if token in self._seen:
            raise PaginationError(
                f"{self.operation.method} {self.operation.path} returned page token {token!r} twice; "
                "stopping instead of looping forever"
            )
        self._seen.add(token)
        self.kwargs[self.pagination.token_param] = token

    def items(self, page: object) -> list[Any]:
        try:
            return page_items(page, self.pagination)
        except TypeError as exc:
            raise UnexpectedResponseError(
                str(exc), status=200, method=self.operation.method, path=self.operation.path
            ) from None


class _Pages(Generic[F]):
    """What both paginators hold: how to fetch a page (``F``), the operation and its first kwargs."""

    def __init__(self, fetch: F, operation: Operation, kwargs: dict[str, Any]) -> None:
        self._fetch = fetch
        self._operation = operation
        self._kwargs = dict(kwargs)
        self._pagination = PageCursor(operation, kwargs).pagination  # validated now, not when iterated


class Paginator(_Pages[Callable[[dict[str, Any]], P]], Generic[P]):
    """Iterates the items of every page (``for item in paginator``); ``pages()`` yields whole pages.

    Each iteration starts again from the first page (or from the token given in the kwargs).
    """

    def pages(self) -> Iterator[P]:
        cursor = PageCursor(self._operation, self._kwargs)
        while not cursor.done:
            page = self._fetch(dict(cursor.kwargs))
            cursor.items(page)  # a page without the items field is an error, not an empty page
            yield page
            cursor.advance(page)

    def __iter__(self) -> Iterator[Any]:
        for page in self.pages():
            yield from _field(page, self._pagination.items_field)  # pages() checked it is there


class AsyncPaginator(_Pages[Callable[[dict[str, Any]], Awaitable[P]]], Generic[P]):
    """``async for item in paginator``; ``pages()`` is an async iterator of whole pages."""

    async def pages(self) -> AsyncIterator[P]:
        cursor = PageCursor(self._operation, self._kwargs)
        while not cursor.done:
            page = await self._fetch(dict(cursor.kwargs))
            cursor.items(page)
            yield page
            cursor.advance(page)

    async def _items(self) -> AsyncIterator[Any]:
        async for page in self.pages():
            for item in _field(page, self._pagination.items_field):  # pages() checked it is there
                yield item

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._items()


class ListPaginator(Paginator[P], Generic[P, I]):
    """What a resource's paginated ``list`` returns: ``for item in ...`` yields ``I`` across every
    page, ``pages()`` the pages ``P``, ``first_page()`` one request's worth."""

    def __iter__(self) -> Iterator[I]:
        return super().__iter__()

    def first_page(self) -> P:
        return next(iter(self.pages()))


class AsyncListPaginator(AsyncPaginator[P], Generic[P, I]):
    """The asyncio :class:`ListPaginator`: ``async for item in ...``, ``pages()``, ``await first_page()``."""

    def __aiter__(self) -> AsyncIterator[I]:
        return self._items()

    async def first_page(self) -> P:
        async for page in self.pages():
            return page
        raise PaginationError("the list answered no page")  # pragma: no cover - pages() yields one
