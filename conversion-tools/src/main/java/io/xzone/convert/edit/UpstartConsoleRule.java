package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;
import io.xzone.convert.guestfs.GuestFsException;
import java.util.List;
import java.util.Optional;

/**
 * Upstart (Ubuntu 14.04, CentOS 6's /etc/init): the job that runs a getty on hvc0 is copied to ttyS0.conf with the
 * device renamed, keeping its mode, owner and group. The hvc0 job stays: it only waits for a device that never comes.
 */
final class UpstartConsoleRule implements EditRule {
    private static final String PV_JOB = "/etc/init/hvc0.conf";
    private static final String SERIAL_JOB = "/etc/init/ttyS0.conf";

    @Override
    public List<String> paths() {
        return List.of(PV_JOB, SERIAL_JOB);
    }

    @Override
    public List<Edit> plan(Guest guest) throws GuestFsException {
        Volume root = guest.root();
        Optional<FileState.Regular> pvJob = root.tree().regularFile(PV_JOB);
        if (pvJob.isEmpty() || !(root.tree().state(SERIAL_JOB) instanceof FileState.Absent)) {
            return List.of();
        }
        String job = ConsoleArgs.replaceXenConsole(TextEdits.text(pvJob.get()));
        String resolved = root.tree().resolve(SERIAL_JOB);
        return List.of(new Edit(root, resolved, new FileState.Absent(), TextEdits.withText(pvJob.get(), job),
                getClass().getSimpleName()));
    }
}
