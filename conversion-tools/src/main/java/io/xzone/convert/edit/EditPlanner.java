package io.xzone.convert.edit;

import io.xzone.convert.guestfs.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/** Every rule a PV guest needs to run as HVM, planned together (boot menus first, then login consoles). */
public final class EditPlanner {
    private final List<TextFileRule> bootRules = List.of(new LegacyMenuRule(), new Grub2ConfigRule());
    private final List<EditRule> rootRules = List.of(new DefaultGrubRule(), new InittabRule(), new UpstartConsoleRule(),
            new SystemdGettyRule(), new SecurettyRule());

    /** Every path the rules read on partition 1 (the boot volume). */
    public List<String> bootPaths() {
        List<String> paths = new ArrayList<>();
        bootRules.forEach(rule -> paths.addAll(rule.paths()));
        return paths;
    }

    /** Every path the rules read on the root volume. */
    public List<String> rootPaths() {
        List<String> paths = new ArrayList<>();
        rootRules.forEach(rule -> paths.addAll(rule.paths()));
        return paths;
    }

    public List<Edit> plan(Guest guest) throws GuestFsException {
        guest.boot().tree().preloadFiles(bootPaths());
        guest.root().tree().preloadFiles(rootPaths());
        List<Edit> edits = new ArrayList<>();
        for (EditRule rule : bootRules) {
            edits.addAll(rule.plan(guest));
        }
        for (EditRule rule : rootRules) {
            edits.addAll(rule.plan(guest));
        }
        return edits;
    }
}
