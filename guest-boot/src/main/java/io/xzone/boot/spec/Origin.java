package io.xzone.boot.spec;

import java.nio.file.Path;

/** Where a spec value came from: a line of a TOML file, a command-line flag, or the built-in default. */
public sealed interface Origin {

    /** The prefix of an error message about a value from here, e.g. {@code "web.toml:7: "}. */
    String describe();

    record FileLine(Path file, int line) implements Origin {
        @Override
        public String describe() {
            return file + ":" + line + ": ";
        }
    }

    record Flag(String flag) implements Origin {
        @Override
        public String describe() {
            return flag + ": ";
        }
    }

    record Default() implements Origin {
        @Override
        public String describe() {
            return "";
        }
    }

    Origin DEFAULT = new Default();
}
