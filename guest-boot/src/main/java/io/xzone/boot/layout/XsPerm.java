package io.xzone.boot.layout;

/**
 * One entry of a xenstore node's permission list. The first entry names the owner and what every other domain may
 * do; the later ones grant a domain more (xenstore's own semantics, shown by xenstore-ls -p as n0 r7).
 */
public record XsPerm(int domid, Access access) {
    public enum Access {
        NONE("n"), READ("r"), WRITE("w"), BOTH("b");

        private final String letter;

        Access(String letter) {
            this.letter = letter;
        }

        public String letter() {
            return letter;
        }
    }

    @Override
    public String toString() {
        return access.letter() + domid;
    }
}
