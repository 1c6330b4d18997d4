package io.xzone.console.attach;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlocking;
import org.jline.utils.NonBlockingInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person at a terminal attached to one console: the terminal goes raw (every key, Ctrl-C included, goes to the
 * guest; the guest's bytes reach the screen untouched), the escape key leaves, and the terminal's attributes are
 * restored on every way out: escape, the console ending (guest destroyed), the terminal's input closing, a failure.
 */
public final class AttachSession {
    /** How a session ended. */
    public enum Outcome {
        /** The person pressed the escape key. */
        ESCAPED,
        /** The console went away (the guest was destroyed or its pty closed). */
        CONSOLE_ENDED,
        /** The terminal's input ended (not a TTY and stdin closed, or the terminal hung up). */
        INPUT_CLOSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(AttachSession.class);
    private static final long POLL_MILLIS = 100;
    /** The most one read from the console takes: as much as the server sends in one write during a burst. */
    private static final int SCREEN_BYTES = 64 * 1024;

    private final Terminal terminal;
    private final EscapeKey escape;
    private volatile boolean consoleEnded;

    public AttachSession(Terminal terminal, EscapeKey escape) {
        this.terminal = terminal;
        this.escape = escape;
    }

    public Outcome run(ConsoleLink link) throws IOException {
        Attributes saved = terminal.getAttributes();
        Thread screen = new Thread(() -> copyToScreen(link.output()), "console-screen");
        screen.setDaemon(true);
        try {
            terminal.setAttributes(raw(saved));
            screen.start();
            return forwardKeys(link.input());
        } finally {
            link.close();
            joinQuietly(screen);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    /** Like cfmakeraw: jline's enterRawMode keeps ISIG and OPOST, which would eat Ctrl-C and rewrite the guest's bytes. */
    private static Attributes raw(Attributes saved) {
        Attributes raw = new Attributes(saved);
        raw.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.IEXTEN, LocalFlag.ISIG), false);
        raw.setInputFlags(EnumSet.of(Attributes.InputFlag.IXON, Attributes.InputFlag.ICRNL, Attributes.InputFlag.INLCR,
                Attributes.InputFlag.IGNCR, Attributes.InputFlag.ISTRIP, Attributes.InputFlag.BRKINT), false);
        raw.setOutputFlag(OutputFlag.OPOST, false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        return raw;
    }

    private Outcome forwardKeys(OutputStream toConsole) throws IOException {
        NonBlockingInputStream keys = NonBlocking.nonBlocking(terminal.getName(), terminal.input());
        byte[] buf = new byte[1024];
        while (!consoleEnded) {
            int n;
            try {
                n = keys.readBuffered(buf, POLL_MILLIS);
            } catch (IOException e) {
                // jline reports the end of a piped stdin as a closed stream rather than -1
                LOG.debug("terminal input closed: {}", e.toString());
                return Outcome.INPUT_CLOSED;
            }
            if (n == NonBlockingInputStream.READ_EXPIRED) {
                continue;
            }
            if (n < 0) {
                return Outcome.INPUT_CLOSED;
            }
            int cut = indexOf(buf, n, escape.code());
            try {
                toConsole.write(buf, 0, cut < 0 ? n : cut);
                toConsole.flush();
            } catch (IOException e) {
                LOG.debug("console input closed: {}", e.toString());
                return Outcome.CONSOLE_ENDED;
            }
            if (cut >= 0) {
                return Outcome.ESCAPED;
            }
        }
        return Outcome.CONSOLE_ENDED;
    }

    private static int indexOf(byte[] buf, int n, byte b) {
        for (int i = 0; i < n; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void copyToScreen(InputStream fromConsole) {
        byte[] buf = new byte[SCREEN_BYTES];
        OutputStream screen = terminal.output();
        try {
            for (int n; (n = fromConsole.read(buf)) >= 0; ) {
                screen.write(buf, 0, n);
                screen.flush();
            }
        } catch (IOException e) {
            LOG.debug("console output closed: {}", e.toString());
        }
        consoleEnded = true;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
