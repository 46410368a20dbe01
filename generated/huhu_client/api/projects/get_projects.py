from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.project_detail import ProjectDetail
from ...models.project_list import ProjectList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["pagination_token"] = pagination_token

    params["program_id"] = program_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/project",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ProjectDetail | ProjectList | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ProjectDetail | ProjectList:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = ProjectDetail.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ProjectList.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[Error | ProjectDetail | ProjectList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Response[Error | ProjectDetail | ProjectList]:
    """List projects or get one

     List projects, or get a single project detail by adding project_id. The list covers the program (key
    default if program_id is omitted). project_status is derived (D-PROJECT-STATUS): Creating while a
    zip upload is open, Created when idle, In process while any task generates, Completed when every
    task has finished generating. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a
    token this list answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectDetail | ProjectList]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
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
    project_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Error | ProjectDetail | ProjectList | None:
    """List projects or get one

     List projects, or get a single project detail by adding project_id. The list covers the program (key
    default if program_id is omitted). project_status is derived (D-PROJECT-STATUS): Creating while a
    zip upload is open, Created when idle, In process while any task generates, Completed when every
    task has finished generating. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a
    token this list answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectDetail | ProjectList
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        pagination_token=pagination_token,
        program_id=program_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Response[Error | ProjectDetail | ProjectList]:
    """List projects or get one

     List projects, or get a single project detail by adding project_id. The list covers the program (key
    default if program_id is omitted). project_status is derived (D-PROJECT-STATUS): Creating while a
    zip upload is open, Created when idle, In process while any task generates, Completed when every
    task has finished generating. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a
    token this list answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectDetail | ProjectList]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        pagination_token=pagination_token,
        program_id=program_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    pagination_token: str | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Error | ProjectDetail | ProjectList | None:
    """List projects or get one

     List projects, or get a single project detail by adding project_id. The list covers the program (key
    default if program_id is omitted). project_status is derived (D-PROJECT-STATUS): Creating while a
    zip upload is open, Created when idle, In process while any task generates, Completed when every
    task has finished generating. Beyond the schema (x-huhu-beyond-schema): pagination_token must be a
    token this list answered (opaque, signed by the server); any other value → 422.

    Args:
        project_id (str | Unset):
        pagination_token (str | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectDetail | ProjectList
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            pagination_token=pagination_token,
            program_id=program_id,
        )
    ).parsed
