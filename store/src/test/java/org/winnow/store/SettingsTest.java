package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest extends StoreTestBase {

    @Test
    void putGetReplaceRemove() {
        Store store = open();
        Settings settings = store.settings();
        assertThat(settings.get("model.version")).isEmpty();
        settings.put("model.version", "1");
        settings.put("model.version", "2");
        settings.put("B", "upper");
        settings.put("a", "");
        assertThat(settings.get("model.version")).contains("2");
        assertThat(settings.all()).isEqualTo(Map.of("B", "upper", "a", "", "model.version", "2"));
        assertThat(settings.all().keySet()).containsExactly("B", "a", "model.version"); // sorted
        assertThat(settings.remove("a")).isTrue();
        assertThat(settings.remove("a")).isFalse();
        assertThat(settings.get("a")).isEmpty();
    }

    @Test
    void settingsAreSharedBetweenNodes() {
        Store node1 = open();
        Store node2 = open();
        node1.settings().put("flag", "on");
        assertThat(node2.settings().get("flag")).contains("on");
        node2.settings().put("flag", "off");
        assertThat(node1.settings().get("flag")).contains("off");
    }
}
