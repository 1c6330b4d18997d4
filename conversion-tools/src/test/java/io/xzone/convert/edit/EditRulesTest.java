package io.xzone.convert.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The text edits of each rule on fixture files, and that a second pass changes nothing. */
class EditRulesTest {

    private static String twice(TextFileRule rule, String text) {
        String once = rule.edit(text);
        assertEquals(once, rule.edit(once), "a second pass must change nothing");
        return once;
    }

    @Test
    void menuLstLosesSplashimageAndWholeDiskRootAndLogsOnTtyS0() {
        String menu = "default=0\nsplashimage=(hd0)/boot/grub/splash.xpm.gz\n# splashimage kept in comments\n"
                + "title CentOS\n\troot (hd0)\n\tkernel /vmlinuz ro root=/dev/xvda1 console=hvc0 xencons=tty\r\n"
                + "\tinitrd /initrd.img\ntitle Old\n  kernel (hd0)/vmlinuz-old ro quiet";
        assertEquals("default=0\n# splashimage kept in comments\n"
                + "title CentOS\n\troot (hd0,0)\n\tkernel /vmlinuz ro root=/dev/xvda1 console=ttyS0\r\n"
                + "\tinitrd /initrd.img\ntitle Old\n  kernel (hd0,0)/vmlinuz-old ro quiet console=ttyS0,115200",
                twice(new LegacyMenuRule(), menu));
    }

    @Test
    void grubCfgLinuxLinesAndGfxterm() {
        String cfg = "if loadfont unicode ; then\n  terminal_output gfxterm\nfi\nmenuentry 'x' {\n"
                + "\tlinux\t/vmlinuz root=/dev/xvda1 ro console=xvc0\n\tlinux16 /vmlinuz quiet\n}\n";
        assertEquals("if loadfont unicode ; then\n  terminal_output serial console\nfi\nmenuentry 'x' {\n"
                + "\tlinux\t/vmlinuz root=/dev/xvda1 ro console=ttyS0\n\tlinux16 /vmlinuz quiet console=ttyS0,115200\n}\n",
                twice(new Grub2ConfigRule(), cfg));
    }

    @Test
    void defaultGrubGetsSerialTerminalAndConsole() {
        String grub = "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"console=hvc0\"\n"
                + "#GRUB_TERMINAL=console\n";
        assertEquals("GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"console=ttyS0\"\n"
                + "#GRUB_TERMINAL=console\nGRUB_TERMINAL=\"serial console\"\n"
                + "GRUB_SERIAL_COMMAND=\"serial --unit=0 --speed=115200\"\n", twice(new DefaultGrubRule(), grub));
    }

    @Test
    void defaultGrubWithoutConsoleGainsOneAndKeepsOtherSettings() {
        String grub = "GRUB_TIMEOUT=5\nGRUB_TERMINAL=console\nGRUB_CMDLINE_LINUX=''";
        assertEquals("GRUB_TIMEOUT=5\nGRUB_TERMINAL=\"serial console\"\nGRUB_CMDLINE_LINUX=\"console=ttyS0,115200\"\n"
                + "GRUB_SERIAL_COMMAND=\"serial --unit=0 --speed=115200\"\n", twice(new DefaultGrubRule(), grub));
    }

    @Test
    void inittabGettyMovesToTtyS0ButCommentsStay() {
        String inittab = "id:2:initdefault:\n1:2345:respawn:/sbin/getty 38400 hvc0\n#co:2345:respawn:/sbin/getty hvc0\n";
        assertEquals("id:2:initdefault:\n1:2345:respawn:/sbin/getty 38400 ttyS0\n#co:2345:respawn:/sbin/getty hvc0\n",
                twice(new InittabRule(), inittab));
    }

    @Test
    void securettyGainsTtyS0Once() {
        assertEquals("console\nhvc0\nttyS0\n", twice(new SecurettyRule(), "console\nhvc0"));
        assertEquals("ttyS0\nhvc0\n", twice(new SecurettyRule(), "ttyS0\nhvc0\n"));
    }

    @Test
    void consoleArgsLeaveOtherConsolesAlone() {
        assertEquals("ro console=tty0 console=ttyS0", ConsoleArgs.toSerial("ro console=tty0 console=hvc0"));
        assertEquals("ro mhvc0x", ConsoleArgs.replaceXenConsole("ro mhvc0x"));
    }
}
