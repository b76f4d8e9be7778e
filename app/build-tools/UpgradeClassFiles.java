import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A build step of the app module, run by the JDK's source launcher on JDK 24+ (java.lang.classfile):
 * {@code java UpgradeClassFiles.java JAR PACKAGE/...}. Rewrites the classes of the given packages in JAR
 * whose class-file version is older than Java 8 as Java 8 class files, with the stack maps the newer
 * format needs, and checks each one with the JDK's verifier.
 *
 * <p>Why: picocli is compiled for Java 5. The JDK's ahead-of-time cache (and its class-data archives)
 * skip classes that old, so every {@code winnow serve} loaded and verified its ~180 picocli classes
 * from the jar with the old verifier: about a quarter of a second of a two-second start. The
 * bytecode itself is unchanged; only the version and the stack maps are new.
 */
public final class UpgradeClassFiles {
    private static final int TARGET = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java UpgradeClassFiles.java JAR PACKAGE/ [PACKAGE/ ...]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        List<String> packages = List.of(args).subList(1, args.length);
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Map<String, byte[]> old = new HashMap<>(); // internal name -> class file, for the selected packages
            for (String pkg : packages) {
                Path dir = zip.getPath(pkg);
                if (!Files.isDirectory(dir)) throw new IllegalArgumentException(jar + " has no " + pkg);
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                        String path = f.toString().startsWith("/") ? f.toString().substring(1) : f.toString();
                        String name = path.substring(0, path.length() - ".class".length());
                        old.put(name, Files.readAllBytes(f));
                    }
                }
            }
            // Stack maps name the common supertypes of values: the JDK's classes, and these packages' own.
            ClassHierarchyResolver own = ClassHierarchyResolver.ofResourceParsing(
                    (ClassDesc d) -> {
                        byte[] b = old.get(internalName(d));
                        return b == null ? null : new ByteArrayInputStream(b);
                    });
            ClassFile classFiles = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(own)));
            ClassTransform upgrade = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL) // re-emitted, with stack maps
                    .andThen((builder, element) -> {
                        if (element instanceof ClassFileVersion) builder.withVersion(TARGET, 0);
                        else builder.with(element);
                    });
            Map<String, byte[]> upgraded = new HashMap<>();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : old.entrySet()) {
                ClassModel model = classFiles.parse(e.getValue());
                if (model.majorVersion() >= TARGET) continue;
                byte[] bytes = classFiles.transformClass(model, upgrade);
                classFiles.verify(bytes).forEach(v -> problems.add(e.getKey() + ": " + v.getMessage()));
                upgraded.put(e.getKey(), bytes);
            }
            if (!problems.isEmpty()) { // leave the jar as it was
                problems.forEach(System.err::println);
                throw new IllegalStateException(problems.size() + " upgraded class files do not verify");
            }
            for (Map.Entry<String, byte[]> e : upgraded.entrySet()) {
                Files.write(zip.getPath(e.getKey() + ".class"), e.getValue());
            }
            System.out.printf("UpgradeClassFiles: %d classes of %s in %s are now Java 8 class files%n", upgraded.size(),
                    String.join(", ", packages), jar.getFileName());
        }
    }

    private static String internalName(ClassDesc d) {
        String s = d.descriptorString();
        return s.substring(1, s.length() - 1);
    }
}
