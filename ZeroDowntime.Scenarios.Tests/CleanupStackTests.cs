using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Legacy;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Scenarios.Tests;

public sealed class CleanupStackTests
{
    [Fact]
    public async Task Cleanups_run_last_in_first_out_and_every_one_runs_despite_failures()
    {
        var ran = new List<string>();
        var cleanup = new CleanupStack();
        cleanup.Push("first", _ => { ran.Add("first"); return Task.CompletedTask; });
        cleanup.Push("broken", _ => throw new InvalidOperationException("boom"));
        cleanup.Push("gone", _ => throw new KubernetesApiException("DELETE", "/api/v1/namespaces/default/pods/x",
            new Status { Code = 404, Reason = "NotFound", Message = "pods \"x\" not found" }));
        cleanup.Push("last", _ => { ran.Add("last"); return Task.CompletedTask; });

        var errors = await cleanup.RunAsync();

        ran.Should().Equal("last", "first");
        errors.Should().Equal("broken: boom");
        cleanup.Count.Should().Be(0);
    }
}
