package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;
import io.xzone.convert.guestfs.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/**
 * systemd guests that enabled serial-getty@hvc0: the enablement symlink moves to serial-getty@ttyS0 (same unit
 * template), and the hvc0 one goes, since systemd would otherwise wait on dev-hvc0.device at every boot.
 */
final class SystemdGettyRule implements EditRule {
    private static final String WANTS = "/etc/systemd/system/getty.target.wants/";
    private static final String PV_GETTY = WANTS + "serial-getty@hvc0.service";
    private static final String SERIAL_GETTY = WANTS + "serial-getty@ttyS0.service";

    @Override
    public List<String> paths() {
        return List.of(PV_GETTY, SERIAL_GETTY);
    }

    @Override
    public List<Edit> plan(Guest guest) throws GuestFsException {
        Volume root = guest.root();
        String folder = root.tree().resolve(WANTS.substring(0, WANTS.length() - 1));
        String pvPath = folder + "/serial-getty@hvc0.service";
        String serialPath = folder + "/serial-getty@ttyS0.service";
        if (!(root.tree().state(pvPath) instanceof FileState.Symlink pvLink)) {
            return List.of();
        }
        List<Edit> edits = new ArrayList<>();
        String rule = getClass().getSimpleName();
        if (root.tree().state(serialPath) instanceof FileState.Absent absent) {
            edits.add(new Edit(root, serialPath, absent, new FileState.Symlink(pvLink.target()), rule));
        }
        edits.add(new Edit(root, pvPath, pvLink, new FileState.Absent(), rule));
        return edits;
    }
}
