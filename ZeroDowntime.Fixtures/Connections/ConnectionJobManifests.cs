using System.Globalization;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

/// <summary>The Job that runs the connection client next to the target (one pod, never retried, labelled with the run id).</summary>
public static class ConnectionJobManifests
{
    /// <summary>The container's name.</summary>
    public const string ContainerName = "connection-client";

    /// <summary>The value of <c>zerodowntime.io/component</c>.</summary>
    public const string Component = "connections";

    /// <summary>The Job's name: <c>zd-connections-&lt;run id without zd-&gt;</c>.</summary>
    public static string JobName(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return "zd-connections-" + (runId.StartsWith("zd-", StringComparison.Ordinal) ? runId[3..] : runId);
    }

    /// <summary>
    /// The variable the kubelet expands in the arguments to the Service's cluster IP (<c>RAY_SERVE_CONNECTIONS_SERVICE_HOST</c>):
    /// Kubernetes sets it for every Service that exists when the pod starts, and it needs no DNS.
    /// </summary>
    public static string ServiceHostVariable(string service) => service.ToUpperInvariant().Replace('-', '_') + "_SERVICE_HOST";

    /// <summary>The client's arguments after the image's entrypoint.</summary>
    public static IReadOnlyList<string> Arguments(ConnectionJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        return
        [
            ConnectionClientCommand.Name,
            "--target", string.Create(inv, $"$({ServiceHostVariable(options.Service)}):{options.Port}"),
            "--connections", options.Connections.ToString(inv),
            "--rate", options.Rate.ToString("0.###", inv),
            "--connect-timeout", string.Create(inv, $"{options.ConnectTimeout.TotalMilliseconds:0}ms"),
            "--read-deadline", string.Create(inv, $"{options.ReadDeadline.TotalMilliseconds:0}ms"),
            "--duration", string.Create(inv, $"{options.JobDeadline.TotalSeconds:0}s"),
        ];
    }

    /// <summary>The Job: <c>backoffLimit: 0</c>, <c>restartPolicy: Never</c>, <c>activeDeadlineSeconds</c>, a grace period long enough for the final records.</summary>
    public static V1Job Job(ConnectionJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SuiteLabels.Run] = options.RunId,
            ["app.kubernetes.io/managed-by"] = "zerodowntime",
            ["zerodowntime.io/component"] = Component,
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = JobName(options.RunId), NamespaceProperty = options.Namespace, Labels = labels },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                Parallelism = 1,
                Completions = 1,
                ActiveDeadlineSeconds = (long)Math.Ceiling(options.JobDeadline.TotalSeconds) + 60,
                TtlSecondsAfterFinished = 3600, // a last safety net; the fixture deletes the Job itself
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        EnableServiceLinks = true, // the target's address comes from its Service variables
                        // The client answers SIGTERM by waiting for outstanding answers (the read deadline) and printing its records.
                        TerminationGracePeriodSeconds = (long)Math.Ceiling(options.ReadDeadline.TotalSeconds) + 20,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = ContainerName,
                                Image = options.Image,
                                ImagePullPolicy = "IfNotPresent",
                                Args = Arguments(options).ToList(),
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
                                },
                            },
                        ],
                    },
                },
            },
        };
    }
}
