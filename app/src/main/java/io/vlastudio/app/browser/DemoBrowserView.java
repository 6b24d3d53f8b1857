package io.vlastudio.app.browser;

import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Orientation;
import javafx.collections.MapChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first studio screen: a library of opened files and their demos on the left, every camera of the
 * selected demo side by side, and a step slider. Left/Right step, Shift+Left/Right step by ten.
 */
public final class DemoBrowserView extends BorderPane {

    private final DemoBrowserViewModel model;
    private final TreeView<Object> library = new TreeView<>(new TreeItem<>("files"));
    private final HBox cameraRow = new HBox(12);
    private final Map<String, CameraPane> cameraPanes = new LinkedHashMap<>();
    private final Slider slider = new Slider(0, 0, 0);
    private final Label stepLabel = new Label("step – / –");
    private final StackPane centre = new StackPane();
    private final Label placeholder = new Label("Drop LIBERO .hdf5 files or folders here\nor use File → Open (Ctrl+O)");

    public DemoBrowserView(DemoBrowserViewModel model) {
        this.model = model;
        getStyleClass().add("demo-browser");
        buildLibrary();
        buildViewer();
        model.files().addListener((ListChangeListener<DemoFile>) c -> rebuildLibrary());
        model.cameras().addListener((ListChangeListener<CameraInfo>) c -> rebuildCameras());
        model.frames().addListener((MapChangeListener<String, io.vlastudio.dataset.Frame>) c -> {
            if (c.wasAdded() && cameraPanes.containsKey(c.getKey())) {
                cameraPanes.get(c.getKey()).show(c.getValueAdded());
            }
        });
        model.selectedProperty().addListener((obs, o, n) -> selectInLibrary(n));
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private void buildLibrary() {
        library.setId("library");
        library.setShowRoot(false);
        library.getRoot().setExpanded(true);
        library.setPrefWidth(300);
        library.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("file-cell", "demo-cell", "invalid-demo");
                if (empty || item == null) {
                    setText(null);
                } else if (item instanceof DemoFile f) {
                    setText(f.language() + "\n" + f.suite() + " · " + f.variant().id() + " · " + f.demos().size() + " demos");
                    getStyleClass().add("file-cell");
                } else if (item instanceof DemoItem d) {
                    setText(d.label());
                    getStyleClass().add("demo-cell");
                    if (!d.summary().valid()) {
                        getStyleClass().add("invalid-demo");
                    }
                } else {
                    setText(String.valueOf(item));
                }
            }
        });
        library.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null && n.getValue() instanceof DemoItem item) {
                model.select(item);
            }
        });
        VBox left = new VBox(new Label("Library"), library);
        left.getStyleClass().add("library-pane");
        VBox.setVgrow(library, Priority.ALWAYS);
        setLeft(left);
    }

    private void buildViewer() {
        ChoiceBox<Orientation> orientation = new ChoiceBox<>();
        orientation.setId("orientation");
        orientation.getItems().setAll(Orientation.values());
        orientation.valueProperty().bindBidirectional(model.orientationProperty());
        orientation.setConverter(new StringConverter<>() {
            @Override
            public String toString(Orientation o) {
                return o == null ? "" : o.label();
            }

            @Override
            public Orientation fromString(String s) {
                return null;
            }
        });
        Label orientationLabel = new Label("Orientation");
        HBox toolbar = new HBox(8, orientationLabel, orientation);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("viewer-toolbar");

        cameraRow.setId("cameras");
        cameraRow.setAlignment(Pos.CENTER);
        cameraRow.setPadding(new Insets(8));
        placeholder.getStyleClass().add("placeholder");
        placeholder.setId("placeholder");
        centre.getChildren().setAll(placeholder);
        VBox.setVgrow(centre, Priority.ALWAYS);

        slider.setId("step-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(10);
        slider.setMinorTickCount(9);
        slider.setSnapToTicks(false);
        slider.maxProperty().bind(model.lastStepProperty());
        slider.valueProperty().addListener((obs, o, n) -> model.stepProperty().set((int) Math.round(n.doubleValue())));
        model.stepProperty().addListener((obs, o, n) -> {
            slider.setValue(n.intValue());
            updateStepLabel();
        });
        model.lastStepProperty().addListener((obs, o, n) -> updateStepLabel());
        stepLabel.setId("step-label");
        stepLabel.setMinWidth(120);
        HBox.setHgrow(slider, Priority.ALWAYS);
        HBox timeline = new HBox(10, slider, stepLabel);
        timeline.setAlignment(Pos.CENTER_LEFT);
        timeline.getStyleClass().add("timeline");

        VBox viewer = new VBox(toolbar, centre, timeline);
        viewer.getStyleClass().add("viewer");
        setCenter(viewer);
    }

    private void updateStepLabel() {
        stepLabel.setText("step " + model.stepProperty().get() + " / " + model.lastStepProperty().get());
    }

    private void rebuildLibrary() {
        TreeItem<Object> root = library.getRoot();
        root.getChildren().clear();
        for (DemoFile f : model.files()) {
            TreeItem<Object> fileItem = new TreeItem<>(f);
            fileItem.setExpanded(true);
            for (DemoSummary s : f.demos()) {
                fileItem.getChildren().add(new TreeItem<>(new DemoItem(f, s)));
            }
            root.getChildren().add(fileItem);
        }
    }

    private void selectInLibrary(DemoItem item) {
        if (item == null) {
            return;
        }
        for (TreeItem<Object> f : library.getRoot().getChildren()) {
            for (TreeItem<Object> d : f.getChildren()) {
                if (item.equals(d.getValue()) && library.getSelectionModel().getSelectedItem() != d) {
                    library.getSelectionModel().select(d);
                    int row = library.getRow(d);
                    if (row >= 0) {
                        library.scrollTo(Math.max(0, row - 3));
                    }
                    return;
                }
            }
        }
    }

    private void rebuildCameras() {
        cameraPanes.clear();
        cameraRow.getChildren().clear();
        for (CameraInfo c : model.cameras()) {
            CameraPane pane = new CameraPane(c.name());
            HBox.setHgrow(pane, Priority.ALWAYS);
            pane.setPrefWidth(400);
            cameraPanes.put(c.name(), pane);
            cameraRow.getChildren().add(pane);
            pane.show(model.frames().get(c.name()));
        }
        centre.getChildren().setAll(model.cameras().isEmpty() ? placeholder : cameraRow);
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        int n = e.isShiftDown() ? 10 : 1;
        if (e.getCode() == KeyCode.RIGHT) {
            model.stepBy(n);
            e.consume();
        } else if (e.getCode() == KeyCode.LEFT) {
            model.stepBy(-n);
            e.consume();
        } else if (e.getCode() == KeyCode.HOME) {
            model.stepProperty().set(0);
            e.consume();
        } else if (e.getCode() == KeyCode.END) {
            model.stepProperty().set(model.lastStepProperty().get());
            e.consume();
        }
    }
}
