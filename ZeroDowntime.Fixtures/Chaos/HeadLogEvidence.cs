using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// The head's own log, read through <c>pods/log</c> with timestamps: cut when a line after the partition
/// began matches <c>REDIS_LOST_LOG</c> (the head lost Redis), restored when a line after its removal matches
/// <c>REDIS_BACK_LOG</c>. What the head does not say did not happen, as far as the suite can tell.
/// </summary>
public sealed class HeadLogEvidence(IKubernetes client, string @namespace, ZeroDowntimeSettings settings) : IPartitionEvidence
{
    private readonly Regex _lost = new(settings.Timing.NetworkPartition.RedisLostLog, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private readonly Regex _back = new(settings.Timing.NetworkPartition.RedisBackLog, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private readonly TargetInventory _inventory = new(client, @namespace, settings.Target);

    /// <inheritdoc />
    public string CutExpectation => $"the {settings.Target.Head.Name} pod's log to match '{_lost}' after the partition began";

    /// <inheritdoc />
    public string RestoredExpectation => $"the {settings.Target.Head.Name} pod's log to match '{_back}' after the partition was removed";

    /// <inheritdoc />
    public async Task<PartitionLook> LookAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        var now = MeasurementClock.UtcNow;
        var heads = await _inventory.PodsAsync(settings.Target.Head, ct).ConfigureAwait(false);
        if (heads.FirstOrDefault(h => h.Metadata.DeletionTimestamp is null) is not { } head)
        {
            return new PartitionLook(now, false, false, $"no {settings.Target.Head.Name} pod to read the log of");
        }

        var seconds = (int)Math.Ceiling((now - since).TotalSeconds) + 2;
        await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(head.Metadata.Name, @namespace, timestamps: true,
            sinceSeconds: Math.Max(1, seconds), cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            var space = line.IndexOf(' ');
            if (space > 0 && DateTimeOffset.TryParse(line[..space], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at >= since)
            {
                lines.Add(line[(space + 1)..]);
            }
        }

        var lost = lines.LastOrDefault(_lost.IsMatch);
        var back = lines.LastOrDefault(_back.IsMatch);
        var summary = lost is null && back is null
            ? $"{head.Metadata.Name} logged {lines.Count} line(s) since {since:HH:mm:ss.ff}, none about losing or regaining Redis"
            : $"{head.Metadata.Name} logged '{back ?? lost}'";
        return new PartitionLook(now, lost is not null, back is not null, summary);
    }
}
