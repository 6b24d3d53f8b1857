package io.vlastudio.app.review;

import io.vlastudio.dataset.StepRange;
import io.vlastudio.store.HistoryEntry;
import io.vlastudio.store.Note;
import io.vlastudio.store.Review;
import io.vlastudio.store.Segment;
import io.vlastudio.store.Verdict;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The review side panel: verdict, trim, segments, tags, notes, "drop no-op steps" and the demo's history.
 * Every control has a key (shown in its tooltip); every change is saved at once.
 */
public final class ReviewPanel extends ScrollPane {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ReviewViewModel model;
    private final Map<Verdict, ToggleButton> verdicts = new EnumMap<>(Verdict.class);
    private final Label title = new Label("No demo");
    private final Label trim = new Label("whole demo");
    private final ListView<Segment> segments = new ListView<>();
    private final FlowPane tags = new FlowPane(6, 6);
    private final TextField tagField = new TextField();
    private final TextField segmentField = new TextField();
    private final Label segmentPrompt = new Label();
    private final VBox segmentAsk = new VBox(4, segmentPrompt, segmentField);
    private int[] segmentRange;
    private final VBox notes = new VBox(6);
    private final TextArea noteField = new TextArea();
    private final CheckBox dropNoOps = new CheckBox("Drop no-op steps on export");
    private final ListView<HistoryEntry> history = new ListView<>();
    private final Label message = new Label();
    private final Label workspaceLabel = new Label("No workspace: reviews are not saved");
    private boolean updating;

