from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.sku_list import SkuList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str,
    sku_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["sku_id"] = sku_id

    params["pagination_token"] = pagination_token

    params["program_id"] = program_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sku",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SkuList | None:
    if response.status_code == 200:
        response_200 = SkuList.from_dict(response.json())

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
) -> Response[Error | SkuList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str,
    sku_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Response[Error | SkuList]:
    """List SKUs or get one

     List SKUs in a project, or get detail by adding sku_id. Detail includes AI-classified garment
    images. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a token this list
    answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str):
        sku_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SkuList]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        sku_id=sku_id,
        pagination_token=pagination_token,
        program_id=program_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    project_id: str,
    sku_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Error | SkuList | None:
    """List SKUs or get one

     List SKUs in a project, or get detail by adding sku_id. Detail includes AI-classified garment
    images. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a token this list
    answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str):
        sku_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SkuList
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        sku_id=sku_id,
        pagination_token=pagination_token,
        program_id=program_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str,
    sku_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Response[Error | SkuList]:
    """List SKUs or get one

     List SKUs in a project, or get detail by adding sku_id. Detail includes AI-classified garment
    images. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a token this list
    answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str):
        sku_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SkuList]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        sku_id=sku_id,
        pagination_token=pagination_token,
        program_id=program_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str,
    sku_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Error | SkuList | None:
    """List SKUs or get one

     List SKUs in a project, or get detail by adding sku_id. Detail includes AI-classified garment
    images. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a token this list
    answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str):
        sku_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SkuList
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            sku_id=sku_id,
            pagination_token=pagination_token,
            program_id=program_id,
        )
    ).parsed
