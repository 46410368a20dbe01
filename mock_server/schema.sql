-- The mock's SQLite tables and indexes (read by mock_server/storage.py, which splits this file on
-- semicolons: write none but at the end of a statement).
-- Every table has an INTEGER ``seq`` primary key (creation order, used by pagination) unless it is
-- a pure association table. Nested values are JSON text, binary content lives in ``files``.

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS teams (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id TEXT UNIQUE NOT NULL,
    user_id TEXT NOT NULL,
    credits INTEGER NOT NULL,
    granted INTEGER NOT NULL,
    slots INTEGER NOT NULL,
    plan_status TEXT NOT NULL,
    plan_name TEXT,
    subscription_id TEXT,
    default_program_id TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS api_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id TEXT UNIQUE NOT NULL,
    team_id TEXT NOT NULL,
    digest TEXT NOT NULL,
    digest_prefix TEXT NOT NULL,
    program_id TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS programs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id TEXT UNIQUE NOT NULL,
    team_id TEXT NOT NULL,
    program_name TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS program_shares (
    program_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    PRIMARY KEY (program_id, team_id)
);

CREATE TABLE IF NOT EXISTS projects (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id TEXT UNIQUE NOT NULL,
    program_id TEXT NOT NULL,
    project_name TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS uploads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    upload_id TEXT UNIQUE NOT NULL,
    project_id TEXT NOT NULL,
    key TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    part_size INTEGER NOT NULL,
    part_count INTEGER NOT NULL,
    state TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS upload_parts (
    upload_id TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    etag TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);

CREATE TABLE IF NOT EXISTS skus (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    sku_id TEXT UNIQUE NOT NULL,
    project_id TEXT NOT NULL,
    sku_name TEXT NOT NULL,
    garment_type TEXT,
    model_id TEXT,
    style_id TEXT,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS garment_images (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    garment_id TEXT UNIQUE NOT NULL,
    sku_id TEXT NOT NULL,
    image_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    garment_type TEXT NOT NULL,
    view TEXT NOT NULL,
    presentation TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS tasks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id TEXT UNIQUE NOT NULL,
    sku_id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    view TEXT NOT NULL,
    task_status TEXT NOT NULL,
    model_id TEXT,
    model_image TEXT,
    num_output_images INTEGER NOT NULL DEFAULT 1,
    prompt TEXT,
    outputs TEXT NOT NULL DEFAULT '[]',
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS models (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id TEXT UNIQUE NOT NULL,
    program_id TEXT NOT NULL,
    model_name TEXT NOT NULL,
    model_type TEXT,
    model_size TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS model_images (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    model_image_id TEXT UNIQUE NOT NULL,
    model_id TEXT NOT NULL,
    style_id TEXT,
    view_type TEXT,
    crop_type TEXT,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS gen_requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT UNIQUE NOT NULL,
    program_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    num_output_images INTEGER NOT NULL,
    prompt TEXT NOT NULL,
    images TEXT NOT NULL DEFAULT '[]',
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS upscales (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT UNIQUE NOT NULL,
    program_id TEXT NOT NULL,
    status TEXT NOT NULL,
    upscale_factor REAL NOT NULL,
    num_images INTEGER NOT NULL,
    input_file TEXT NOT NULL,
    results TEXT NOT NULL DEFAULT '[]',
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS videos (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT UNIQUE NOT NULL,
    program_id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    sku_id TEXT NOT NULL,
    request_status TEXT NOT NULL,
    duration TEXT NOT NULL,
    prompt TEXT NOT NULL,
    first_frame_file TEXT NOT NULL,
    source_task_id TEXT,
    video_file TEXT,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS poses (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    pose_id TEXT UNIQUE NOT NULL,
    program_id TEXT NOT NULL,
    title TEXT NOT NULL,
    prompt TEXT NOT NULL,
    prompt_type TEXT,
    reference_file TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS uploaded_images (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    image_id TEXT UNIQUE NOT NULL,
    team_id TEXT NOT NULL,
    program_id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    file_type TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    program_id TEXT,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS pending_files (
    path TEXT PRIMARY KEY,
    program_id TEXT,
    mime TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    inputs TEXT NOT NULL,
    create_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id TEXT NOT NULL,
    program_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    credits INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    operation TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT UNIQUE NOT NULL,
    team_id TEXT NOT NULL,
    program_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    credits INTEGER NOT NULL,
    started_at REAL NOT NULL,
    phase_at REAL NOT NULL,
    finish_at REAL NOT NULL,
    state TEXT NOT NULL,
    will_fail INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS faults (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER,
    remaining INTEGER NOT NULL,
    latency_seconds REAL NOT NULL,
    retry_after INTEGER
);

CREATE INDEX IF NOT EXISTS api_keys_prefix ON api_keys (digest_prefix);
CREATE INDEX IF NOT EXISTS projects_program ON projects (program_id, seq);
CREATE INDEX IF NOT EXISTS skus_project ON skus (project_id, seq);
CREATE INDEX IF NOT EXISTS garment_images_sku ON garment_images (sku_id, seq);
CREATE INDEX IF NOT EXISTS tasks_sku ON tasks (sku_id, seq);
CREATE INDEX IF NOT EXISTS tasks_project ON tasks (project_id, seq);
CREATE INDEX IF NOT EXISTS ledger_program ON ledger (program_id, seq);
CREATE INDEX IF NOT EXISTS jobs_running ON jobs (state, finish_at);
CREATE INDEX IF NOT EXISTS jobs_team ON jobs (team_id, state);
CREATE INDEX IF NOT EXISTS videos_program ON videos (program_id, seq);
