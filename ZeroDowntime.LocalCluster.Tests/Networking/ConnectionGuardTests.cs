using System.Net;
using FluentAssertions;
using k8s;
using k8s.Models;
using System.Diagnostics;
using ZeroDowntime.LocalCluster.Networking.Policy;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

/// <summary>A denied connection is held, and moves again at its next retransmission once allowed.</summary>
public sealed class ConnectionGuardTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true, 0.1, 0.1)]   // data: first resend 200 ms after it was held
    [InlineData(true, 10, 2.6)]    // 0.2, 0.6, 1.4, 3.0, 6.2, 12.6 s
    [InlineData(false, 0.5, 0.5)]  // SYN: 1 s
    [InlineData(false, 10, 5)]     // 1, 3, 7, 15 s
    public void Held_traffic_moves_at_the_next_retransmission_of_TCPs_exponential_back_off(bool established, double healedAfter, double expectedWait)
    {
        var wait = ConnectionGuard.NextRetransmission(T0, T0.AddSeconds(healedAfter), established);

        wait.TotalSeconds.Should().BeApproximately(expectedWait, 1e-9);
    }

    [Fact]
    public async Task A_guard_is_held_while_denied_and_released_at_the_next_retransmission_after_the_policy_goes()
    {
        var guard = new ConnectionGuard(new IPEndPoint(IPAddress.Parse("127.10.0.1"), 8000), () => TrafficSource.External(IPAddress.Loopback), _ => { });
        guard.MarkEstablished();
        guard.Evaluate(Snapshot(1, deny: false));
        var open = guard.WhenAllowed;

        guard.Evaluate(Snapshot(2, deny: true));
        var clock = Stopwatch.StartNew();
        var held = guard.WhenAllowed;          // data waits from now: its first retransmission is 200 ms later
        guard.Evaluate(Snapshot(3, deny: false));
        var heldRightAfterTheChange = held.IsCompleted;
        var released = await held.WaitAsync(TimeSpan.FromSeconds(10));
        var after = clock.Elapsed;

        open.IsCompletedSuccessfully.Should().BeTrue("an allowed connection is never held");
        heldRightAfterTheChange.Should().BeFalse("held data waits for its next retransmission, not for the policy change alone");
        released.Should().BeTrue();
        after.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        guard.Decision!.Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task A_closed_guard_releases_its_waiters_with_false()
    {
        var guard = new ConnectionGuard(new IPEndPoint(IPAddress.Parse("127.10.0.1"), 8000), () => TrafficSource.External(IPAddress.Loopback), _ => { });
        guard.Evaluate(Snapshot(1, deny: true));
        var held = guard.WhenAllowed;

        guard.Dispose();

        held.IsCompletedSuccessfully.Should().BeTrue();
        (await held).Should().BeFalse();
        guard.Decision!.Reason.Should().Be("ingress to pod default/w port 8000 from external 127.0.0.1 is not allowed by NetworkPolicy default/deny");
    }

    private static NetworkPolicySnapshot Snapshot(long version, bool deny)
    {
        var worker = new PolicyPod("default", "w", "w-uid", new Dictionary<string, string> { ["app"] = "w" }, IPAddress.Parse("127.10.0.1"), new Dictionary<string, int>());
        var policies = deny
            ? [CompiledNetworkPolicy.From(KubernetesYaml.Deserialize<V1NetworkPolicy>("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: { name: deny, namespace: default }
                spec: { podSelector: { matchLabels: { app: w } }, policyTypes: [Ingress] }
                """))]
            : new List<CompiledNetworkPolicy>();
        return new NetworkPolicySnapshot(version, policies, [worker], new Dictionary<string, IReadOnlyDictionary<string, string>>());
    }
}
