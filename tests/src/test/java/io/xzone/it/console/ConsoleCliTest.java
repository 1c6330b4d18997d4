package io.xzone.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.console.StreamText;
import io.xzone.console.picker.Tmux;
import io.xzone.it.xenstored.Xenstored;
import io.xzone.it.xenstored.XenstoredTest;
import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenStore;
import io.xzone.xen.pty.PseudoTerminalPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xzone console} end to end: the real xenstored holds the zones' nodes as libxl writes them, real pty pairs
 * stand in for xenconsoled's (hvc0) and QEMU's (ttyS0), and the command runs as its own process, in tmux when it
 * needs a terminal.
 */
@XenstoredTest
class ConsoleCliTest {
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    /**
     * How long one step may take: each step may start JVMs (the command's, the console server's), which is slow on a
     * loaded host; a passing test never waits this long.
     */
    private static final long PATIENCE_MILLIS = 120_000;

    @TempDir
    Path run;
    private XenStore store;
    private Xenstored daemon;
    private final List<PseudoTerminalPair> ptys = new ArrayList<>();

    @BeforeEach
    void connect(Xenstored daemon) {
        this.daemon = daemon;
        store = JnaXenStore.open(daemon.socket());
    }

    @AfterEach
    void release() {
        ptys.forEach(PseudoTerminalPair::close);
        for (String domid : store.directory("/local/domain")) {
            store.rm("/local/domain/" + domid);
            store.rm("/libxl/" + domid);
        }
        store.close();
    }

    private PseudoTerminalPair pty() {
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        ptys.add(pair);
        return pair;
    }

    /** A zone's nodes as libxl leaves them; a null tty means its backend has not published one (yet). */
    private void zone(int domid, String name, String type, String pvTty, String serialTty) {
        String home = "/local/domain/" + domid;
        store.write(home + "/name", name);
        store.write("/libxl/" + domid + "/type", type);
        store.write(home + "/console/type", "xenconsoled");
        if (pvTty != null) {
            store.write(home + "/console/tty", pvTty);
        }
        if (serialTty != null) {
            store.write(home + "/serial/0/tty", serialTty);
        }
    }

