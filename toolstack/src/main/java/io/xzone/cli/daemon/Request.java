package io.xzone.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One command sent by bin/xzone: a folder the client made in the state folder holding {@code args} (each argument
 * followed by a NUL byte, as {@code printf '%s\0' "$@"} writes them), {@code cwd} ({@code pwd -P}: the client's
 * working folder and a newline), {@code pid} (the client shell's) and the FIFOs {@code out} and {@code err} the client
 * reads. The daemon answers by writing {@code rc}.
 */
record Request(List<String> args, Path cwd, long clientPid) {

    /** Reads the request in {@code folder}; arguments and folder names are decoded as the JVM decodes its own argv. */
    static Request read(Path folder, Charset charset) throws IOException {
        List<String> args = arguments(Files.readAllBytes(folder.resolve("args")), charset);
        String cwd = new String(Files.readAllBytes(folder.resolve("cwd")), charset);
        if (!cwd.endsWith("\n") || !cwd.startsWith("/")) {
            throw new IOException("cwd is not an absolute folder name and a newline");
        }
        String pid = Files.readString(folder.resolve("pid")).strip();
        if (!pid.matches("[1-9][0-9]{0,9}")) {
            throw new IOException("pid is not a process id: " + pid);
        }
        return new Request(args, Path.of(cwd.substring(0, cwd.length() - 1)), Long.parseLong(pid));
    }

    static List<String> arguments(byte[] bytes, Charset charset) throws IOException {
        List<String> args = new ArrayList<>();
        ByteArrayOutputStream arg = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == 0) {
                args.add(arg.toString(charset));
                arg.reset();
            } else {
                arg.write(b);
            }
        }
        if (arg.size() > 0) {
            throw new IOException("args does not end with a NUL byte");
        }
        return args;
    }

    /** The FIFO the command's stdout goes to. */
    static Path out(Path folder) {
        return folder.resolve("out");
    }

    /** The FIFO the command's stderr goes to. */
    static Path err(Path folder) {
        return folder.resolve("err");
    }

    /** The exit code, written whole once the command has ended. */
    static Path rc(Path folder) {
        return folder.resolve("rc");
    }
}
