package io.xzone.cli.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the dom0 initramfs from the host's Debian packages: busybox, the Xen 4.17 tools and libraries, the Xen device
 * model with its firmware, the tools {@code xzone convert} runs, tmux (so tests can drive full-screen programs such as
 * {@code xzone console} in a terminal of a known size), the kernel modules dom0 needs, every library those programs and
 * the shared JVM load, and the lab's init and job agent. The JVM itself and the project come over 9p at boot.
 */
final class Dom0Initramfs {
    static final String FILE = "dom0.cpio";
    /** Loaded in this order by init; modprobe pulls their dependencies from the depmod'ed tree. */
    static final List<String> MODULES = List.of(
            "xenfs", "xen-evtchn", "xen-gntdev", "xen-gntalloc", "xen-privcmd", "xen-blkback", "xen-netback", "loop", "tun",
            "bridge", "virtio_pci", "9pnet_virtio", "9p");
    /**
     * What Xen's hotplug scripts (/etc/xen/scripts/block, vif-bridge) need beyond busybox: they are bash scripts that
     * lock with flock, and read files with coreutils' stat and loop devices with util-linux's losetup.
     */
    static final List<Path> HOTPLUG_PROGRAMS = List.of(Path.of("/usr/bin/bash"), Path.of("/usr/bin/flock"),
            Path.of("/usr/bin/stat"), Path.of("/usr/sbin/losetup"));
    static final String PATH = "/lab/bin:/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final List<String> SCRIPTS = List.of("dom0-init.sh", "dom0-agent.sh", "dom0-job.sh");
    private static final Path XEN_TOOLS = Path.of("/usr/lib/xen-4.17");
    private static final Path LIBRARY_DIR = Path.of("/usr/lib/x86_64-linux-gnu");
    /** GRUB's BIOS platform, which grub-mkrescue puts on the CD (see {@link #CONVERSION_PROGRAMS}). */
    private static final Path GRUB_BIOS_MODULES = Path.of("/usr/lib/grub/i386-pc");
    private static final Path TMUX = Path.of("/usr/bin/tmux");
    /** The terminal descriptions tmux and the programs in its panes look up (ncurses-base). */
    private static final List<Path> TERMINFO = List.of(Path.of("/lib/terminfo/s/screen"), Path.of("/lib/terminfo/t/tmux"));
    /** tmux refuses to start without a UTF-8 locale; glibc's C.UTF-8 (libc-bin) is the smallest. */
    private static final Path UTF8_LOCALE = Path.of("/usr/lib/locale/C.utf8");
    /** The option ROMs QEMU's emulated NICs load (package ipxe-qemu), e.g. efi-rtl8139.rom: without it no NIC starts. */
    private static final Path IPXE_ROMS = Path.of("/usr/lib/ipxe/qemu");
    private static final List<Path> HOST_TREES = List.of(
            XEN_TOOLS, Path.of("/etc/xen"), Path.of("/usr/share/seabios"), Path.of("/usr/share/qemu"), IPXE_ROMS,
            Path.of("/usr/libexec/xen-qemu-system-i386"), GRUB_BIOS_MODULES);

    /**
     * What {@code xzone convert pv-to-hvm} runs, so a lab test converts guests in dom0 as an operator would: debugfs
     * (under flock) edits the guest disk, grub-mkrescue builds the GRUB 2 CD with xorriso and xz. Only GRUB's BIOS
     * platform is copied: converted guests boot their CD through SeaBIOS, and the Xen platforms would add 6 MB to dom0.
     */
    static final List<Path> CONVERSION_PROGRAMS = List.of(Path.of("/usr/sbin/debugfs"), Path.of("/usr/bin/flock"),
            Path.of("/usr/bin/grub-mkrescue"), Path.of("/usr/bin/xorriso"), Path.of("/usr/bin/xz"));

    private final HostKernel kernel;
    private final Path javaHome;

    Dom0Initramfs(HostKernel kernel, Path javaHome) {
        this.kernel = kernel;
        this.javaHome = javaHome;
    }

    /** What the image depends on besides the package versions: kernel, JVM, the scripts and this recipe. */
    String fingerprint(Map<String, String> packageVersions) throws IOException {
        List<String> parts = new ArrayList<>(List.of(kernel.fingerprint(), javaHome.toString(), packageVersions.toString(),
                String.join(",", MODULES), PATH, HOTPLUG_PROGRAMS.toString(),
                LabResources.codeFingerprint(Dom0Initramfs.class, CpioArchive.class, SharedLibraries.class)));
        Path release = javaHome.resolve("release");
        parts.add(Files.exists(release) ? Files.readString(release) : "");
        SCRIPTS.forEach(s -> parts.add(LabResources.text(s)));
        return LabCache.fingerprint(parts.toArray(String[]::new));
    }

    void build(Path folder) throws IOException {
        try (CpioArchive cpio = new CpioArchive(folder.resolve(FILE))) {
            layout(cpio);
            for (Path tree : HOST_TREES) {
                if (Files.exists(tree)) {
                    cpio.copyFromHost(tree);
                }
            }
            List<Path> xenLibraries = xenLibraries();
            for (Path library : xenLibraries) {
                cpio.copyFromHost(library);
            }
            for (Path xenstoreTool : list(Path.of("/usr/bin"), "xenstore")) {
                cpio.copyFromHost(xenstoreTool);
            }
            for (Path tool : CONVERSION_PROGRAMS) {
                cpio.copyFromHost(tool);
            }
            for (Path program : HOTPLUG_PROGRAMS) {
                cpio.copyFromHost(program);
            }
            cpio.copyFromHost(TMUX);
            cpio.copyFromHost(UTF8_LOCALE);
            for (Path description : TERMINFO) {
                if (Files.exists(description)) {
                    cpio.copyFromHost(description);
                }
            }
            for (Path library : SharedLibraries.of(programs(xenLibraries))) {
                cpio.copyFromHost(library);
            }
            jvmOutsideLinks(cpio);
            modules(cpio, folder);
            scripts(cpio);
        }
    }

