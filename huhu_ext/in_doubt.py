"""In-doubt credit-spending requests: one rule for every call that costs credits (decision D-DOUBT-*).

A billable POST whose answer was lost (a timeout, a connection dropped after the request left, a 5xx:
:class:`~huhu_ext.errors.AmbiguousRequestError`) may still be applied by the server, seconds later.
Such a request is *in doubt* and is never sent again until the server's own state says what
happened:

* **applied** — the job's status moved past ``Task created`` (the caller checks), or the team's
  credit history shows a charge for it since the point recorded just before sending
  (:class:`LedgerMark`): an entry for one of its items (try-on tasks are charged per task id), or an
  unexplained new entry of its operation and price (upscale, video: the entry's ``request_id`` is
  then the request's id);
* **not applied** — the server *answered* (5xx) and, ``settle`` seconds later, still shows neither
  state nor charge; or ``window`` seconds passed without any sign and resending was allowed
  (``resend=True``, the CLI's ``--resend-in-doubt``);
* otherwise it stays **open**; past ``window`` it is **expired**: :class:`InDoubtError` names it,
  its possible cost, and how to resend it.

A request is sent at most twice per run (per :meth:`Billable.send`); a second "not applied" ends with
:class:`BillingFailedError`. A rerun, the user's decision, may send a request left in doubt once more.
A doubt is stored (:class:`DoubtStore`, the batch journal) *before* the request is sent, so a crash
mid-request leaves it in doubt for the next run instead of paying twice.

Use :class:`Billable` for a request whose result is a ``request_id`` (upscale, video, ...)::

    billable = Billable(huhu)
    request_id = billable.send("upscale:photo-1", create_upscale, UpscaleRequest(image=data))
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from typing import Any, Protocol

from huhu_client.api.metering import get_credit_history
from huhu_client.models import CreditHistoryItem

from huhu_ext.client import Huhu, SyncEndpoint
from huhu_ext.errors import (
    AmbiguousRequestError,
    APIConnectionError,
    APIStatusError,
    HuhuError,
    RateLimitError,
)
from huhu_ext.pagination import operation_for
from huhu_ext.spec import load_spec

__all__ = [
    "DEFAULT_SETTLE",
    "DEFAULT_WINDOW",
    "MAX_ATTEMPTS",
    "Billable",
    "BillingFailedError",
    "Doubt",
    "DoubtPolicy",
    "DoubtStore",
    "InDoubtError",
    "LedgerEntry",
    "LedgerMark",
    "MemoryDoubts",
    "Verdict",
    "charge_for",
    "judge",
    "ledger_mark",
    "ledger_since",
    "ledger_spend",
    "new_doubt",
]

DEFAULT_WINDOW = 300.0  # seconds a request may stay in doubt (far above any sane processing time)
DEFAULT_SETTLE = 5.0  # seconds after a 5xx answer before "no state, no charge" means "not applied"
MAX_ATTEMPTS = 2  # a billable request is sent at most once more, and only after "not applied"
RESEND_FLAG = "--resend-in-doubt"


@dataclass(frozen=True)
class LedgerEntry:
    """One credit-history entry (a refund has negative credits)."""

    request_id: str
    credits: int
    operation: str
    timestamp: int

    @property
    def key(self) -> str:
        return f"{self.request_id}|{self.timestamp}|{self.credits}|{self.operation}"


@dataclass(frozen=True)
class LedgerMark:
    """Where the team's credit history stood: the keys of its newest entries, newest first."""

    head: tuple[str, ...] = ()


def _entry(item: CreditHistoryItem) -> LedgerEntry:
    return LedgerEntry(str(item.request_id), int(item.credits_), str(item.operation), int(item.timestamp))


def ledger_mark(huhu: Huhu, *, keep: int = 3) -> LedgerMark:
    """Record where the credit history stands now (one request: its first page)."""
    page = huhu.call(get_credit_history)
    return LedgerMark(tuple(_entry(item).key for item in list(page.items)[:keep]))


def _walk(huhu: Huhu, stop: LedgerMark) -> Iterator[LedgerEntry]:
    """Entries newest first, until one of ``stop``'s (the whole history for an empty mark)."""
    known = set(stop.head)
    for item in huhu.paginate(get_credit_history):
        entry = _entry(item)
        if entry.key in known:
            return
        yield entry


def ledger_since(huhu: Huhu, mark: LedgerMark) -> list[LedgerEntry]:
    """Entries added since ``mark``, oldest first."""
    return list(reversed(list(_walk(huhu, mark))))


