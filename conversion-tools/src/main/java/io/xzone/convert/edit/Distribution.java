package io.xzone.convert.edit;

/** Which distribution a guest runs, as its release files say ("centos", "6.10", "CentOS release 6.10 (Final)"). */
public record Distribution(String id, String version, String description) {

    public static Distribution unknown() {
        return new Distribution("unknown", "", "unknown distribution");
    }
}
