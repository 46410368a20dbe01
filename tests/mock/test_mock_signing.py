"""Tests for mock_server.signing: HMAC-signed expiring download URLs."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_server.signing import SignatureError, UrlSigner

SECRET = b"test-secret"
NOW = 1_773_702_421.0


def split(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return parts.path, dict(parse_qsl(parts.query))


def reason(signer: UrlSigner, path: str, query: dict[str, str], now: float = NOW) -> str:
    with pytest.raises(SignatureError) as info:
        signer.verify(path, query, now=now)
    return info.value.reason


def test_sign_format_matches_the_documented_hmac() -> None:
    url = UrlSigner(SECRET).sign("/files/out.png", expires_at=NOW + 60.9)
    expires = str(int(NOW + 60.9))
    digest = hmac.new(SECRET, f"/files/out.png\n{expires}".encode(), hashlib.sha256).hexdigest()
    assert url == f"/files/out.png?expires={expires}&signature={digest}"


def test_round_trip_until_expiry_inclusive() -> None:
    signer = UrlSigner(SECRET)
    path, query = split(signer.sign("/files/a.png", expires_at=NOW + 100))
    assert path == "/files/a.png"
    signer.verify(path, query, now=NOW)
    signer.verify(path, query, now=NOW + 100)  # still valid at the expiry second
    assert reason(signer, path, query, now=NOW + 100.5) == "expired"


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"expires": "123"},
        {"signature": "ab"},
        {"expires": "", "signature": "ab"},
        {"expires": "123", "signature": ""},
    ],
)
def test_missing_parameters(query: dict[str, str]) -> None:
    assert reason(UrlSigner(SECRET), "/files/a.png", query) == "missing"


def test_tampered_signature_path_expiry_and_secret() -> None:
    signer = UrlSigner(SECRET)
    path, query = split(signer.sign("/files/a.png", expires_at=NOW + 100))
    flipped = query["signature"][:-1] + ("0" if query["signature"][-1] != "0" else "1")
    assert reason(signer, path, {**query, "signature": flipped}) == "tampered"
    assert reason(signer, "/files/b.png", query) == "tampered"
    assert reason(signer, path, {**query, "expires": str(int(NOW) + 10_000)}) == "tampered"
    assert reason(signer, path, {**query, "expires": "0" + query["expires"]}) == "tampered"
    assert reason(signer, path, {**query, "expires": "-5"}) == "tampered"
    assert reason(signer, path, {**query, "expires": "soon"}) == "tampered"
    assert reason(signer, path, {**query, "signature": query["signature"].upper()}) == "tampered"
    assert reason(signer, path, {**query, "signature": "é" * 64}) == "tampered"
    assert reason(UrlSigner(b"other-secret"), path, query) == "tampered"


def test_tampered_expiry_is_tampered_even_when_in_the_past() -> None:
    signer = UrlSigner(SECRET)
    path, query = split(signer.sign("/files/a.png", expires_at=NOW - 10))
    assert reason(signer, path, query) == "expired"
    assert reason(signer, path, {**query, "expires": str(int(NOW) - 5)}) == "tampered"


def test_extra_query_parameters_are_ignored() -> None:
    signer = UrlSigner(SECRET)
    path, query = split(signer.sign("/files/a.png", expires_at=NOW + 1))
    signer.verify(path, {**query, "response-content-type": "image/png"}, now=NOW)
    assert query.keys() == {"expires", "signature"}


@pytest.mark.parametrize("path", ["files/a.png", "", "/a?b=c", "/a#frag"])
def test_sign_rejects_bad_paths(path: str) -> None:
    with pytest.raises(ValueError):
        UrlSigner(SECRET).sign(path, expires_at=NOW)


def test_constructor_and_error_validation() -> None:
    with pytest.raises(ValueError):
        UrlSigner(b"")
    with pytest.raises(ValueError):
        SignatureError("weird")
    with pytest.raises(ValueError):
        UrlSigner(SECRET).sign("/a", expires_at=-1)
    err = SignatureError("expired")
    assert err.reason == "expired"
    assert "expired" in str(err)


@given(
    path=st.text(min_size=0, max_size=80).map(lambda s: "/" + s.replace("?", "").replace("#", "")),
    expires_at=st.floats(min_value=0, max_value=4_102_444_800, allow_nan=False),
)
def test_round_trip_for_arbitrary_paths(path: str, expires_at: float) -> None:
    signer = UrlSigner(SECRET)
    url = signer.sign(path, expires_at=expires_at)
    assert url.startswith(path + "?expires=")
    query = dict(parse_qsl(url[len(path) + 1 :]))
    signer.verify(path, query, now=expires_at - 1)
    with pytest.raises(SignatureError) as info:
        signer.verify(path + "x", query, now=expires_at - 1)
    assert info.value.reason == "tampered"
    with pytest.raises(SignatureError) as info:
        signer.verify(path, query, now=int(expires_at) + 1)
    assert info.value.reason == "expired"
