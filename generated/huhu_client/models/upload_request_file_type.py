from typing import Literal

UploadRequestFileType = Literal[
    "garment_image", "model_image", "reference_image", "sku_zip"
]

UPLOAD_REQUEST_FILE_TYPE_VALUES: set[UploadRequestFileType] = {
    "garment_image",
    "model_image",
    "reference_image",
    "sku_zip",
}


def check_upload_request_file_type(value: str) -> UploadRequestFileType:
    if value in UPLOAD_REQUEST_FILE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {UPLOAD_REQUEST_FILE_TYPE_VALUES!r}"
    )
