package io.vlastudio.app.ui;

import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The window's bottom line: what the studio is doing, a progress bar and a cancel button for long jobs. */
public final class StatusBar extends HBox implements TaskRunner.ProgressListener {

    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar();
    /** What the progress bar measures: the job's title, its latest message and a percentage. */
    private final Label job = new Label();
    private final Button cancel = new Button("Cancel");
    private RunningJob current;
    private String currentTitle;

    public StatusBar(ObservableValue<String> status) {
        getStyleClass().add("status-bar");
        setId("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        message.setId("status-message");
        message.textProperty().bind(status);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.SOMETIMES);
        progress.setId("status-progress");
        progress.setPrefWidth(180);
        cancel.setId("status-cancel");
        cancel.setOnAction(e -> {
            if (current != null) {
                current.cancel();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        job.setId("status-job");
        job.setMaxWidth(460);
        job.setMinWidth(0);
        job.getStyleClass().add("status-job");
        getChildren().addAll(message, spacer, job, progress, cancel);
        showBusy(false);
    }

    /**
     * Shows or hides the progress bar and Cancel button without changing the bar's size: they stay managed, only
     * invisible. (Managing them in and out made the bar a few pixels taller for every job, so the window's centre
     * shrank and grew back around every review save, and each round trip moved the viewer/plots divider by a
     * rounding error: ~0.3 px per edit, the plots gone after ~190 edits.)
     */
    private void showBusy(boolean busy) {
        progress.setVisible(busy);
        cancel.setVisible(busy);
        job.setVisible(busy);
        if (!busy) {
            job.setText("");
        }
    }

    @Override
    public void started(String title, RunningJob job) {
        if (isQuiet(title)) {
            return; // frame reads, read-ahead and settings saves are too quick to flash a progress bar for
        }
        current = job;
        currentTitle = title;
        progress.setProgress(-1);
        this.job.setText(title + "…");
        showBusy(true);
    }

    static boolean isQuiet(String title) {
        return title.startsWith("Reading step") || title.startsWith("Reading ahead") || title.startsWith("Saving settings")
                || title.startsWith("Reading signals") || title.startsWith("Opening demo_");
    }

    @Override
    public void progress(String title, double fraction, String text) {
        if (title.equals(currentTitle)) {
            progress.setProgress(fraction);
            job.setText(label(title, fraction, text));
        }
    }

    static String label(String title, double fraction, String text) {
        String percent = fraction >= 0 && fraction <= 1 ? " · " + Math.round(fraction * 100) + " %" : "";
        return title + (text == null || text.isBlank() ? "" : ": " + text) + percent;
    }

    @Override
    public void finished(String title) {
        if (title.equals(currentTitle)) {
            current = null;
            currentTitle = null;
            showBusy(false);
        }
    }
}
