from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.generate_model_image_request import GenerateModelImageRequest
from ...models.generation_request import GenerationRequest
from ...models.save_model_image_request import SaveModelImageRequest
from ...models.saved_model_image import SavedModelImage
from ...types import Response


def _get_kwargs(
    *,
    body: GenerateModelImageRequest | SaveModelImageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/model/image",
    }

    if isinstance(body, GenerateModelImageRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GenerationRequest | SavedModelImage | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> GenerationRequest | SavedModelImage:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = GenerationRequest.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = SavedModelImage.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[Error | GenerationRequest | SavedModelImage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateModelImageRequest | SaveModelImageRequest,
) -> Response[Error | GenerationRequest | SavedModelImage]:
    """Generate or upload model image

     Two modes: generate a new image (with prompt) or upload/save an existing image to a model (with
    model_id + style_id). A body that fits both modes is rejected with 422. Generate mode costs credits
    and holds a slot; save mode is free. Beyond the schema (x-huhu-beyond-schema): save mode needs
    exactly one of image_url and file_data (else 422); the schema cannot say it without changing which
    of the two modes a body fits (a body with prompt, model_id and style_id fits both and is refused);
    file_data and reference_image (base64) must decode to a PNG, JPEG or WebP image (else 422);
    image_url and reference_image (URL) must be a URL the service can fetch; the mock fetches only URLs
    it signed, unexpired (else 422).

    Args:
        body (GenerateModelImageRequest | SaveModelImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GenerationRequest | SavedModelImage]
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
    body: GenerateModelImageRequest | SaveModelImageRequest,
) -> Error | GenerationRequest | SavedModelImage | None:
    """Generate or upload model image

     Two modes: generate a new image (with prompt) or upload/save an existing image to a model (with
    model_id + style_id). A body that fits both modes is rejected with 422. Generate mode costs credits
    and holds a slot; save mode is free. Beyond the schema (x-huhu-beyond-schema): save mode needs
    exactly one of image_url and file_data (else 422); the schema cannot say it without changing which
    of the two modes a body fits (a body with prompt, model_id and style_id fits both and is refused);
    file_data and reference_image (base64) must decode to a PNG, JPEG or WebP image (else 422);
    image_url and reference_image (URL) must be a URL the service can fetch; the mock fetches only URLs
    it signed, unexpired (else 422).

    Args:
        body (GenerateModelImageRequest | SaveModelImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GenerationRequest | SavedModelImage
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateModelImageRequest | SaveModelImageRequest,
) -> Response[Error | GenerationRequest | SavedModelImage]:
    """Generate or upload model image

     Two modes: generate a new image (with prompt) or upload/save an existing image to a model (with
    model_id + style_id). A body that fits both modes is rejected with 422. Generate mode costs credits
    and holds a slot; save mode is free. Beyond the schema (x-huhu-beyond-schema): save mode needs
    exactly one of image_url and file_data (else 422); the schema cannot say it without changing which
    of the two modes a body fits (a body with prompt, model_id and style_id fits both and is refused);
    file_data and reference_image (base64) must decode to a PNG, JPEG or WebP image (else 422);
    image_url and reference_image (URL) must be a URL the service can fetch; the mock fetches only URLs
    it signed, unexpired (else 422).

    Args:
        body (GenerateModelImageRequest | SaveModelImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GenerationRequest | SavedModelImage]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateModelImageRequest | SaveModelImageRequest,
) -> Error | GenerationRequest | SavedModelImage | None:
    """Generate or upload model image

     Two modes: generate a new image (with prompt) or upload/save an existing image to a model (with
    model_id + style_id). A body that fits both modes is rejected with 422. Generate mode costs credits
    and holds a slot; save mode is free. Beyond the schema (x-huhu-beyond-schema): save mode needs
    exactly one of image_url and file_data (else 422); the schema cannot say it without changing which
    of the two modes a body fits (a body with prompt, model_id and style_id fits both and is refused);
    file_data and reference_image (base64) must decode to a PNG, JPEG or WebP image (else 422);
    image_url and reference_image (URL) must be a URL the service can fetch; the mock fetches only URLs
    it signed, unexpired (else 422).

    Args:
        body (GenerateModelImageRequest | SaveModelImageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GenerationRequest | SavedModelImage
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
