package io.xzone.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One command sent by bin/xzone through a slot (see {@link RequestSlots}): {@code N.args} (each argument followed by a
 * NUL byte, as {@code printf '%s\0' "$@"} writes them), {@code N.cwd} ({@code pwd -P}: the client's working folder and
 * a newline) and the pid in its {@code N.claim} (the client shell's, whose stdout and stderr the command writes to).
 */
record Request(List<String> args, Path cwd, long clientPid) {

    /** Reads the request in {@code slot}; arguments and folder names are decoded as the JVM decodes its own argv. */
    static Request read(RequestSlots.Slot slot, Charset charset) throws IOException {
        long pid = clientPid(slot);
        List<String> args = arguments(Files.readAllBytes(slot.args()), charset);
        String cwd = new String(Files.readAllBytes(slot.cwd()), charset);
        if (!cwd.endsWith("\n") || !cwd.startsWith("/")) {
            throw new IOException("cwd is not an absolute folder name and a newline");
        }
        return new Request(args, Path.of(cwd.substring(0, cwd.length() - 1)), pid);
    }

    /** The pid of the client that claimed the slot. */
    static long clientPid(RequestSlots.Slot slot) throws IOException {
        String pid = RequestSlots.claimant(slot).orElseThrow(() -> new IOException("the slot's claim holds no pid"));
        if (!pid.matches("[1-9][0-9]{0,9}")) {
            throw new IOException("the slot's claim holds no process id: " + pid);
        }
        return Long.parseLong(pid);
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
}