    private void layout(CpioArchive cpio) throws IOException {
        // Debian 12 is merged-/usr: files go in by their real path, these links make the classic paths work.
        cpio.symlink("bin", "usr/bin");
        cpio.symlink("sbin", "usr/sbin");
        cpio.symlink("lib", "usr/lib");
        cpio.symlink("lib64", "usr/lib64");
        for (String dir : new String[] {"usr/bin", "usr/sbin", "usr/lib64", "proc", "sys", "dev", "run", "tmp", "root", "xzone", "usr/lib/jvm",
                "lab/exchange", "lab/guest", "var/lib", "var/log", "etc"}) {
            cpio.directory(dir);
        }
        cpio.symlink("var/run", "../run");
        cpio.symlink("lab/share", "exchange/share");
        cpio.characterDevice("dev/console", 5, 1);
        cpio.copyFromHost(Path.of("/bin/busybox"));
        cpio.symlink("usr/bin/sh", "busybox");
        cpio.symlink("usr/bin/java", javaHome.resolve("bin/java").toString());
        cpio.file("etc/passwd", bytes("root:x:0:0:root:/root:/bin/sh\n"), 0644);
        cpio.file("etc/group", bytes("root:x:0:\n"), 0644);
        cpio.file("etc/hosts", bytes("127.0.0.1 localhost dom0\n"), 0644);
        cpio.file("etc/hostname", bytes("dom0\n"), 0644);
    }

    private static List<Path> xenLibraries() throws IOException {
        List<Path> libraries = new ArrayList<>();
        for (Path p : list(LIBRARY_DIR, "libxen")) {
            if (p.getFileName().toString().contains(".so")) {
                libraries.add(p);
            }
        }
        return libraries;
    }

    /** Every ELF file whose libraries dom0 needs: the Xen tools, the device model, the JVM's launcher and libraries. */
    private List<Path> programs(List<Path> xenLibraries) throws IOException {
        Set<Path> programs = new LinkedHashSet<>(xenLibraries);
        programs.addAll(elfFiles(XEN_TOOLS));
        programs.addAll(list(Path.of("/usr/bin"), "xenstore"));
        programs.addAll(HOTPLUG_PROGRAMS);
        programs.add(Path.of("/usr/libexec/xen-qemu-system-i386"));
        programs.addAll(CONVERSION_PROGRAMS);
        programs.add(TMUX);
        programs.addAll(elfFiles(javaHome));
        return new ArrayList<>(programs);
    }

    /** The JVM links some files to /etc (jvm.cfg, security, cacerts); the 9p share cannot carry those, so copy them. */
    private void jvmOutsideLinks(CpioArchive cpio) throws IOException {
        Path jvms = javaHome.getParent();
        try (Stream<Path> walk = Files.walk(javaHome)) {
            for (Path link : walk.filter(Files::isSymbolicLink).toList()) {
                Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                if (!target.startsWith(jvms) && Files.exists(target)) {
                    cpio.copyFromHost(target);
                }
            }
        }
    }

    private void modules(CpioArchive cpio, Path folder) throws IOException {
        Path stage = Files.createTempDirectory(folder, "modules");
        Path tree = stage.resolve("lib/modules").resolve(kernel.release());
        Files.createDirectories(tree);
        for (String module : MODULES) {
            String plan = HostCommand.output(List.of("modprobe", "-S", kernel.release(), "--show-depends", module));
            for (String line : plan.split("\n")) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2 && words[0].equals("insmod")) {
                    Path source = Path.of(words[1]);
                    String marker = "/modules/" + kernel.release() + "/";
                    Path copy = tree.resolve(words[1].substring(words[1].indexOf(marker) + marker.length()));
                    Files.createDirectories(copy.getParent());
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (String index : new String[] {"modules.order", "modules.builtin", "modules.builtin.modinfo"}) {
            Path source = kernel.modules().resolve(index);
            if (Files.exists(source)) {
                Files.copy(source, tree.resolve(index));
            }
        }
        HostCommand.output(List.of("depmod", "-b", stage.toString(), kernel.release()));
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                cpio.file("usr/lib/modules/" + kernel.release() + "/" + tree.relativize(file), file, 0644);
            }
        }
        LabCache.deleteTree(stage);
    }

    private void scripts(CpioArchive cpio) throws IOException {
        cpio.file("init", LabResources.bytes("dom0-init.sh"), 0755);
        cpio.file("lab/agent.sh", LabResources.bytes("dom0-agent.sh"), 0755);
        cpio.file("lab/run-job.sh", LabResources.bytes("dom0-job.sh"), 0755);
        // The project's launcher, as an operator runs it: its JVM flags and class data archive (cached in dom0's
        // /var/cache/xzone, built after the first command of each boot) are part of what the lab measures.
        cpio.file("lab/bin/xzone", bytes("#!/bin/sh\n# xzone from the project's build, shared read-only over 9p.\n"
                + "exec /xzone/bin/xzone \"$@\"\n"), 0755);
        cpio.file("lab/lab.env", bytes("LAB_MODULES='" + String.join(" ", MODULES) + "'\n"
                + "LAB_JAVA_HOME='" + javaHome + "'\n"
                + "LAB_PATH='" + PATH + "'\n"), 0644);
    }

    private static List<Path> list(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static List<Path> elfFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p) && isElf(p)).sorted().toList();
        }
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
