package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zone launch -V pv spec.toml | true",
        "zone | true",
        "--verbose --stacktrace zone list | true",
        "host info --output json | true",
        "zone supervise --domid 3 web.toml | false",
        "host | false",
        "console web | false",
        "daemon | false",
        "lab run script.sh | false",
        "convert bulk inventory.toml | false",
        "--version | false",
        "--help | false",
        "'' | false",
    })
    void theDaemonRunsTheZoneCommandsAndHostInfoOnly(String command, boolean served) {
        assertEquals(served, Routing.served(command.isEmpty() ? java.util.List.of() : Arrays.asList(command.split(" "))));
    }
}
