"""Regressions found by the schemathesis contract run at larger budgets."""

from __future__ import annotations

import io
import zipfile

import pytest

from mock_server import DEFAULT_API_KEY, HuhuBackend, Invalid
from mock_server.imaging import placeholder_png


def _open_upload(backend: HuhuBackend) -> tuple[object, dict[str, object], str]:
    caller = backend.caller_for_key(DEFAULT_API_KEY)
    project = backend.create_project(caller, {"project_name": "p"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sku/front.png", placeholder_png(64, 64, seed="x"))
    data = buffer.getvalue()
    init = backend.upload_project_file(
        caller, {"project_id": project["project_id"], "file_type": "sku_zip", "file_size": len(data)}
    )
    return caller, {"init": init, "data": data}, str(project["project_id"])


@pytest.mark.parametrize("etag", ["é", "\u2603", '"not-the-etag"'])
def test_non_ascii_or_wrong_etag_is_a_422_not_a_500(etag: str) -> None:
    backend = HuhuBackend(clock="manual", part_size=1 << 20)
    caller, upload, project_id = _open_upload(backend)
    init = upload["init"]
    assert isinstance(init, dict)
    url = str(init["upload_urls"][0])
    path, _, query = url.partition("?")
    params = dict(p.split("=", 1) for p in query.split("&"))
    backend.upload_part(path.split("/_mock/s3/", 1)[1], params, bytes(upload["data"]))  # type: ignore[arg-type]
    body = {
        "project_id": project_id,
        "key": init["key"],
        "upload_id": init["upload_id"],
        "parts": [{"PartNumber": 1.0, "ETag": etag}],
    }
    with pytest.raises(Invalid) as caught:
        backend.complete_multipart_upload(caller, body)  # type: ignore[arg-type]
    assert "does not match the ETag of part 1" in str(caught.value.body())
    assert backend.get_skus(caller, {"project_id": project_id})["skus"] == []
