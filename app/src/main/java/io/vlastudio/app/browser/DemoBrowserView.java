package io.vlastudio.app.browser;

import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.overlay.OverlayView;
import io.vlastudio.app.review.ReviewPanel;
import io.vlastudio.app.review.ReviewViewModel;
import io.vlastudio.app.viewer.TimelineView;
import io.vlastudio.store.Review;
import io.vlastudio.store.Verdict;
import javafx.scene.paint.Color;
import java.util.EnumMap;
import io.vlastudio.app.viewer.DemoViewerView;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.dataset.DemoFile;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * The main screen: a library (suites → tasks → demos, with counts and a filter box) on the left and the demo
 * viewer in the centre. Keyboard: Space play/pause, ←/→ one step, Shift+←/→ ten, Home/End, J/K/L speed,
 * ↑/↓ previous/next demo in the filter, Ctrl+F the filter box.
 */
public final class DemoBrowserView extends BorderPane {

    private final DemoBrowserViewModel model;
    private final TreeView<Object> library = new TreeView<>(new TreeItem<>("library"));
    private final TextField filter = new TextField();
    private final DemoViewerView viewer;
    private boolean syncingSelection;
    private boolean swallowTyped;
    private final Label noMatches = new Label();
    private List<Shortcut> shortcuts = List.of();
    private final Thumbnails thumbnails;
    private final OverlayView overlayView;
    private final ReviewPanel reviewPanel;

    static final Map<Verdict, String> BADGES = Map.of(Verdict.UNREVIEWED, "○", Verdict.ACCEPTED, "✔",
            Verdict.REJECTED, "✘", Verdict.FLAGGED, "⚑");
    static final List<String> VERDICT_STYLES = List.of("verdict-unreviewed", "verdict-accepted", "verdict-rejected",
            "verdict-flagged");
    static final Map<Verdict, Color> VERDICT_COLOURS = Map.of(Verdict.ACCEPTED, Color.web("#7bd389"),
            Verdict.REJECTED, Color.web("#ef5350"), Verdict.FLAGGED, Color.web("#f4d35e"));

    /** A suite or task row of the library, with its demo count. */
    record Group(String title, String detail, int demos) {
    }

