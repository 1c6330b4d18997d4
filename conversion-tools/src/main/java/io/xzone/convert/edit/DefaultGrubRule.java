package io.xzone.convert.edit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /etc/default/grub, so that the guest's next update-grub keeps the serial console: GRUB_TERMINAL="serial console"
 * (without it a regenerated grub.cfg uses gfxterm and the menu leaves the serial line), GRUB_SERIAL_COMMAND, and
 * console=ttyS0 on the kernel command line.
 */
final class DefaultGrubRule extends TextFileRule {
    static final String TERMINAL = "GRUB_TERMINAL=\"serial console\"";
    static final String SERIAL_COMMAND = "GRUB_SERIAL_COMMAND=\"serial --unit=0 --speed=115200\"";
    private static final Pattern CMDLINE = Pattern.compile("^(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=([\"']?)(.*?)\\2\\s*$");

    DefaultGrubRule() {
        super(On.ROOT, List.of("/etc/default/grub"));
    }

    @Override
    String edit(String text) {
        boolean[] seen = new boolean[3];
        String edited = TextEdits.mapLines(text, line -> {
            if (TextEdits.isComment(line)) {
                return line;
            }
            if (line.startsWith("GRUB_TERMINAL=") || line.startsWith("GRUB_TERMINAL_OUTPUT=")) {
                seen[0] = true;
                return TERMINAL;
            }
            if (line.startsWith("GRUB_SERIAL_COMMAND=")) {
                seen[1] = true;
                return SERIAL_COMMAND;
            }
            Matcher m = CMDLINE.matcher(line);
            if (m.matches()) {
                String value = ConsoleArgs.replaceXenConsole(m.group(3));
                seen[2] |= ConsoleArgs.namesConsole(value);
                return value.equals(m.group(3)) ? line : m.group(1) + "=\"" + value + "\"";
            }
            return line;
        });
        // A missing setting is added; an existing GRUB_CMDLINE_LINUX without console= gets one (done second so
        // a console= in GRUB_CMDLINE_LINUX_DEFAULT counts).
        if (!seen[2]) {
            edited = addConsole(edited);
        }
        StringBuilder out = new StringBuilder(edited);
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        if (!seen[0]) {
            out.append(TERMINAL).append('\n');
        }
        if (!seen[1]) {
            out.append(SERIAL_COMMAND).append('\n');
        }
        String result = out.toString();
        // Nothing to change must give the very same bytes (a lone missing final newline is not worth an edit).
        return result.equals(text + "\n") ? text : result;
    }

    private static String addConsole(String text) {
        boolean[] done = {false};
        String edited = TextEdits.mapLines(text, line -> {
            Matcher m = CMDLINE.matcher(line);
            if (!done[0] && m.matches() && m.group(1).equals("GRUB_CMDLINE_LINUX")) {
                done[0] = true;
                String value = m.group(3).isBlank() ? ConsoleArgs.SERIAL_CONSOLE : m.group(3) + " " + ConsoleArgs.SERIAL_CONSOLE;
                return m.group(1) + "=\"" + value + "\"";
            }
            return line;
        });
        if (done[0]) {
            return edited;
        }
        String separator = edited.isEmpty() || edited.endsWith("\n") ? "" : "\n";
        return edited + separator + "GRUB_CMDLINE_LINUX=\"" + ConsoleArgs.SERIAL_CONSOLE + "\"\n";
    }
}
