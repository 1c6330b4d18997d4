package io.xzone.convert.edit;

import java.util.List;

/** sysvinit's /etc/inittab (Debian 7/8/9, CentOS 5): the getty on hvc0 (or xvc0) runs on ttyS0 instead. */
final class InittabRule extends TextFileRule {

    InittabRule() {
        super(List.of("/etc/inittab"));
    }

    @Override
    Volume volume(Guest guest) {
        return guest.root();
    }

    @Override
    String edit(String text) {
        return TextEdits.mapLines(text, line -> TextEdits.isComment(line) ? line : ConsoleArgs.replaceXenConsole(line));
    }
}