def ledger_spend(
    huhu: Huhu, request_ids: Collection[str], *, this_time: LedgerMark, first: LedgerMark | None
) -> tuple[int, int]:
    """Credits the server charged (net of refunds) for ``request_ids``: ``(since this_time, since first)``.

    The history is read newest first down to ``first`` (all of it when None)."""
    now = total = 0
    recent = True
    mine = set(request_ids)
    known_now = set(this_time.head)
    for entry in _walk(huhu, first or LedgerMark()):
        if entry.key in known_now:
            recent = False
        if entry.request_id in mine:
            total += entry.credits
            now += entry.credits if recent else 0
    return now, total


@dataclass(frozen=True)
class Doubt:
    """A billable request whose outcome the server has not told yet."""

    key: str  # the caller's name for it, e.g. "generate:<task ids>" or "upscale:<task>:<idx>"
    operation_id: str  # the spec operation, e.g. generate_tasks
    items: tuple[str, ...]  # ids the ledger charges per item (try-on task ids); () when per request
    credits: int  # what it costs if applied
    mark: LedgerMark  # the credit history just before it was sent
    started: float  # clock() when it was sent
    answered: int | None = None  # a 5xx status; None: no answer (timeout, dropped, or a crash)
    attempts: int = 1

    def describe(self) -> str:
        op = load_spec().operation(self.operation_id)
        what = f"tasks {', '.join(self.items)}" if self.items else self.key
        return f"{op.method} {op.path} for {what} (up to {self.credits} credits)"

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Doubt:
        data = json.loads(text)
        data["items"] = tuple(data["items"])
        data["mark"] = LedgerMark(tuple(data["mark"]["head"]))
        return cls(**data)


class Verdict(Enum):
    APPLIED = "applied"
    NOT_APPLIED = "not applied"
    OPEN = "open"
    EXPIRED = "expired"


@dataclass(frozen=True)
class DoubtPolicy:
    """How long doubt may last, and whether an expired doubt may be sent again."""

    window: float = DEFAULT_WINDOW
    settle: float = DEFAULT_SETTLE
    resend: bool = False


def judge(doubt: Doubt, *, applied: bool, now: float, policy: DoubtPolicy) -> Verdict:
    """The one rule: what the server's state (``applied``: status moved or charge found) says now."""
    if applied:
        return Verdict.APPLIED
    age = now - doubt.started
    if doubt.answered is not None and age >= policy.settle:
        return Verdict.NOT_APPLIED
    if age >= policy.window:
        return Verdict.NOT_APPLIED if policy.resend else Verdict.EXPIRED
    return Verdict.OPEN


def charge_for(
    doubt: Doubt, entries: Iterable[LedgerEntry], claimed: Collection[str] = ()
) -> LedgerEntry | None:
    """The credit-history entry (since the doubt's mark) that shows it was applied, if any.

    Per-item charges match by item id; a per-request charge is the oldest entry of the operation and
    price whose request id is not ``claimed`` (known to belong to something else)."""
    rule = load_spec().operation(doubt.operation_id).credits
    if rule is None:
        return None
    for entry in entries:
        if entry.operation != rule.operation or entry.credits <= 0:
            continue
        if doubt.items and entry.request_id in doubt.items:
            return entry
        if not doubt.items and entry.credits == doubt.credits and entry.request_id not in claimed:
            return entry
    return None


def new_doubt(
    huhu: Huhu, key: str, operation_id: str, body: dict[str, Any], *, now: float, attempts: int = 1
) -> Doubt:
    """Price the request and mark the ledger: the doubt to store before sending it."""
    spec = load_spec()
    rule = spec.operation(operation_id).credits
    items: tuple[str, ...] = ()
    if rule is not None and rule.entry_per is not None:
        items = tuple(str(i) for i in body.get(rule.entry_per, []))
    return Doubt(
        key, operation_id, items, spec.price(operation_id, body), ledger_mark(huhu), now, None, attempts
    )


class InDoubtError(HuhuError):
    """Billable requests stayed in doubt past the window: they may or may not have been charged."""

    def __init__(self, doubts: Iterable[Doubt], window: float) -> None:
        self.doubts = tuple(doubts)
        self.credits = sum(d.credits for d in self.doubts)
        what = "; ".join(d.describe() for d in self.doubts)
        n = len(self.doubts)
        super().__init__(
            f"{n} request{'s' if n != 1 else ''} in doubt after {window:g} s: {what}; the server has not shown "
            f"whether {'they were' if n != 1 else 'it was'} applied. Run the same command again to check, "
            f"or add {RESEND_FLAG} to send {'them' if n != 1 else 'it'} again "
            f"(up to {self.credits} more credits if {'they were' if n != 1 else 'it was'} applied after all)"
        )


