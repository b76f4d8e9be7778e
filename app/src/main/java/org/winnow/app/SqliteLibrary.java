package org.winnow.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Copies sqlite-jdbc's native library for this machine out of the jar into a folder, for the launcher
 * to keep beside the jar and pass as {@code -Dorg.sqlite.lib.path=DIR -Dorg.sqlite.lib.name=NAME}.
 * Without it, sqlite-jdbc copies the library to a new temporary file and compares the copy with the
 * jar's on every start: a tenth of the main thread's work before the first answer (docs/performance.md).
 * Prints the file name. Usage: {@code java -cp winnow.jar org.winnow.app.SqliteLibrary DIR}
 */
public final class SqliteLibrary {
    private SqliteLibrary() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp winnow.jar org.winnow.app.SqliteLibrary DIR");
            System.exit(2);
        }
        try {
            System.out.println(copyTo(Path.of(args[0])).getFileName());
        } catch (IOException e) {
            System.err.println("winnow: cannot copy SQLite's native library: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes the library sqlite-jdbc would load on this machine (same folder and name as its own
     * loader picks) into {@code dir}, replacing an older copy in one step, and returns its path.
     */
    static Path copyTo(Path dir) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("this jar has no " + resource + " (an operating system or processor it was not built for)");
            Files.createDirectories(dir);
            // written under a name of its own, then renamed: a process loading the old copy never sees half a file
            Path part = Files.createTempFile(dir, name, ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                return Files.move(part, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }
}
