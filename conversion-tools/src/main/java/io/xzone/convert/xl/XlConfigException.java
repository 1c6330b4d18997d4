package io.xzone.convert.xl;

import java.nio.file.Path;

/** A problem in an xl.cfg file, located as {@code file:line: what}. */
public final class XlConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public XlConfigException(Path file, int line, String what) {
        super(file + (line > 0 ? ":" + line : "") + ": " + what);
    }
}
