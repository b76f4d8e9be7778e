package org.winnow.training.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.engine.model.Model;
import org.winnow.training.TrainingFixtures;
import org.winnow.training.data.Example;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void classifyPrintsOneVerdictPerTestRowAndTimes() throws Exception {
        List<Example> all = TrainingFixtures.examples();
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) (i % 5 == 0 ? test : train).add(all.get(i));
        Path trainFile = TrainingFixtures.writePeersTsv(dir.resolve("train.tsv"), train);
        Path testFile = TrainingFixtures.writePeersTsv(dir.resolve("test.tsv"), test);
        int rc = new CommandLine(new ClassifyCommand()).execute("--train", trainFile.toString(), "--test", testFile.toString());
        assertThat(rc).isZero();
        String[] lines = stdout().strip().split("\n");
        assertThat(lines).hasSize(test.size());
        int correct = 0;
        for (int i = 0; i < lines.length; i++) {
            String[] cols = lines[i].split("\t");
            assertThat(cols[0]).isIn("spam", "ham");
            assertThat(Double.parseDouble(cols[1]) >= 0).isEqualTo(cols[0].equals("spam"));
            if (cols[0].equals(test.get(i).label())) correct++;
        }
        assertThat(correct).isGreaterThanOrEqualTo(test.size() - 2);
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("TIMES " + train.size() + " [0-9.]+ " + test.size() + " [0-9.]+");
    }

    @Test
    void trainWritesAModelThatCheckUses() throws Exception {
        Path data = TrainingFixtures.writePeersTsv(dir.resolve("data.tsv"), TrainingFixtures.examples());
        Path model = dir.resolve("m.bin");
        assertThat(new CommandLine(new TrainCommand()).execute(data.toString(), "-o", model.toString())).isZero();
        try (InputStream in = Files.newInputStream(model)) {
            assertThat(Model.read(in).examplesLearned()).isEqualTo(TrainingFixtures.examples().size());
        }
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "subscribe to my channel http://bit.ly/abc now!!!\n"
                + "{\"comment_content\":\"the lyrics are beautiful haha\",\"comment_author\":\"Ann\"}\n"
                + "{\"comment_content\":\"the lyrics are beautiful\",\"honeypot\":\"filled\"}\n");
        assertThat(new CommandLine(new CheckCommand()).execute("-m", model.toString(), input.toString())).isZero();
        List<String> verdicts = stdout().lines().filter(l -> !l.startsWith(" ")).toList();
        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get(0)).matches("(SPAM|DISCARD) .*");
        assertThat(verdicts.get(1)).startsWith("HAM");
        assertThat(verdicts.get(2)).startsWith("DISCARD");
        assertThat(stdout()).contains("rule:honeypot");
    }

    @Test
    void evalPrintsMetricsAndWritesJson() throws Exception {
        Path data = TrainingFixtures.writePeersTsv(dir.resolve("data.tsv"), TrainingFixtures.examples());
        Path json = dir.resolve("r.json");
        int rc = new CommandLine(new EvalCommand()).execute(data.toString(), "-k", "3", "--json", json.toString());
        assertThat(rc).isZero();
        assertThat(stdout()).contains("3-fold stratified").contains("fold 3").contains("MCC");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[eval]");
        String j = Files.readString(json);
        assertThat(j).startsWith("{\"protocol\":\"3-fold stratified\"").contains("\"pooled\":{\"n\":" + TrainingFixtures.examples().size());
    }
}
