package io.xzone.convert.edit;

import java.util.List;

/** A text rule that edits line by line and leaves comment lines as they are. */
abstract class LineRule extends TextFileRule {

    LineRule(On on, List<String> paths) {
        super(on, paths);
    }

    /** The new line (without its line end), or null to remove it. */
    abstract String editLine(String line);

    @Override
    final String edit(String text) {
        return TextEdits.mapLines(text, line -> TextEdits.isComment(line) ? line : editLine(line));
    }
}
