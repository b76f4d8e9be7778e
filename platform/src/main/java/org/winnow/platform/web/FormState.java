package org.winnow.platform.web;

import java.util.Map;

/** The comment form as shown: what to prefill, which errors to show, and the hidden tokens. */
public record FormState(String author, String email, String url, String body, boolean remember,
                        Map<String, String> errors, String formToken, Long parentId, String parentAuthor,
                        String cancelUrl) {
    public FormState {
        errors = Map.copyOf(errors);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
