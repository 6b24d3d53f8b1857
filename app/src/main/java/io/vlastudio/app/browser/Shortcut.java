package io.vlastudio.app.browser;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.Set;

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
 * @param also   other keys that do the same, not listed separately on the sheet (the keypad's +, say)
 */
public record Shortcut(KeyCode code, Boolean shift, String keys, String what, String group, Runnable action,
                       Set<KeyCode> also) {

    /** The sheet's section of the time-axis zoom keys. */
    public static final String ZOOM = "Zoom (time axes, here and in the Predictions window)";
    /** The sheet's section of the clock's keys. */
    public static final String PLAYBACK = "Playback";

    public Shortcut {
        also = Set.copyOf(also);
    }

    public Shortcut(KeyCode code, Boolean shift, String keys, String what, String group, Runnable action) {
        this(code, shift, keys, what, group, action, Set.of());
    }

    /** Whether this key event is this shortcut's key (with Shift as required). */
    public boolean matches(KeyEvent e) {
        return (e.getCode() == code || also.contains(e.getCode())) && (shift == null || shift == e.isShiftDown());
    }
}
