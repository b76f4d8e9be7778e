package org.winnow.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link Settings} on the {@code settings} table. */
final class SqlSettings implements Settings {

    private final Database db;

    SqlSettings(Database db) {
        this.db = db;
    }

    @Override
    public Optional<String> get(String name) {
        Validate.present("setting name", name);
        return db.read("read setting " + name, c -> Sql.one(c,
                "SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), name));
    }

    @Override
    public void put(String name, String value) {
        Validate.nonBlank("setting name", name, MAX_NAME_CHARS);
        Validate.text("setting " + name, value, MAX_VALUE_CHARS);
        long now = System.currentTimeMillis();
        // ON CONFLICT … DO UPDATE is understood by both PostgreSQL (9.5+) and SQLite (3.24+).
        db.write("save setting " + name, c -> Sql.update(c,
                "INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                name, value, now));
    }

    @Override
    public boolean remove(String name) {
        Validate.present("setting name", name);
        return db.write("remove setting " + name, c -> Sql.update(c, "DELETE FROM settings WHERE name = ?", name)) > 0;
    }

    @Override
    public Map<String, String> all() {
        List<Map.Entry<String, String>> rows = db.read("read settings", c -> Sql.list(c,
                "SELECT name, value FROM settings", rs -> Map.entry(rs.getString(1), rs.getString(2))));
        Map<String, String> all = new TreeMap<>(); // sorted here: the databases' collations differ
        rows.forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }
}
