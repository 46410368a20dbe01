from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_models_age_range import GetModelsAgeRange
from ...models.get_models_model_size import (
    GetModelsModelSize,
)
from ...models.get_models_model_type import (
    GetModelsModelType,
)
from ...models.get_models_skin_tone import GetModelsSkinTone
from ...models.model_image_list import ModelImageList
from ...models.model_list import ModelList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    model_id: str | Unset = UNSET,
    model_type: GetModelsModelType | Unset = UNSET,
    model_size: GetModelsModelSize | Unset = UNSET,
    ethnicity: str | Unset = UNSET,
    age_range: GetModelsAgeRange | Unset = UNSET,
    hair_color: str | Unset = UNSET,
    skin_tone: GetModelsSkinTone | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["model_id"] = model_id

    json_model_type: str | Unset = UNSET
    if not isinstance(model_type, Unset):
        json_model_type = model_type

    params["model_type"] = json_model_type

    json_model_size: str | Unset = UNSET
    if not isinstance(model_size, Unset):
        json_model_size = model_size

    params["model_size"] = json_model_size

    params["ethnicity"] = ethnicity

    json_age_range: str | Unset = UNSET
    if not isinstance(age_range, Unset):
        json_age_range = age_range

    params["age_range"] = json_age_range

    params["hair_color"] = hair_color

    json_skin_tone: str | Unset = UNSET
    if not isinstance(skin_tone, Unset):
        json_skin_tone = skin_tone

    params["skin_tone"] = json_skin_tone

    params["program_id"] = program_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/model",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ModelImageList | ModelList | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ModelImageList | ModelList:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = ModelImageList.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ModelList.from_dict(data)

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
) -> Response[Error | ModelImageList | ModelList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model_id: str | Unset = UNSET,
    model_type: GetModelsModelType | Unset = UNSET,
    model_size: GetModelsModelSize | Unset = UNSET,
    ethnicity: str | Unset = UNSET,
    age_range: GetModelsAgeRange | Unset = UNSET,
    hair_color: str | Unset = UNSET,
    skin_tone: GetModelsSkinTone | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Response[Error | ModelImageList | ModelList]:
    """List models or a model's images

     List models with attribute filters, or get a model's images by adding model_id. Filters match
    exactly (case-insensitive). Lists preset gallery models and the program's own models. Not paginated.

    Args:
        model_id (str | Unset):
        model_type (GetModelsModelType | Unset):
        model_size (GetModelsModelSize | Unset):
        ethnicity (str | Unset):
        age_range (GetModelsAgeRange | Unset):
        hair_color (str | Unset):
        skin_tone (GetModelsSkinTone | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelImageList | ModelList]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        model_type=model_type,
        model_size=model_size,
        ethnicity=ethnicity,
        age_range=age_range,
        hair_color=hair_color,
        skin_tone=skin_tone,
        program_id=program_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    model_id: str | Unset = UNSET,
    model_type: GetModelsModelType | Unset = UNSET,
    model_size: GetModelsModelSize | Unset = UNSET,
    ethnicity: str | Unset = UNSET,
    age_range: GetModelsAgeRange | Unset = UNSET,
    hair_color: str | Unset = UNSET,
    skin_tone: GetModelsSkinTone | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Error | ModelImageList | ModelList | None:
    """List models or a model's images

     List models with attribute filters, or get a model's images by adding model_id. Filters match
    exactly (case-insensitive). Lists preset gallery models and the program's own models. Not paginated.

    Args:
        model_id (str | Unset):
        model_type (GetModelsModelType | Unset):
        model_size (GetModelsModelSize | Unset):
        ethnicity (str | Unset):
        age_range (GetModelsAgeRange | Unset):
        hair_color (str | Unset):
        skin_tone (GetModelsSkinTone | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelImageList | ModelList
    """

    return sync_detailed(
        client=client,
        model_id=model_id,
        model_type=model_type,
        model_size=model_size,
        ethnicity=ethnicity,
        age_range=age_range,
        hair_color=hair_color,
        skin_tone=skin_tone,
        program_id=program_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model_id: str | Unset = UNSET,
    model_type: GetModelsModelType | Unset = UNSET,
    model_size: GetModelsModelSize | Unset = UNSET,
    ethnicity: str | Unset = UNSET,
    age_range: GetModelsAgeRange | Unset = UNSET,
    hair_color: str | Unset = UNSET,
    skin_tone: GetModelsSkinTone | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Response[Error | ModelImageList | ModelList]:
    """List models or a model's images

     List models with attribute filters, or get a model's images by adding model_id. Filters match
    exactly (case-insensitive). Lists preset gallery models and the program's own models. Not paginated.

    Args:
        model_id (str | Unset):
        model_type (GetModelsModelType | Unset):
        model_size (GetModelsModelSize | Unset):
        ethnicity (str | Unset):
        age_range (GetModelsAgeRange | Unset):
        hair_color (str | Unset):
        skin_tone (GetModelsSkinTone | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ModelImageList | ModelList]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        model_type=model_type,
        model_size=model_size,
        ethnicity=ethnicity,
        age_range=age_range,
        hair_color=hair_color,
        skin_tone=skin_tone,
        program_id=program_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model_id: str | Unset = UNSET,
    model_type: GetModelsModelType | Unset = UNSET,
    model_size: GetModelsModelSize | Unset = UNSET,
    ethnicity: str | Unset = UNSET,
    age_range: GetModelsAgeRange | Unset = UNSET,
    hair_color: str | Unset = UNSET,
    skin_tone: GetModelsSkinTone | Unset = UNSET,
    program_id: str | Unset = UNSET,
) -> Error | ModelImageList | ModelList | None:
    """List models or a model's images

     List models with attribute filters, or get a model's images by adding model_id. Filters match
    exactly (case-insensitive). Lists preset gallery models and the program's own models. Not paginated.

    Args:
        model_id (str | Unset):
        model_type (GetModelsModelType | Unset):
        model_size (GetModelsModelSize | Unset):
        ethnicity (str | Unset):
        age_range (GetModelsAgeRange | Unset):
        hair_color (str | Unset):
        skin_tone (GetModelsSkinTone | Unset):
        program_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ModelImageList | ModelList
    """

    return (
        await asyncio_detailed(
            client=client,
            model_id=model_id,
            model_type=model_type,
            model_size=model_size,
            ethnicity=ethnicity,
            age_range=age_range,
            hair_color=hair_color,
            skin_tone=skin_tone,
            program_id=program_id,
        )
    ).parsed
