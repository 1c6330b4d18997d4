package io.xzone.cli;

import io.xzone.xen.JnaDispatchLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Prepares a folder for fast starts; {@code bin/xzone} runs it once per jar and JVM, in the background. It copies JNA's
 * native library into the folder, builds the whole command model with its help, and loads every class of the jar, so
 * that the JVM running it under {@code -XX:DumpLoadedClassList} records the class list of xzone's class data sharing
 * (CDS) archive: classes from that archive start parsed and verified, which is most of a short command's time on a
 * slow dom0. Usage: {@code java -XX:DumpLoadedClassList=LIST -cp xzone.jar io.xzone.cli.StartupTraining FOLDER}.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 1) {
            System.err.println("usage: java -cp xzone.jar " + StartupTraining.class.getName() + " FOLDER");
            System.exit(ExitCode.BAD_INPUT);
        }
        JnaDispatchLibrary.copyInto(Path.of(args[0]));
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Xzone.commandLine(sink, sink).usage(sink);
        loadJar(Path.of(StartupTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    /**
     * Loads (without initializing) every class of the jar, as the archive's training and the resident daemon's
     * warm-up need; returns how many loaded.
     */
    public static int loadJar(Path jar) throws IOException {
        ClassLoader loader = StartupTraining.class.getClassLoader();
        int loaded = 0;
        for (String name : classNames(jar)) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // An optional part of a library whose dependency is absent: never used by xzone, so not archived.
            }
        }
        return loaded;
    }

    /** The binary names of the classes in {@code jar}, without module descriptors and release-specific versions. */
    static List<String> classNames(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
