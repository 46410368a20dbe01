from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_project_request import CreateProjectRequest
from ...models.created_project import CreatedProject
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: CreateProjectRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/project",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatedProject | Error | None:
    if response.status_code == 200:
        response_200 = CreatedProject.from_dict(response.json())

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
) -> Response[CreatedProject | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateProjectRequest,
) -> Response[CreatedProject | Error]:
    """Create project

     Create a new project within a program. The reference shows no answer: the mock answers with the
    project detail (D-PROJECT-CREATE, invented) and the spec requires no field of it (CreatedProject);
    without a project_id, find the project by name in GET /project. The links that use a project start
    from the project list (GET /project), not from this answer (D-LINKS-LISTED).

    Args:
        body (CreateProjectRequest):  Example: {'project_name': 'New Project'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedProject | Error]
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
    body: CreateProjectRequest,
) -> CreatedProject | Error | None:
    """Create project

     Create a new project within a program. The reference shows no answer: the mock answers with the
    project detail (D-PROJECT-CREATE, invented) and the spec requires no field of it (CreatedProject);
    without a project_id, find the project by name in GET /project. The links that use a project start
    from the project list (GET /project), not from this answer (D-LINKS-LISTED).

    Args:
        body (CreateProjectRequest):  Example: {'project_name': 'New Project'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedProject | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateProjectRequest,
) -> Response[CreatedProject | Error]:
    """Create project

     Create a new project within a program. The reference shows no answer: the mock answers with the
    project detail (D-PROJECT-CREATE, invented) and the spec requires no field of it (CreatedProject);
    without a project_id, find the project by name in GET /project. The links that use a project start
    from the project list (GET /project), not from this answer (D-LINKS-LISTED).

    Args:
        body (CreateProjectRequest):  Example: {'project_name': 'New Project'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedProject | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateProjectRequest,
) -> CreatedProject | Error | None:
    """Create project

     Create a new project within a program. The reference shows no answer: the mock answers with the
    project detail (D-PROJECT-CREATE, invented) and the spec requires no field of it (CreatedProject);
    without a project_id, find the project by name in GET /project. The links that use a project start
    from the project list (GET /project), not from this answer (D-LINKS-LISTED).

    Args:
        body (CreateProjectRequest):  Example: {'project_name': 'New Project'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedProject | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
