package org.winnow.store;

import java.util.Map;
import java.util.Optional;

/**
 * Small named values the server keeps across restarts and shares between nodes (e.g. the learned
 * model's version, one-off flags). Not for bulk data: values are read and written whole.
 */
public interface Settings {

    /** Longest accepted name. */
    int MAX_NAME_CHARS = 100;

    /** Longest accepted value. */
    int MAX_VALUE_CHARS = 1 << 20;

    Optional<String> get(String name);

    /** Sets {@code name} to {@code value} durably, replacing any previous value. */
    void put(String name, String value);

    /** Removes {@code name}; false if it was not set. */
    boolean remove(String name);

    /** Every setting, sorted by name. */
    Map<String, String> all();
}
