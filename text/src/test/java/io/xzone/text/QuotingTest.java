package io.xzone.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuotingTest {

    @Test
    void plainTextIsOnlyWrappedInQuotes() {
        assertEquals("\"web-01 /srv/x.img\"", Quoting.basicString("web-01 /srv/x.img"));
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", Quoting.basicString("a\"b\\c"));
    }

    @Test
    void controlCharactersAndDelUseEscapesBothTomlAndJsonAccept() {
        assertEquals("\"\\n\\r\\t\\u0001\\u007f\"", Quoting.basicString("\n\r\t\u0001\u007f"));
    }
}