class BillingFailedError(HuhuError):
    """A billable request failed on both attempts, and the server shows neither was applied."""

    def __init__(self, doubt: Doubt) -> None:
        self.doubt = doubt
        why = f"HTTP {doubt.answered}" if doubt.answered is not None else "no answer"
        super().__init__(
            f"{doubt.describe()} failed {doubt.attempts} times ({why}) and the server shows neither attempt "
            "applied (no status change, no charge): nothing was spent on it; try again later"
        )


class DoubtStore(Protocol):
    """Where doubts live until resolved (the batch journal; :class:`MemoryDoubts` by default)."""

    def doubts(self) -> list[Doubt]: ...
    def save_doubt(self, doubt: Doubt) -> None: ...
    def drop_doubt(self, key: str) -> None: ...


@dataclass
class MemoryDoubts:
    """A :class:`DoubtStore` in memory (doubts are lost with the process)."""

    held: dict[str, Doubt] = field(default_factory=dict)

    def doubts(self) -> list[Doubt]:
        return list(self.held.values())

    def save_doubt(self, doubt: Doubt) -> None:
        self.held[doubt.key] = doubt

    def drop_doubt(self, key: str) -> None:
        self.held.pop(key, None)


class _HasRequestId(Protocol):
    @property
    def request_id(self) -> object: ...  # str, or absent (UNSET) where the reference shows none


class Billable:
    """Sends requests that are answered with a ``request_id`` (upscale, video, ...) under the rule."""

    def __init__(
        self,
        huhu: Huhu,
        *,
        store: DoubtStore | None = None,
        policy: DoubtPolicy | None = None,
        interval: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        claimed: Callable[[], Collection[str]] = frozenset,
    ) -> None:
        self.huhu = huhu
        self.store: DoubtStore = store if store is not None else MemoryDoubts()
        self.policy = policy or DoubtPolicy()
        self.interval = interval
        self.sleep = sleep
        self.clock = clock
        self.claimed = claimed

    def send(
        self,
        key: str,
        endpoint: SyncEndpoint[_HasRequestId],
        body: Any,
        *,
        record: Callable[[str], None] = lambda request_id: None,
    ) -> str:
        """Send ``body`` once (or settle an earlier send of ``key`` left in doubt): the request id.

        ``record`` journals the id before the doubt is dropped, so a crash never loses it."""
        operation_id = operation_for(endpoint.__name__).operation_id
        data: dict[str, Any] = body.to_dict()
        # Attempts count per call: a doubt left by an earlier run may be sent once more by this one.
        doubt = next((replace(d, attempts=0) for d in self.store.doubts() if d.key == key), None)
        attempt = 0
        limited_since: float | None = None
        while True:
            if doubt is None:
                attempt += 1
                doubt = new_doubt(self.huhu, key, operation_id, data, now=self.clock(), attempts=attempt)
                self.store.save_doubt(doubt)  # before sending: a crash mid-request leaves it in doubt
                try:
                    answer = self.huhu.call(endpoint, body=body)
                except AmbiguousRequestError as error:
                    doubt = replace(doubt, answered=error.status)
                    self.store.save_doubt(doubt)
                except RateLimitError as error:  # slots busy: refused before charging (D-429)
                    self.store.drop_doubt(key)
                    limited_since = doubt.started if limited_since is None else limited_since
                    if self.clock() - limited_since >= self.policy.window:
                        raise
                    doubt, attempt = None, attempt - 1
                    self.sleep(error.retry_after or self.interval)
                    continue
                except (APIStatusError, APIConnectionError):
                    self.store.drop_doubt(key)  # refused (4xx) or never sent: not applied, not repeated
                    raise
                else:
                    if isinstance(answer.request_id, str) and answer.request_id:
                        record(answer.request_id)
                        self.store.drop_doubt(key)
                        return answer.request_id
                    # Applied, but the answer names no request (D-FID-REQUIRED): the charge in the
                    # credit history names it. Until it shows, the doubt stays (never re-sent).
            request_id, verdict = self._settle(doubt)
            if verdict is Verdict.APPLIED:
                assert request_id is not None
                record(request_id)
                self.store.drop_doubt(key)
                return request_id
            if verdict is Verdict.EXPIRED:
                raise InDoubtError([doubt], self.policy.window)
            self.store.drop_doubt(key)
            if doubt.attempts >= MAX_ATTEMPTS:
                raise BillingFailedError(doubt)
            doubt = None  # not applied: sent once more

    def _settle(self, doubt: Doubt) -> tuple[str | None, Verdict]:
        """Wait until the doubt is decided (applied, not applied, or expired)."""
        while True:
            found = charge_for(doubt, ledger_since(self.huhu, doubt.mark), self.claimed())
            verdict = judge(doubt, applied=found is not None, now=self.clock(), policy=self.policy)
            if verdict is not Verdict.OPEN:
                return (found.request_id if found else None), verdict
            self.sleep(self.interval)
