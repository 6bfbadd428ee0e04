using System.Globalization;
using k8s.Models;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Builds the two objects of one k6 run: the ConfigMap holding the script and the Job running it.
/// <c>manifests/k6/</c> holds the same objects as YAML for people who want to <c>kubectl apply</c> them.
/// </summary>
/// <example>
/// <code>
/// var names = K6JobManifests.NamesFor(options, attempt: 1);
/// await kube.CoreV1.CreateNamespacedConfigMapAsync(K6JobManifests.ConfigMap(options, names), ns);
/// await kube.BatchV1.CreateNamespacedJobAsync(K6JobManifests.Job(options, names), ns);
/// </code>
/// </example>
public static class K6JobManifests
{
    /// <summary>Label carrying the run id on every object the suite creates.</summary>
    public const string RunLabel = "zerodowntime.io/run";

    /// <summary>Label naming the suite's component (<c>k6</c>), so leftovers can be found by kind of object.</summary>
    public const string ComponentLabel = "zerodowntime.io/component";

    /// <summary>The standard managed-by label; its value is <see cref="ManagedBy"/>.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedBy = "zerodowntime";

    /// <summary>The label the Job controller puts on its pods.</summary>
    public const string JobNameLabel = "job-name";

    /// <summary>Name of the k6 container.</summary>
    public const string ContainerName = "k6";

    /// <summary>Where the ConfigMap is mounted in the container.</summary>
    public const string ScriptDirectory = "/scripts";

    /// <summary>The Job and ConfigMap names for one try: <c>PREFIX-RUNID-tN</c>, a valid DNS label.</summary>
    public static K6JobNames NamesFor(K6JobOptions options, int attempt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-t{attempt}");
        var stem = Sanitize($"{options.NamePrefix}-{options.RunId}");
        stem = stem[..Math.Min(stem.Length, 52 - suffix.Length)].TrimEnd('-'); // pods get a 5-char suffix + '-' on top of 63 - 11
        return new K6JobNames(stem + suffix, stem + suffix + "-script");
    }

