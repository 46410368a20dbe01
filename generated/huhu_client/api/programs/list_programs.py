from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.program_list import ProgramList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    owned: bool | Unset = False,
    pagination_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["owned"] = owned

    params["pagination_token"] = pagination_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/program",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ProgramList | None:
    if response.status_code == 200:
        response_200 = ProgramList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[Error | ProgramList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    owned: bool | Unset = False,
    pagination_token: str | Unset = UNSET,
) -> Response[Error | ProgramList]:
    """List programs

     List programs accessible to your team: owned ones and programs shared with it. Beyond the schema
    (x-huhu-beyond-schema): pagination_token must be a token this list answered (opaque, signed by the
    server); any other value → 422.

    Args:
        owned (bool | Unset):  Default: False.
        pagination_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProgramList]
    """

    kwargs = _get_kwargs(
        owned=owned,
        pagination_token=pagination_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    owned: bool | Unset = False,
    pagination_token: str | Unset = UNSET,
) -> Error | ProgramList | None:
    """List programs

     List programs accessible to your team: owned ones and programs shared with it. Beyond the schema
    (x-huhu-beyond-schema): pagination_token must be a token this list answered (opaque, signed by the
    server); any other value → 422.

    Args:
        owned (bool | Unset):  Default: False.
        pagination_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProgramList
    """

    return sync_detailed(
        client=client,
        owned=owned,
        pagination_token=pagination_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    owned: bool | Unset = False,
    pagination_token: str | Unset = UNSET,
) -> Response[Error | ProgramList]:
    """List programs

     List programs accessible to your team: owned ones and programs shared with it. Beyond the schema
    (x-huhu-beyond-schema): pagination_token must be a token this list answered (opaque, signed by the
    server); any other value → 422.

    Args:
        owned (bool | Unset):  Default: False.
        pagination_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProgramList]
    """

    kwargs = _get_kwargs(
        owned=owned,
        pagination_token=pagination_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    owned: bool | Unset = False,
    pagination_token: str | Unset = UNSET,
) -> Error | ProgramList | None:
    """List programs

     List programs accessible to your team: owned ones and programs shared with it. Beyond the schema
    (x-huhu-beyond-schema): pagination_token must be a token this list answered (opaque, signed by the
    server); any other value → 422.

    Args:
        owned (bool | Unset):  Default: False.
        pagination_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProgramList
    """

    return (
        await asyncio_detailed(
            client=client,
            owned=owned,
            pagination_token=pagination_token,
        )
    ).parsed