    public DemoBrowserView(DemoBrowserViewModel model) {
        this.model = model;
        this.viewer = new DemoViewerView(model.viewer());
        this.thumbnails = model.thumbnails();
        getStyleClass().add("demo-browser");
        filter.setId("library-filter");
        filter.setPromptText("Filter: words, verdict:, tag:, segment:");
        filter.setTooltip(new javafx.scene.control.Tooltip("Ctrl+F. Every word must match: a task, instruction or demo "
                + "name, verdict:rejected (accepted, flagged, unreviewed), tag:slip, segment:failed-grasp or "
                + "segment:\"failed grasp\"."));
        filter.textProperty().bindBidirectional(model.filterProperty());
        // the filter box is reached with Ctrl+F, never by Tab or at start, so single-key shortcuts keep working
        filter.setFocusTraversable(false);
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.ENTER) {
                library.requestFocus();
                e.consume();
            }
        });
        buildLibrary();
        noMatches.setId("library-no-matches");
        noMatches.getStyleClass().add("review-muted");
        noMatches.setWrapText(true);
        noMatches.setVisible(false);
        noMatches.setManaged(false);
        Runnable updateEmpty = () -> {
            boolean none = model.visibleItems().isEmpty() && !model.files().isEmpty();
            noMatches.setText("No demo matches \"" + model.filterProperty().get() + "\". Words match the task, instruction or demo; "
                    + "verdict:accepted|rejected|flagged|unreviewed and tag:NAME match reviews. Esc leaves the filter.");
            noMatches.setVisible(none);
            noMatches.setManaged(none);
        };
        model.visibleItems().addListener((ListChangeListener<DemoItem>) c -> updateEmpty.run());
        Label title = new Label("Library");
        VBox left = new VBox(6, title, filter, noMatches, library);
        left.getStyleClass().add("library-pane");
        VBox.setVgrow(library, Priority.ALWAYS);
        reviewPanel = new ReviewPanel(model.review());
        SplitPane split = new SplitPane(left, viewer, reviewPanel);
        split.setId("main-split");
        split.setDividerPositions(0.25, 0.78);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(reviewPanel, false);
        setCenter(split);
        model.visibleItems().addListener((ListChangeListener<DemoItem>) c -> rebuildLibrary());
        // a click anywhere in the viewer gives it the keyboard (labels and canvases take no focus of their own)
        viewer.setFocusTraversable(true);
        viewer.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> viewer.requestFocus());
        model.selectedProperty().addListener((obs, o, n) -> selectInLibrary(n));
        shortcuts = buildShortcuts();
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        // a shortcut that moves the keyboard into a text field (S, T, N) must not type its own letter there
        addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowTyped) {
                swallowTyped = false;
                e.consume();
            }
        });
        overlayView = new OverlayView(model.overlay(), model.selectedProperty());
        javafx.scene.control.Tab overlayTab = viewer.addLowerTab("Overlay", overlayView);
        overlayTab.setId("overlay-tab");
        overlayTab.selectedProperty().addListener((obs, o, n) -> model.overlay().setActive(n));

        ReviewViewModel review = model.review();
        review.revisionProperty().addListener((obs, o, n) -> {
            library.refresh();
            rebuildLibraryCounts();
        });
        review.reviewProperty().addListener((obs, o, r) -> showReviewOnTimeline(r));
        // every edit, undo and redo is echoed over the frames and on the status line
        review.feedbackProperty().addListener((obs, o, f) -> {
            if (f != null) {
                viewer.showToast(f.text());
                model.announce(f.text());
            }
        });
        review.pendingSegmentStartProperty().addListener((obs, o, n) -> viewer.timeline().setPendingSegmentStart(n.intValue()));
    }

    private void showReviewOnTimeline(Review r) {
        TimelineView t = viewer.timeline();
        t.setVerdictColor(VERDICT_COLOURS.get(r.verdict()));
        t.setSegments(r.segments().stream().map(s -> new TimelineView.Mark(s.from(), s.to() - 1, s.label())).toList());
        if (r.trim() == null) {
            t.setTrim(-1, -1);
        } else {
            t.setTrim(r.trim().in(), r.trim().out() - 1);
        }
    }

    /** Task rows show how far the review got: accepted / rejected / flagged counts. */
    private void rebuildLibraryCounts() {
        for (TreeItem<Object> suite : library.getRoot().getChildren()) {
            for (TreeItem<Object> f : suite.getChildren()) {
                if (f.getValue() instanceof Group g) {
                    EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
                    for (TreeItem<Object> d : f.getChildren()) {
                        if (d.getValue() instanceof DemoItem item) {
                            counts.merge(model.review().verdictOf(item), 1, Integer::sum);
                        }
                    }
                    String base = g.detail().contains("  ") ? g.detail().substring(0, g.detail().indexOf("  ")) : g.detail();
                    String reviewed = counts.getOrDefault(Verdict.ACCEPTED, 0) + counts.getOrDefault(Verdict.REJECTED, 0)
                            + counts.getOrDefault(Verdict.FLAGGED, 0) == 0 ? "" : "  ✔" + counts.getOrDefault(Verdict.ACCEPTED, 0)
                            + " ✘" + counts.getOrDefault(Verdict.REJECTED, 0) + " ⚑" + counts.getOrDefault(Verdict.FLAGGED, 0);
                    f.setValue(new Group(g.title(), base + reviewed, g.demos()));
                }
            }
        }
    }

    public ReviewPanel reviewPanel() {
        return reviewPanel;
    }

    public OverlayView overlayView() {
        return overlayView;
    }

    private void buildLibrary() {
        library.setId("library");
        library.setShowRoot(false);
        library.getRoot().setExpanded(true);
        library.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("suite-cell", "file-cell", "demo-cell", "invalid-demo");
                getStyleClass().removeAll(VERDICT_STYLES);
                if (!(item instanceof DemoItem)) {
                    setGraphic(null);
                }
                if (empty || item == null) {
                    setText(null);
                } else if (item instanceof Group g) {
                    setText(g.title() + "\n" + g.detail());
                    getStyleClass().add(g.detail().startsWith("suite") ? "suite-cell" : "file-cell");
                } else if (item instanceof DemoItem d) {
                    setGraphic(thumbnail(d, this));
                    Verdict v = model.review().verdictOf(d);
                    int noOps = model.review().noOpsOf(d);
                    setText(BADGES.get(v) + " " + d.summary().name() + "\n" + d.summary().length() + " steps"
                            + (noOps > 0 ? " · " + noOps + " no-op" : "") + (d.summary().valid() ? "" : " · invalid"));
                    getStyleClass().add("demo-cell");
                    getStyleClass().removeAll(VERDICT_STYLES);
                    getStyleClass().add("verdict-" + v.id());
                    if (!d.summary().valid()) {
                        getStyleClass().add("invalid-demo");
                    }
                } else {
                    setText(String.valueOf(item));
                }
            }
        });
        library.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (!syncingSelection && n != null && n.getValue() instanceof DemoItem item) {
                model.select(item);
            }
        });
    }

    /** The demo's thumbnail strip, or an empty placeholder of the same size that fills in when it is read. */
    private javafx.scene.Node thumbnail(DemoItem d, TreeCell<Object> cell) {
        javafx.scene.image.ImageView view = new javafx.scene.image.ImageView();
        view.setFitWidth(Thumbnails.FRAMES * Thumbnails.SIDE);
        view.setFitHeight(Thumbnails.SIDE);
        view.getStyleClass().add("thumbnail-strip");
        Thumbnails.Strip strip = thumbnails.get(d, ready -> {
            if (d.equals(cell.getItem())) {
                view.setImage(image(ready));
            }
        });
        if (strip != null) {
            view.setImage(image(strip));
        }
        return view;
    }

    private static javafx.scene.image.Image image(Thumbnails.Strip s) {
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(s.width(), s.height());
        img.getPixelWriter().setPixels(0, 0, s.width(), s.height(), javafx.scene.image.PixelFormat.getIntArgbInstance(),
                s.argb(), 0, s.width());
        return img;
    }

    private void rebuildLibrary() {
        TreeItem<Object> root = library.getRoot();
        root.getChildren().clear();
        Map<String, Map<DemoFile, List<DemoItem>>> bySuite = new LinkedHashMap<>();
        for (DemoItem item : model.visibleItems()) {
            bySuite.computeIfAbsent(item.file().suite(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(item.file(), k -> new java.util.ArrayList<>()).add(item);
        }
        for (var suite : bySuite.entrySet()) {
            int suiteDemos = suite.getValue().values().stream().mapToInt(List::size).sum();
            TreeItem<Object> suiteItem = new TreeItem<>(new Group(suite.getKey(),
                    "suite · " + suite.getValue().size() + " tasks · " + suiteDemos + " demos", suiteDemos));
            suiteItem.setExpanded(true);
            for (var file : suite.getValue().entrySet()) {
                DemoFile f = file.getKey();
                TreeItem<Object> fileItem = new TreeItem<>(new Group(f.language(),
                        f.variant().id() + " · " + file.getValue().size() + (file.getValue().size() == f.demos().size()
                                ? "" : " of " + f.demos().size()) + " demos", file.getValue().size()));
                fileItem.setExpanded(true);
                for (DemoItem d : file.getValue()) {
                    fileItem.getChildren().add(new TreeItem<>(d));
                }
                suiteItem.getChildren().add(fileItem);
            }
            root.getChildren().add(suiteItem);
        }
        selectInLibrary(model.selectedProperty().get());
    }

    private void selectInLibrary(DemoItem item) {
        if (item == null) {
            return;
        }
        for (TreeItem<Object> suite : library.getRoot().getChildren()) {
            for (TreeItem<Object> f : suite.getChildren()) {
                for (TreeItem<Object> d : f.getChildren()) {
                    if (item.equals(d.getValue())) {
                        if (library.getSelectionModel().getSelectedItem() != d) {
                            syncingSelection = true;
                            library.getSelectionModel().select(d);
                            syncingSelection = false;
                        }
                        int row = library.getRow(d);
                        if (row >= 0) {
                            library.scrollTo(Math.max(0, row - 4));
                        }
                        return;
                    }
                }
            }
        }
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        for (Shortcut k : shortcuts) {
            if (k.matches(e)) {
                k.action().run();
                swallowTyped = !e.getText().isEmpty();
                e.consume();
                return;
            }
        }
    }

    /** The single-key shortcuts, in the order the sheet lists them; {@link #onKey} binds exactly these. */
    private List<Shortcut> buildShortcuts() {
        DemoViewerViewModel v = model.viewer();
        ReviewViewModel r = model.review();
        String play = Shortcut.PLAYBACK, review = "Review", nav = "Navigation", zoom = Shortcut.ZOOM;
        var window = v.timeWindow();
        return List.of(
                new Shortcut(KeyCode.SPACE, null, "Space", "play / pause (at the recorded 20 Hz × speed)", play, v::togglePlay),
                new Shortcut(KeyCode.J, null, "J", "slower", play, v::slower),
                new Shortcut(KeyCode.K, null, "K", "pause", play, v::pause),
                new Shortcut(KeyCode.L, null, "L", "play, or faster while playing", play, v::faster),
                new Shortcut(KeyCode.RIGHT, false, "→", "one step forward", play, () -> v.stepBy(1)),
                new Shortcut(KeyCode.LEFT, false, "←", "one step back", play, () -> v.stepBy(-1)),
                new Shortcut(KeyCode.RIGHT, true, "Shift+→", "ten steps forward", play, () -> v.stepBy(10)),
                new Shortcut(KeyCode.LEFT, true, "Shift+←", "ten steps back", play, () -> v.stepBy(-10)),
                new Shortcut(KeyCode.HOME, null, "Home", "first step", play, () -> v.seek(0)),
                new Shortcut(KeyCode.END, null, "End", "last step", play, () -> v.seek(v.lastStepProperty().get())),
                new Shortcut(KeyCode.EQUALS, null, "+", "zoom in around the playhead (or Ctrl + wheel over a plot or the "
                        + "timeline)", zoom, () -> window.zoomIn(v.stepProperty().get()), Set.of(KeyCode.PLUS, KeyCode.ADD)),
                new Shortcut(KeyCode.MINUS, null, "−", "zoom out", zoom, () -> window.zoomOut(v.stepProperty().get()),
                        Set.of(KeyCode.SUBTRACT)),
                new Shortcut(KeyCode.DIGIT0, null, "0", "show all steps (or double click a plot); zoomed, the axes follow "
                        + "the playhead", zoom, window::fit, Set.of(KeyCode.NUMPAD0)),
                new Shortcut(KeyCode.A, null, "A", "accept the demo", review, () -> r.setVerdict(Verdict.ACCEPTED)),
                new Shortcut(KeyCode.R, null, "R", "reject the demo", review, () -> r.setVerdict(Verdict.REJECTED)),
                new Shortcut(KeyCode.F, null, "F", "flag the demo", review, () -> r.setVerdict(Verdict.FLAGGED)),
                new Shortcut(KeyCode.I, null, "I", "trim: keep from this step", review, r::trimIn),
                new Shortcut(KeyCode.O, null, "O", "trim: keep up to this step", review, r::trimOut),
                new Shortcut(KeyCode.S, null, "S … S", "mark a segment (start, end), then type its label", review,
                        () -> r.segmentKey().ifPresent(range -> reviewPanel.askSegmentLabel(range[0], range[1]))),
                new Shortcut(KeyCode.ESCAPE, null, "Esc", "cancel a segment being marked", review, r::cancelSegment),
                new Shortcut(KeyCode.T, null, "T", "add a tag", review, reviewPanel::focusTag),
                new Shortcut(KeyCode.N, null, "N", "write a note", review, reviewPanel::focusNote),
                new Shortcut(KeyCode.DOWN, null, "↓", "next demo in the filter", nav, () -> model.selectRelative(1)),
                new Shortcut(KeyCode.UP, null, "↑", "previous demo in the filter", nav, () -> model.selectRelative(-1)),
                new Shortcut(KeyCode.U, null, "U", "next unreviewed demo in the filter", nav, model::selectNextUnreviewed));
    }

    /** Puts the keyboard in the library filter (Ctrl+F, from the Edit menu). */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** The review loop's single-key shortcuts (the sheet adds the menus' own accelerators). */
    public List<Shortcut> shortcuts() {
        return shortcuts;
    }

    public DemoViewerView viewer() {
        return viewer;
    }
}
