package org.winnow.training.data;

import org.winnow.engine.Comment;

/**
 * One labelled text from a data set.
 *
 * @param spam   the label
 * @param source the data set, e.g. {@code youtube}, {@code sms}, {@code spamassassin}
 * @param group  a finer grouping for leave-one-group-out splits: the video, the mail folder…
 * @param text   the comment text
 */
public record Example(boolean spam, String source, String group, String text) {
    public Comment comment() {
        return Comment.ofText(text);
    }

    public String label() {
        return spam ? "spam" : "ham";
    }
}
