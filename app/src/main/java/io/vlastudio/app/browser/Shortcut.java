package io.vlastudio.app.browser;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * One single-key shortcut of the review loop: the key that binds it and the words the shortcut sheet (F1) shows.
 * The browser binds keys from its table of these, and the sheet is generated from the same table, so the two
 * cannot disagree.
 *
 * @param code   the key
 * @param shift  {@code true}: only with Shift; {@code false}: only without; {@code null}: either
 * @param keys   how the sheet writes the key ("Shift+→")
 * @param what   what it does, in the sheet's words
 * @param group  the sheet's section ("Playback", "Review", "Navigation")
 * @param action what it does
 */
public record Shortcut(KeyCode code, Boolean shift, String keys, String what, String group, Runnable action) {

    boolean matches(KeyEvent e) {
        return e.getCode() == code && (shift == null || shift == e.isShiftDown());
    }
}
