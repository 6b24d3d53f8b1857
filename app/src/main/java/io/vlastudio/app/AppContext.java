package io.vlastudio.app;

import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.FileInspector;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.tokenizer.sequence.WorldVlaSampleCounter;
import io.vlastudio.store.WorkspaceOptions;
import io.vlastudio.store.Workspaces;
import io.vlastudio.tokenizer.action.BoundsCalculator;
import io.vlastudio.tokenizer.action.DemoActionsReader;
import io.vlastudio.tokenizer.image.BuiltinTokenizerStore;
import io.vlastudio.tokenizer.image.DemoReconstructor;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.ImageTokenizers;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root: builds every service once and hands them out. Nothing else in the studio constructs
 * services, and nothing is static.
 */
public final class AppContext {

    private final StudioPaths paths;
    private final DemoReader reader;
    private final DatasetScanner scanner;
    private final StatisticsCalculator statistics;
    private final FileInspector inspector;
    private final SyntheticSuiteWriter suiteWriter;
    private final SampleWorkspace sampleWorkspace;
    private final Workspaces workspaces;
    private final StudioSettings settings;
    private final DemoActionsReader actionsReader;
    private final BoundsCalculator boundsCalculator;
    private final TorchRuntime torch;
    private final ImageTokenizers imageTokenizers;
    private final BuiltinTokenizerStore builtinTokenizer;
    private final DemoReconstructor reconstructor;

    public AppContext(StudioPaths paths) {
        this(paths, WorkspaceOptions.defaults());
    }

    /** A context whose workspaces open with the given options (tests use a short busy timeout). */
    public AppContext(StudioPaths paths, WorkspaceOptions workspaceOptions) {
        this.paths = paths;
        this.reader = new Hdf5DemoReader();
        this.scanner = new DatasetScanner(reader);
        this.statistics = new StatisticsCalculator(new NoOpDetector());
        this.inspector = new FileInspector(statistics);
        this.suiteWriter = new SyntheticSuiteWriter(GeneratorSettings.defaults());
        this.sampleWorkspace = new SampleWorkspace(paths.sampleWorkspace(), suiteWriter);
        this.workspaces = new SqliteWorkspaces(reader, statistics, Clock.systemUTC(), System.getProperty("user.name"),
                workspaceOptions, new WorldVlaMixCounting(new WorldVlaSampleCounter(null)));
        this.settings = new StudioSettings(paths.dataHome().resolve("settings.json"));
        this.actionsReader = new DemoActionsReader();
        this.boundsCalculator = new BoundsCalculator();
        this.torch = new TorchRuntime(TorchSettings.defaults()); // the engine loads on first use, not here
        FrameFitter fitter = new FrameFitter();
        this.imageTokenizers = new ImageTokenizers(torch);
        this.builtinTokenizer = new BuiltinTokenizerStore(paths.builtinTokenizer(), torch, new PatchCodebookTrainer(torch, fitter));
        this.reconstructor = new DemoReconstructor(fitter, 8);
    }

    /** The context for this user: XDG folders from the environment. */
    public static AppContext forUser() {
        return new AppContext(StudioPaths.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    public StudioPaths paths() {
        return paths;
    }

    public DemoReader reader() {
        return reader;
    }

    public DatasetScanner scanner() {
        return scanner;
    }

    public StatisticsCalculator statistics() {
        return statistics;
    }

    public FileInspector inspector() {
        return inspector;
    }

    public SyntheticSuiteWriter suiteWriter() {
        return suiteWriter;
    }

    /** User settings; FX thread only. */
    public StudioSettings settings() {
        return settings;
    }

    public SampleWorkspace sampleWorkspace() {
        return sampleWorkspace;
    }

    /** Opens workspaces (the catalog, reviews and history); changes are signed with the user's login name. */
    /** The training launcher of an open workspace (runs of issue 10); runs live under {@code <workspace>/runs/}. */
    public io.vlastudio.training.run.RunLauncher runLauncher(io.vlastudio.store.Workspace workspace) {
        return new io.vlastudio.training.run.RunLauncher(workspace.runs(), workspace.directory(),
                io.vlastudio.training.run.RunPlanner.forThisJvm(builtinTokenizer().folder()));
    }

    public Workspaces workspaces() {
        return workspaces;
    }

    public DemoActionsReader actionsReader() {
        return actionsReader;
    }

    public BoundsCalculator boundsCalculator() {
        return boundsCalculator;
    }

    public TorchRuntime torch() {
        return torch;
    }

    public ImageTokenizers imageTokenizers() {
        return imageTokenizers;
    }

    public BuiltinTokenizerStore builtinTokenizer() {
        return builtinTokenizer;
    }

    public DemoReconstructor reconstructor() {
        return reconstructor;
    }

    /** The studio version written into manifests ("development" when not run from a packaged jar). */
    public static String studioVersion() {
        String v = AppContext.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Writes WorldVLA exports of mixes (Export…, {@code vla-studio export worldvla}); uses every core. */
    public io.vlastudio.training.export.WorldVlaExporter worldVlaExporter() {
        return new io.vlastudio.training.export.WorldVlaExporter(reader, studioVersion());
    }

    /** Every predictions folder of a workspace (issue 12): {@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<stem>#<demo>/}. */
    public io.vlastudio.training.predictions.PredictionCatalog predictions(Path workspaceDir) {
        return new io.vlastudio.training.predictions.PredictionCatalog(workspaceDir);
    }

    /** Writes comparisons of predicted and real frames as a PNG strip, a GIF or an MP4. */
    public io.vlastudio.training.predictions.ComparisonExport comparisonExport() {
        return new io.vlastudio.training.predictions.ComparisonExport();
    }
}
