using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Picks the load generator per <c>ZD_LOAD</c>: <c>auto</c> runs the k6 Job on a kubeconfig cluster and
/// the built-in generator on the embedded one; <c>k6</c> forces the Job (on the embedded cluster only
/// with an image mapping for the k6 image); <c>builtin</c> forces the in-process generator, which needs
/// the service address reachable from the test process. <see cref="ILoadGenerator.Name"/> tells the report which ran.
/// </summary>
/// <example>
/// <code>
/// await using var load = LoadGeneratorFactory.Create(settings, session, new LoadGeneratorRequest { Request = request, RunId = runId, AvoidNode = node });
/// report.LoadGenerator = load.Name;   // "k6" or "builtin"
/// </code>
/// </example>
public static class LoadGeneratorFactory
{
    /// <summary>The generator <paramref name="choice"/> means on <paramref name="cluster"/>: never <see cref="LoadGeneratorChoice.Auto"/>.</summary>
    public static LoadGeneratorChoice Resolve(LoadGeneratorChoice choice, ClusterMode cluster) => choice switch
    {
        LoadGeneratorChoice.Auto => cluster == ClusterMode.Kubeconfig ? LoadGeneratorChoice.K6 : LoadGeneratorChoice.Builtin,
        _ => choice,
    };

    /// <summary>Creates the generator <c>ZD_LOAD</c> selects; nothing runs before <see cref="ILoadGenerator.StartAsync"/>.</summary>
    /// <exception cref="ZeroDowntimeConfigurationException"><c>ZD_LOAD=k6</c> on the embedded cluster without an image mapping for the k6 image.</exception>
    public static ILoadGenerator Create(ZeroDowntimeSettings settings, ClusterSession session, LoadGeneratorRequest request)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var load = settings.Timing.Load;
        var options = new LoadOptions
        {
            Request = request.Request,
            Rate = request.Stages is { Count: > 0 } stages ? stages[0].Rate : load.RatePerSecond,
            Stages = request.Stages,
            MaxConcurrency = request.Concurrency ?? load.Concurrency,
            Duration = request.Duration,
            RequestTimeout = load.RequestTimeout,
            ConnectionMode = load.Mode,
        };
        if (Resolve(settings.LoadGenerator, settings.Cluster) == LoadGeneratorChoice.Builtin)
        {
            request.Log?.Invoke($"load generator: builtin (ZD_LOAD={Text(settings.LoadGenerator)}), sending to {request.Request.Uri}");
            return new BuiltInLoadGenerator(options);
        }

        if (settings.Cluster == ClusterMode.Local && request.EmbeddedClusterRunsImage?.Invoke(settings.K6Image) != true)
        {
            throw new ZeroDowntimeConfigurationException([
                $"ZD_LOAD is 'k6', but the embedded local cluster cannot run the image {settings.K6Image} unless an image mapping for it is configured; " +
                "use ZD_LOAD=auto or builtin here, or run against a real cluster with ZD_CLUSTER=kubeconfig."]);
        }

        var inCluster = request.InClusterUri ?? InClusterUri(settings, session.Namespace);
        request.Log?.Invoke($"load generator: k6 Job ({settings.K6Image}, ZD_LOAD={Text(settings.LoadGenerator)}), sending to {inCluster}");
        return new K6JobLoadGenerator(session.Client, new K6JobOptions
        {
            Load = options with { Request = request.Request with { Uri = inCluster } },
            RunId = request.RunId,
            Namespace = session.Namespace,
            Image = settings.K6Image,
            AvoidPodsMatching = settings.Target.Roles.Select(r => r.Selector).ToList(),
            AvoidNode = request.AvoidNode,
            StartTimeout = load.StartTimeout,
            JobDeadline = load.JobDeadline,
            SummaryTimeout = load.RequestTimeout + TimeSpan.FromSeconds(30),
            Log = request.Log,
            ImageFailureHint = ImageFailureHint(settings),
        });
    }

    /// <summary>What the k6 failure says when the cluster cannot run the k6 image: why the Job was chosen and how to choose the built-in generator.</summary>
    internal static string ImageFailureHint(ZeroDowntimeSettings settings) =>
        $"The cluster cannot run the k6 image {settings.K6Image} (ZD_K6_IMAGE); " +
        (settings.LoadGenerator == LoadGeneratorChoice.Auto ? "ZD_LOAD=auto picks the k6 Job on a real cluster. " : "ZD_LOAD=k6 asks for the k6 Job. ") +
        "Set ZD_LOAD=builtin to send the load from the test process instead (the service's address, the load balancer's ingress " +
        "or ZD_TARGET__BASE_URL, must be reachable from this machine), or make the image pullable by the cluster's nodes.";

    /// <summary>The Service's in-cluster address: <c>http://SERVICE.NAMESPACE.svc:PORT/PATH</c>.</summary>
    public static Uri InClusterUri(ZeroDowntimeSettings settings, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var t = settings.Target;
        return new Uri($"http://{t.ServiceName}.{@namespace}.svc:{t.ServicePort}{t.EndpointPath}");
    }

    private static string Text(LoadGeneratorChoice choice) => SettingValueParser.ToText(choice);
}
