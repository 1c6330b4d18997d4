package io.xzone.xen.raw;

import com.sun.jna.Library;

/**
 * libc's process environment, which C libraries read with getenv (Java's System.getenv is a copy taken at start-up).
 * Used to point libxenstore at a given xenstored socket (XENSTORED_PATH) for one xs_open.
 */
public interface LibcEnvironment extends Library {
    int setenv(String name, String value, int overwrite);

    int unsetenv(String name);

    String getenv(String name);
}
