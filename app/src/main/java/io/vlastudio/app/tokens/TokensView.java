package io.vlastudio.app.tokens;

import io.vlastudio.dataset.Demo;
import io.vlastudio.tokenizer.action.ActionTokenStatistics;
import io.vlastudio.tokenizer.action.BoundsPreset;
import io.vlastudio.tokenizer.action.DimensionTokenStatistics;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.CodebookUsage;
import io.vlastudio.tokenizer.image.DemoTokenization;
import io.vlastudio.tokenizer.image.FrameReconstruction;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.sequence.ActionAttentionMask;
import io.vlastudio.tokenizer.sequence.Segment;
import io.vlastudio.tokenizer.sequence.TokenKind;
import io.vlastudio.tokenizer.sequence.TokenSequence;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * The tokenizer preview: frame by frame reconstructions through an image tokenizer (original | reconstruction |
 * difference, PSNR/SSIM per frame and along the demo, the code grid with the code under the mouse, codebook usage),
 * action tokens with their statistics and the bounds snippet for WorldVLA, and the exact token sequence of a step
 * with its loss mask and action attention mask. Code only; all state lives in {@link TokensViewModel}.
 */
public final class TokensView extends BorderPane {

    static final int FRAME_SIZE = 288;

    private final TokensViewModel model;
    private final ImageView original = new ImageView();
    private final ImageView reconstruction = new ImageView();
    private final ImageView difference = new ImageView();
    private final Canvas gridOverlay = new Canvas(FRAME_SIZE, FRAME_SIZE);
    private final Label quality = new Label("–");
    private final Label hoverCode = new Label("Point at the reconstruction to see its codes.");
    private final Label fitNote = new Label();
    private final Canvas psnrLine = new Canvas(560, 46);
    private final Canvas ssimLine = new Canvas(560, 46);
    private final Label demoQuality = new Label("Tokenize the whole demo to see PSNR and SSIM along it.");
    private final Canvas usage = new Canvas(560, 70);
    private final Label usageLabel = new Label();
    private final Tooltip codeTip = new Tooltip();

    private final TableView<DimensionTokenStatistics> actionTable = new TableView<>();
    private final Canvas binHistogram = new Canvas(520, 90);
    private final Label gripper = new Label();
    private final Label stepActions = new Label();
    private final TextArea snippet = new TextArea();

    private final Canvas strip = new Canvas(720, 200);
    private final Canvas mask = new Canvas(320, 320);
    private final Label count = new Label();
    private final Label tokenHover = new Label("Point at a token to see it.");
    private final Label maskLabel = new Label();
    private final Label sequenceNote = new Label();
    private final Label promptWarning = new Label();
    private static final int CELL = 8;
    private static final int CELLS_PER_ROW = 90;

