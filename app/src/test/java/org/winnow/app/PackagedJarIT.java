package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged jar's picocli classes, which the build rewrites as Java 8 class files (app/pom.xml says why). */
class PackagedJarIT {

    private static List<String> picocliClasses(JarFile jar) {
        List<String> names = new ArrayList<>();
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
            if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) names.add(e.getName());
        }
        return names;
    }

    @Test
    void picocliIsJava8ClassFilesWhenBuiltOnJdk24OrNewer() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "the rewrite needs java.lang.classfile (JDK 24+)");
        try (JarFile jar = new JarFile(WinnowProcess.jar().toFile())) {
            List<String> names = picocliClasses(jar);
            assertThat(names).hasSizeGreaterThan(100);
            for (String name : names) {
                try (DataInputStream in = new DataInputStream(jar.getInputStream(jar.getEntry(name)))) {
                    assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
                    in.readUnsignedShort(); // minor
                    assertThat(in.readUnsignedShort()).as(name).isEqualTo(52);
                }
            }
        }
    }

    /** Linking a class runs the verifier on it: every rewritten class must pass, not only those a test happens to use. */
    @Test
    void everyPicocliClassPassesTheVerifier() throws Exception {
        try (JarFile jar = new JarFile(WinnowProcess.jar().toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {WinnowProcess.jar().toUri().toURL()},
                     ClassLoader.getPlatformClassLoader())) {
            int linked = 0;
            for (String name : picocliClasses(jar)) {
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                Class<?> c = Class.forName(className, false, loader);
                assertThat(c.getClassLoader()).isSameAs(loader); // from the jar, not from this test's class path
                c.getDeclaredMethods(); // links it, which verifies it (a VerifyError fails the test)
                linked++;
            }
            assertThat(linked).isGreaterThan(100);
        }
    }
}
