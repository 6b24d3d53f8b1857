package io.vlastudio.app.ui;

import io.vlastudio.app.browser.Shortcut;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyboard shortcut sheet (F1), generated from what binds the keys: the browser's {@link Shortcut} table and
 * the menus' accelerators. A key added to either shows up here; there is no second list to forget.
 */
final class ShortcutSheet {

    /** One line of the sheet. */
    record Row(String group, String keys, String what) {
    }

    private ShortcutSheet() {
    }

    static List<Row> rows(List<Shortcut> shortcuts, MenuBar menus) {
        List<Row> out = new ArrayList<>();
        for (Shortcut s : shortcuts) {
            out.add(new Row(s.group(), s.keys(), s.what()));
        }
        for (Menu m : menus.getMenus()) {
            collect(m, m.getText(), out);
        }
        return out;
    }

    private static void collect(Menu menu, String path, List<Row> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                collect(sub, path + " → " + sub.getText(), out);
            } else if (item.getAccelerator() != null && item.getText() != null) {
                out.add(new Row("Menus", item.getAccelerator().getDisplayText(),
                        path + " → " + item.getText().replace("…", "")));
            }
        }
    }

    /** The sheet as a scrollable node: one section per group, keys in a column of their own. */
    static Node view(List<Row> rows) {
        GridPane grid = new GridPane();
        grid.setId("shortcut-sheet");
        grid.setHgap(18);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        int line = 0;
        for (var g : groups.entrySet()) {
            Label header = new Label(g.getKey());
            header.getStyleClass().add("review-section");
            grid.add(header, 0, line++, 2, 1);
            for (Row r : g.getValue()) {
                Label keys = new Label(r.keys());
                keys.getStyleClass().add("shortcut-keys");
                keys.setMinWidth(Label.USE_PREF_SIZE);
                Label what = new Label(r.what());
                what.setWrapText(true);
                grid.add(keys, 0, line);
                grid.add(what, 1, line++);
            }
        }
        Label mouse = new Label("Click or drag on the timeline or any plot to seek.");
        mouse.getStyleClass().add("review-muted");
        grid.add(mouse, 0, line, 2, 1);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setId("shortcut-scroll");
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(420);
        scroll.setPrefViewportWidth(520);
        return scroll;
    }
}
