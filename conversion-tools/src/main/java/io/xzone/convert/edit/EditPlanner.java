package io.xzone.convert.edit;

import io.xzone.convert.guestfs.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/** Every rule a PV guest needs to run as HVM, planned together (boot menus first, then login consoles). */
public final class EditPlanner {
    private final List<TextFileRule> bootRules = List.of(new LegacyMenuRule(), new Grub2ConfigRule());
    private final List<EditRule> rootRules = List.of(new DefaultGrubRule(), new InittabRule(), new UpstartConsoleRule(),
            new SystemdGettyRule(), new SecurettyRule());

    public List<Edit> plan(Guest guest) throws GuestFsException {
        List<String> bootPaths = new ArrayList<>();
        bootRules.forEach(rule -> bootPaths.addAll(rule.paths()));
        guest.boot().tree().prefetch(bootPaths);
        List<String> rootPaths = new ArrayList<>();
        rootRules.forEach(rule -> rootPaths.addAll(rule.paths()));
        guest.root().tree().prefetch(rootPaths);
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
