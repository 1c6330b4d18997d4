package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;
import io.xzone.convert.guestfs.GuestFsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rule that rewrites the text of existing files, found at any of a few well-known paths on one volume. Symlinks are
 * followed inside the guest and each real file is edited once (CentOS's menu.lst is a symlink to grub.conf).
 */
abstract class TextFileRule implements EditRule {
    /** Which of the guest's volumes a rule's paths are on. */
    enum On { BOOT, ROOT }

    private final On on;
    private final List<String> paths;

    TextFileRule(On on, List<String> paths) {
        this.on = on;
        this.paths = List.copyOf(paths);
    }

    @Override
    public List<String> paths() {
        return paths;
    }

    private Volume volume(Guest guest) {
        return on == On.BOOT ? guest.boot() : guest.root();
    }

    /** The new text of one file (the same text when nothing needs to change). */
    abstract String edit(String text);

    String name() {
        return getClass().getSimpleName();
    }

    @Override
    public List<Edit> plan(Guest guest) throws GuestFsException {
        Volume volume = volume(guest);
        Set<String> seen = new LinkedHashSet<>();
        List<Edit> edits = new ArrayList<>();
        for (String path : paths) {
            String resolved = volume.tree().resolve(path);
            if (!seen.add(resolved)) {
                continue;
            }
            Optional<FileState.Regular> file = volume.tree().regularFile(resolved);
            if (file.isEmpty()) {
                continue;
            }
            String before = TextEdits.text(file.get());
            String after = edit(before);
            if (!after.equals(before)) {
                edits.add(new Edit(volume, resolved, file.get(), TextEdits.withText(file.get(), after), name()));
            }
        }
        return edits;
    }
}
