from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.generate_tasks_request import GenerateTasksRequest
from ...models.message import Message
from ...types import Response


def _get_kwargs(
    *,
    body: GenerateTasksRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/task/generate",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Message | None:
    if response.status_code == 200:
        response_200 = Message.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = Error.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | Message]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateTasksRequest,
) -> Response[Error | Message]:
    """Try-on generation

     Submit try-on generation. Each task must have model_image set first (422 otherwise), and must not be
    generating already (422). Each task holds one concurrency slot until it completes; a request whose
    tasks do not all fit in the free slots → 429 with Retry-After, nothing charged and nothing started.
    Credits are deducted at submission, one credit-history entry per task; a failed task is refunded.
    Poll GET /task → ~90s to complete. Beyond the schema (x-huhu-beyond-schema): every task must have
    model_image set and must not be generating (state; else 422); the mock refuses a task listed twice
    (422; invented, kept out of the schema as uniqueItems because the reference does not state it,
    D-FID-LIMITS).

    Args:
        body (GenerateTasksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateTasksRequest,
) -> Error | Message | None:
    """Try-on generation

     Submit try-on generation. Each task must have model_image set first (422 otherwise), and must not be
    generating already (422). Each task holds one concurrency slot until it completes; a request whose
    tasks do not all fit in the free slots → 429 with Retry-After, nothing charged and nothing started.
    Credits are deducted at submission, one credit-history entry per task; a failed task is refunded.
    Poll GET /task → ~90s to complete. Beyond the schema (x-huhu-beyond-schema): every task must have
    model_image set and must not be generating (state; else 422); the mock refuses a task listed twice
    (422; invented, kept out of the schema as uniqueItems because the reference does not state it,
    D-FID-LIMITS).

    Args:
        body (GenerateTasksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateTasksRequest,
) -> Response[Error | Message]:
    """Try-on generation

     Submit try-on generation. Each task must have model_image set first (422 otherwise), and must not be
    generating already (422). Each task holds one concurrency slot until it completes; a request whose
    tasks do not all fit in the free slots → 429 with Retry-After, nothing charged and nothing started.
    Credits are deducted at submission, one credit-history entry per task; a failed task is refunded.
    Poll GET /task → ~90s to complete. Beyond the schema (x-huhu-beyond-schema): every task must have
    model_image set and must not be generating (state; else 422); the mock refuses a task listed twice
    (422; invented, kept out of the schema as uniqueItems because the reference does not state it,
    D-FID-LIMITS).

    Args:
        body (GenerateTasksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateTasksRequest,
) -> Error | Message | None:
    """Try-on generation

     Submit try-on generation. Each task must have model_image set first (422 otherwise), and must not be
    generating already (422). Each task holds one concurrency slot until it completes; a request whose
    tasks do not all fit in the free slots → 429 with Retry-After, nothing charged and nothing started.
    Credits are deducted at submission, one credit-history entry per task; a failed task is refunded.
    Poll GET /task → ~90s to complete. Beyond the schema (x-huhu-beyond-schema): every task must have
    model_image set and must not be generating (state; else 422); the mock refuses a task listed twice
    (422; invented, kept out of the schema as uniqueItems because the reference does not state it,
    D-FID-LIMITS).

    Args:
        body (GenerateTasksRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
