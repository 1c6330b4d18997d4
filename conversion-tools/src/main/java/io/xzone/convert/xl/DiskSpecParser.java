package io.xzone.convert.xl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses disk entries in xl's syntaxes: positional ({@code 'file:/p,xvda,w'}, {@code 'phy:/dev/vg/lv,xvda1,w'},
 * {@code '/p,raw,xvda,rw'}) and keyword ({@code 'format=raw,vdev=xvda,access=rw,target=/p'}; {@code target=} comes last
 * and may hold commas). Throws {@link IllegalArgumentException} with the reason; the caller adds file and line.
 */
public final class DiskSpecParser {
    private static final Set<String> FORMATS = Set.of("raw", "qcow", "qcow2", "vhd", "qed");
    private static final Set<String> IGNORED_KEYS = Set.of("backendtype", "backend", "script", "direct-io-safe",
            "discard", "no-discard", "colo", "trusted", "untrusted");

    public DiskSpec parse(String text) {
        String target = null;
        String format = "raw";
        String vdev = null;
        String access = "rw";
        boolean cdrom = false;
        List<String> positional = new ArrayList<>();
        String rest = text.trim();
        while (!rest.isEmpty()) {
            if (rest.startsWith("target=")) {
                // xl: "target=" must be the last parameter and takes the rest of the string, commas included.
                target = rest.substring("target=".length());
                break;
            }
            int comma = rest.indexOf(',');
            String item = (comma < 0 ? rest : rest.substring(0, comma)).trim();
            rest = comma < 0 ? "" : rest.substring(comma + 1).trim();
            int eq = item.indexOf('=');
            if (eq < 0 || item.startsWith("/")) {
                positional.add(item);
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            switch (key) {
                case "format" -> format = value;
                case "vdev" -> vdev = value;
                case "access" -> access = value;
                case "devtype" -> cdrom = requireCdrom(value);
                default -> {
                    if (!IGNORED_KEYS.contains(key)) {
                        throw new IllegalArgumentException("unknown disk parameter '" + key + "' in '" + text + "'");
                    }
                }
            }
        }
        if (!positional.isEmpty()) {
            // xl's positional order is target, format, vdev, access; the classic three-item form leaves out format.
            List<String> p = positional;
            if (p.size() > 4) {
                throw new IllegalArgumentException("too many positional parameters in '" + text + "'");
            }
            if (target == null && !p.get(0).isEmpty()) {
                target = p.get(0);
            }
            int i = 1;
            if (p.size() == 4) {
                format = p.get(1).isEmpty() ? format : p.get(1);
                i = 2;
            }
            if (i < p.size()) {
                vdev = p.get(i++);
            }
            if (i < p.size()) {
                access = p.get(i);
            }
        }
        if (vdev != null && vdev.endsWith(":cdrom")) {
            cdrom = true;
            vdev = vdev.substring(0, vdev.length() - ":cdrom".length());
        }
        if (vdev == null || vdev.isEmpty()) {
            throw new IllegalArgumentException("no virtual device (vdev) in disk '" + text + "'");
        }
        if (!vdev.matches("(xvd|hd|sd)[a-z]+[0-9]*|d[0-9]+(p[0-9]+)?")) {
            throw new IllegalArgumentException("'" + vdev + "' is not a virtual device name in disk '" + text + "'");
        }
        boolean writable = switch (access.toLowerCase(Locale.ROOT)) {
            case "w", "rw" -> true;
            case "r", "ro" -> false;
            default -> throw new IllegalArgumentException("access must be r, ro, w or rw, not '" + access + "' in '"
                    + text + "'");
        };
        if (target == null || target.isEmpty()) {
            if (cdrom) {
                target = "";
            } else {
                throw new IllegalArgumentException("no target (image or device) in disk '" + text + "'");
            }
        }
        String[] prefixed = stripPrefix(target, text);
        if (prefixed[1] != null) {
            format = prefixed[1];
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("unknown disk format '" + format + "' in '" + text + "'");
        }
        return new DiskSpec(prefixed[0], format, vdev, writable, cdrom, text);
    }

    private static boolean requireCdrom(String value) {
        if (!value.equals("cdrom")) {
            throw new IllegalArgumentException("devtype must be 'cdrom', not '" + value + "'");
        }
        return true;
    }

    /**
     * Removes the deprecated backend prefixes ({@code phy:}, {@code file:}, {@code tap:aio:}, {@code tap:qcow2:}...),
     * returning the bare target and the format a prefix implies (or null).
     */
    private static String[] stripPrefix(String target, String text) {
        String t = target;
        String format = null;
        for (String prefix : List.of("tap2:", "tap:", "tapdisk:")) {
            if (t.startsWith(prefix)) {
                t = t.substring(prefix.length());
            }
        }
        for (String prefix : List.of("phy:", "file:", "aio:", "raw:", "ioemu:")) {
            if (t.startsWith(prefix)) {
                return new String[] {t.substring(prefix.length()), "raw"};
            }
        }
        for (String f : List.of("qcow2", "qcow", "vhd", "qed")) {
            if (t.startsWith(f + ":")) {
                return new String[] {t.substring(f.length() + 1), f};
            }
        }
        if (t.matches("[a-z0-9]+:[^/].*") || (t.matches("[a-z0-9]+:.*") && !t.startsWith("/"))) {
            throw new IllegalArgumentException("unknown disk syntax: target prefix '" + t.substring(0, t.indexOf(':'))
                    + ":' in '" + text + "'");
        }
        return new String[] {t, format};
    }
}
