package io.xzone.boot.launch;

/** A device model process serving one HVM domain (QEMU); stopping it is part of undoing a failed launch. */
public interface DeviceModel {
    /** The pty of the guest's first serial port (ttyS0), where there is one. */
    java.util.Optional<String> serialPty();

    /** Ends the process and waits for it. Idempotent. */
    void stop();
}
