namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>The recent cumulative samples of one pod's containers; turns them into a rate over the window. Guarded by its own lock.</summary>
internal sealed class PodSampleHistory(string ns, string name, string uid, string node)
{
    private readonly Dictionary<string, List<ContainerSample>> _containers = new(StringComparer.Ordinal);

    public string Namespace { get; } = ns;

    public string Name { get; } = name;

    public string Uid { get; } = uid;

    public string Node { get; } = node;

    /// <summary>Adds one round of samples; containers not in the round (not running) are forgotten, as is a container whose CPU went backwards (restarted).</summary>
    public void Add(DateTimeOffset at, IReadOnlyDictionary<string, (double CpuSeconds, long MemoryBytes)> round, TimeSpan keep)
    {
        lock (_containers)
        {
            foreach (var gone in _containers.Keys.Where(k => !round.ContainsKey(k)).ToList())
            {
                _containers.Remove(gone);
            }

            foreach (var (container, (cpu, memory)) in round)
            {
                if (!_containers.TryGetValue(container, out var samples) || (samples.Count > 0 && cpu < samples[^1].CpuSeconds))
                {
                    _containers[container] = samples = [];
                }

                samples.Add(new ContainerSample(at, cpu, memory));
                samples.RemoveAll(s => s.At < at - keep);
            }
        }
    }

    /// <summary>
    /// The usage over the newest sample and the newest one at least <paramref name="window"/> (less a
    /// tenth, for timer jitter) older: null until every container has that much history, as
    /// metrics-server reports a pod only after two scrapes.
    /// </summary>
    public PodUsage? Usage(TimeSpan window)
    {
        lock (_containers)
        {
            if (_containers.Count == 0)
            {
                return null;
            }

            var containers = new List<ContainerUsage>();
            DateTimeOffset? end = null;
            var span = TimeSpan.Zero;
            foreach (var (container, samples) in _containers.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var latest = samples[^1];
                var start = samples.LastOrDefault(s => latest.At - s.At >= window - window / 10);
                if (start == default)
                {
                    return null;
                }

                span = latest.At - start.At;
                end = latest.At;
                containers.Add(new ContainerUsage(container, Math.Max(0, latest.CpuSeconds - start.CpuSeconds) / span.TotalSeconds, latest.MemoryBytes));
            }

            return new PodUsage(Namespace, Name, Uid, Node, end!.Value, span, containers);
        }
    }
}
