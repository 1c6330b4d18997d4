package io.xzone.convert.xl;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads xl.cfg files: {@code key = value} statements ended by a newline or {@code ;}, values being quoted strings
 * (single or double quotes, no escapes, as in libxl's lexer), numbers, or lists in brackets that may span lines, and
 * {@code #} comments. Every error names the file and line.
 */
public final class XlConfigReader {

    public XlConfig read(Path file) throws XlConfigException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new XlConfigException(file, 0, "is a directory, not an xl.cfg file");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new XlConfigException(file, 0, "cannot read: not a UTF-8 text file");
        } catch (IOException e) {
            throw new XlConfigException(file, 0, "cannot read: " + describe(e));
        }
        return XlConfig.of(file, parse(file, text));
    }

    /** Parses the text of an xl.cfg file; {@code file} is only used in error messages. */
    public Map<String, XlSetting> parse(Path file, String text) throws XlConfigException {
        return new Parser(file, text).settings();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final class Parser {
        private final Path file;
        private final String text;
        private int pos;
        private int line = 1;

        Parser(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        Map<String, XlSetting> settings() throws XlConfigException {
            Map<String, XlSetting> settings = new LinkedHashMap<>();
            while (true) {
                skipBlanksAndNewlines();
                if (pos >= text.length()) {
                    return settings;
                }
                int startLine = line;
                String key = identifier();
                skipBlanks();
                expect('=', "expected '=' after '" + key + "'");
                skipBlanks();
                XlValue value = value(true);
                skipBlanks();
                if (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != ';') {
                    throw error("unexpected '" + text.charAt(pos) + "' after the value of '" + key + "'");
                }
                if (settings.containsKey(key)) {
                    throw new XlConfigException(file, startLine, "'" + key + "' is set twice (first on line "
                            + settings.get(key).line() + ")");
                }
                settings.put(key, new XlSetting(key, value, startLine));
            }
        }

        private String identifier() throws XlConfigException {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos || !Character.isLetter(text.charAt(start))) {
                throw error(pos < text.length() ? "expected a setting name, found '" + text.charAt(pos) + "'"
                        : "expected a setting name");
            }
            return text.substring(start, pos);
        }

        private XlValue value(boolean topLevel) throws XlConfigException {
            if (pos >= text.length()) {
                throw error("missing value");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                return quoted(c);
            }
            if (c == '[' && topLevel) {
                return list();
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos++;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
                String literal = text.substring(start, pos);
                if (!literal.matches("-?(0x[0-9a-fA-F]+|[0-9]+(\\.[0-9]+)?)")) {
                    throw error("'" + literal + "' is not a number");
                }
                return new XlValue.Number(literal);
            }
            throw error("unexpected '" + c + "': values are quoted strings, numbers or [lists]");
        }

        private XlValue quoted(char quote) throws XlConfigException {
            int startLine = line;
            int end = text.indexOf(quote, pos + 1);
            int newline = text.indexOf('\n', pos + 1);
            if (end < 0 || (newline >= 0 && newline < end)) {
                throw new XlConfigException(file, startLine, "unterminated string (missing " + quote + ")");
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return new XlValue.Text(value);
        }

        private XlValue list() throws XlConfigException {
            pos++;
            List<XlValue> items = new ArrayList<>();
            int startLine = line;
            while (true) {
                skipBlanksAndNewlines();
                if (pos >= text.length()) {
                    throw new XlConfigException(file, startLine, "list not closed (missing ']')");
                }
                if (text.charAt(pos) == ']') {
                    pos++;
                    return new XlValue.ListValue(items);
                }
                items.add(value(false));
                skipBlanksAndNewlines();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) != ']') {
                    throw error("expected ',' or ']' in list, found '" + text.charAt(pos) + "'");
                }
            }
        }

        private void expect(char c, String message) throws XlConfigException {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error(message);
            }
            pos++;
        }

        private void skipBlanks() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private void skipBlanksAndNewlines() {
            while (true) {
                skipBlanks();
                if (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == ';')) {
                    if (text.charAt(pos) == '\n') {
                        line++;
                    }
                    pos++;
                } else {
                    return;
                }
            }
        }

        private XlConfigException error(String what) {
            return new XlConfigException(file, line, what);
        }
    }
}
