package io.xzone.console.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.console.mux.ConsoleMultiplexer;
import io.xzone.console.mux.PtyConsoleSource;
import io.xzone.console.mux.SocketPair;
import io.xzone.xen.pty.PseudoTerminalPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.jline.terminal.impl.PosixPtyTerminal;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A person's terminal attached to a console on a real pty pair: keys, escape, and the terminal put back every time. */
class AttachSessionTest {
    /** How long a step may take on a loaded host: generous, since passing tests never wait for it. */
    private static final long PATIENCE_MILLIS = 30_000;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A console link over an in-process multiplexer: the test stands in for the console server. */
    static ConsoleLink linkTo(ConsoleMultiplexer mux) throws IOException {
        SocketPair sockets = SocketPair.open();
        var viewer = mux.attach(sockets.muxSide());
        SocketChannel own = sockets.viewerSide();
        OutputStream input = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                mux.send(b, off, len);
            }
        };
        return ConsoleLink.of(Channels.newInputStream(own), input, viewer::close);
    }

    private static String snapshot(Attributes a) {
        return a.getInputFlags() + " " + a.getOutputFlags() + " " + a.getLocalFlags() + " " + a.getControlFlags();
    }

    private static void awaitRaw(Terminal terminal) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (terminal.getAttributes().getLocalFlag(LocalFlag.ECHO) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertFalse(terminal.getAttributes().getLocalFlag(LocalFlag.ECHO), "raw mode during the session");
        assertFalse(terminal.getAttributes().getLocalFlag(LocalFlag.ISIG), "Ctrl-C goes to the guest");
    }

    /** Waits until the screen shows the text (the output reaches it on the session's own thread). */
    private static boolean awaitText(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!screen.toString(StandardCharsets.UTF_8).contains(text) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return screen.toString(StandardCharsets.UTF_8).contains(text);
    }

    @Test
    void keysGoToTheGuestUntilTheEscapeKeyAndTheTerminalIsRestored() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), null).start();
                LineDisciplineTerminal terminal = new LineDisciplineTerminal("t", "xterm", screen, StandardCharsets.UTF_8)) {
            String before = snapshot(terminal.getAttributes());
            pair.guestPrints("zone1 login: ");
            AttachSession session = new AttachSession(terminal, EscapeKey.DEFAULT);
            Future<AttachSession.Outcome> outcome = pool.submit(() -> session.run(linkTo(mux)));
            awaitRaw(terminal);
            terminal.processInputBytes("root\r\u0003".getBytes(StandardCharsets.UTF_8));
            assertEquals("root\r\u0003", pair.guestReads("\u0003"), "Enter stays CR, Ctrl-C is a byte for the guest");
            assertTrue(awaitText(screen, "zone1 login: "), screen.toString(StandardCharsets.UTF_8));
            terminal.processInputBytes("ls\u001dnot sent".getBytes(StandardCharsets.UTF_8));
            assertEquals(AttachSession.Outcome.ESCAPED, outcome.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS));
            assertEquals("ls", pair.guestReads("ls"), "bytes before the escape key are sent, none after");
            assertEquals(before, snapshot(terminal.getAttributes()));
            assertEquals(0, mux.viewerCount(), "leaving detaches the viewer");
        }
    }

    @Test
    void aConfiguredEscapeKeyIsHonoured() throws Exception {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), null).start();
                LineDisciplineTerminal terminal = new LineDisciplineTerminal("t", "xterm", new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8)) {
            AttachSession session = new AttachSession(terminal, EscapeKey.parse("^A"));
            Future<AttachSession.Outcome> outcome = pool.submit(() -> session.run(linkTo(mux)));
            awaitRaw(terminal);
            terminal.processInputBytes("a\u001db\u0001".getBytes(StandardCharsets.UTF_8));
            assertEquals(AttachSession.Outcome.ESCAPED, outcome.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS));
            assertEquals("a\u001db", pair.guestReads("b"), "Ctrl-] is an ordinary key when ^A is the escape");
        }
    }

    @Test
    void theZoneGoingAwayEndsTheSessionAndRestoresARealTerminal() throws Exception {
        // A kernel pty as the person's terminal: the attributes checked are the kernel's termios, not an emulation.
        Pty userPty = new JniTerminalProvider().open(null, new Size(80, 24));
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PipedOutputStream keyboard = new PipedOutputStream();
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        try (Terminal terminal = new PosixPtyTerminal("user", "xterm", userPty, new PipedInputStream(keyboard), screen,
                        StandardCharsets.UTF_8);
                ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), null).start()) {
            String before = snapshot(userPty.getAttr());
            assertTrue(userPty.getAttr().getLocalFlag(LocalFlag.ICANON) && userPty.getAttr().getLocalFlag(LocalFlag.ECHO));
            AttachSession session = new AttachSession(terminal, EscapeKey.DEFAULT);
            Future<AttachSession.Outcome> outcome = pool.submit(() -> session.run(linkTo(mux)));
            awaitRaw(terminal);
            assertFalse(userPty.getAttr().getLocalFlag(LocalFlag.ICANON), "the kernel pty is raw during the session");
            pair.guestPrints("reboot: Power down\r\n");
            pair.close();
            assertEquals(AttachSession.Outcome.CONSOLE_ENDED, outcome.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS));
            assertEquals(before, snapshot(userPty.getAttr()), "the kernel's termios is back as it was");
        }
    }

    @Test
    void theTerminalIsRestoredWhenTheLinkFails() throws Exception {
        try (LineDisciplineTerminal terminal = new LineDisciplineTerminal("t", "xterm", new ByteArrayOutputStream(),
                StandardCharsets.UTF_8)) {
            String before = snapshot(terminal.getAttributes());
            ConsoleLink broken = new ConsoleLink() {
                @Override
                public InputStream output() {
                    return InputStream.nullInputStream();
                }

                @Override
                public OutputStream input() {
                    throw new IllegalStateException("link broke");
                }

                @Override
                public void close() {
                }
            };
            assertThrows(IllegalStateException.class, () -> new AttachSession(terminal, EscapeKey.DEFAULT).run(broken));
            assertEquals(before, snapshot(terminal.getAttributes()));
        }
    }

    @Test
    void escapeKeysParseFromCaretAndCtrlNotation() {
        assertEquals(0x1d, EscapeKey.parse("^]").code());
        assertEquals(0x01, EscapeKey.parse("ctrl-a").code());
        assertEquals(0x7f, EscapeKey.parse("^?").code());
        assertEquals("Ctrl-]", EscapeKey.DEFAULT.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EscapeKey.parse("x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }
}