    public ReviewPanel(ReviewViewModel model) {
        this.model = model;
        setId("review-panel");
        getStyleClass().add("review-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        title.getStyleClass().add("review-title");
        title.setId("review-title");
        workspaceLabel.getStyleClass().add("review-muted");
        workspaceLabel.setWrapText(true);

        ToggleGroup group = new ToggleGroup();
        javafx.scene.layout.TilePane verdictRow = new javafx.scene.layout.TilePane(4, 4);
        verdictRow.setPrefColumns(2);
        verdictRow.setPrefTileWidth(128);
        String[][] spec = {{"ACCEPTED", "A", "✔ Accept  A"}, {"REJECTED", "R", "✘ Reject  R"},
                {"FLAGGED", "F", "⚑ Flag  F"}, {"UNREVIEWED", "–", "○ Unreviewed"}};
        for (String[] s : spec) {
            Verdict v = Verdict.valueOf(s[0]);
            ToggleButton b = new ToggleButton(s[2]);
            b.setId("verdict-" + v.id());
            b.getStyleClass().addAll("verdict-button", "verdict-" + v.id());
            b.setToggleGroup(group);
            b.setTooltip(new Tooltip(s[1].equals("–") ? "Back to unreviewed" : "Press " + s[1]));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setFocusTraversable(false);
            b.setOnAction(e -> {
                if (!updating) {
                    model.setVerdict(v);
                }
            });
            verdicts.put(v, b);
            verdictRow.getChildren().add(b);
        }

        Button clearTrim = new Button("Clear");
        clearTrim.setId("trim-clear");
        clearTrim.setFocusTraversable(false);
        clearTrim.setOnAction(e -> model.clearTrim());
        trim.setId("trim-label");
        HBox trimRow = new HBox(8, trim, spacer(), clearTrim);
        trimRow.setAlignment(Pos.CENTER_LEFT);

        segments.setId("segment-list");
        segments.setPrefHeight(110);
        segments.setFocusTraversable(false);
        Label segmentHint = new Label("S at the start, S at the end");
        segmentHint.getStyleClass().add("review-muted");
        segments.setPlaceholder(segmentHint);
        segments.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Segment s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Button remove = new Button("×");
                remove.getStyleClass().add("chip-remove");
                remove.setFocusTraversable(false);
                remove.setOnAction(e -> model.removeSegment(s));
                Label text = new Label(s.label() + "   " + s.range());
                HBox row = new HBox(6, text, spacer(), remove);
                row.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(row);
            }
        });

        segmentField.setId("segment-label");
        segmentField.setPromptText("label, Enter (Esc cancels)");
        segmentPrompt.setWrapText(true);
        segmentAsk.setVisible(false);
        segmentAsk.setManaged(false);
        segmentAsk.getStyleClass().add("segment-ask");
        segmentField.setOnAction(e -> {
            if (segmentRange != null) {
                model.addSegment(segmentRange[0], segmentRange[1], segmentField.getText());
            }
            closeSegmentAsk();
        });
        segmentField.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                closeSegmentAsk();
                e.consume();
            }
        });

        tags.setId("tag-chips");
        tagField.setId("tag-field");
        tagField.setPromptText("add a tag (T), Enter");
        tagField.setOnAction(e -> {
            model.addTag(tagField.getText());
            tagField.clear();
            getParent().requestFocus();
        });

        noteField.setId("note-field");
        noteField.setPromptText("a note (N); Ctrl+Enter saves");
        noteField.setPrefRowCount(3);
        noteField.setWrapText(true);
        noteField.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && e.isShortcutDown()) {
                saveNote();
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                getParent().requestFocus();
                e.consume();
            }
        });
        Button addNote = new Button("Add note");
        addNote.setId("note-add");
        addNote.setOnAction(e -> saveNote());

        dropNoOps.setId("drop-noops");
        dropNoOps.setFocusTraversable(false);
        dropNoOps.selectedProperty().addListener((obs, o, n) -> {
            if (!updating) {
                model.setDropNoOps(n);
            }
        });

        history.setId("history-list");
        history.setPrefHeight(140);
        history.setFocusTraversable(false);
        Label historyHint = new Label("no changes yet");
        historyHint.getStyleClass().add("review-muted");
        history.setPlaceholder(historyHint);
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry h, boolean empty) {
                super.updateItem(h, empty);
                setText(empty || h == null ? null : TIME.format(h.action().at()) + "  " + h.action().reviewer() + "\n"
                        + h.action().description() + (h.action().kind().name().equals("EDIT") ? "" : " (" + h.action().kind().name().toLowerCase() + ")"));
            }
        });

        message.setId("review-message");
        message.setWrapText(true);
        message.getStyleClass().add("review-message");

        VBox box = new VBox(10,
                title, workspaceLabel,
                section("Verdict"), verdictRow,
                section("Trim (I / O)"), trimRow,
                section("Segments (S … S)"), segmentAsk, segments,
                section("Tags (T)"), tags, tagField,
                section("Notes (N)"), notes, noteField, addNote,
                section("Export"), dropNoOps,
                section("History (undo Ctrl+Z, redo Ctrl+Shift+Z)"), history,
                message);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("review-box");
        setContent(box);
        setPrefWidth(300);
        setMinWidth(240);

        // nothing to review, nothing to press: every edit control is off while no demo is shown
        javafx.beans.binding.BooleanBinding noDemo = model.itemProperty().isNull();
        for (javafx.scene.Node n : List.of(verdictRow, clearTrim, tagField, noteField, addNote, dropNoOps)) {
            n.disableProperty().bind(noDemo);
        }
        model.reviewProperty().addListener((obs, o, n) -> render(n));
        model.itemProperty().addListener((obs, o, n) -> {
            title.setText(n == null ? "No demo" : n.file().task() + "\n" + n.summary().name() + " · " + n.summary().length() + " steps");
            render(model.reviewProperty().get());
        });
        model.history().addListener((ListChangeListener<HistoryEntry>) c -> history.getItems().setAll(model.history()));
        model.messageProperty().addListener((obs, o, n) -> message.setText(n));
        model.workspaceProperty().addListener((obs, o, n) -> workspaceLabel.setText(n == null
                ? "No workspace: reviews are not saved" : "Workspace " + n.directory() + (n.readOnly() ? " (read-only)" : "")));
        render(model.reviewProperty().get());
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("review-section");
        l.setWrapText(true);
        return l;
    }

    private void saveNote() {
        model.addNote(noteField.getText());
        noteField.clear();
        getParent().requestFocus();
    }

    /** Asks for the label of a new segment of steps {@code from:to} (to exclusive) in the panel itself. */
    public void askSegmentLabel(int from, int to) {
        segmentRange = new int[] {from, to};
        segmentPrompt.setText("New segment, steps " + StepRange.format(from, to) + " (e.g. grasp, place, failed grasp):");
        segmentField.clear();
        segmentAsk.setVisible(true);
        segmentAsk.setManaged(true);
        setVvalue(0);
        segmentField.requestFocus();
    }

    private void closeSegmentAsk() {
        segmentRange = null;
        segmentAsk.setVisible(false);
        segmentAsk.setManaged(false);
        getParent().requestFocus();
    }

    /** Puts the keyboard in the tag field (T). */
    public void focusTag() {
        tagField.requestFocus();
    }

    /** Puts the keyboard in the note field (N). */
    public void focusNote() {
        noteField.requestFocus();
    }

    private void render(Review r) {
        updating = true;
        try {
            ToggleButton selected = verdicts.get(r.verdict());
            verdicts.values().forEach(b -> b.setSelected(b == selected));
            trim.setText(r.trim() == null ? "whole demo" : "steps " + r.trim().range()
                    + "  (" + r.trim().range().length() + " kept)");
            segments.getItems().setAll(r.segments());
            tags.getChildren().clear();
            for (String t : r.tags()) {
                Button remove = new Button("×");
                remove.getStyleClass().add("chip-remove");
                remove.setFocusTraversable(false);
                remove.setOnAction(e -> model.removeTag(t));
                HBox chip = new HBox(4, new Label(t), remove);
                chip.setAlignment(Pos.CENTER_LEFT);
                chip.getStyleClass().add("tag-chip");
                tags.getChildren().add(chip);
            }
            notes.getChildren().clear();
            for (Note n : r.notes()) {
                Label l = new Label(n.text() + "\n— " + n.author() + ", " + TIME.format(n.at()));
                l.setWrapText(true);
                l.getStyleClass().add("review-note");
                notes.getChildren().add(l);
            }
            dropNoOps.setSelected(model.dropsNoOps());
        } finally {
            updating = false;
        }
    }
}
