from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.image_upload_result import ImageUploadResult
from ...models.multipart_upload_init import MultipartUploadInit
from ...models.upload_request import UploadRequest
from ...types import Response


def _get_kwargs(
    *,
    body: UploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/project/upload",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ImageUploadResult | MultipartUploadInit | None:
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> ImageUploadResult | MultipartUploadInit:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = MultipartUploadInit.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ImageUploadResult.from_dict(data)

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
) -> Response[Error | ImageUploadResult | MultipartUploadInit]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadRequest,
) -> Response[Error | ImageUploadResult | MultipartUploadInit]:
    """Upload garment image or init zip

     Upload garment images (base64) or initiate multipart zip upload for SKU archives. A `garment_image`
    becomes a new SKU holding that one classified image (D-UPLOAD); `model_image` becomes an image
    usable as a task's model_image; `reference_image` an image usable as reference_image. `sku_zip`
    needs file_size and answers with presigned part URLs; the zip holds one folder per SKU (files at the
    top level form one SKU named after the zip). Non-images, corrupt base64 and payloads over 20 MB are
    rejected with 422. Beyond the schema (x-huhu-beyond-schema): file_data must decode to a PNG, JPEG or
    WebP image (else 422); the mock's invented limits, kept out of the schema because the reference does
    not state them (D-FID-LIMITS): file_size at most 1 GiB, file_data at most 20 MB decoded (else 422).

    Args:
        body (UploadRequest): file_data (non-empty base64) is required for garment_image,
            model_image and reference_image; file_size is required for sku_zip (expressed with
            if/then/else; 422 otherwise).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ImageUploadResult | MultipartUploadInit]
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
    body: UploadRequest,
) -> Error | ImageUploadResult | MultipartUploadInit | None:
    """Upload garment image or init zip

     Upload garment images (base64) or initiate multipart zip upload for SKU archives. A `garment_image`
    becomes a new SKU holding that one classified image (D-UPLOAD); `model_image` becomes an image
    usable as a task's model_image; `reference_image` an image usable as reference_image. `sku_zip`
    needs file_size and answers with presigned part URLs; the zip holds one folder per SKU (files at the
    top level form one SKU named after the zip). Non-images, corrupt base64 and payloads over 20 MB are
    rejected with 422. Beyond the schema (x-huhu-beyond-schema): file_data must decode to a PNG, JPEG or
    WebP image (else 422); the mock's invented limits, kept out of the schema because the reference does
    not state them (D-FID-LIMITS): file_size at most 1 GiB, file_data at most 20 MB decoded (else 422).

    Args:
        body (UploadRequest): file_data (non-empty base64) is required for garment_image,
            model_image and reference_image; file_size is required for sku_zip (expressed with
            if/then/else; 422 otherwise).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ImageUploadResult | MultipartUploadInit
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadRequest,
) -> Response[Error | ImageUploadResult | MultipartUploadInit]:
    """Upload garment image or init zip

     Upload garment images (base64) or initiate multipart zip upload for SKU archives. A `garment_image`
    becomes a new SKU holding that one classified image (D-UPLOAD); `model_image` becomes an image
    usable as a task's model_image; `reference_image` an image usable as reference_image. `sku_zip`
    needs file_size and answers with presigned part URLs; the zip holds one folder per SKU (files at the
    top level form one SKU named after the zip). Non-images, corrupt base64 and payloads over 20 MB are
    rejected with 422. Beyond the schema (x-huhu-beyond-schema): file_data must decode to a PNG, JPEG or
    WebP image (else 422); the mock's invented limits, kept out of the schema because the reference does
    not state them (D-FID-LIMITS): file_size at most 1 GiB, file_data at most 20 MB decoded (else 422).

    Args:
        body (UploadRequest): file_data (non-empty base64) is required for garment_image,
            model_image and reference_image; file_size is required for sku_zip (expressed with
            if/then/else; 422 otherwise).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ImageUploadResult | MultipartUploadInit]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UploadRequest,
) -> Error | ImageUploadResult | MultipartUploadInit | None:
    """Upload garment image or init zip

     Upload garment images (base64) or initiate multipart zip upload for SKU archives. A `garment_image`
    becomes a new SKU holding that one classified image (D-UPLOAD); `model_image` becomes an image
    usable as a task's model_image; `reference_image` an image usable as reference_image. `sku_zip`
    needs file_size and answers with presigned part URLs; the zip holds one folder per SKU (files at the
    top level form one SKU named after the zip). Non-images, corrupt base64 and payloads over 20 MB are
    rejected with 422. Beyond the schema (x-huhu-beyond-schema): file_data must decode to a PNG, JPEG or
    WebP image (else 422); the mock's invented limits, kept out of the schema because the reference does
    not state them (D-FID-LIMITS): file_size at most 1 GiB, file_data at most 20 MB decoded (else 422).

    Args:
        body (UploadRequest): file_data (non-empty base64) is required for garment_image,
            model_image and reference_image; file_size is required for sku_zip (expressed with
            if/then/else; 422 otherwise).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ImageUploadResult | MultipartUploadInit
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