    private List<String> xzone(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "XENSTORED_PATH=" + daemon.socket(),
                "XZONE_RUN_DIR=" + run, JAVA, "-cp", System.getProperty("java.class.path"), "io.xzone.cli.Xzone"));
        command.addAll(List.of(args));
        return command;
    }

    private Process start(String... args) throws IOException {
        return new ProcessBuilder(xzone(args)).redirectErrorStream(true).start();
    }

    private static String finish(Process process) throws Exception {
        assertTrue(process.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS), "xzone console did not end");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }



    private String tmuxCommand(String... args) {
        return String.join(" ", xzone(args)) + "; echo EXIT=$?; stty -a; sleep 120";
    }

    /** The command ended and stty has printed the modes (iexten, restored or not): waiting for EXIT= alone races stty. */
    private static boolean exitedAndSttyShown(String screen) {
        return screen.contains("EXIT=") && screen.substring(screen.indexOf("EXIT=")).contains("iexten");
    }

    @Test
    void unknownZonesAndMissingConsolesAreNamedWithExitCode5() throws Exception {
        zone(3, "web1", "pv", pty().slavePath(), null);
        Process unknown = start("console", "nosuch");
        String text = finish(unknown);
        assertEquals(5, unknown.exitValue(), text);
        assertTrue(text.contains("xzone: no running zone named 'nosuch'"), text);

        Process serial = start("console", "web1", "-t", "serial");
        text = finish(serial);
        assertEquals(5, serial.exitValue(), text);
        assertTrue(text.contains("xzone: zone web1 (PV) has no serial console (ttyS0): only zones with a device model"),
                text);
    }

    @Test
    void aScriptTypesIntoThePvConsoleAndLeavesWithTheEscapeKey() throws Exception {
        PseudoTerminalPair hvc0 = pty();
        zone(3, "web1", "pv", hvc0.slavePath(), null);
        hvc0.guestPrints("web1 login: ");
        Process console = start("console", "web1", "--log-dir", run.resolve("logs").toString(), "--log-max", "64K");
        InputStream screen = console.getInputStream();
        assertTrue(StreamText.readUntil(screen, "web1 login: ").contains("[xzone: attached to web1 pv (hvc0); Ctrl-] leaves]"));
        OutputStream keys = console.getOutputStream();
        keys.write("uname -n\r".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        assertTrue(hvc0.guestReads("uname -n\r").endsWith("uname -n\r"));
        hvc0.guestPrints("\r\nweb1\r\n");
        assertTrue(StreamText.readUntil(screen, "web1\r\n").endsWith("\r\nweb1\r\n"));
        keys.write(0x1d);
        keys.flush();
        String rest = finish(console);
        assertEquals(0, console.exitValue(), rest);
        assertTrue(rest.contains("xzone: detached from web1 pv (hvc0)"), rest);
        assertEquals("web1 login: \r\nweb1\r\n", Files.readString(run.resolve("logs/web1-pv.log")));
    }

    @Test
    void aConsoleThatAppearsLaterIsWaitedForWithAWatch() throws Exception {
        PseudoTerminalPair hvc0 = pty();
        zone(4, "late1", "pvh", null, null);
        Process console = start("console", "late1", "--wait", "30");
        TimeUnit.SECONDS.sleep(3);
        assertTrue(console.isAlive(), "waits for xenconsoled to publish the tty");
        store.write("/local/domain/4/console/tty", hvc0.slavePath());
        hvc0.guestPrints("late1 login: ");
        assertTrue(StreamText.readUntil(console.getInputStream(), "late1 login: ").contains("late1 login: "));
        console.getOutputStream().close();
        String rest = finish(console);
        assertTrue(rest.contains("xzone: input ended; detached from late1 pv (hvc0)"), rest);
    }

    @Test
    void twoTerminalsOnOneHvmSerialConsoleAndTheHintToSwitch() throws Exception {
        PseudoTerminalPair ttyS0 = pty();
        PseudoTerminalPair hvc0 = pty();
        zone(5, "hvm1", "hvm", hvc0.slavePath(), ttyS0.slavePath());
        ttyS0.guestPrints("HVM-MARKER ttyS0\r\n");
        try (Tmux first = new Tmux("xzone-it-a-" + ProcessHandle.current().pid(), tmuxCommand("console", "hvm1"));
                Tmux second = new Tmux("xzone-it-b-" + ProcessHandle.current().pid(), tmuxCommand("console", "hvm1"))) {
            String a = first.awaitScreen(s -> s.contains("HVM-MARKER"), PATIENCE_MILLIS);
            String b = second.awaitScreen(s -> s.contains("HVM-MARKER"), PATIENCE_MILLIS);
            assertTrue(a.contains("attached to hvm1 serial (ttyS0)") && a.contains("HVM-MARKER ttyS0"), a);
            assertTrue(b.contains("HVM-MARKER ttyS0"), "the second terminal got the history:\n" + b);

            hvc0.guestPrints("hvm1 login: ");
            ttyS0.guestPrints("second line\r\n");
            assertTrue(first.awaitScreen(s -> s.contains("second line"), PATIENCE_MILLIS).contains("second line"));
            assertTrue(second.awaitScreen(s -> s.contains("second line"), PATIENCE_MILLIS).contains("second line"));
            first.sendKeys("echo", "Space", "hi", "Enter");
            assertTrue(ttyS0.guestReads("echo hi\r").endsWith("echo hi\r"));

            // ttyS0 quiet for a while, hvc0 talking: -t auto says so (within 30 s of the last ttyS0 line it is live).
            ttyS0.close();
            a = first.awaitScreen(ConsoleCliTest::exitedAndSttyShown, PATIENCE_MILLIS);
            assertTrue(a.contains("the console hvm1 serial (ttyS0) ended (the zone went away)") && a.contains("EXIT=0"), a);
            assertTrue(a.contains("isig icanon iexten echo "), "terminal restored after the guest went away:\n" + a);
        }
    }

    @Test
    void autoSaysWhenThePrimaryConsoleIsSilentAndTheOtherIsLive() throws Exception {
        PseudoTerminalPair ttyS0 = pty();
        PseudoTerminalPair hvc0 = pty();
        zone(6, "conv1", "hvm", hvc0.slavePath(), ttyS0.slavePath());
        // hvc0 talks from before the command starts until the end (at most 600 lines, which the pty holds even unread):
        // it is live whenever the command checks, however late a loaded host lets it start.
        Thread talker = new Thread(() -> {
            for (int i = 0; i < 600 && !Thread.currentThread().isInterrupted(); i++) {
                hvc0.guestPrints("conv1 login: \r\n");
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        talker.start();
        try (Tmux tmux = new Tmux("xzone-it-c-" + ProcessHandle.current().pid(), tmuxCommand("console", "conv1"))) {
            tmux.awaitScreen(s -> s.contains("attached to conv1 serial (ttyS0)"), PATIENCE_MILLIS);
            String screen = tmux.awaitScreen(s -> s.contains("is silent"), PATIENCE_MILLIS);
            assertTrue(screen.replaceAll("\\s+", " ").contains("the serial console (ttyS0) of conv1 is silent but its pv console"
                    + " (hvc0) is live: leave with the escape key and run 'xzone console conv1 -t pv'"), screen);
            tmux.sendKeys("C-]");
            screen = tmux.awaitScreen(s -> s.contains("EXIT="), PATIENCE_MILLIS);
            assertTrue(screen.contains("xzone: detached from conv1 serial (ttyS0)") && screen.contains("EXIT=0"), screen);
        } finally {
            talker.interrupt();
        }
    }

    @Test
    void theMenuListsEveryZoneWithItsConsoles() throws Exception {
        PseudoTerminalPair webHvc0 = pty();
        PseudoTerminalPair hvmTtyS0 = pty();
        zone(3, "web1", "pv", webHvc0.slavePath(), null);
        zone(5, "hvm1", "hvm", null, hvmTtyS0.slavePath());
        store.rm("/local/domain/5/console");
        webHvc0.guestPrints("web1 login: ");
        hvmTtyS0.guestPrints("HVM-MARKER\r\n");
        try (Tmux tmux = new Tmux("xzone-it-d-" + ProcessHandle.current().pid(), tmuxCommand("console"))) {
            String screen = tmux.awaitScreen(s -> s.contains("web1 login:") && s.contains("HVM-MARKER"),
                    PATIENCE_MILLIS);
            assertTrue(screen.contains("xzone consoles: 2 zones"), screen);
            assertTrue(screen.matches("(?s).*> web1 +3 PV +pv \\(hvc0\\) +live +web1 login:.*"), screen);
            assertTrue(screen.matches("(?s).*  web1 +3 PV +serial \\(ttyS0\\) +absent.*"), screen);
            assertTrue(screen.matches("(?s).*  hvm1 +5 HVM +serial \\(ttyS0\\) +live +HVM-MARKER.*"), screen);
            assertTrue(screen.matches("(?s).*  hvm1 +5 HVM +pv \\(hvc0\\) +absent.*"), screen);
            tmux.sendKeys("q");
            screen = tmux.awaitScreen(ConsoleCliTest::exitedAndSttyShown, PATIENCE_MILLIS);
            assertTrue(screen.contains("EXIT=0") && screen.contains("isig icanon iexten echo "), screen);
            assertFalse(screen.contains("xzone consoles"), screen);
        }
    }
}
