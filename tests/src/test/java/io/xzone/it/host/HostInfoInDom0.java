package io.xzone.it.host;

import io.xzone.cli.lab.Lab;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs {@code xzone host info --output json} (JNA against the real hypervisor) and {@code xl info} in the lab's dom0
 * and picks out what the lab tests compare.
 */
final class HostInfoInDom0 {
    /** The capabilities that decide backends; xl spells the others differently (gnttab-v1, hvm_directio ...). */
    private static final Set<String> BACKEND_CAPS = Set.of("pv", "hvm", "hap", "shadow");

    private final String json;
    private final String text;
    private final Map<String, String> xlInfo;

    private HostInfoInDom0(String json, String text, Map<String, String> xlInfo) {
        this.json = json;
        this.text = text;
        this.xlInfo = xlInfo;
    }

    static HostInfoInDom0 read(Lab lab) {
        String json = lab.runOk("xzone host info --output json").output();
        String text = lab.runOk("xzone host info").output();
        Map<String, String> xl = lab.runOk("xl info").output().lines().filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')).strip(),
                        l -> l.substring(l.indexOf(':') + 1).strip(), (a, b) -> a));
        return new HostInfoInDom0(json, text, xl);
    }

    String text() {
        return text;
    }

    String json() {
        return json;
    }

    Set<String> xzoneBackendCaps() {
        Matcher m = Pattern.compile("\"capabilities\": \\[([^]]*)]").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no capabilities in " + json);
        }
        Set<String> caps = new TreeSet<>();
        for (String quoted : m.group(1).split(",")) {
            String cap = quoted.strip().replace("\"", "");
            if (BACKEND_CAPS.contains(cap)) {
                caps.add(cap);
            }
        }
        return caps;
    }

    Set<String> xlBackendCaps() {
        return List.of(xlInfo.get("virt_caps").split("\\s+")).stream().filter(BACKEND_CAPS::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    String xl(String key) {
        return xlInfo.get(key);
    }

    /** A number field of the JSON, e.g. nr_cpus. */
    long number(String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** A field of one backend's entry, e.g. backend("auto", "resolves_to"), unquoted. */
    String backend(String backend, String field) {
        Matcher m = Pattern.compile("\"" + backend + "\": \\{[^}]*?\"" + field + "\": (\"[^\"]*\"|[a-z0-9]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + backend + "." + field + " in " + json);
        }
        return m.group(1).replace("\"", "");
    }
}
