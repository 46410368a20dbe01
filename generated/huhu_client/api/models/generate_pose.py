from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.generate_pose_request import GeneratePoseRequest
from ...models.pose_generation_request import PoseGenerationRequest
from ...types import Response


def _get_kwargs(
    *,
    body: GeneratePoseRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/model/pose",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PoseGenerationRequest | None:
    if response.status_code == 200:
        response_200 = PoseGenerationRequest.from_dict(response.json())

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
) -> Response[Error | PoseGenerationRequest]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GeneratePoseRequest,
) -> Response[Error | PoseGenerationRequest]:
    """Generate with poses

     Generate model images in specific poses using a reference image. Poll GET /model/image?request_id=.
    Two output images. Beyond the schema (x-huhu-beyond-schema): reference_image given as a URL must be
    one the service can fetch; the mock fetches only URLs it signed, unexpired (else 422).

    Args:
        body (GeneratePoseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PoseGenerationRequest]
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
    body: GeneratePoseRequest,
) -> Error | PoseGenerationRequest | None:
    """Generate with poses

     Generate model images in specific poses using a reference image. Poll GET /model/image?request_id=.
    Two output images. Beyond the schema (x-huhu-beyond-schema): reference_image given as a URL must be
    one the service can fetch; the mock fetches only URLs it signed, unexpired (else 422).

    Args:
        body (GeneratePoseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PoseGenerationRequest
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GeneratePoseRequest,
) -> Response[Error | PoseGenerationRequest]:
    """Generate with poses

     Generate model images in specific poses using a reference image. Poll GET /model/image?request_id=.
    Two output images. Beyond the schema (x-huhu-beyond-schema): reference_image given as a URL must be
    one the service can fetch; the mock fetches only URLs it signed, unexpired (else 422).

    Args:
        body (GeneratePoseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PoseGenerationRequest]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GeneratePoseRequest,
) -> Error | PoseGenerationRequest | None:
    """Generate with poses

     Generate model images in specific poses using a reference image. Poll GET /model/image?request_id=.
    Two output images. Beyond the schema (x-huhu-beyond-schema): reference_image given as a URL must be
    one the service can fetch; the mock fetches only URLs it signed, unexpired (else 422).

    Args:
        body (GeneratePoseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PoseGenerationRequest
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
