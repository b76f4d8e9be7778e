package org.winnow.platform.data;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The sites table. */
public final class Sites {
    /** Parsed settings by their JSON: a site is read on every page view, its settings rarely change. */
    private static final Cache<String, SiteSettings> SETTINGS = Caffeine.newBuilder().maximumSize(1_000).build();
    /** Parsed allowed origins by their stored text, for the same reason. */
    private static final Cache<String, List<String>> ORIGINS = Caffeine.newBuilder().maximumSize(1_000).build();
    private static final RowMapper<Site> MAPPER = (rs, ctx) -> new Site(rs.getLong("id"), rs.getString("slug"),
            rs.getString("name"), rs.getString("base_url"), rs.getLong("api_site_id"),
            ORIGINS.get(rs.getString("allowed_origins"), Sites::origins),
            SETTINGS.get(rs.getString("settings"), SiteSettings::fromJson), rs.getLong("created_at"));
    private final Jdbi jdbi;

    private static List<String> origins(String stored) {
        return Arrays.stream(stored.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Sites(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Site create(String slug, String name, String baseUrl, long apiSiteId, List<String> origins,
                       SiteSettings settings, long now) {
        Site site = new Site(Ids.next(), slug, name, baseUrl, apiSiteId, origins, settings, now);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO p_site (id, slug, name, base_url, api_site_id, allowed_origins, settings, created_at)
                        VALUES (:id, :slug, :name, :baseUrl, :apiSiteId, :origins, :settings, :createdAt)""")
                .bind("id", site.id()).bind("slug", slug).bind("name", name).bind("baseUrl", baseUrl)
                .bind("apiSiteId", apiSiteId).bind("origins", String.join("\n", origins))
                .bind("settings", settings.toJson()).bind("createdAt", now).execute());
        return site;
    }

    /** Saves the site's name, address, origins and settings, and raises its version (see {@link Articles#onHomeSite}). */
    public void update(Site site) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE p_site SET name = :name, base_url = :baseUrl, allowed_origins = :origins, settings = :settings,
                          version = version + 1
                        WHERE id = :id""")
                .bind("id", site.id()).bind("name", site.name()).bind("baseUrl", site.baseUrl())
                .bind("origins", String.join("\n", site.allowedOrigins())).bind("settings", site.settings().toJson())
                .execute());
    }

    /** All sites, oldest first (the first is the home site that serves the articles). */
    public List<Site> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_site ORDER BY created_at, id").map(MAPPER).list());
    }

    public Optional<Site> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_site WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public Optional<Site> bySlug(String slug) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_site WHERE slug = :slug").bind("slug", slug)
                .map(MAPPER).findOne());
    }

    public Optional<Site> home() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_site ORDER BY created_at, id LIMIT 1").map(MAPPER).findOne());
    }
}
