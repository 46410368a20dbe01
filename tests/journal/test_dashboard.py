"""The dashboard's HTML without a browser: every panel filled, images that load, no key material."""

from __future__ import annotations

import re

import httpx
from journal_support import b64, png, start_tryon

from huhu_ext.testing import BASE_URL, HuhuMock

ROOT = BASE_URL.removesuffix("/public/v1")


def test_panels_show_every_kind_of_request_and_no_key(huhu_mock: HuhuMock) -> None:
    other = huhu_mock.new_team(credits=7, slots=3)
    with httpx.Client(base_url=BASE_URL, headers={"Authorization": f"Bearer {huhu_mock.api_key}"}) as api:
        tryon = start_tryon(api, "panel-shoot")
        assert api.post("/model/face", json={"prompt": "freckles", "num_output_images": 2}).status_code == 200
        assert api.post("/upscale", json={"image": b64(png(30, 30))}).status_code == 200
        huhu_mock.inject_fault("POST", "/video", 503, count=2)
        huhu_mock.advance(200)
        page = httpx.get(ROOT + "/_mock/ui")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    for key in (huhu_mock.api_key, other.api_key):
        assert key not in html and key[3:] not in html
    assert "panel-shoot" in html and tryon.task_id in html and "Generation completed" in html
    assert other.team_id[:8] in html and "0 of 3" in html  # the other team: no slot busy
    assert "POST /video" in html and "× 2" in html  # the active fault
    assert "tryon_gen" in html and "face_gen" in html and "upscale" in html  # the ledger
    assert "<script" in html and "http://" not in re.sub(r"https?://api\.huhu\.ai", "", html)
    images = re.findall(r'<img class="thumb[^"]*" src="([^"]+)"', html)
    assert len(images) >= 1 + 1 + 2 + 1  # garment, try-on output, two faces, one upscale
    for url in images:
        answer = httpx.get(url.replace("&amp;", "&"))
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/")
    panels = httpx.get(ROOT + "/_mock/ui/panels")
    assert panels.status_code == 200 and "panel-shoot" in panels.text and "<html" not in panels.text
