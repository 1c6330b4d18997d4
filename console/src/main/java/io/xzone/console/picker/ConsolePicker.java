package io.xzone.console.picker;

import io.xzone.console.ConsoleState;
import io.xzone.console.ConsoleView;
import io.xzone.console.Consoles;
import io.xzone.console.attach.AttachSession;
import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.attach.EscapeKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-screen console menu ({@code xzone console} with no zone): every running zone's consoles with their state
 * and last line; arrows and Enter attach, the escape key comes back here, q quits. A background thread re-reads the
 * zones, so the list follows zones as they come and go. Like jline's own full-screen tools it saves the terminal's
 * attributes and WINCH handler, uses raw mode and the alternate screen, and restores all of it in {@code finally}.
 */
public final class ConsolePicker {
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePicker.class);
    private static final long KEY_WAIT_MILLIS = 200;

    private enum Op { UP, DOWN, ATTACH, REFRESH, QUIT, NOTHING }

    private final Terminal terminal;
    private final Consoles consoles;
    private final EscapeKey escape;
    private final Duration refreshEvery;
    private final Object refreshed = new Object();
    private volatile List<ConsoleView> rows = List.of();
    private volatile boolean loaded;
    private final AtomicBoolean resized = new AtomicBoolean();
    private volatile boolean quit;
    /** The selected console as "domid/type", so the selection stays put while zones come and go around it. */
    private String selectedKey = "";
    private int selected;
    private int offset;
    private String message = "";

    public ConsolePicker(Terminal terminal, Consoles consoles, EscapeKey escape, Duration refreshEvery) {
        this.terminal = terminal;
        this.consoles = consoles;
        this.escape = escape;
        this.refreshEvery = refreshEvery;
    }

    public void run() throws IOException {
        Attributes saved = terminal.enterRawMode();
        SignalHandler previousWinch = terminal.handle(Signal.WINCH, signal -> resized.set(true));
        SignalHandler previousInt = terminal.handle(Signal.INT, signal -> quit = true);
        Thread refresher = new Thread(this::refreshLoop, "console-picker-refresh");
        refresher.setDaemon(true);
        try {
            refresher.start();
            enterScreen();
            loop();
        } finally {
            refresher.interrupt();
            leaveScreen();
            terminal.handle(Signal.WINCH, previousWinch);
            terminal.handle(Signal.INT, previousInt);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private void loop() throws IOException {
        KeyMap<Op> keys = keyMap();
        Display display = new Display(terminal, true);
        BindingReader reader = new BindingReader(terminal.reader());
        resize(display);
        while (!quit) {
            if (resized.getAndSet(false)) {
                resize(display);
            }
            display.update(screen(terminal.getSize()), -1);
            terminal.flush();
            if (reader.peekCharacter(KEY_WAIT_MILLIS) == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            Op op = reader.readBinding(keys, null, false);
            switch (op == null ? Op.NOTHING : op) {
                case UP -> move(-1);
                case DOWN -> move(1);
                case REFRESH -> refreshNow();
                case ATTACH -> {
                    attachSelected();
                    display.clear();
                    resize(display);
                }
                case QUIT -> quit = true;
                default -> { }
            }
        }
    }

    private KeyMap<Op> keyMap() {
        KeyMap<Op> keys = new KeyMap<>();
        keys.setNomatch(Op.NOTHING);
        keys.setUnicode(Op.NOTHING);
        keys.bind(Op.UP, KeyMap.key(terminal, Capability.key_up), "\033[A", "\033OA", "k");
        keys.bind(Op.DOWN, KeyMap.key(terminal, Capability.key_down), "\033[B", "\033OB", "j");
        keys.bind(Op.ATTACH, "\r", "\n");
        keys.bind(Op.REFRESH, "r");
        keys.bind(Op.QUIT, "q", "Q");
        return keys;
    }

    private void resize(Display display) {
        Size size = terminal.getSize();
        display.resize(Math.max(size.getRows(), 5), Math.max(size.getColumns(), 20));
    }

    private void enterScreen() {
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.puts(Capability.clear_screen);
        terminal.flush();
    }

    private void leaveScreen() {
        terminal.puts(Capability.cursor_visible);
        terminal.puts(Capability.keypad_local);
        terminal.puts(Capability.exit_ca_mode);
        terminal.flush();
    }

    List<AttributedString> screen(Size size) {
        int width = Math.max(size.getColumns(), 20);
        int height = Math.max(size.getRows(), 5);
        List<ConsoleView> current = rows;
        long zones = current.stream().map(row -> row.zone().domid()).distinct().count();
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedString(PickerRows.clip("xzone consoles: " + zones + (zones == 1 ? " zone" : " zones")
                + (loaded ? "" : " (reading xenstore...)"), width), AttributedStyle.BOLD));
        lines.add(new AttributedString(PickerRows.clip(PickerRows.header(), width), AttributedStyle.DEFAULT.underline()));
        int room = height - 4;
        selected = Math.min(indexOf(current, selectedKey, selected), Math.max(0, current.size() - 1));
        offset = Math.min(Math.max(offset, selected - room + 1), selected);
        for (int i = offset; i < current.size() && i < offset + room; i++) {
            ConsoleView row = current.get(i);
            String text = (i == selected ? "> " : "  ") + PickerRows.format(row, width);
            AttributedStyle style = i == selected ? AttributedStyle.INVERSE
                    : row.state() == ConsoleState.ABSENT ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
            lines.add(new AttributedString(text, style));
        }
        if (current.isEmpty() && loaded) {
            lines.add(new AttributedString("  no running zones"));
        }
        while (lines.size() < height - 2) {
            lines.add(new AttributedString(""));
        }
        lines.add(new AttributedString(PickerRows.clip(message, width)));
        lines.add(new AttributedString(PickerRows.clip("Up/Down select  Enter attach  " + escape.describe()
                + " back here  r refresh  q quit", width), AttributedStyle.DEFAULT.faint()));
        return lines;
    }

    private static String key(ConsoleView row) {
        return row.zone().domid() + "/" + row.type().label();
    }

    private static int indexOf(List<ConsoleView> current, String key, int fallback) {
        for (int i = 0; i < current.size(); i++) {
            if (key(current.get(i)).equals(key)) {
                return i;
            }
        }
        return fallback;
    }

    private void move(int delta) {
        List<ConsoleView> current = rows;
        selected = Math.max(0, Math.min(current.size() - 1, selected + delta));
        selectedKey = current.isEmpty() ? "" : key(current.get(selected));
        message = "";
    }

    private void attachSelected() throws IOException {
        List<ConsoleView> current = rows;
        if (current.isEmpty()) {
            return;
        }
        ConsoleView row = current.get(selected);
        if (row.state() == ConsoleState.ABSENT) {
            message = "zone " + row.zone().name() + " has no " + row.type().label() + " console ("
                    + row.type().guestDevice() + ")";
            return;
        }
        ConsoleLink link;
        try {
            link = consoles.attach(row.target());
        } catch (IOException e) {
            message = "cannot attach to " + row.target().describe() + ": " + e.getMessage();
            return;
        }
        leaveScreen();
        terminal.writer().print("[xzone: attached to " + row.target().describe() + "; " + escape.describe()
                + " returns to the menu]\r\n");
        terminal.flush();
        AttachSession.Outcome outcome = new AttachSession(terminal, escape).run(link);
        message = outcome == AttachSession.Outcome.CONSOLE_ENDED
                ? "the console of " + row.target().describe() + " ended" : "back from " + row.target().describe();
        enterScreen();
        refreshNow();
    }

    private void refreshNow() {
        synchronized (refreshed) {
            refreshed.notifyAll();
        }
    }

    private void refreshLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                rows = PickerRows.of(consoles);
                loaded = true;
            } catch (RuntimeException e) {
                LOG.warn("reading zones: {}", e.getMessage());
                message = "cannot read the zones: " + e.getMessage();
            }
            try {
                synchronized (refreshed) {
                    refreshed.wait(refreshEvery.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
