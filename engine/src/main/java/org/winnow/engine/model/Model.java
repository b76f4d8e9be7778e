package org.winnow.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A trained model: weights and settings. Immutable once built; read and written as a versioned binary. */
public final class Model {
    // Implementation: engine helper.

    private Model() {}

    /** A model that knows nothing yet (every comment scores at the prior). */
    public static Model empty() {
        throw new UnsupportedOperationException("not yet");
    }

    public static Model read(InputStream in) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    public void write(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
