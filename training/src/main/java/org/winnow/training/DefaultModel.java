package org.winnow.training;

import org.winnow.engine.model.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The model shipped in the jar, trained at build time from {@code corpus/} by {@link BuildDefaultModel}. */
public final class DefaultModel {
    public static final String RESOURCE = "/org/winnow/training/default-model.bin";

    private DefaultModel() {}

    /** Reads the shipped model; fails clearly when the jar was built without it. */
    public static Model load() {
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("default model missing from the classpath: " + RESOURCE);
            return Model.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default model " + RESOURCE, e);
        }
    }
}
