package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Text edits that keep every byte they do not change: files are decoded as ISO-8859-1 (one char per byte), so UTF-8
 * or any other encoding comes back unchanged, and so do CRLF line ends and a missing final newline.
 */
final class TextEdits {
    private TextEdits() {
    }

    static String text(FileState.Regular file) {
        return new String(file.content(), StandardCharsets.ISO_8859_1);
    }

    static FileState.Regular withText(FileState.Regular file, String text) {
        return file.withContent(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Applies {@code edit} to each line (without its line end); a line edited to null is removed. */
    static String mapLines(String text, UnaryOperator<String> edit) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            String line = text.substring(start, end);
            String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
            String edited = edit.apply(line.substring(0, line.length() - ending.length()));
            if (edited != null) {
                out.append(edited).append(ending);
            }
            start = end;
        }
        return out.toString();
    }

    static boolean isComment(String line) {
        return line.stripLeading().startsWith("#");
    }
}
