package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.engine.Comment;
import org.winnow.engine.model.Model;
import org.winnow.platform.SpamFilter;
import org.winnow.server.ServerConfig;
import org.winnow.server.WinnowServer;
import org.winnow.store.Corrections;
import org.winnow.store.Corrections.Correction;
import org.winnow.store.Store;

/** The platform's filter over the server: a moderator's decisions, what their author sees of them, and their erasure meet in the correction log. */
class ServerFilterTest {

    @Test
    void erasingACommentBlanksTheDecisionsOnItAndNoOther(@TempDir Path dir) {
        try (Store store = Store.open(dir.resolve("winnow.db").toString(), "test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8))) {
            long site = store.keys().create("https://blog.example", "test").site().id();
            WinnowServer server = new WinnowServer(store, Model.empty(),
                    ServerConfig.defaults().withHost("127.0.0.1").withPort(0)).start();
            try {
                SpamFilter filter = new ServeCommand.ServerFilter(server);
                Comment ann = Comment.builder().content("Spam from Ann?").author("Ann").authorEmail("ann@example.org").build();
                Comment bob = Comment.builder().content("Ham from Bob").author("Bob").authorEmail("bob@example.org").build();
                filter.correct(site, 5, ann, true, "moderator");
                filter.correct(site, 6, bob, false, "moderator");
                filter.correct(site, 5, ann, false, "moderator"); // a second decision on the same comment

                assertThat(filter.decisions(site, 5)).extracting(SpamFilter.Decision::spam).containsExactly(true, false);
                assertThat(filter.decisions(site, 5)).allSatisfy(d -> assertThat(d.source()).isEqualTo("moderator"));

                filter.forget(site, 5);
                assertThat(filter.decisions(site, 5)).isEmpty();
                assertThat(filter.decisions(site, 6)).singleElement().satisfies(d -> assertThat(d.spam()).isFalse());
                List<Correction> log = store.corrections().after(0, 10);
                assertThat(log).extracting(Correction::comment)
                        .containsExactly(Corrections.ERASED_COMMENT, log.get(1).comment(), Corrections.ERASED_COMMENT);
                assertThat(log.get(1).comment()).contains("bob@example.org");
                assertThat(log).extracting(Correction::spam).containsExactly(true, false, false);
            } finally {
                server.stop();
            }
        }
    }
}
