package io.xzone.convert.edit;

import java.util.List;

/** /etc/securetty lists the terminals root may log in on: ttyS0 joins it (hvc0 stays, harmless). */
final class SecurettyRule extends TextFileRule {

    SecurettyRule() {
        super(On.ROOT, List.of("/etc/securetty"));
    }

    @Override
    String edit(String text) {
        if (text.lines().anyMatch(line -> line.strip().equals("ttyS0"))) {
            return text;
        }
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "ttyS0\n";
    }
}
