package io.vlastudio.store.curation;

import java.util.regex.Pattern;

/** Names of views, splits and mixes: letters, digits, {@code . _ -}, 1-64 characters, starting with a letter or digit. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {
    }

    static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a " + what + " name is 1-64 letters, digits, '.', '_' or '-' starting with a"
                    + " letter or digit, got '" + name + "'");
        }
        return name;
    }
}
