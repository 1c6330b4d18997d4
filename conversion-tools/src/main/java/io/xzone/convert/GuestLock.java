package io.xzone.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps two xzone runs from converting or rolling back the same guest at once (the kernel drops it if xzone dies). */
final class GuestLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private GuestLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static GuestLock acquire(Path stateDir, String guest) throws ConversionException {
        try {
            Path folder = Files.createDirectories(stateDir.resolve("journal"));
            FileChannel channel = FileChannel.open(folder.resolve(guest + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw ConversionException.failed("guest " + guest + " is being converted or rolled back by another run");
            }
            return new GuestLock(channel, lock);
        } catch (IOException e) {
            throw ConversionException.failed("cannot lock guest " + guest + " in " + stateDir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
