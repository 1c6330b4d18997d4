package io.xzone.it.xenstored;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The harness itself: a daemon that dies at start is one clear failure with its log; stopping removes its folder. */
@Tag("xenstored")
class XenstoredHarnessTest {

    @Test
    void daemonExitingAtStartIsOneLineWithItsLogTail() {
        HarnessFailure failure = assertThrows(HarnessFailure.class, () -> Xenstored.start("--quota", "bogus=1"));
        String message = failure.getMessage();
        assertTrue(message.startsWith("xenstored exited with status "), message);
        assertTrue(message.contains("; its log:\n"), message);
        assertTrue(message.contains("unknown quota \"bogus=1\""), message);
        assertTrue(failure.getStackTrace().length == 0, "a harness failure carries no stack trace");
    }

    @Test
    void stopEndsTheDaemonAndRemovesItsFolder() {
        Xenstored daemon = Xenstored.start();
        Path socket = daemon.socket();
        assertTrue(Files.exists(socket));
        daemon.close();
        assertFalse(daemon.isAlive());
        assertFalse(Files.exists(socket.getParent()));
        daemon.close();
    }
}
