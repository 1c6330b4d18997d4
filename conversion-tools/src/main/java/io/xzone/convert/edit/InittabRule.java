package io.xzone.convert.edit;

import java.util.List;

/** sysvinit's /etc/inittab (Debian 7/8/9, CentOS 5): the getty on hvc0 (or xvc0) runs on ttyS0 instead. */
final class InittabRule extends LineRule {

    InittabRule() {
        super(On.ROOT, List.of("/etc/inittab"));
    }

    @Override
    String editLine(String line) {
        return ConsoleArgs.replaceXenConsole(line);
    }
}
