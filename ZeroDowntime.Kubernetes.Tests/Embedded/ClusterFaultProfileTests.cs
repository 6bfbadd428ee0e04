using System.Diagnostics;
using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using ZeroDowntime.LocalCluster.Http.Faults;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>
/// Each control-plane fault profile of the embedded cluster against the client layer: the retry handler,
/// the watch's resume and relist must absorb the faults, so a list-watch sees every change exactly as
/// without faults, and every GET, DELETE and eviction ends as it would on a healthy server.
/// </summary>
public sealed class ClusterFaultProfileTests
{
    private const int Seed = 1234;
    private const int PodCount = 12;
    private const int MaxReads = 400;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Profiles() => [.. ApiFaultProfiles.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task The_client_absorbs_the_profile_and_a_list_watch_sees_every_change(string name)
    {
        var faults = new ApiFaults(ApiFaultProfiles.All.Single(p => p.Name == name), Seed);
        await using var cluster = new FaultyCluster(faults);
        await cluster.InitializeAsync();
        var log = new TestLog();
        using var kube = cluster.CreateClient(new KubeClientOptions { MaxRetries = 8, InitialBackoff = TimeSpan.FromMilliseconds(20), Log = log.Add });
        var ns = await cluster.NewNamespaceAsync(kube);
        var watchOptions = new WatchOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxConsecutiveFailures = 20, Log = log.Add };
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, watchOptions, ct));

        var clock = Stopwatch.StartNew();
        var names = Enumerable.Range(1, PodCount).Select(i => $"p{i}").ToArray();
        foreach (var pod in names)
        {
            await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod(pod), ns);
        }

        (await watch.TakeAsync(PodCount, Deadline)).Select(e => $"{e.Type}:{e.Object.Metadata.Name}")
            .Should().BeEquivalentTo(names.Select(n => $"Added:{n}"), "every create is seen once, whatever the faults");
        // Reads until the profile has injected something (rates are a few percent), so every profile is exercised.
        var errors = faults.Profile.TooManyRequestsRate + faults.Profile.ServerErrorRate + faults.Profile.ResetRate > 0;
        for (var read = 0; read < MaxReads && (read < PodCount || (errors && faults.Injected == 0)); read++)
        {
            var pod = names[read % PodCount];
            (await kube.CoreV1.ReadNamespacedPodAsync(pod, ns)).Metadata.Name.Should().Be(pod);
        }

        if (faults.Profile.WatchCloseAfter is not null)
        {
            // The deletions below must be seen by a watch that was cut (and, with 410s, relisted) at least once.
            var expected = faults.Profile.ResumeExpiredRate > 0 ? "expired (410 Gone); relisting" : "stream closed; resuming";
            await log.WaitForAsync(l => l.Contains(expected, StringComparison.Ordinal), $"for the watch's '{expected}'", deadline: Deadline);
        }

        (await kube.ListAllAsync(KubeResources.Pods, ns)).Items.Select(p => p.Metadata.Name).Should().BeEquivalentTo(names);
        var evicted = await kube.EvictPodAsync(names[0], ns, gracePeriodSeconds: 0);
        evicted.Outcome.Should().Be(EvictionOutcome.Evicted, "no budget guards the pod");
        foreach (var pod in names.Skip(1))
        {
            await kube.CoreV1.DeleteNamespacedPodAsync(pod, ns, new V1DeleteOptions { GracePeriodSeconds = 0 });
        }

        // The evicted pod terminates first (Modified), unless a relist folded that into its deletion.
        var after = new List<string>();
        while (after.Count(e => e.StartsWith("Deleted:", StringComparison.Ordinal)) < PodCount)
        {
            after.AddRange((await watch.TakeAsync(1, Deadline)).Select(e => $"{e.Type}:{e.Object.Metadata.Name}"));
        }

        after.Where(e => e.StartsWith("Deleted:", StringComparison.Ordinal))
            .Should().BeEquivalentTo(names.Select(n => $"Deleted:{n}"), "every deletion is seen once, whatever the faults");
        after.Where(e => !e.StartsWith("Deleted:", StringComparison.Ordinal)).Should().OnlyContain(e => e == $"Modified:{names[0]}", "only the evicted pod changed before it went");
        (await kube.ListAllAsync(KubeResources.Pods, ns)).Items.Should().BeEmpty();
        clock.Stop();

        ExpectFaultsSeen(faults, log, clock.Elapsed);
    }

    private static void ExpectFaultsSeen(ApiFaults faults, TestLog log, TimeSpan elapsed)
    {
        var profile = faults.Profile;
        if (profile.MaxLatency > TimeSpan.Zero && profile.ResetRate == 0 && profile.TooManyRequestsRate == 0)
        {
            // At least 2 PodCount GETs/DELETEs, each at least MinLatency slower.
            elapsed.Should().BeGreaterThan(profile.MinLatency * 2 * PodCount, "every API call is slowed down");
            return;
        }

        faults.Injected.Should().BeGreaterThan(0, $"profile {profile.Name} with seed {Seed} injects faults in this run; log:\n{log}");
        if (profile.TooManyRequestsRate + profile.ServerErrorRate + profile.ResetRate > 0)
        {
            log.Lines.Should().Contain(l => l.Contains("; retry ", StringComparison.Ordinal), "the retry handler absorbed the errors");
        }

        if (profile.ResumeExpiredRate > 0)
        {
            log.Lines.Should().Contain(l => l.Contains("expired (410 Gone); relisting", StringComparison.Ordinal), "a resume was refused and the watch relisted");
        }
        else if (profile.WatchCloseAfter is not null)
        {
            log.Lines.Should().Contain(l => l.Contains("stream closed; resuming", StringComparison.Ordinal), "the watch was closed mid-way and resumed");
        }
    }
}
