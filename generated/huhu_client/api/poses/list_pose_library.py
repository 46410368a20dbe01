from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_pose_library_model_category import (
    ListPoseLibraryModelCategory,
)
from ...models.list_pose_library_prompt_type import (
    ListPoseLibraryPromptType,
)
from ...models.pose_library import PoseLibrary
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    model_category: ListPoseLibraryModelCategory | Unset = UNSET,
    prompt_type: ListPoseLibraryPromptType | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_model_category: str | Unset = UNSET
    if not isinstance(model_category, Unset):
        json_model_category = model_category

    params["model_category"] = json_model_category

    json_prompt_type: str | Unset = UNSET
    if not isinstance(prompt_type, Unset):
        json_prompt_type = prompt_type

    params["prompt_type"] = json_prompt_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/pose/library",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PoseLibrary | None:
    if response.status_code == 200:
        response_200 = PoseLibrary.from_dict(response.json())

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
) -> Response[Error | PoseLibrary]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model_category: ListPoseLibraryModelCategory | Unset = UNSET,
    prompt_type: ListPoseLibraryPromptType | Unset = UNSET,
) -> Response[Error | PoseLibrary]:
    """Browse preset poses

     Browse 143 preset poses. Filter by model_category and prompt_type. total counts the poses that
    match. Not paginated.

    Args:
        model_category (ListPoseLibraryModelCategory | Unset):
        prompt_type (ListPoseLibraryPromptType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PoseLibrary]
    """

    kwargs = _get_kwargs(
        model_category=model_category,
        prompt_type=prompt_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    model_category: ListPoseLibraryModelCategory | Unset = UNSET,
    prompt_type: ListPoseLibraryPromptType | Unset = UNSET,
) -> Error | PoseLibrary | None:
    """Browse preset poses

     Browse 143 preset poses. Filter by model_category and prompt_type. total counts the poses that
    match. Not paginated.

    Args:
        model_category (ListPoseLibraryModelCategory | Unset):
        prompt_type (ListPoseLibraryPromptType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PoseLibrary
    """

    return sync_detailed(
        client=client,
        model_category=model_category,
        prompt_type=prompt_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model_category: ListPoseLibraryModelCategory | Unset = UNSET,
    prompt_type: ListPoseLibraryPromptType | Unset = UNSET,
) -> Response[Error | PoseLibrary]:
    """Browse preset poses

     Browse 143 preset poses. Filter by model_category and prompt_type. total counts the poses that
    match. Not paginated.

    Args:
        model_category (ListPoseLibraryModelCategory | Unset):
        prompt_type (ListPoseLibraryPromptType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PoseLibrary]
    """

    kwargs = _get_kwargs(
        model_category=model_category,
        prompt_type=prompt_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model_category: ListPoseLibraryModelCategory | Unset = UNSET,
    prompt_type: ListPoseLibraryPromptType | Unset = UNSET,
) -> Error | PoseLibrary | None:
    """Browse preset poses

     Browse 143 preset poses. Filter by model_category and prompt_type. total counts the poses that
    match. Not paginated.

    Args:
        model_category (ListPoseLibraryModelCategory | Unset):
        prompt_type (ListPoseLibraryPromptType | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PoseLibrary
    """

    return (
        await asyncio_detailed(
            client=client,
            model_category=model_category,
            prompt_type=prompt_type,
        )
    ).parsed
