package io.xzone.console.mux;

import java.nio.charset.StandardCharsets;

/** The last non-blank line of console output as a person would read it: escape sequences and control bytes removed. */
final class LastLine {
    private static final int LOOK_BACK = 4096;

    private LastLine() {
    }

    static String of(byte[] output) {
        int from = Math.max(0, output.length - LOOK_BACK);
        String text = new String(output, from, output.length - from, StandardCharsets.UTF_8)
                .replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "")     // CSI sequences (colours, cursor moves)
                .replaceAll("\u001b[@-Z\\\\-_]", "");               // other two-byte escapes
        String[] lines = text.split("[\r\n]+");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].replaceAll("\\p{Cntrl}", "").strip();
            if (!line.isEmpty()) {
                return line;
            }
        }
        return "";
    }
}
