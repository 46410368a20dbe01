-- The batch try-on journal (huhu_ext/journal.py): one SQLite file in each `huhu tryon` output folder.
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA cache_size=-256; -- 256 KiB: the journal is small; keep memory flat
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skus (
    sku_name TEXT PRIMARY KEY,
    sku_id TEXT
);
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT PRIMARY KEY,
    sku_id TEXT NOT NULL,
    sku_name TEXT NOT NULL,
    view TEXT,
    model_image TEXT,
    submitted INTEGER NOT NULL DEFAULT 0,
    credits INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS requests (
    key TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    credits INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doubts (key TEXT PRIMARY KEY, doubt TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outputs (
    task_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    image_id TEXT NOT NULL,
    file TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'tryon',
    credits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, idx, kind)
);
