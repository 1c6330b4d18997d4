package io.xzone.convert.xl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guest definition read from an xl.cfg file: the settings in file order plus typed views of the ones conversion
 * needs. Values are checked when the config is read, so every problem is reported with its file and line.
 */
public final class XlConfig {
    private final Path file;
    private final Map<String, XlSetting> settings;
    private final List<DiskSpec> disks;
    private final List<String> vifs;

    private XlConfig(Path file, Map<String, XlSetting> settings, List<DiskSpec> disks, List<String> vifs) {
        this.file = file;
        this.settings = settings;
        this.disks = disks;
        this.vifs = vifs;
    }

    static XlConfig of(Path file, Map<String, XlSetting> settings) throws XlConfigException {
        XlConfig config = new XlConfig(file, settings, new ArrayList<>(), new ArrayList<>());
        config.text("name").orElseThrow(() -> new XlConfigException(file, 0, "no 'name' setting"));
        if (!config.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw config.error("name", "guest name '" + config.name() + "' may only hold letters, digits, '.', '_' and '-'");
        }
        config.number("memory");
        config.number("vcpus");
        DiskSpecParser parser = new DiskSpecParser();
        for (String entry : config.texts("disk")) {
            try {
                config.disks.add(parser.parse(entry));
            } catch (IllegalArgumentException e) {
                throw config.error("disk", e.getMessage());
            }
        }
        for (String vif : config.texts("vif")) {
            for (String item : vif.split(",")) {
                if (!item.isBlank() && !item.contains("=")) {
                    throw config.error("vif", "vif item '" + item.trim() + "' is not key=value in '" + vif + "'");
                }
            }
            config.vifs.add(vif);
        }
        return config;
    }

    public Path file() {
        return file;
    }

    public String name() {
        return text("name").orElseThrow();
    }

    /** Memory in MiB (xl's unit), 512 when unset as in xl. */
    public long memoryMib() throws XlConfigException {
        return number("memory").orElse(512L);
    }

    public long vcpus() throws XlConfigException {
        return number("vcpus").orElse(1L);
    }

    public List<DiskSpec> disks() {
        return List.copyOf(disks);
    }

    public List<String> vifs() {
        return List.copyOf(vifs);
    }

    public Optional<String> bootloader() {
        return text("bootloader");
    }

    public Optional<String> kernel() {
        return text("kernel");
    }

    public Optional<String> ramdisk() {
        return text("ramdisk");
    }

    public Optional<String> extra() {
        return text("extra");
    }

    public Optional<String> root() {
        return text("root");
    }

    /** The guest type: {@code type} when set, else the older {@code builder}, else pv (xl's default). */
    public String guestType() {
        return text("type").or(() -> text("builder")).map(t -> t.equals("generic") || t.equals("linux") ? "pv" : t)
                .orElse("pv");
    }

    /** Every setting in file order. */
    public Map<String, XlSetting> settings() {
        return Map.copyOf(settings);
    }

    public List<XlSetting> settingsInOrder() {
        return List.copyOf(settings.values());
    }

    /** An error about one setting, located at its line. */
    public XlConfigException error(String key, String what) {
        XlSetting setting = settings.get(key);
        return new XlConfigException(file, setting == null ? 0 : setting.line(), what);
    }

    private Optional<String> text(String key) {
        XlSetting setting = settings.get(key);
        if (setting == null) {
            return Optional.empty();
        }
        return Optional.of(setting.value().plain());
    }

    private Optional<Long> number(String key) throws XlConfigException {
        XlSetting setting = settings.get(key);
        if (setting == null) {
            return Optional.empty();
        }
        String literal = setting.value().plain();
        try {
            long value = literal.startsWith("0x") ? Long.parseLong(literal.substring(2), 16) : Long.parseLong(literal);
            if (value <= 0) {
                throw error(key, "'" + key + "' must be positive, not " + literal);
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw error(key, "'" + key + "' must be a whole number, not '" + literal + "'");
        }
    }

    /** A setting that may be one string or a list of strings (xl accepts both for disk and vif). */
    private List<String> texts(String key) throws XlConfigException {
        XlSetting setting = settings.get(key);
        if (setting == null) {
            return List.of();
        }
        List<XlValue> items = setting.value() instanceof XlValue.ListValue list ? list.items() : List.of(setting.value());
        List<String> texts = new ArrayList<>();
        for (XlValue item : items) {
            if (!(item instanceof XlValue.Text t)) {
                throw error(key, "'" + key + "' entries must be quoted strings, not " + item.toXl());
            }
            texts.add(t.value());
        }
        return texts;
    }
}
