namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>How the process kubelet runs pods. Every knob has a default that matches the real kubelet or suits tests.</summary>
public sealed class KubeletOptions
{
    /// <summary>The environment variable naming an image mapping file that is loaded before the defaults.</summary>
    public const string ImageMappingsVariable = "ZD_IMAGE_MAPPINGS";

    /// <summary>The environment variable that sets <see cref="Redis"/>: <c>auto</c> (default), <c>redis-server</c> or <c>garnet</c>.</summary>
    public const string LocalRedisVariable = "ZD_LOCAL_REDIS";

    /// <summary>The environment variable that can point at <c>ZeroDowntime.MockVllm.dll</c>.</summary>
    public const string MockVllmVariable = "ZD_MOCKVLLM_DLL";

    /// <summary>The variable every workload process carries (value: <see cref="ProcessKubelet.InstanceId"/>), so leftovers can be found in /proc.</summary>
    public const string MarkerVariable = "ZD_KUBELET_INSTANCE";

    /// <summary>Mappings tried in order; the first match wins. Starts with the file named by <see cref="ImageMappingsVariable"/> (if set) and <see cref="ImageMappings.Defaults"/>.</summary>
    public IList<ImageMapping> ImageMappings { get; } = DefaultMappings();

    /// <summary>
    /// What runs <c>redis*</c> images (the built-in mapping): <see cref="LocalRedis.Auto"/> = <c>redis-server</c> when it
    /// is on PATH, else Garnet. Starts as <see cref="LocalRedisVariable"/> says (unset = auto).
    /// </summary>
    /// <exception cref="InvalidDataException">On construction, when <see cref="LocalRedisVariable"/> holds another value.</exception>
    public LocalRedis Redis { get; set; } = RedisPrograms.FromEnvironment();

    /// <summary>Nodes this kubelet serves; null (default) = every node.</summary>
    public IReadOnlySet<string>? NodeNames { get; set; }

    /// <summary>First crash-loop back-off (the kubelet's 10 s); later ones double.</summary>
    public TimeSpan CrashLoopBackoffBase { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest crash-loop back-off (the kubelet's 5 min).</summary>
    public TimeSpan CrashLoopBackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lines kept per container instance for <c>pods/log</c>; default 10,000.</summary>
    public int LogLinesPerContainer { get; set; } = 10_000;

    /// <summary>Grace the kubelet still gives after a preStop hook used up the grace period (the kubelet's 2 s).</summary>
    public TimeSpan MinimumGracePeriodAfterPreStop { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>SIGTERM-to-SIGKILL time when the cluster stops or a pod vanishes without graceful deletion; default 2 s.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every running container's CPU and memory are read from /proc (default 1 s).</summary>
    public TimeSpan MetricsResolution { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The span CPU usage is averaged over in the resource metrics (default 5 s). metrics-server reports
    /// over its 15 s scrape interval; the embedded cluster is shorter so a load change shows within one HPA sync.
    /// </summary>
    public TimeSpan MetricsWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Path of <c>ZeroDowntime.MockVllm.dll</c>; null = <see cref="MockVllmVariable"/>, then next to this assembly.</summary>
    public string? MockVllmPath { get; set; }

    /// <summary>Path of <c>ZeroDowntime.Garnet.dll</c> (the redis stand-in); null = <c>garnet/ZeroDowntime.Garnet.dll</c> next to this assembly.</summary>
    public string? GarnetPath { get; set; }

    /// <summary>Host variables passed to every process (a container sees nothing else of the host's environment).</summary>
    public IList<string> InheritedVariables { get; } = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "DOTNET_ROOT", "DOTNET_ROOT_X64"];

    /// <summary>The values of the <c>{Dotnet}</c>, <c>{MockVllmDll}</c>, <c>{GarnetDll}</c> and <c>{AppDir}</c> placeholders.</summary>
    public IReadOnlyDictionary<string, string> Placeholders()
    {
        var placeholders = new Dictionary<string, string> { ["AppDir"] = AppContext.BaseDirectory, ["Dotnet"] = DotnetHost() };
        if (FindMockVllm() is { } dll)
        {
            placeholders["MockVllmDll"] = dll;
        }

        string?[] garnet = [GarnetPath, Path.Combine(AppContext.BaseDirectory, "garnet", "ZeroDowntime.Garnet.dll")];
        if (garnet.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c)) is { } garnetDll)
        {
            placeholders["GarnetDll"] = garnetDll;
        }

        return placeholders;
    }

    private string? FindMockVllm()
    {
        string?[] candidates =
        [
            MockVllmPath,
            Environment.GetEnvironmentVariable(MockVllmVariable),
            Path.Combine(AppContext.BaseDirectory, "mock-vllm", "ZeroDowntime.MockVllm.dll"),
            Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.MockVllm.dll"),
        ];
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static List<ImageMapping> DefaultMappings()
    {
        var list = new List<ImageMapping>();
        if (Environment.GetEnvironmentVariable(ImageMappingsVariable) is { Length: > 0 } file)
        {
            list.AddRange(Kubelet.ImageMappings.LoadFile(file));
        }

        list.AddRange(Kubelet.ImageMappings.Defaults);
        return list;
    }
}
