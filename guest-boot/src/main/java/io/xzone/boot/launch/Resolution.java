package io.xzone.boot.launch;

import io.xzone.boot.GuestType;

/** What a requested backend became on this host, and why (shown by --dry-run and `zone list`). */
public record Resolution(GuestType type, String why) {
}
