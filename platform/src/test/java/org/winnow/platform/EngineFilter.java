package org.winnow.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.model.Model;

/** The test's SpamFilter: a real SpamEngine that learns at once, with a record of every lesson. */
final class EngineFilter implements SpamFilter {
    record Lesson(long siteId, long commentId, Comment comment, boolean spam, String source, java.time.Instant at) {}

    final SpamEngine engine = SpamEngine.create(Model.empty());
    final List<Lesson> lessons = new CopyOnWriteArrayList<>();
    /** Ids the intake said it was storing judged comments under, in order. */
    final List<Long> storing = new CopyOnWriteArrayList<>();
    /** Comment ids whose copies the platform asked to forget, in order. */
    final List<Long> forgotten = new CopyOnWriteArrayList<>();

    @Override
    public Verdict judge(long siteId, Comment comment) {
        return engine.judge(Long.toString(siteId), comment);
    }

    @Override
    public void correct(long siteId, long commentId, Comment comment, boolean spam, String source) {
        lessons.add(new Lesson(siteId, commentId, comment, spam, source, java.time.Instant.now()));
        engine.learn(Long.toString(siteId), comment, spam);
    }

    @Override
    public void forget(long siteId, long commentId) {
        forgotten.add(commentId);
    }

    /** The lessons on this comment, unless the platform asked to forget it (as the server's log would). */
    @Override
    public List<Decision> decisions(long siteId, long commentId) {
        if (forgotten.contains(commentId)) return List.of();
        return lessons.stream().filter(l -> l.siteId() == siteId && l.commentId() == commentId)
                .map(l -> new Decision(l.spam(), l.source(), l.at())).toList();
    }

    @Override
    public void storing(long commentId) {
        storing.add(commentId);
    }

    /** Teaches a few obvious examples, as a default model would know them. */
    void warmUp(long siteId) {
        String[] spam = {
            "Buy cheap pills online now, best price viagra casino bonus http://pills.example/buy",
            "Cheap replica watches and casino bonus, click http://spam.example now",
            "Earn money fast from home, best casino loans http://loans.example",
            "Discount pills pharmacy no prescription http://rx.example cheap cheap",
        };
        String[] ham = {
            "Thanks for this article, I learned a lot about the history of farming.",
            "I remember my grandmother winnowing rice on windy afternoons.",
            "Great explanation. Do you have a source for the fanning mill date?",
            "Interesting read, the comparison with moderation made me smile.",
        };
        for (int round = 0; round < 3; round++) {
            for (String s : spam) engine.learn(Long.toString(siteId), Comment.builder().content(s).author("Cheap Deals")
                    .authorUrl("http://spam.example").userIp("203.0.113.66").build(), true);
            for (String h : ham) engine.learn(Long.toString(siteId), Comment.builder().content(h).author("Reader")
                    .userIp("198.51.100.7").build(), false);
        }
    }
}
