package io.xzone.boot.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a zone spec file (TOML 1.0) into a {@link ZoneSpecBuilder}: checks that every key is known and has the right
 * type, and resolves file paths against the spec's own folder. Values are checked by the builder.
 */
public final class ZoneSpecFile {
    static final List<String> TOP_KEYS = List.of("name", "uuid", "memory", "maxmem", "vcpus", "maxvcpus", "kernel",
            "ramdisk", "cmdline", "backend", "cpus", "on_poweroff", "on_reboot", "on_crash", "disk", "network", "hvm");
    private static final Set<String> DISK_KEYS = Set.of("path", "kind", "target", "readonly", "cdrom");
    private static final Set<String> NETWORK_KEYS = Set.of("bridge", "mac", "model");
    private static final Set<String> HVM_KEYS = Set.of("firmware", "boot", "serial");

    private final Path file;
    private final Path folder;
    private final TomlParseResult toml;

    private ZoneSpecFile(Path file, TomlParseResult toml) {
        this.file = file;
        this.folder = file.toAbsolutePath().getParent();
        this.toml = toml;
    }

    /** Parses the file into a new builder; flags may then override its values. */
    public static ZoneSpecBuilder read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SpecException(file + ": no such spec file");
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read: " + e.getMessage());
        }
        if (toml.hasErrors()) {
            TomlParseError first = toml.errors().get(0);
            throw new SpecException(file + ":" + first.position().line() + ": not valid TOML: " + first.getMessage());
        }
        ZoneSpecBuilder builder = new ZoneSpecBuilder();
        new ZoneSpecFile(file, toml).fill(builder);
        return builder;
    }

    private void fill(ZoneSpecBuilder b) {
        rejectUnknownKeys(toml, "", Set.copyOf(TOP_KEYS));
        string(toml, "name", b::name);
        string(toml, "uuid", b::uuid);
        integer(toml, "memory", b::memory);
        integer(toml, "maxmem", b::maxmem);
        integer(toml, "vcpus", b::vcpus);
        integer(toml, "maxvcpus", b::maxVcpus);
        path(toml, "kernel", b::kernel);
        path(toml, "ramdisk", b::ramdisk);
        string(toml, "cmdline", b::cmdline);
        string(toml, "backend", b::backend);
        cpus(b);
        string(toml, "on_poweroff", b::onPoweroff);
        string(toml, "on_reboot", b::onReboot);
        string(toml, "on_crash", b::onCrash);
        for (TomlTable disk : tables("disk")) {
            rejectUnknownKeys(disk, "disk.", DISK_KEYS);
            b.disk(new ZoneSpecBuilder.RawDisk(optionalPath(disk, "path"), optionalString(disk, "kind"),
                    optionalString(disk, "target"), flag(disk, "readonly"), flag(disk, "cdrom")), at(toml, "disk", disk));
        }
        for (TomlTable vif : tables("network")) {
            rejectUnknownKeys(vif, "network.", NETWORK_KEYS);
            b.network(new ZoneSpecBuilder.RawNetwork(optionalString(vif, "bridge"), optionalString(vif, "mac"),
                    optionalString(vif, "model")),
                    at(toml, "network", vif));
        }
        if (toml.contains("hvm")) {
            TomlTable hvm = table(toml, "hvm");
            rejectUnknownKeys(hvm, "hvm.", HVM_KEYS);
            string(hvm, "firmware", b::firmware);
            string(hvm, "boot", b::bootOrder);
            if (hvm.contains("serial")) {
                b.serial(typed(hvm, "serial", Boolean.class, "true or false"), origin(hvm, "serial"));
            }
        }
    }

    private void rejectUnknownKeys(TomlTable table, String prefix, Set<String> known) {
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                throw new SpecException(origin(table, key), prefix + key, "unknown key; known keys are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private Origin origin(TomlTable table, String key) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return new Origin.FileLine(file, position == null ? 1 : position.line());
    }

    /** The line of an array-of-tables entry: its first key's line, else the array's. */
    private Origin at(TomlTable root, String arrayKey, TomlTable entry) {
        for (String key : entry.keySet()) {
            return origin(entry, key);
        }
        return origin(root, arrayKey);
    }

    private <T> T typed(TomlTable table, String key, Class<T> type, String expected) {
        Object value = table.get(List.of(key));
        if (!type.isInstance(value)) {
            throw new SpecException(origin(table, key), key, "expected " + expected + ", got " + describe(value));
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }

    private void string(TomlTable table, String key, BiConsumer<String, Origin> setter) {
        if (table.contains(List.of(key))) {
            setter.accept(typed(table, key, String.class, "a string"), origin(table, key));
        }
    }

    private void integer(TomlTable table, String key, BiConsumer<Long, Origin> setter) {
        if (table.contains(List.of(key))) {
            setter.accept(typed(table, key, Long.class, "an integer"), origin(table, key));
        }
    }

    private void path(TomlTable table, String key, BiConsumer<Path, Origin> setter) {
        if (table.contains(List.of(key))) {
            setter.accept(folder.resolve(typed(table, key, String.class, "a file path string")), origin(table, key));
        }
    }

    private String optionalString(TomlTable table, String key) {
        return table.contains(List.of(key)) ? typed(table, key, String.class, "a string") : null;
    }

    private Path optionalPath(TomlTable table, String key) {
        String value = optionalString(table, key);
        return value == null ? null : folder.resolve(value);
    }

    private boolean flag(TomlTable table, String key) {
        return table.contains(List.of(key)) && typed(table, key, Boolean.class, "true or false");
    }

    /** cpus = "1" or "0-3" (as in xl.cfg), or an array of CPU numbers. */
    private void cpus(ZoneSpecBuilder b) {
        if (!toml.contains("cpus")) {
            return;
        }
        Object value = toml.get("cpus");
        Origin at = origin(toml, "cpus");
        if (value instanceof String text) {
            b.cpus(text, at);
        } else if (value instanceof TomlArray array && array.toList().stream().allMatch(Long.class::isInstance)) {
            b.cpus(String.join(",", array.toList().stream().map(String::valueOf).toList()), at);
        } else {
            throw new SpecException(at, "cpus", "expected a string like \"1\" or \"0-3\" or an array of CPU numbers, got " + describe(value));
        }
    }

    private List<TomlTable> tables(String key) {
        if (!toml.contains(key)) {
            return List.of();
        }
        Object value = toml.get(key);
        if (value instanceof TomlArray array && array.toList().stream().allMatch(TomlTable.class::isInstance)) {
            return array.toList().stream().map(TomlTable.class::cast).toList();
        }
        throw new SpecException(origin(toml, key), key, "expected tables written [[" + key + "]], got " + describe(value));
    }

    private TomlTable table(TomlTable parent, String key) {
        return typed(parent, key, TomlTable.class, "a table written [" + key + "]");
    }
}
