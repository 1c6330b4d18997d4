package io.xzone.cli.lab;

/** Where the lab reports its phases (with their times) and the output of the scripts it runs. */
public interface LabListener {
    /** A phase finished or a notable event, one line, e.g. "lab: dom0 ready after 12.3 s". */
    void phase(String line);

    /** A line a script printed, as it arrives. */
    default void output(String line) {
    }
}
