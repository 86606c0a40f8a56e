CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, url TEXT, publisher TEXT, title TEXT, published TEXT, language TEXT,
    text TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, sector TEXT,
    aliases TEXT NOT NULL DEFAULT '[]', description TEXT, in_kb INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS mentions (
    document TEXT NOT NULL REFERENCES documents(id), sentence INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    actor TEXT NOT NULL REFERENCES actors(id), method TEXT NOT NULL,
    PRIMARY KEY (document, start, "end")
);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor);
CREATE TABLE IF NOT EXISTS relations (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, subject TEXT NOT NULL, object TEXT NOT NULL,
    start TEXT, "end" TEXT, modality TEXT NOT NULL, attributed_to TEXT,
    document TEXT NOT NULL REFERENCES documents(id), sentence INTEGER NOT NULL,
    ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, quote TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS relations_subject ON relations(subject);
CREATE INDEX IF NOT EXISTS relations_object ON relations(object);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, date TEXT, date_end TEXT, location TEXT,
    country TEXT, modality TEXT NOT NULL, attributed_to TEXT, trigger TEXT,
    document TEXT NOT NULL REFERENCES documents(id), sentence INTEGER NOT NULL,
    ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, quote TEXT NOT NULL,
    quantities TEXT NOT NULL DEFAULT '[]', flags TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE TABLE IF NOT EXISTS event_actors (
    event TEXT NOT NULL REFERENCES events(id), actor TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')), position INTEGER NOT NULL,
    PRIMARY KEY (event, role, actor)
);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor);
-- what an actor is part of by the knowledge base's part_of chains, up to its state (written at
-- ingest; corroboration reads it so that "the US military" and "the United States" can meet)
CREATE TABLE IF NOT EXISTS actor_ancestors (
    actor TEXT NOT NULL, ancestor TEXT NOT NULL, PRIMARY KEY (actor, ancestor)
);
CREATE TABLE IF NOT EXISTS kb_overlay (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, origin TEXT NOT NULL, record TEXT NOT NULL
);
