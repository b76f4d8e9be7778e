package org.winnow.platform.intake;

import java.util.Map;
import org.winnow.platform.data.StoredComment;

/**
 * What became of a submission: either field errors for the reader to fix (nothing stored), or the
 * stored comment with the owner token that lets its author see it while held and manage it later.
 */
public record Outcome(Map<String, String> errors, StoredComment comment, String ownerToken) {
    public static Outcome invalid(Map<String, String> errors) {
        return new Outcome(Map.copyOf(errors), null, null);
    }

    public boolean ok() {
        return comment != null;
    }
}
