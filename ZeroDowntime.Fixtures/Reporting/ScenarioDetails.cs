namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Facts a scenario reports beyond the common metrics, in the order first set: the chaos seed and the
/// pods it picked, a partition's window and its proof of effect. summary.json writes them under
/// <c>details</c> (a string, or an array of strings), the console and report.html one row each.
/// </summary>
/// <example><code>
/// result.Details.Set("seed", "Chaos seed", seed.ToString());
/// result.Details.Set("killed_pods", "Killed pods", ["round 1: ray-worker-abc (2nd of 3 by name) on zd-node-2"]);
/// </code></example>
public sealed class ScenarioDetails
{
    private readonly Lock _gate = new();
    private readonly List<ScenarioDetail> _details = [];

    /// <summary>Every detail, in the order first set.</summary>
    public IReadOnlyList<ScenarioDetail> All
    {
        get
        {
            lock (_gate)
            {
                return _details.ToList();
            }
        }
    }

    /// <summary>Sets a single-valued detail (replacing one with the same key in its place).</summary>
    public void Set(string key, string label, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Put(new ScenarioDetail(key, label, [value], IsList: false));
    }

    /// <summary>Sets a list-valued detail (replacing one with the same key in its place).</summary>
    public void Set(string key, string label, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Put(new ScenarioDetail(key, label, values.ToList(), IsList: true));
    }

    private void Put(ScenarioDetail detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail.Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(detail.Label);
        lock (_gate)
        {
            var index = _details.FindIndex(d => d.Key == detail.Key);
            if (index >= 0)
            {
                _details[index] = detail;
            }
            else
            {
                _details.Add(detail);
            }
        }
    }
}
