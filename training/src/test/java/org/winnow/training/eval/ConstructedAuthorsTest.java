package org.winnow.training.eval;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.model.Model;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ConstructedAuthorsTest {
    private static List<Example> texts(boolean spam, String prefix, int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Example(spam, "test", "g", prefix + " number " + i));
        return out;
    }

    static final List<Example> HAM = texts(false, "thanks for the article, I enjoyed reading it", 600);
    static final List<Example> SPAM = texts(true, "buy cheap pills online now", 400);
    static final List<Example> OTHER = texts(true, "ayo daftar di situs gacor", 200);

    @Test
    void campaignsAreTiedTogetherOnlyByTheirAuthorFieldsAndEveryTextIsUsedOnce() {
        List<ConstructedAuthors.Item> items = ConstructedAuthors.build(HAM, SPAM, OTHER, 7);
        Map<String, Integer> counts = ConstructedAuthors.counts(items);
        assertThat(counts.keySet()).containsExactlyElementsOf(ConstructedAuthors.KINDS);
        assertThat(counts.get("ham")).isEqualTo(480); // a fifth of the 600 texts set aside as the words of link spam
        assertThat(counts.get("single spam")).isEqualTo(150);
        assertThat(counts.get("advertised website")).isBetween(12 * 6, 12 * 20);

        List<String> contents = items.stream().map(i -> i.comment().content()).toList();
        assertThat(new HashSet<>(contents)).hasSameSizeAs(contents);
        // 12 advertised websites, each under a keyword name, each comment from a new address
        List<Comment> advertised = items.stream().filter(i -> i.kind().equals("advertised website"))
                .map(ConstructedAuthors.Item::comment).toList();
        assertThat(advertised.stream().map(Comment::authorUrl).collect(Collectors.toSet())).hasSize(12);
        assertThat(advertised.stream().map(Comment::authorEmail).collect(Collectors.toSet())).hasSameSizeAs(advertised);
        assertThat(advertised).allSatisfy(c -> assertThat(c.authorUrl()).contains(c.author().replace("best ", "").replace(' ', '-')));
        // 8 throwaway addresses; readers are people with an address nearly always
        Set<String> throwaway = items.stream().filter(i -> i.kind().equals("one throwaway address"))
                .map(i -> i.comment().authorEmail()).collect(Collectors.toSet());
        assertThat(throwaway).hasSize(8);
        assertThat(items).filteredOn(i -> i.kind().equals("ham")).allSatisfy(i -> assertThat(i.spam()).isFalse())
                .filteredOn(i -> !i.comment().authorEmail().isEmpty()).hasSizeGreaterThan(384);
        // 6 linked sites, another page of one of them in every text of their campaigns, under changing identities
        List<Comment> linked = items.stream().filter(i -> i.kind().equals("one linked site"))
                .map(ConstructedAuthors.Item::comment).toList();
        assertThat(linked.stream().map(c -> c.content().replaceAll("(?s).*http://([^/]+)/.*", "$1")).collect(Collectors.toSet()))
                .hasSize(6);
        assertThat(linked).allSatisfy(c -> assertThat(c.authorUrl()).isEmpty());
        assertThat(linked.stream().map(Comment::authorEmail).collect(Collectors.toSet())).hasSameSizeAs(linked);
        // every other campaign speaks the other domain
        assertThat(items).filteredOn(i -> i.comment().content().startsWith("ayo daftar")).isNotEmpty()
                .allSatisfy(i -> assertThat(i.kind()).isNotIn("ham", "single spam"));
        // deterministic for a seed
        assertThat(ConstructedAuthors.build(HAM, SPAM, OTHER, 7)).isEqualTo(items);
    }

    @Test
    void onlyTheCorrectingModesLearnAndLeavingTheAuthorFieldsOutChangesWhatTheyCatch() {
        List<Example> train = new ArrayList<>(texts(false, "what a lovely read, thank you", 40));
        train.addAll(texts(true, "cheap pills casino bonus click", 40));
        Model model = new Trainer(Trainer.Settings.defaults()).train(train);
        List<ConstructedAuthors.Item> items = ConstructedAuthors.build(HAM, SPAM, OTHER, 7);

        ConstructedAuthors.Run modelOnly = ConstructedAuthors.run(model, items, ConstructedAuthors.Mode.MODEL_ONLY);
        ConstructedAuthors.Run history = ConstructedAuthors.run(model, items, ConstructedAuthors.Mode.DEFAULT);
        ConstructedAuthors.Run featuresOnly = ConstructedAuthors.run(model, items, ConstructedAuthors.Mode.FEATURES_ONLY);
        assertThat(modelOnly.corrections()).isZero();
        assertThat(history.corrections()).isPositive();
        // the Indonesian campaigns are unknown to this model: only corrections (and the author fields) catch them
        assertThat(history.flagged("advertised website")).isGreaterThan(modelOnly.flagged("advertised website"));
        assertThat(history.metrics().n()).isEqualTo(items.size());
        // the history changes verdicts beyond what the fields do as model features
        assertThat(history.margins()).isNotEqualTo(featuresOnly.margins());
    }
}