    /// <summary>The labels every object of the run carries.</summary>
    public static IDictionary<string, string> Labels(K6JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RunLabel] = Sanitize(options.RunId),
            [ManagedByLabel] = ManagedBy,
            [ComponentLabel] = "k6",
            ["app.kubernetes.io/name"] = "zerodowntime-k6",
        };
    }

    /// <summary>The ConfigMap with the script (<see cref="K6Script.FileName"/>).</summary>
    public static V1ConfigMap ConfigMap(K6JobOptions options, K6JobNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = names.ConfigMap, NamespaceProperty = options.Namespace, Labels = Labels(options) },
            Data = new Dictionary<string, string> { [K6Script.FileName] = K6Script.Text },
        };
    }

    /// <summary>
    /// The Job: one pod, never restarted or retried (<c>backoffLimit: 0</c>, <c>restartPolicy: Never</c>),
    /// <c>activeDeadlineSeconds</c> as a safety net, k6's REST API on <c>0.0.0.0</c>, the script's
    /// environment, anti-affinity to the target's pods and a node it must avoid.
    /// </summary>
    public static V1Job Job(K6JobOptions options, K6JobNames names)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(names);
        var container = new V1Container
        {
            Name = ContainerName,
            Image = options.Image,
            ImagePullPolicy = "IfNotPresent",
            Args = Arguments(options).ToList(),
            Env = K6Script.Environment(options.Load).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new V1EnvVar { Name = p.Key, Value = p.Value }).ToList(),
            Ports = [new V1ContainerPort { Name = "k6-api", ContainerPort = options.ApiPort }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") },
            },
            VolumeMounts = [new V1VolumeMount { Name = "script", MountPath = ScriptDirectory, ReadOnlyProperty = true }],
            TerminationMessagePolicy = "FallbackToLogsOnError",
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = names.Job, NamespaceProperty = options.Namespace, Labels = Labels(options) },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                Parallelism = 1,
                Completions = 1,
                ActiveDeadlineSeconds = (long)Math.Ceiling(options.JobDeadline.TotalSeconds),
                TtlSecondsAfterFinished = 3600, // a last safety net; the fixture deletes the Job itself
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = Labels(options) },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        TerminationGracePeriodSeconds = options.TerminationGracePeriodSeconds,
                        Containers = [container],
                        Affinity = Affinity(options),
                        Volumes = [new V1Volume { Name = "script", ConfigMap = new V1ConfigMapVolumeSource { Name = names.ConfigMap } }],
                    },
                },
            },
        };
    }

    /// <summary>The k6 command line after the image's <c>k6</c> entrypoint.</summary>
    public static IReadOnlyList<string> Arguments(K6JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ["run", string.Create(CultureInfo.InvariantCulture, $"--address=0.0.0.0:{options.ApiPort}"), $"{ScriptDirectory}/{K6Script.FileName}"];
    }

    /// <summary>
    /// Parses a label selector string (<c>a=b,c!=d,e in (f,g),h notin (i),j,!k</c>) into the object form
    /// affinity terms need.
    /// </summary>
    /// <exception cref="FormatException">The text is not a label selector.</exception>
    public static V1LabelSelector ParseSelector(string selector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var expressions = new List<V1LabelSelectorRequirement>();
        foreach (var raw in SplitRequirements(selector))
        {
            var r = raw.Trim();
            var set = System.Text.RegularExpressions.Regex.Match(r, @"^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$");
            if (set.Success)
            {
                var values = set.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                expressions.Add(new V1LabelSelectorRequirement { Key = set.Groups[1].Value, OperatorProperty = set.Groups[2].Value == "in" ? "In" : "NotIn", Values = values });
            }
            else if (r.Contains("!=", StringComparison.Ordinal))
            {
                var at = r.IndexOf("!=", StringComparison.Ordinal);
                expressions.Add(new V1LabelSelectorRequirement { Key = r[..at].Trim(), OperatorProperty = "NotIn", Values = [r[(at + 2)..].Trim()] });
            }
            else if (r.Contains('=', StringComparison.Ordinal))
            {
                var parts = r.Split(r.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
                labels[parts[0].Trim()] = parts[1].Trim();
            }
            else if (r.StartsWith('!') && r.Length > 1 && !r.Contains(' ', StringComparison.Ordinal))
            {
                expressions.Add(new V1LabelSelectorRequirement { Key = r[1..], OperatorProperty = "DoesNotExist" });
            }
            else if (r.Length > 0 && !r.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '!'))
            {
                expressions.Add(new V1LabelSelectorRequirement { Key = r, OperatorProperty = "Exists" });
            }
            else
            {
                throw new FormatException($"'{selector}' is not a label selector: cannot read '{r}'.");
            }
        }

        return new V1LabelSelector { MatchLabels = labels.Count > 0 ? labels : null, MatchExpressions = expressions.Count > 0 ? expressions : null };
    }

    private static V1Affinity? Affinity(K6JobOptions options)
    {
        V1PodAntiAffinity? podAnti = null;
        if (options.AvoidPodsMatching.Count > 0)
        {
            var terms = options.AvoidPodsMatching.Select(s => new V1PodAffinityTerm { LabelSelector = ParseSelector(s), TopologyKey = "kubernetes.io/hostname" }).ToList();
            podAnti = options.RequireAntiAffinity
                ? new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = terms }
                : new V1PodAntiAffinity { PreferredDuringSchedulingIgnoredDuringExecution = terms.Select(t => new V1WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = t }).ToList() };
        }

        V1NodeAffinity? node = null;
        if (options.AvoidNode is { Length: > 0 } avoid)
        {
            node = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "NotIn", Values = [avoid] }] }],
                },
            };
        }

        return podAnti is null && node is null ? null : new V1Affinity { PodAntiAffinity = podAnti, NodeAffinity = node };
    }

    private static IEnumerable<string> SplitRequirements(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static string Sanitize(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray();
        var s = new string(chars).Trim('-');
        while (s.Contains("--", StringComparison.Ordinal))
        {
            s = s.Replace("--", "-", StringComparison.Ordinal);
        }

        return s.Length == 0 ? "run" : s[..Math.Min(s.Length, 63)].TrimEnd('-');
    }
}