    public TokensView(TokensViewModel model) {
        this.model = model;
        getStyleClass().add("tokens-view");
        setId("tokens-view");
        setTop(toolbar());
        TabPane tabs = new TabPane(tab("Images", "tab-images", imagesPane()), tab("Actions", "tab-actions", actionsPane()),
                tab("What the model sees", "tab-sequence", sequencePane()));
        tabs.setId("tokens-tabs");
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, o, n) -> model.sequenceVisibleProperty().set(n.intValue() == 2));
        setCenter(tabs);
        setBottom(timeline());

        model.reconstructionProperty().addListener((obs, o, n) -> showReconstruction(n));
        model.demoTokenizationProperty().addListener((obs, o, n) -> showDemoTokenization());
        model.viewUsageProperty().addListener((obs, o, n) -> showUsage());
        model.stepProperty().addListener((obs, o, n) -> {
            showDemoTokenization();
            showStepActions();
        });
        model.actionStatisticsProperty().addListener((obs, o, n) -> showActions(n));
        model.demoActionTokensProperty().addListener((obs, o, n) -> showStepActions());
        model.sequenceProperty().addListener((obs, o, n) -> showSequence(n));
        snippet.textProperty().bind(model.snippetProperty());
        sequenceNote.textProperty().bind(model.sequenceNoteProperty());
        promptWarning.textProperty().bind(model.promptWarningProperty());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.LEFT) {
                model.stepBy((e.getCode() == KeyCode.RIGHT ? 1 : -1) * (e.isShiftDown() ? 10 : 1));
                e.consume();
            }
        });
    }

    private static Tab tab(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    private Node toolbar() {
        Label demo = new Label();
        demo.setId("tokens-demo");
        demo.textProperty().bind(model.demoLabelProperty());
        demo.getStyleClass().add("tokens-title");
        Label tokenizer = new Label();
        tokenizer.setId("tokens-tokenizer");
        tokenizer.textProperty().bind(model.tokenizerLabelProperty());
        Button builtin = new Button("Built-in tokenizer");
        builtin.setId("tokens-use-builtin");
        builtin.setTooltip(new Tooltip("The studio's own patch tokenizer: trained on the open files' frames the first time "
                + "(a minute or two), then kept in the workspace."));
        builtin.setOnAction(e -> model.useBuiltin(PatchCodebookTrainer.Settings.defaults()));
        Button retrain = new Button("Retrain");
        retrain.setId("tokens-retrain-builtin");
        retrain.setOnAction(e -> model.trainBuiltin(PatchCodebookTrainer.Settings.defaults()));
        Button folder = new Button("Chameleon VQ-GAN folder…");
        folder.setId("tokens-choose-folder");
        folder.setTooltip(new Tooltip("A folder with encoder.pt, decoder.pt and vqgan-torchscript.json, written by "
                + TokensViewModel.exportScriptName() + " (vla-studio tokens export-script) from Chameleon's vqgan.yaml + vqgan.ckpt."));
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder with encoder.pt, decoder.pt and vqgan-torchscript.json");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                model.useFolder(dir.toPath());
            }
        });
        for (Button b : new Button[] {builtin, retrain, folder}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        tokenizer.setMinWidth(0);
        tokenizer.setWrapText(true);
        builtin.disableProperty().bind(model.busyProperty());
        retrain.disableProperty().bind(model.busyProperty());
        folder.disableProperty().bind(model.busyProperty());
        ChoiceBox<String> camera = new ChoiceBox<>();
        camera.setId("tokens-camera");
        model.demoProperty().addListener((obs, o, d) -> {
            if (d != null) {
                camera.getItems().setAll(d.cameras().stream().map(io.vlastudio.dataset.CameraInfo::name).toList());
                camera.setValue(model.cameraProperty().get());
            }
        });
        camera.valueProperty().addListener((obs, o, n) -> {
            if (n != null) {
                model.cameraProperty().set(n);
            }
        });
        Label status = new Label();
        status.setId("tokens-status");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("tokens-muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row1 = new HBox(10, demo, grow, new Label("Camera"), camera);
        HBox row2 = new HBox(8, builtin, retrain, folder, tokenizer);
        row1.setAlignment(Pos.CENTER_LEFT);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, row1, row2, status);
        box.getStyleClass().add("viewer-toolbar");
        return box;
    }

    private Node timeline() {
        Slider slider = new Slider(0, 0, 0);
        slider.setId("tokens-step-slider");
        slider.setBlockIncrement(1);
        slider.maxProperty().bind(model.lastStepProperty());
        slider.valueProperty().addListener((obs, o, n) -> model.stepProperty().set((int) Math.round(n.doubleValue())));
        Label label = new Label();
        label.setId("tokens-step-label");
        label.setMinWidth(120);
        Runnable update = () -> label.setText("step " + model.stepProperty().get() + " / " + model.lastStepProperty().get());
        model.stepProperty().addListener((obs, o, n) -> {
            slider.setValue(n.intValue());
            update.run();
        });
        model.lastStepProperty().addListener((obs, o, n) -> update.run());
        update.run();
        HBox.setHgrow(slider, Priority.ALWAYS);
        HBox box = new HBox(10, slider, label);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("timeline");
        return box;
    }

    // ---- images ----------------------------------------------------------------------------------------------

    private Node imagesPane() {
        StackPane recon = new StackPane(reconstruction, gridOverlay);
        gridOverlay.setId("tokens-grid-overlay");
        gridOverlay.setOnMouseMoved(this::hover);
        gridOverlay.setOnMouseExited(e -> drawGrid(null, -1, -1));
        Tooltip.install(gridOverlay, codeTip);
        HBox frames = new HBox(12, framePane("Original (as the tokenizer sees it)", "tokens-original", new StackPane(original)),
                framePane("Reconstruction (codes overlaid)", "tokens-reconstruction", recon),
                framePane("Difference", "tokens-difference", new StackPane(difference)));
        for (ImageView v : new ImageView[] {original, reconstruction, difference}) {
            v.setFitWidth(FRAME_SIZE);
            v.setFitHeight(FRAME_SIZE);
            v.setPreserveRatio(true);
            v.setSmooth(false);
        }
        quality.setId("tokens-quality");
        hoverCode.setId("tokens-hover-code");
        fitNote.setId("tokens-fit-note");
        fitNote.getStyleClass().add("tokens-warning");
        Button tokenizeDemo = new Button("Tokenize whole demo");
        tokenizeDemo.setId("tokens-tokenize-demo");
        tokenizeDemo.setOnAction(e -> model.tokenizeDemo());
        psnrLine.setId("tokens-psnr-sparkline");
        ssimLine.setId("tokens-ssim-sparkline");
        psnrLine.setOnMouseClicked(e -> seek(e, psnrLine));
        ssimLine.setOnMouseClicked(e -> seek(e, ssimLine));
        demoQuality.setId("tokens-demo-quality");
        usage.setId("tokens-usage");
        usageLabel.setId("tokens-usage-label");
        VBox box = new VBox(8, frames, new HBox(16, quality, hoverCode), fitNote, new HBox(10, tokenizeDemo, demoQuality),
                caption("PSNR along the demo (click to go to a step)"), psnrLine, caption("SSIM along the demo"), ssimLine,
                caption("Codebook usage (log scale; red: dead codes)"), usage, usageLabel);
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tokens-muted");
        return l;
    }

    private static VBox framePane(String title, String id, StackPane frame) {
        frame.setMinSize(FRAME_SIZE, FRAME_SIZE);
        frame.setMaxSize(FRAME_SIZE, FRAME_SIZE);
        frame.getStyleClass().add("frame-box");
        VBox box = new VBox(4, caption(title), frame);
        box.setId(id);
        return box;
    }

    private void showReconstruction(FrameReconstruction r) {
        if (r == null) {
            return;
        }
        original.setImage(Charts.image(r.input()));
        reconstruction.setImage(Charts.image(r.reconstruction()));
        difference.setImage(Charts.heatmap(r.difference(), r.input().width(), r.input().height()));
        quality.setText(String.format(Locale.ROOT, "step %d · PSNR %.2f dB · SSIM %.4f · %d distinct codes", r.step(), r.psnr(),
                r.ssim(), Arrays.stream(r.codes().codes()).distinct().count()));
        fitNote.setText(r.fitNote().isEmpty() ? "" : "Frames are fitted to the tokenizer: " + r.fitNote() + ".");
        drawGrid(r.codes(), -1, -1);
    }

    /** The code grid over the reconstruction, with cell {@code (row, col)} highlighted when it is not -1. */
    private void drawGrid(CodeGrid codes, int row, int col) {
        if (codes == null) {
            FrameReconstruction r = model.reconstructionProperty().get();
            if (r == null) {
                return;
            }
            codes = r.codes();
        }
        GraphicsContext g = gridOverlay.getGraphicsContext2D();
        g.clearRect(0, 0, FRAME_SIZE, FRAME_SIZE);
        double cw = (double) FRAME_SIZE / codes.cols();
        double ch = (double) FRAME_SIZE / codes.rows();
        g.setStroke(Color.color(1, 1, 1, 0.22));
        g.setLineWidth(0.5);
        for (int i = 1; i < codes.cols(); i++) {
            g.strokeLine(i * cw, 0, i * cw, FRAME_SIZE);
        }
        for (int i = 1; i < codes.rows(); i++) {
            g.strokeLine(0, i * ch, FRAME_SIZE, i * ch);
        }
        if (row >= 0 && col >= 0) {
            g.setStroke(Color.web("#ffd54f"));
            g.setLineWidth(2);
            g.strokeRect(col * cw, row * ch, cw, ch);
        }
    }

    private void hover(MouseEvent e) {
        FrameReconstruction r = model.reconstructionProperty().get();
        if (r == null) {
            return;
        }
        CodeGrid codes = r.codes();
        double cw = (double) FRAME_SIZE / codes.cols();
        double ch = (double) FRAME_SIZE / codes.rows();
        int col = Math.max(0, Math.min(codes.cols() - 1, (int) (e.getX() / cw)));
        int row = Math.max(0, Math.min(codes.rows() - 1, (int) (e.getY() / ch)));
        drawGrid(codes, row, col);
        String text = "code " + codes.codeAt(row, col) + " at row " + row + ", column " + col + " (token "
                + (row * (codes.cols() + 1) + col) + " of the image block's code rows)";
        hoverCode.setText(text);
        codeTip.setText("code " + codes.codeAt(row, col));
    }

    private void seek(MouseEvent e, Canvas canvas) {
        DemoTokenization t = model.demoTokenizationProperty().get();
        if (t != null && t.steps() > 1) {
            model.stepProperty().set((int) Math.round(e.getX() / (canvas.getWidth() - 1) * (t.steps() - 1)));
        }
    }

    private void showDemoTokenization() {
        DemoTokenization t = model.demoTokenizationProperty().get();
        int step = model.stepProperty().get();
        if (t == null) {
            Charts.sparkline(psnrLine, null, -1, 0, 1, Color.WHITE);
            Charts.sparkline(ssimLine, null, -1, 0, 1, Color.WHITE);
            demoQuality.setText("Tokenize the whole demo to see PSNR and SSIM along it.");
            showUsage();
            return;
        }
        double lo = Arrays.stream(t.psnr()).min().orElse(0);
        double hi = Arrays.stream(t.psnr()).max().orElse(1);
        Charts.sparkline(psnrLine, t.psnr(), step, Math.floor(lo - 1), Math.ceil(hi + 1), Color.web("#5aa9e6"));
        Charts.sparkline(ssimLine, t.ssim(), step, 0, 1, Color.web("#8bc34a"));
        demoQuality.setText(String.format(Locale.ROOT, "%d frames · mean PSNR %.2f dB (%.2f … %.2f) · mean SSIM %.4f", t.steps(),
                t.meanPsnr(), lo, hi, t.meanSsim()));
        showUsage();
    }

    private void showUsage() {
        DemoTokenization t = model.demoTokenizationProperty().get();
        CodebookUsage view = model.viewUsageProperty().get();
        Charts.histogram(usage, t == null ? null : t.usage().counts(), true, Color.web("#5aa9e6"));
        StringBuilder text = new StringBuilder();
        if (t != null) {
            text.append(String.format(Locale.ROOT, "This demo: %d of %d codes used, %d dead.", t.usage().usedCodes(),
                    t.usage().codebookSize(), t.usage().deadCodes()));
        }
        if (view != null) {
            text.append(String.format(Locale.ROOT, "  Every demo tokenized in this view: %d of %d codes used, %d dead.",
                    view.usedCodes(), view.codebookSize(), view.deadCodes()));
        }
        usageLabel.setText(text.toString());
    }

    // ---- actions ---------------------------------------------------------------------------------------------

    private Node actionsPane() {
        ChoiceBox<BoundsPreset> bounds = new ChoiceBox<>();
        bounds.setId("tokens-bounds");
        bounds.getItems().setAll(BoundsPreset.values());
        bounds.valueProperty().bindBidirectional(model.boundsPresetProperty());
        actionTable.setId("tokens-action-table");
        actionTable.getColumns().add(column("dim", d -> Integer.toString(d.dimension())));
        actionTable.getColumns().add(column("min", d -> String.format(Locale.ROOT, "%.6f", model.boundsProperty().get().min()[d.dimension()])));
        actionTable.getColumns().add(column("max", d -> String.format(Locale.ROOT, "%.6f", model.boundsProperty().get().max()[d.dimension()])));
        actionTable.getColumns().add(column("clipped", d -> String.format(Locale.ROOT, "%.2f %%", 100 * d.clippedShare())));
        actionTable.getColumns().add(column("mean |err|", d -> String.format(Locale.ROOT, "%.3e", d.meanAbsError())));
        actionTable.getColumns().add(column("max |err|", d -> String.format(Locale.ROOT, "%.3e", d.maxAbsError())));
        actionTable.getColumns().add(column("bins used", d -> Integer.toString(256 - d.emptyBins())));
        actionTable.setPrefHeight(230);
        actionTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        actionTable.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                Charts.histogram(binHistogram, n.histogram(), false, Color.web("#ffcc80"));
            }
        });
        binHistogram.setId("tokens-bin-histogram");
        gripper.setId("tokens-gripper");
        stepActions.setId("tokens-step-actions");
        stepActions.getStyleClass().add("tokens-mono");
        snippet.setId("tokens-snippet");
        snippet.setEditable(false);
        snippet.setPrefRowCount(7);
        snippet.getStyleClass().add("tokens-mono");
        VBox box = new VBox(8, new HBox(8, new Label("Bounds"), bounds, caption("(data bounds are computed over every demo open in the library)")),
                actionTable, caption("Bins of the selected dimension (tokens 10006 … 10261)"), binHistogram, gripper, stepActions,
                caption("Put these bounds into WorldVLA (both places) when they are not its built-in ones:"), snippet);
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static TableColumn<DimensionTokenStatistics, String> column(String title, Function<DimensionTokenStatistics, String> f) {
        TableColumn<DimensionTokenStatistics, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private void showActions(ActionTokenStatistics stats) {
        if (stats == null) {
            return;
        }
        actionTable.getItems().setAll(stats.dimensions());
        actionTable.getSelectionModel().select(0);
        Charts.histogram(binHistogram, stats.dimensions().get(0).histogram(), false, Color.web("#ffcc80"));
        gripper.setText(String.format(Locale.ROOT, "Gripper: %d of %d steps (%.2f %%) change sign after the round trip · "
                        + "%d demos, %d steps", stats.gripper().signFlips(), stats.steps(), 100 * stats.gripper().signFlipShare(),
                stats.demos(), stats.steps()));
    }

    private void showStepActions() {
        int[][] tokens = model.demoActionTokensProperty().get();
        int s = model.stepProperty().get();
        if (tokens == null || s >= tokens.length) {
            stepActions.setText("");
            return;
        }
        stepActions.setText("step " + s + " tokens: " + Arrays.toString(tokens[s]));
    }

    // ---- sequence --------------------------------------------------------------------------------------------

    private Node sequencePane() {
        ChoiceBox<TokensViewModel.SampleKind> kind = new ChoiceBox<>();
        kind.setId("tokens-sample-kind");
        kind.getItems().setAll(TokensViewModel.SampleKind.values());
        kind.valueProperty().bindBidirectional(model.sampleKindProperty());
        Spinner<Integer> history = new Spinner<>(1, 8, model.historyProperty().get());
        history.setId("tokens-history");
        history.setPrefWidth(70);
        history.valueProperty().addListener((obs, o, n) -> model.historyProperty().set(n));
        Spinner<Integer> chunk = new Spinner<>(1, 20, model.chunkProperty().get());
        chunk.setId("tokens-chunk");
        chunk.setPrefWidth(70);
        chunk.valueProperty().addListener((obs, o, n) -> model.chunkProperty().set(n));
        model.chunkProperty().addListener((obs, o, n) -> chunk.getValueFactory().setValue(n.intValue()));
        ChoiceBox<TokensViewModel.PromptSource> prompt = new ChoiceBox<>();
        prompt.setId("tokens-prompt-source");
        prompt.getItems().setAll(TokensViewModel.PromptSource.values());
        prompt.valueProperty().bindBidirectional(model.promptSourceProperty());
        Button text = new Button("text_tokenizer.json…");
        text.setId("tokens-text-tokenizer");
        text.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Chameleon's text_tokenizer.json");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tokenizer JSON", "*.json"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.textTokenizerFileProperty().set(f.toPath());
            }
        });
        HBox controls = new HBox(8, new Label("Sample"), kind, new Label("history M"), history, new Label("chunk K"), chunk,
                new Label("Prompt"), prompt, text);
        controls.setAlignment(Pos.CENTER_LEFT);
        count.setId("tokens-count");
        count.getStyleClass().add("tokens-title");
        tokenHover.setId("tokens-token-hover");
        tokenHover.getStyleClass().add("tokens-mono");
        sequenceNote.setId("tokens-sequence-note");
        sequenceNote.getStyleClass().add("tokens-warning");
        promptWarning.setId("tokens-prompt-warning");
        promptWarning.getStyleClass().add("tokens-warning");
        strip.setId("tokens-strip");
        strip.setOnMouseMoved(this::hoverToken);
        mask.setId("tokens-mask");
        maskLabel.setId("tokens-mask-label");
        maskLabel.setWrapText(true);
        maskLabel.setMaxWidth(320);
        FlowPane legend = new FlowPane(10, 4);
        for (TokenKind k : TokenKind.values()) {
            Region swatch = new Region();
            swatch.setMinSize(10, 10);
            swatch.setStyle("-fx-background-color: " + web(TokenColours.of(k)) + ";");
            Label l = new Label(k.label(), swatch);
            l.getStyleClass().add("tokens-muted");
            legend.getChildren().add(l);
        }
        Label lossLegend = caption("Under each token: a bright bar where the loss is computed (label = token), none where the label is -100.");
        VBox left = new VBox(6, count, sequenceNote, promptWarning, legend, lossLegend, strip, tokenHover);
        VBox right = new VBox(6, caption("Attention (row attends to column): grey causal, red removed by the action mask"), mask, maskLabel);
        HBox body = new HBox(16, left, right);
        VBox box = new VBox(10, controls, body);
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255), (int) (c.getBlue() * 255));
    }

    private void showSequence(TokenSequence s) {
        GraphicsContext g = strip.getGraphicsContext2D();
        if (s == null) {
            g.clearRect(0, 0, strip.getWidth(), strip.getHeight());
            mask.getGraphicsContext2D().clearRect(0, 0, mask.getWidth(), mask.getHeight());
            count.setText("");
            maskLabel.setText("");
            return;
        }
        count.setText(String.format(Locale.ROOT, "%s%d tokens of %d (%d trained on)%s", s.textTokenized() ? "" : "at least ",
                s.length(), TokenSequence.MAX_TOKENS, s.predictedCount(),
                s.exceedsLimit() ? " — longer than WorldVLA's 4096: it would be truncated" : ""));
        int rows = (s.length() + CELLS_PER_ROW - 1) / CELLS_PER_ROW;
        strip.setWidth(CELLS_PER_ROW * CELL);
        strip.setHeight(rows * (CELL + 4));
        g.setFill(Color.web("#111317"));
        g.fillRect(0, 0, strip.getWidth(), strip.getHeight());
        for (int i = 0; i < s.length(); i++) {
            double x = (i % CELLS_PER_ROW) * CELL;
            double y = (i / CELLS_PER_ROW) * (CELL + 4);
            g.setFill(TokenColours.of(s.kind(i)));
            g.fillRect(x, y, CELL - 1, CELL - 1);
            if (s.predicted(i)) {
                g.setFill(Color.web("#ffd54f"));
                g.fillRect(x, y + CELL, CELL - 1, 2);
            }
        }
        drawMask(s);
    }

    private void hoverToken(MouseEvent e) {
        TokenSequence s = model.sequenceProperty().get();
        if (s == null) {
            return;
        }
        int i = (int) (e.getY() / (CELL + 4)) * CELLS_PER_ROW + (int) (e.getX() / CELL);
        if (i < 0 || i >= s.length()) {
            return;
        }
        String segment = s.segments().stream().filter(sg -> i >= sg.start() && i < sg.end()).map(Segment::label).findFirst().orElse("");
        tokenHover.setText("#" + i + "  id " + (s.id(i) < 0 ? "?" : Integer.toString(s.id(i))) + "  " + s.kind(i).label()
                + "  label " + (s.predicted(i) ? Integer.toString(s.id(i)) : "-100") + "  · " + segment);
    }

    private void drawMask(TokenSequence s) {
        ActionAttentionMask m = s.attentionMask();
        int n = s.length();
        double size = mask.getWidth();
        double scale = size / n;
        GraphicsContext g = mask.getGraphicsContext2D();
        g.setFill(Color.web("#111317"));
        g.fillRect(0, 0, size, size);
        // causal triangle
        g.setFill(Color.web("#4a515c"));
        g.fillPolygon(new double[] {0, 0, size}, new double[] {0, size, size}, 3);
        g.setFill(Color.web("#e53935"));
        for (int[] b : m.maskedBlocks()) {
            g.fillRect(b[2] * scale, b[0] * scale, Math.max(1, (b[3] - b[2] + 1) * scale), Math.max(1, (b[1] - b[0] + 1) * scale));
        }
        maskLabel.setText(String.format(Locale.ROOT, "%d×%d; the action mask removes %d query-key pairs in %d blocks%s", n, n,
                m.maskedPairs(), m.maskedBlocks().size(), m.maskedBlocks().isEmpty()
                        ? " (one action block, or actions before the last image: nothing to mask)"
                        : ": each action of the chunk sees the prompt and images, not the earlier actions"));
    }

    /** The demo shown, for tests. */
    Demo demo() {
        return model.demoProperty().get();
    }
}
