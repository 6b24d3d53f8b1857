package io.vlastudio.app.predictions;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One to three videos side by side on ONE clock: one play/pause button, one slider, one time readout. The first pane
 * that plays leads; the others follow it (seeked back to the leader whenever they drift more than {@link #MAX_DRIFT}).
 * A pane that cannot play (known bad file, MEDIA_UNSUPPORTED, a decoding error) shows why, and the others still play.
 */
public final class EvalVideoPlayer extends BorderPane {

    /** How far a follower may drift from the leader before it is seeked back. */
    static final Duration MAX_DRIFT = Duration.millis(150);

    private final HBox panes = new HBox(8);
    private final Button play = new Button();
    private final Slider slider = new Slider(0, 1, 0);
    private final Label time = new Label("0.0 / 0.0 s");
    private final Label empty = new Label("Select an episode to play it.");
    private final List<Slot> slots = new ArrayList<>();
    private Slot leader;
    private boolean playing;
    private boolean updatingSlider;
    /** Why JavaFX Media cannot play on this computer (missing FFmpeg libraries), or null: said in every pane's error. */
    private String mediaProblem;
    private final ChangeListener<Duration> leaderClock = (o, a, now) -> onLeaderTime(now);

    /** A pane: its media view or its message. */
    private static final class Slot {
        final String title;
        final StackPane body = new StackPane();
        final Label message = new Label();
        MediaPlayer player;

        Slot(String title) {
            this.title = title;
        }
    }

    public EvalVideoPlayer() {
        setId("eval-player");
        panes.setAlignment(Pos.CENTER);
        panes.setPadding(new Insets(8));
        empty.getStyleClass().add("placeholder");
        StackPane center = new StackPane(empty);
        center.getChildren().add(panes);
        setCenter(center);
        play.setId("eval-play");
        play.setDisable(true);
        play.setMinWidth(90);
        showPlaying(false);
        play.setOnAction(e -> togglePlay());
        slider.setId("eval-slider");
        slider.setDisable(true);
        HBox.setHgrow(slider, Priority.ALWAYS);
        time.setId("eval-time");
        time.setMinWidth(110);
        slider.valueProperty().addListener((o, a, b) -> {
            if (!updatingSlider) {
                seek(Duration.seconds(b.doubleValue()));
            }
        });
        HBox controls = new HBox(8, play, slider, time);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6, 8, 8, 8));
        setBottom(controls);
    }

    /** Shows {@code videos} (each pane with its title), paused at the start; disposes of what was showing. */
    /** What {@link MediaSupport} found missing on this computer (null: nothing); panes that fail say it. */
    public void setMediaProblem(String problem) {
        this.mediaProblem = problem;
    }

    public void show(List<EvalVideoViewModel.Pane> videos) {
        dispose();
        empty.setVisible(videos.isEmpty());
        for (int i = 0; i < videos.size(); i++) {
            EvalVideoViewModel.Pane p = videos.get(i);
            Slot slot = new Slot(p.title());
            slot.message.setId("eval-message-" + i);
            slot.message.setWrapText(true);
            slot.message.setMaxWidth(320);
            slot.body.setMinSize(160, 160);
            slot.body.setPrefSize(320, 320);
            Label title = new Label(p.title());
            title.setId("eval-title-" + i);
            title.setMaxWidth(320);
            VBox box = new VBox(4, title, slot.body);
            box.setId("eval-pane-" + i);
            box.setAlignment(Pos.TOP_CENTER);
            HBox.setHgrow(box, Priority.ALWAYS);
            panes.getChildren().add(box);
            slots.add(slot);
            if (p.problem() != null) {
                fail(slot, "Cannot play " + name(p) + ": " + p.problem());
            } else if (p.file() == null) {
                fail(slot, "No video.");
            } else {
                open(slot, p);
            }
        }
        chooseLeader();
    }

    private void open(Slot slot, EvalVideoViewModel.Pane p) {
        try {
            Media media = new Media(p.file().toUri().toString());
            MediaPlayer player = new MediaPlayer(media);
            slot.player = player;
            media.setOnError(() -> fail(slot, explain(p, media.getError(), mediaProblem)));
            player.setOnError(() -> fail(slot, explain(p, player.getError(), mediaProblem)));
            player.setOnReady(this::onReady);
            player.setOnEndOfMedia(() -> {
                if (slot == leader) {
                    pauseAll();
                }
            });
            MediaView view = new MediaView(player);
            view.setPreserveRatio(true);
            view.fitWidthProperty().bind(slot.body.widthProperty());
            view.fitHeightProperty().bind(slot.body.heightProperty());
            slot.body.getChildren().setAll(view);
        } catch (MediaException | IllegalArgumentException | UnsupportedOperationException e) {
            fail(slot, explain(p, e, mediaProblem));
        }
    }

    private static String name(EvalVideoViewModel.Pane p) {
        return p.file() == null ? p.title() : p.file().getFileName().toString();
    }

    /**
     * The pane's message for a JavaFX Media error. Without FFmpeg's libraries ({@code mediaProblem} not null) JavaFX
     * reports {@code UNKNOWN (Could not create player!)} or {@code MEDIA_UNSUPPORTED}: the message says what is missing
     * and how to install it instead.
     */
    static String explain(EvalVideoViewModel.Pane p, Exception e, String mediaProblem) {
        String why = e == null ? "unknown error" : e instanceof MediaException me
                ? me.getType() + (me.getMessage() == null ? "" : " (" + me.getMessage() + ")") : String.valueOf(e.getMessage());
        boolean unsupported = e instanceof MediaException me && me.getType() == MediaException.Type.MEDIA_UNSUPPORTED;
        boolean noPlayer = e != null && String.valueOf(e.getMessage()).contains("Could not create player");
        if (mediaProblem != null && (unsupported || noPlayer)) {
            return "Cannot play " + name(p) + ": FFmpeg's libavcodec and libavformat are missing, and JavaFX Media needs "
                    + "them to decode video. " + MediaSupport.INSTALL;
        }
        String hint = unsupported ? ". JavaFX Media plays H.264 MP4s; on Linux it decodes them with FFmpeg's libavcodec "
                + "and libavformat. " + MediaSupport.INSTALL
                : noPlayer ? ". JavaFX Media could not start a player: on Linux this usually means FFmpeg's libavcodec or "
                + "libavformat is missing or of a version it cannot use. " + MediaSupport.INSTALL : "";
        return "Cannot play " + name(p) + ": " + why + hint;
    }

    private void fail(Slot slot, String message) {
        if (slot.player != null) {
            MediaPlayer dead = slot.player;
            slot.player = null;
            dead.dispose();
        }
        slot.message.setText(message);
        slot.body.getChildren().setAll(slot.message);
        if (slot == leader) {
            chooseLeader();
        }
    }

    private void chooseLeader() {
        if (leader != null && leader.player != null) {
            leader.player.currentTimeProperty().removeListener(leaderClock);
        }
        leader = slots.stream().filter(s -> s.player != null).findFirst().orElse(null);
        boolean any = leader != null;
        play.setDisable(!any);
        slider.setDisable(!any);
        if (any) {
            leader.player.currentTimeProperty().addListener(leaderClock);
            onReady();
            if (playing) {
                for (Slot s : slots) {
                    if (s.player != null) {
                        s.player.play();
                    }
                }
            }
        } else {
            playing = false;
            showPlaying(false);
        }
    }

    private void onReady() {
        if (leader == null || leader.player == null) {
            return;
        }
        Duration total = leader.player.getTotalDuration();
        if (total != null && !total.isUnknown() && !total.isIndefinite()) {
            updatingSlider = true;
            slider.setMax(Math.max(0.001, total.toSeconds()));
            updatingSlider = false;
        }
        onLeaderTime(leader.player.getCurrentTime());
    }

    private void onLeaderTime(Duration now) {
        if (now == null) {
            return;
        }
        updatingSlider = true;
        slider.setValue(now.toSeconds());
        updatingSlider = false;
        time.setText(String.format(Locale.ROOT, "%.1f / %.1f s", now.toSeconds(), slider.getMax()));
        if (playing) {
            for (Slot s : slots) {
                if (s != leader && s.player != null && s.player.getStatus() == MediaPlayer.Status.PLAYING
                        && Math.abs(s.player.getCurrentTime().toMillis() - now.toMillis()) > MAX_DRIFT.toMillis()) {
                    s.player.seek(now);
                }
            }
        }
    }

    /** SVG glyphs, as the demo viewer's transport (the bundled fonts have no pause glyph). */
    private void showPlaying(boolean on) {
        javafx.scene.shape.SVGPath glyph = new javafx.scene.shape.SVGPath();
        glyph.setContent(on ? "M0 0 H3.5 V12 H0 Z M6.5 0 H10 V12 H6.5 Z" : "M0 0 L10 6 L0 12 Z");
        glyph.getStyleClass().add("transport-glyph");
        play.setGraphic(glyph);
        play.setText(on ? "Pause" : "Play");
    }

    /** Play or pause every pane together. */
    public void togglePlay() {
        if (playing) {
            pauseAll();
        } else {
            playAll();
        }
    }

    public void playAll() {
        if (leader == null) {
            return;
        }
        Duration total = leader.player.getTotalDuration();
        if (total != null && !total.isUnknown() && leader.player.getCurrentTime().greaterThanOrEqualTo(total.subtract(Duration.millis(50)))) {
            seek(Duration.ZERO);
        }
        playing = true;
        showPlaying(true);
        for (Slot s : slots) {
            if (s.player != null) {
                s.player.play();
            }
        }
    }

    public void pauseAll() {
        playing = false;
        showPlaying(false);
        for (Slot s : slots) {
            if (s.player != null) {
                s.player.pause();
            }
        }
        if (leader != null) {
            seek(leader.player.getCurrentTime());
        }
    }

    /** Seeks every pane to {@code t}. */
    public void seek(Duration t) {
        for (Slot s : slots) {
            if (s.player != null) {
                s.player.seek(t);
            }
        }
    }

    /** The players that play (panes with a message have none), in pane order. */
    public List<MediaPlayer> players() {
        return slots.stream().filter(s -> s.player != null).map(s -> s.player).toList();
    }

    /** The player whose clock the others follow, or null. */
    public MediaPlayer leader() {
        return leader == null ? null : leader.player;
    }

    public boolean isPlaying() {
        return playing;
    }

    /** Stops and releases every player. */
    public void dispose() {
        playing = false;
        showPlaying(false);
        if (leader != null && leader.player != null) {
            leader.player.currentTimeProperty().removeListener(leaderClock);
        }
        leader = null;
        for (Slot s : slots) {
            if (s.player != null) {
                s.player.dispose();
                s.player = null;
            }
        }
        slots.clear();
        panes.getChildren().clear();
        empty.setVisible(true);
        play.setDisable(true);
        slider.setDisable(true);
        updatingSlider = true;
        slider.setValue(0);
        updatingSlider = false;
        time.setText("0.0 / 0.0 s");
    }
}
